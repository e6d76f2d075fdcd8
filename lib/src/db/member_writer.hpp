// Private to the db layer: validation and writing of member rows with prepared statements and an
// org cache, shared by the single-member functions and the bulk import.
#pragma once

#include <hlpb/db/member_repo.hpp>
#include <hlpb/import/engine.hpp>

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
    // Reads every org into the cache in one query (for large imports).
    void preload_orgs();

    // See validate_member.
    void validate(Member& m, const Date& today, import::RowErrors& errors);

    // Inserts unless the ID exists. Returns the new rowid, or nullopt when the ID exists (nothing
    // written). Throws Conflict when the org already has a secretary.
    std::optional<std::int64_t> insert(const Member& m);

    // The stored member's id (rowid) for `id_number`, or nullopt.
    std::optional<std::int64_t> rowid_of(const std::string& id_number);

    // Bulk load into an empty register: drops the member indexes so that rows go in fast; the
    // caller then finds duplicate IDs itself, and end_bulk() builds the indexes again.
    void begin_bulk();
    void end_bulk();
    bool bulk() const { return m_bulk; }

    // Throws Conflict naming the org's secretary at or after `on`, unless it is `except`.
    void refuse_second_secretary(std::int64_t org_id, const std::string& org_code, const Date& on,
                                 std::int64_t except);

private:
    Database& m_db;
    SQLite::Statement m_insert;
    SQLite::Statement m_insert_role_history;
    SQLite::Statement m_rowid;
    SQLite::Statement m_past_secretary;
    SQLite::Statement m_org_by_code;
    std::optional<SQLite::Statement> m_insert_bulk;
    bool m_bulk = false;
    struct SecretaryNote {
        std::string name;
        std::string id_number;
        std::string since;
    };
    std::unordered_map<std::int64_t, SecretaryNote> m_bulk_secretaries; // org id -> secretary
    // Orgs looked up so far: a flat open-addressing index over m_org_list (a member file names
    // an org per row; std::unordered_map's scattered nodes made this a tenth of a bulk load).
    const OrgInfo* cached_org(std::string_view key) const;
    const OrgInfo* cache_org(std::string key, OrgInfo info);
    std::vector<std::pair<std::string, OrgInfo>> m_org_list; // (key used, org)
    std::vector<std::uint32_t> m_org_slots;                  // index + 1 into m_org_list; 0 free
    const OrgInfo* m_last_org = nullptr;
    std::string m_last_key;
    std::unordered_map<std::string, std::string> m_org_names; // name -> code, "" when ambiguous
    bool m_names_loaded = false;
};

} // namespace hlpb::db
