// Private to the db layer: validation and writing of member rows with prepared statements and an
// org cache, shared by the single-member functions and the bulk import.
#pragma once

#include <hlpb/db/member_repo.hpp>
#include <hlpb/import/engine.hpp>

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace hlpb::db {

struct OrgInfo {
    std::int64_t id;
    std::string code;
    std::optional<Date> founded;
    std::optional<Date> closed;
};

class MemberWriter {
public:
    explicit MemberWriter(Database& db);

    // The org by code (or, when no code matches, by its exact unique name); nullptr if unknown.
    const OrgInfo* org(const std::string& code_or_name);

    // See validate_member.
    void validate(Member& m, const Date& today, import::RowErrors& errors);

    // Inserts unless the ID exists. Returns the new rowid, or nullopt when the ID exists (nothing
    // written). Throws Conflict when the org already has a secretary.
    std::optional<std::int64_t> insert(const Member& m);

    // The stored member's id (rowid) for `id_number`, or nullopt.
    std::optional<std::int64_t> rowid_of(const std::string& id_number);

    // Throws Conflict naming the org's secretary at or after `on`, unless it is `except`.
    void refuse_second_secretary(std::int64_t org_id, const std::string& org_code, const Date& on,
                                 std::int64_t except);

private:
    Database& m_db;
    SQLite::Statement m_insert;
    SQLite::Statement m_insert_role_history;
    SQLite::Statement m_rowid;
    std::unordered_map<std::string, OrgInfo> m_orgs;
    std::unordered_map<std::string, std::string> m_org_names; // name -> code, "" when ambiguous
    bool m_names_loaded = false;
};

} // namespace hlpb::db
