// Private to the db layer: dated fields (table field_history, migration 004). The current value
// stays in the entity's own row; field_history holds each earlier value over [from, to), so that
// the value at a date is the earlier value whose interval holds it, else the current one.
#pragma once

#include <hlpb/db/history.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
// ending on `on`. `subject` names the entity (subject_of). `start` is the day the entity began
// (established, founded), if known. Throws Conflict for `on` after today (an edit is not
// planned), before the current value began, or on the day it began (a correction) unless
// `o.correct`, which replaces that value. Appends what it recorded to `notes`. Does not update
// the entity's row.
void record_field_changes(Database& db, const char* entity, std::int64_t id, const Wording& subject,
                          const std::optional<Date>& start, const std::vector<FieldEdit>& edits,
                          const Date& on, const ChangeOptions& o, Notes& notes);

// Notes the old value of a field that is kept current only (the audit entry keeps it).
void note_current_only(Notes& notes, const char* field, const std::string& old_value,
                       const std::string& new_value);

// The fixed forms of the notes and of what they name, stored (English) and shown. Every note is
// made here, so that shown_audit_command can read a stored one back.
// "org JT-A001" / "cluster JT-C01": the entity whose fields change (entity "org" or "cluster").
Wording subject_of(std::string_view entity, const std::string& code);
Wording membership_of(const std::string& org, const std::string& cluster);
Wording lead_term_of(const std::string& org, const std::string& cluster);
Wording flag_of(const std::string& flag, const std::string& org);
// A correction that removed `interval`, which began on `from`.
Note removed_note(const Wording& interval, const Date& from);
// A correction that replaced the role `role` a member (`masked`: the ID number masked) held in
// `org` from `from`.
Note role_corrected_note(const std::string& masked, const std::string& org, const Date& from,
                         const std::string& role);
// The shown text of a stored note, when it is one of the forms above.
std::optional<std::string> shown_note(std::string_view stored);

} // namespace hlpb::db::detail
