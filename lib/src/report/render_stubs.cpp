// TEMPORARY (doc-text branch): weak stand-ins for render_html and write_xlsx until the html and
// xlsx helpers' files are merged; their definitions replace these. The lead deletes this file at
// merge.
#include <hlpb/error.hpp>
#include <hlpb/report/document.hpp>

namespace hlpb::report {

[[gnu::weak]] void render_html(std::ostream&, const Document&) {
    throw UsageError("--format html is not built into this hlpb yet");
}

[[gnu::weak]] void write_xlsx(const std::string&, const Document&, long long,
                              const util::OutputGuard&) {
    throw UsageError("--format xlsx is not built into this hlpb yet");
}

} // namespace hlpb::report
