// Private to the db layer: dated fields (table field_history, migration 004). The current value
// stays in the entity's own row; field_history holds each earlier value over [from, to), so that
// the value at a date is the earlier value whose interval holds it, else the current one.
#pragma once

#include <hlpb/db/history.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hlpb::db::detail {

// SQL for the value of `column` of the `entity` row aliased `alias` at the bound parameter :d.
// `integer` casts the stored text back (venue_m2, investor_is_secretary, venue_standard).
std::string value_at(const char* entity, const char* alias, const char* column, bool integer);
// `sql` with each slot %FIELD% of a dated field of `entity` replaced by its value_at.
std::string with_values_at(std::string sql, const char* entity, const char* alias, bool integer);

// One dated field of an edit: its stored value and the value wanted.
struct FieldEdit {
    const char* field;
    std::string old_value;
    std::string new_value;
    bool personal = false; // a phone number: notes and messages do not show it
};

// Records the dated fields of `edits` that change, on `on`: each old value goes to the history
// ending on `on`. `start` is the day the entity began (established, founded), if known. Throws
// Conflict for `on` after today (an edit is not planned), before the current value began, or on
// the day it began (a correction) unless `o.correct`, which replaces that value. Appends what it
// recorded to `notes`. Does not update the entity's row.
void record_field_changes(Database& db, const char* entity, std::int64_t id,
                          const std::string& subject, const std::optional<Date>& start,
                          const std::vector<FieldEdit>& edits, const Date& on,
                          const ChangeOptions& o, Notes& notes);

// Notes the old value of a field that is kept current only (the audit entry keeps it).
void note_current_only(Notes& notes, const char* field, const std::string& old_value,
                       const std::string& new_value);

} // namespace hlpb::db::detail
