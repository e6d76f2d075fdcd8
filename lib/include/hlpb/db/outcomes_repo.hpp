// Gathers the input of the four outcomes (rules/outcomes.hpp) for a period, in a handful of
// set-based queries (none per org).
#pragma once

#include <hlpb/rules/outcomes.hpp>

namespace hlpb::db {

class Database;

// The rows the rule reads for `period`: orgs not closed before it, flag and secretary terms that
// reach into it (or the day before it), honours and volunteer / reception activities dated in
// it, 党建e家 points of its last day's year and the year before, and the problems raised by its
// last day that were not resolved before its first day (sorted by raised date, then id). Run it
// inside a db::ReadTx when other figures of the same report are read too.
rules::OutcomeInput outcome_input(Database& db, const rules::OutcomePeriod& period);

// outcome_input, then rules::compute_outcomes.
rules::Outcomes outcomes(Database& db, const rules::OutcomePeriod& period);

} // namespace hlpb::db
