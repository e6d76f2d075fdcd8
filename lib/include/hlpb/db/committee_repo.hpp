// Committees (level-2 两新组织党委): reads and writes. All SQL for the committee table lives here.
#pragma once

#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct CommitteeSummary {
    Committee committee;
    long clusters = 0; // active clusters at the query date
    long orgs = 0;     // open orgs at the query date
    long members = 0;  // Party members in its orgs at the query date (as load_month counts)
};

std::vector<CommitteeSummary> list_committees(Database& db, const Date& as_of);
std::optional<Committee> find_committee(Database& db, const std::string& code);
Committee get_committee(Database& db, const std::string& code); // throws NotFound

// Writes (caller owns the WriteTx). add throws Conflict when the code exists; edit replaces
// every field but the code and throws NotFound. Values must already be validated.
void add_committee(Database& db, const Committee& c);
void edit_committee(Database& db, const Committee& c);
hlpb::import::Outcome upsert_committee(Database& db, const Committee& c);

// Validates a committee read from the user (code, name non-empty, kind known).
// Appends problems to `errors` (field, message).
void validate_committee(Committee& c, import::RowErrors& errors);

} // namespace hlpb::db
