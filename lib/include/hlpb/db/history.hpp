// How a dated change is made, shared by the cluster, org and member repositories: the caller's
// "today", the flags that allow what is refused by default (a planned event, a correction), and
// the notes a change leaves for its audit entry. Also the dated history of fields that the rules
// of SPEC §5 read for a past month (instructor, community, venue_m2, ...).
#pragma once

#include <hlpb/date.hpp>

#include <cstdint>
#include <optional>
#include <string>
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

// What a change removed or replaced, one line each, for its audit entry:
// tx.commit(audit_note(notes)).
using Notes = std::vector<std::string>;
std::string audit_note(const Notes& notes);

// Conflict unless `on` is today or earlier, or `o.future`. `what` names the event ("a leave").
void refuse_unplanned_future(const Date& on, const ChangeOptions& o, const std::string& what);

// The Conflict message for a change that would leave `interval` (e.g. "the lead term of JT-A001
// in cluster JT-C01") no day: it started on `from`, the day of the change.
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
