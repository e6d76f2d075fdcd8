// How a dated change is made, shared by the cluster, org and member repositories: the caller's
// "today", the flags that allow what is refused by default (a planned event, a correction), and
// the notes a change leaves for its audit entry. Also the dated history of fields that the rules
// of SPEC §5 read for a past month (instructor, community, venue_m2, ...).
#pragma once

#include <hlpb/date.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::db {

class Database;

struct ChangeOptions {
    std::optional<Date> today; // the caller's today; empty: hlpb::today()
    // --future: an event that is recorded once it has happened (a leave, a transfer, a flag, a
    // dissolve) may be dated after today, as a plan.
    bool future = false;
    // --correct: a change on the day the interval it ends began would leave that interval no
    // day at all; it is then a correction that removes the interval (noted), not an event.
    bool correct = false;
    // The command that corrects instead, when this one cannot take --correct (an import row):
    // named in the refusal, which is then an InvalidInput of the field.
    std::string correct_with;
    Date now() const;
};

// A text in two forms: as the audit trail stores it (English, always the same bytes: scripts and
// older entries read them) and as a message shows it (in the user's language).
struct Wording {
    std::string stored;
    std::string shown;
};

// What a change removed or replaced, one note each, for its audit entry
// (tx.commit(audit_note(notes))) and, when it is a correction, for the user.
struct Note {
    enum class Kind {
        correction, // --correct removed or replaced an interval: the user is told
        record,     // an earlier value, kept in the audit entry only
    };
    Kind kind;
    Wording text;
};
using Notes = std::vector<Note>;
// The stored texts, joined by "; ".
std::string audit_note(const Notes& notes);

// The command of an audit entry ("hlpb … [note]") for people: its note in the user's language
// when it is made of hlpb's own fixed forms (the change notes above, an import's summary, the
// record of a --reveal); otherwise, and for every part it does not know, as stored.
std::string shown_audit_command(std::string_view stored);
// The note an import leaves in the audit entry ("members.csv: 3 inserted, 1 updated, 0 unchanged",
// stored in English).
std::string import_note(std::string_view file, long inserted, long updated, long unchanged);

// Conflict unless `on` is today or earlier, or `o.future`. `what` names the event ("a leave").
void refuse_unplanned_future(const Date& on, const ChangeOptions& o, const std::string& what);

// The Conflict message for a change that would leave `interval` (e.g. "the lead term of JT-A001
// in cluster JT-C01", in the user's language: a Wording's shown text) no day: it started on
// `from`, the day of the change.
// `correct_with`: the command that corrects instead of this one with --correct (empty: this one).
std::string zero_length_message(const std::string& interval, const Date& from,
                                const std::string& correct_with = {});

// An earlier value of a dated field, held over [from, to); `from` empty: since the record began.
struct FieldValue {
    std::string field;
    std::string value;
    std::optional<Date> from;
    Date to;
};
// The earlier values of every dated field of a cluster or org (entity "cluster" / "org"),
// by field (in the order of dated_fields), then date.
std::vector<FieldValue> field_history(Database& db, const std::string& entity,
                                      const std::string& code);

// The fields kept as dated history, per entity (the others are current only: an edit replaces
// them, and the audit entry keeps the old value).
const std::vector<std::string>& dated_fields(const std::string& entity);

} // namespace hlpb::db
