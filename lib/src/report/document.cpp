// What every document renderer shares.
#include <hlpb/report/document.hpp>

namespace hlpb::report {

const DocTable* find_table(const Document& doc, std::string_view key) {
    for (const auto& section : doc.sections)
        for (const auto& table : section.tables)
            if (table.key == key)
                return &table;
    return nullptr;
}

} // namespace hlpb::report
