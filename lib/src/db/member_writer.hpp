// Private to the db layer: validation and writing of member rows with prepared statements and an
// org directory, shared by the single-member functions and the bulk import.
#pragma once

#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/resolve.hpp>
#include <hlpb/row_errors.hpp>

#include <SQLiteCpp/Statement.h>

#include <array>
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

// Orgs by code, or else as db::NameIndex finds them (the code in another case or full-width, the
// exact full name when only one org has it). A flat open-addressing table
// (a member file names an org per row; std::unordered_map's scattered nodes made lookups a tenth
// of a bulk load). Pointers to entries stay valid until the next add() or load(). Once nothing
// is added, const lookups may run on several threads at once.
class OrgDirectory {
public:
    // Every org and every name, replacing what was there.
    void load(SQLite::Database& db);
    bool complete() const { return m_complete; }
    // The org with this code; nullptr if it is not in the directory.
    const OrgInfo* by_code(std::string_view code) const;
    // The org `text` names other than by its exact code (db::NameIndex::find; only a complete
    // directory knows); nullptr when none or several.
    const OrgInfo* by_name(std::string_view text) const;
    const OrgInfo* find(std::string_view code_or_name) const;
    // Why find(text) found nothing when the resolver says more than "no org": the closest orgs,
    // or the codes of a name several share; else "".
    std::string problem(std::string_view text) const;
    // For a batch of lookups: start loading the slot by_code(code) reads first, then (once the
    // slots are loaded) the entry it points to, so that the cache misses of a batch overlap.
    void prefetch_slot(std::string_view code) const;
    void prefetch_entry(std::string_view code) const;
    const OrgInfo* add(OrgInfo info); // unless its code is there already

private:
    void index(std::uint32_t position);
    std::vector<OrgInfo> m_list;
    struct Slot {
        std::uint32_t position = 0; // + 1, in m_list; 0 free
        std::uint32_t tag = 0;      // the high half of the code's hash
    };
    std::vector<Slot> m_slots;
    std::optional<NameIndex> m_names; // every code and name, once complete
    bool m_complete = false;
};

// A member's dates as stored (YYYY-MM-DD), made once per row and bound without copies; "" for
// the optional ones when absent.
struct MemberDates {
    std::string birth, join, full, org_since, role_since, left_on;
    void set(const Member& m);
};

// The checks of a member that need no database: the ID number (gender and birth date are
// derived from it), name, phone, join and full dates, status, role. Fills the derived fields and
// the default status.
void validate_person(Member& m, const Date& today, import::RowErrors& errors);
// The checks against the member's org `o` (nullptr: m.org matched none; `unknown` then says why,
// e.g. OrgDirectory::problem): sets m.org to its code and the default org_since and role_since.
// Call after validate_person.
void validate_placement(Member& m, const OrgInfo* o, const Date& today, import::RowErrors& errors,
                        std::string_view unknown = {});

class MemberWriter {
public:
    explicit MemberWriter(Database& db);

    // The org by code (or, when no code matches, by its exact unique name); nullptr if unknown.
    const OrgInfo* org(const std::string& code_or_name);
    // Reads every org into the directory in one query (for large imports); org() then answers
    // from it alone. The directory does not change after this.
    const OrgDirectory& load_orgs();

    // validate_person, the org lookup, validate_placement.
    void validate(Member& m, const Date& today, import::RowErrors& errors);

    // Inserts unless the ID exists. Returns the new rowid, or nullopt when the ID exists (nothing
    // written). Throws Conflict when the org already has a secretary. The second form takes the
    // org m.org names and the dates made already.
    std::optional<std::int64_t> insert(const Member& m);
    std::optional<std::int64_t> insert(const Member& m, const OrgInfo& o, const MemberDates& dates);

    // The stored member's id (rowid) for `id_number`, or nullopt.
    std::optional<std::int64_t> rowid_of(const std::string& id_number);
    // Where a stored member stands: the current (or, after leaving, last) org and role; and the
    // personal fields an import row may lack, as stored.
    struct Placement {
        std::int64_t rowid;
        std::string org; // code
        std::string role;
        bool left;
        std::string ethnicity, education, status, phone;
        std::optional<Date> full_date;
    };
    std::optional<Placement> placement_of(const std::string& id_number);

