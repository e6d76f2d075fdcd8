// What a check of one record reports (every problem, by field) and what an upsert did: shared
// by the repositories, which validate and upsert, and the import engine, which runs them row by
// row, so that neither includes the other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hlpb {

enum class Outcome { inserted, updated, unchanged };

// Errors found in one record (an import row, a command's options); the import engine adds the
// file name and line.
class RowErrors {
public:
    void add(std::string field, std::string message) {
        m_items.push_back({std::move(field), std::move(message)});
    }
    bool empty() const { return m_items.empty(); }
    bool has(std::string_view field) const {
        for (const Item& item : m_items)
            if (item.field == field)
                return true;
        return false;
    }
    struct Item {
        std::string field;
        std::string message;
    };
    const std::vector<Item>& items() const { return m_items; }
    void clear() { m_items.clear(); }

private:
    std::vector<Item> m_items;
};

} // namespace hlpb

namespace hlpb::import {
// Their first home: code written as import::RowErrors and import::Outcome keeps compiling.
using hlpb::Outcome;
using hlpb::RowErrors;
} // namespace hlpb::import