    // True when no member was ever stored (the register is empty and no rowid is taken): an
    // import then loads in bulk.
    bool register_empty();
    // The connection's settings for a member import, set before its transaction (foreign keys
    // can only be switched outside one) and put back by the destructor: a bigger page cache for
    // an update (the id_number index grows row by row), a small one for a bulk load (it builds
    // its indexes at the end; its sorts spill to temporary files past the cache: memory stays
    // flat), and no foreign key check during a bulk load (every org_id written is one the
    // writer looked up in this transaction).
    class LoadSettings {
    public:
        LoadSettings(Database& db, bool bulk);
        ~LoadSettings();
        LoadSettings(const LoadSettings&) = delete;
        LoadSettings& operator=(const LoadSettings&) = delete;

    private:
        Database& m_db;
        bool m_bulk;
    };

    // Bulk load into an empty register: drops the member indexes so that rows go in fast; the
    // caller then finds duplicate IDs itself, and end_bulk() builds the indexes again. Until
    // end_bulk(), SQLite does not evaluate CHECK constraints (the writing thread is the
    // import's slowest): the caller must have passed every member through validate_person and
    // validate_placement, which make the same checks, and must set ignore_check_constraints
    // OFF again if it never calls end_bulk() (an exception).
    void begin_bulk();
    void end_bulk();
    bool bulk() const { return m_bulk; }
    // end_bulk() for a load that may have repeated an ID number: true when the indexes are
    // built; false when two rows share an ID number, leaving a plain index on id_number for
    // first_with() (the import is then refused and rolled back).
    bool end_bulk_unless_repeated();
    // The smallest rowid with this ID number, or 0.
    std::int64_t first_with(const std::string& id_number);

    // Throws Conflict naming the org's secretary at or after `on`, unless it is `except`.
    void refuse_second_secretary(std::int64_t org_id, const std::string& org_code, const Date& on,
                                 std::int64_t except);

private:
    // Parameters of the bulk INSERT whose value mostly repeats from row to row (status, role,
    // ethnicity, …): each is bound to a copy kept here and bound again only when the value
    // changes (SQLite keeps bindings across a reset). A bind is about 180 instructions: the
    // 16 binds were a fifth of the writing thread's work per row.
    class BulkBinds {
    public:
        void text(SQLite::Statement& st, int index, const std::string& value) {
            Bound& b = m_bound[static_cast<std::size_t>(index)];
            if (b.state == Bound::text && b.value == value)
                return;
            b.value = value;
            b.state = Bound::text;
            st.bindNoCopy(index, b.value);
        }
        void text_or_null(SQLite::Statement& st, int index, const std::string& value) {
            if (!value.empty())
                return text(st, index, value);
            Bound& b = m_bound[static_cast<std::size_t>(index)];
            if (b.state == Bound::null)
                return;
            b.state = Bound::null;
            st.bind(index);
        }

    private:
        struct Bound {
            enum State { unbound, text, null } state = unbound;
            std::string value;
        };
        std::array<Bound, 17> m_bound{}; // by parameter index (1-based)
    };

    Database& m_db;
    std::optional<SQLite::Statement> m_insert_bulk; // prepared for a bulk load (other SQL: cached)
    BulkBinds m_bulk_binds;                         // of m_insert_bulk
    bool m_bulk = false;
    struct SecretaryNote {
        std::string name;
        std::string id_number;
        std::string since;
    };
    std::unordered_map<std::int64_t, SecretaryNote> m_bulk_secretaries; // org id -> secretary
    OrgDirectory m_orgs;   // orgs looked up so far, or all of them after load_orgs()
    std::string m_problem; // why org() last found nothing
    const OrgInfo* m_last_org = nullptr;
    std::string m_last_key;
};

} // namespace hlpb::db
