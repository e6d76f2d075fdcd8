#include <hlpb/db/history.hpp>
#include <hlpb/db/undo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>

#include "db/audit_text.hpp"
#include "db/sql_access.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <utility>

namespace hlpb::db {
namespace {

// The newest write still in effect that is not itself an undo (an entry older than undo, which
// has no audit_change row, counts too: undo then says why it cannot take it back).
constexpr const char* k_select_latest = R"sql(
    SELECT a.id FROM audit a LEFT JOIN audit_change c ON c.audit_id = a.id
    WHERE a.rows_changed > 0 AND c.undone_by IS NULL AND c.undoes_from IS NULL
    ORDER BY a.id DESC LIMIT 1)sql";
constexpr const char* k_select_entry = R"sql(
    SELECT c.undone_by FROM audit a LEFT JOIN audit_change c ON c.audit_id = a.id
    WHERE a.id = ?)sql";
constexpr const char* k_select_range = R"sql(
    SELECT a.id, a.command, a.rows_changed, c.audit_id IS NOT NULL, c.schema_version,
           c.changeset, c.not_recorded, c.undone_by, c.undoes_from
    FROM audit a LEFT JOIN audit_change c ON c.audit_id = a.id
    WHERE a.id >= ? ORDER BY a.id DESC)sql";
// Earlier entries undone by an entry that is now taken back: they are in effect again.
constexpr const char* k_select_back_in_effect = R"sql(
    SELECT audit_id FROM audit_change WHERE audit_id < ? AND undone_by >= ?
    ORDER BY audit_id)sql";
constexpr const char* k_select_columns =
    R"sql(SELECT name, pk FROM pragma_table_info(?) ORDER BY cid)sql";
constexpr const char* k_select_org_code = R"sql(SELECT code FROM org WHERE id = ?)sql";
constexpr const char* k_select_cluster_code = R"sql(SELECT code FROM cluster WHERE id = ?)sql";
constexpr const char* k_select_committee_code = R"sql(SELECT code FROM committee WHERE id = ?)sql";
constexpr const char* k_select_member = R"sql(SELECT id_number, name FROM member WHERE id = ?)sql";

constexpr std::size_t k_rows_listed = 20;     // keys listed per table; the rest are counted
constexpr std::size_t k_rows_labelled = 1000; // of which the first (by label) are listed

// A buffer SQLite allocated (a changeset).
struct Buffer {
    int size = 0;
    void* data = nullptr;
    Buffer() = default;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() { sqlite3_free(data); }
};

// `what`: a step of the undo, marked with N_ (a message names it in the user's language).
void check(int rc, const char* what) {
    if (rc != SQLITE_OK)
        throw Error(trf("cannot undo: {} failed ({}); nothing was changed", tr(what),
                        error_detail(SQLite::Exception(sqlite3_errstr(rc), rc))));
}

std::string text_of(sqlite3_value* v) {
    if (!v)
        return {};
    switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
        return {};
    case SQLITE_INTEGER:
        return std::to_string(sqlite3_value_int64(v));
    case SQLITE_FLOAT:
        return fmt::format("{}", sqlite3_value_double(v));
    case SQLITE_BLOB:
        return "(blob)";
    default:
        return {reinterpret_cast<const char*>(sqlite3_value_text(v)),
                static_cast<std::size_t>(sqlite3_value_bytes(v))};
    }
}

// One change of a changeset, copied out of its iterator: the values known (all of them for an
// insert or delete; the key and the changed columns of an update).
struct Change {
    std::string table;
    int op = 0;
    std::vector<bool> pk;
    std::vector<std::optional<std::string>> values;
    std::vector<bool> changed; // an update: the columns it sets

    std::string key() const {
        std::string k = table;
        for (std::size_t i = 0; i < values.size(); ++i)
            if (pk[i]) {
                k += '\x1f';
                k += values[i].value_or("");
            }
        return k;
    }
};

Change read_change(sqlite3_changeset_iter* it) {
    Change c;
    const char* table = nullptr;
    int columns = 0;
    int indirect = 0;
    sqlite3changeset_op(it, &table, &columns, &c.op, &indirect);
    c.table = table;
    unsigned char* pk = nullptr;
    sqlite3changeset_pk(it, &pk, &columns);
    c.pk.assign(pk, pk + columns);
    c.values.resize(columns);
    c.changed.assign(columns, false);
    for (int i = 0; i < columns; ++i) {
        sqlite3_value* v = nullptr;
        if (c.op == SQLITE_INSERT)
            sqlite3changeset_new(it, i, &v);
        else
            sqlite3changeset_old(it, i, &v);
        if (v)
            c.values[i] = text_of(v);
        if (c.op == SQLITE_UPDATE) {
            sqlite3_value* n = nullptr;
            sqlite3changeset_new(it, i, &n);
            c.changed[i] = n != nullptr;
        }
    }
    return c;
}

template <class F> void each_change(const void* data, int size, F&& f) {
    sqlite3_changeset_iter* it = nullptr;
    check(sqlite3changeset_start(&it, size, const_cast<void*>(data)), N_("reading a changeset"));
    std::unique_ptr<sqlite3_changeset_iter, int (*)(sqlite3_changeset_iter*)> guard(
        it, sqlite3changeset_finalize);
    while (sqlite3changeset_next(it) == SQLITE_ROW)
        f(read_change(it));
}

// Readable keys of rows for --dry-run and messages: codes, dates, kinds, and a member's ID
// number (masked unless reveal) and name. Phones are never part of a key.
class Labeler {
public:
    Labeler(Database& db, bool reveal) : m_db(db), m_reveal(reveal) {}

    struct Column {
        std::string name;
        bool pk;
    };
    const std::vector<Column>& columns(const std::string& table) {
        auto [at, fresh] = m_columns.try_emplace(table);
        if (fresh) {
            SQLite::Statement st(detail::sql(m_db), k_select_columns);
            st.bind(1, table);
            while (st.executeStep())
                at->second.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt() > 0});
        }
        return at->second;
    }

    // The row as the database holds it now, found by the key of `c` (an update's other columns).
    void complete(Change& c) {
        const auto& cols = columns(c.table);
        if (cols.size() != c.values.size())
            return;
        std::string where;
        for (const auto& col : cols)
            if (col.pk)
                where += fmt::format("{}\"{}\" = ?", where.empty() ? "" : " AND ", col.name);
        // The table and column names come from the schema (pragma_table_info), not from input.
        SQLite::Statement st(detail::sql(m_db),
                             fmt::format("SELECT * FROM \"{}\" WHERE {}", c.table, where));
        int bind = 1;
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].pk)
                st.bind(bind++, c.values[i].value_or(""));
        if (!st.executeStep())
            return;
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (!c.values[i])
                c.values[i] = st.getColumn(static_cast<int>(i)).getString();
    }

    std::string label(const Change& c) {
        const auto& cols = columns(c.table);
        std::map<std::string, std::string> v;
        for (std::size_t i = 0; i < cols.size() && i < c.values.size(); ++i)
            if (c.values[i] && !c.values[i]->empty())
                v[cols[i].name] = *c.values[i];
        std::string out;
        auto add = [&out](const std::string& part) {
            if (!part.empty())
                out += out.empty() ? part : " " + part;
        };
        if (v.count("id_number")) {
            add(id(v["id_number"]));
            add(v["name"]);
        } else if (v.count("code")) {
            add(v["code"]);
        } else if (v.count("key")) {
            add(v["key"]);
        } else {
            for (const char* ref : {"cluster_id", "org_id", "member_id", "mentor_id", "mentee_id"})
                if (v.count(ref))
                    add(lookup(ref, v[ref]));
            for (const char* plain :
                 {"month", "category", "flag", "kind", "role", "title", "year", "from_date"})
                if (v.count(plain))
                    add(v[plain]);
        }
        if (out.empty())
            out = "#" + (v.count("id") ? v["id"] : std::string("?"));
        if (c.op == SQLITE_UPDATE) {
            std::string set;
            for (std::size_t i = 0; i < cols.size() && i < c.changed.size(); ++i)
                if (c.changed[i])
                    set += set.empty() ? cols[i].name : ", " + cols[i].name;
            if (!set.empty())
                out += " (" + set + ")";
        }
        return out;
    }

private:
    std::string id(const std::string& id_number) const {
        return m_reveal ? id_number : id_number::mask(id_number);
    }

    std::string lookup(std::string_view column, const std::string& rowid) {
        const char* sql = column == "cluster_id"     ? k_select_cluster_code
                          : column == "org_id"       ? k_select_org_code
                          : column == "committee_id" ? k_select_committee_code
                                                     : k_select_member;
        SQLite::Statement st(detail::sql(m_db), sql);
        st.bind(1, rowid);
        if (!st.executeStep())
            return "#" + rowid;
        if (sql == k_select_member)
            return id(st.getColumn(0).getString());
        return st.getColumn(0).getString();
    }

    Database& m_db;
    bool m_reveal;
    std::map<std::string, std::vector<Column>> m_columns;
};

struct Entry {
    std::int64_t id;
    std::string command;
    std::vector<char> changeset;
};

// The first conflict sqlite3changeset_apply met; the apply is then given up.
struct ApplyState {
    int type = 0;
    int foreign_keys = 0;
    std::optional<Change> change;
};

int on_conflict(void* context, int type, sqlite3_changeset_iter* it) {
    auto* state = static_cast<ApplyState*>(context);
    if (state->type == 0) {
        state->type = type;
        if (type == SQLITE_CHANGESET_FOREIGN_KEY)
            sqlite3changeset_fk_conflicts(it, &state->foreign_keys);
        else
            state->change = read_change(it);
    }
    return SQLITE_CHANGESET_ABORT;
}

[[noreturn]] void refuse_conflict(const ApplyState& state, const std::vector<Entry>& entries,
                                  Labeler& labels) {
    const char* advice = tr("nothing was changed; restore a backup instead (hlpb db backup makes "
                            "them)");
    if (!state.change)
        throw Conflict(trf("cannot undo: it would leave {} rows pointing at rows that do "
                           "not exist, changed outside the writes hlpb recorded; {}",
                           state.foreign_keys, advice));
    Change c = *state.change;
    // Name the newest recorded write of that row.
    const std::string key = c.key();
    const Entry* last = nullptr;
    for (const Entry& e : entries) {
        each_change(e.changeset.data(), static_cast<int>(e.changeset.size()), [&](const Change& x) {
            if (!last && x.key() == key)
                last = &e;
        });
        if (last)
            break;
    }
    labels.complete(c);
    const char* what = state.type == SQLITE_CHANGESET_NOTFOUND   ? tr("is gone")
                       : state.type == SQLITE_CHANGESET_CONFLICT ? tr("exists again")
                       : state.type == SQLITE_CHANGESET_DATA     ? tr("holds other values")
                                                                 : tr("would break a rule");
    throw Conflict(
        trf("cannot undo: {} {} {}{}, changed outside the writes hlpb "
            "recorded (another program, or a file copied back); {}",
            c.table, labels.label(c), what,
            last ? trf(" than entry {} ({}) left it", last->id, last->command) : std::string(),
            advice));
}

} // namespace

UndoResult undo(Database& db, const UndoOptions& options) {
    WriteTx tx(db);
    UndoResult r;
    if (options.entry > 0) {
        SQLite::Statement st(detail::sql(db), k_select_entry);
        st.bind(1, options.entry);
        if (!st.executeStep())
            throw NotFound(trf("no entry {} in the audit trail (see: hlpb db log)", options.entry));
        if (!st.getColumn(0).isNull())
            throw NotFound(trf("entry {} is already undone, by entry {} (to take that "
                               "back: hlpb db undo {})",
                               options.entry, st.getColumn(0).getInt64(),
                               st.getColumn(0).getInt64()));
        r.from = options.entry;
    } else {
        SQLite::Statement st(detail::sql(db), k_select_latest);
        if (!st.executeStep())
            throw NotFound(tr("nothing to undo: no write in the audit trail is still in effect "
                              "(see: hlpb db log)"));
        r.from = st.getColumn(0).getInt64();
    }

    // Every entry from r.from on, newest first: their inverses, one after the other, give the
    // rows as they were before r.from.
    const int schema = db.schema_version();
    sqlite3_changegroup* group = nullptr;
    check(sqlite3changegroup_new(&group), N_("combining changesets"));
    std::unique_ptr<sqlite3_changegroup, void (*)(sqlite3_changegroup*)> group_guard(
        group, sqlite3changegroup_delete);
    std::vector<Entry> entries;
    WriteTx::UndoMarks marks;
    marks.from = r.from;
    {
        SQLite::Statement st(detail::sql(db), k_select_range);
        st.bind(1, r.from);
        while (st.executeStep()) {
            const std::int64_t id = st.getColumn(0).getInt64();
            // For the messages: its note, when one of hlpb's own forms, in the user's language.
            const std::string command = shown_audit_command(st.getColumn(1).getString());
            const std::int64_t rows = st.getColumn(2).getInt64();
            const std::string in_the_way =
                id == r.from ? std::string()
                             : trf(", so entry {} before it cannot be undone either", r.from);
            if (st.getColumn(3).getInt() == 0) {
                if (rows == 0)
                    continue; // a read (--reveal): nothing to take back
                throw Conflict(
                    trf("entry {} ({}) was written before hlpb kept changes for undo{}; restore a "
                        "backup made before it instead (hlpb db backup makes them)",
                        id, command, in_the_way));
            }
            if (!st.getColumn(6).isNull())
                throw Conflict(
                    trnf("entry {} ({}) is not undoable ({}, {} row changed){}; restore "
                         "a backup made before it instead (hlpb db backup makes them)",
                         "entry {} ({}) is not undoable ({}, {} rows changed){}; restore "
                         "a backup made before it instead (hlpb db backup makes them)",
                         rows, id, command, detail::shown_not_recorded(st.getColumn(6).getString()),
                         rows, in_the_way));
            if (st.getColumn(4).getInt() != schema)
                throw Conflict(
                    trf("entry {} ({}) was recorded under schema version {} (now {}): changes "
                        "recorded before the database was upgraded cannot be undone{}",
                        id, command, st.getColumn(4).getInt(), schema, in_the_way));
            const SQLite::Column blob = st.getColumn(5);
            const auto* bytes = static_cast<const char*>(blob.getBlob());
            Entry e{id, command, std::vector<char>(bytes, bytes + blob.getBytes())};
            Buffer inverse;
            check(sqlite3changeset_invert(static_cast<int>(e.changeset.size()), e.changeset.data(),
                                          &inverse.size, &inverse.data),
                  N_("inverting a changeset"));
            check(sqlite3changegroup_add(group, inverse.size, inverse.data),
                  N_("combining changesets"));
            if (st.getColumn(7).isNull()) { // in effect: undone now
                marks.undone.push_back(id);
                const SQLite::Column undoes_from = st.getColumn(8);
                if (undoes_from.isNull() || undoes_from.getInt64() < r.from)
                    r.taken.push_back({id, command, !undoes_from.isNull()});
            }
            entries.push_back(std::move(e));
        }
    }
    if (r.taken.empty())
        throw NotFound(trf("nothing to undo: entry {} and every later write are already "
                           "undone (see: hlpb db log)",
                           r.from));
    {
        SQLite::Statement st(detail::sql(db), k_select_back_in_effect);
        st.bind(1, r.from);
        st.bind(2, r.from);
        while (st.executeStep())
            marks.back_in_effect.push_back(st.getColumn(0).getInt64());
    }
    Buffer net;
    check(sqlite3changegroup_output(group, &net.size, &net.data), N_("combining changesets"));

    // Rows the undo deletes are labelled before they go, the others once they are there.
    Labeler labels(db, options.reveal);
    std::map<std::string, UndoTable> tables;
    std::map<std::string, std::vector<std::pair<int, std::string>>> rows;
    auto count = [&](const Change& c) {
        UndoTable& t = tables[c.table];
        t.table = c.table;
        (c.op == SQLITE_INSERT ? t.inserted : c.op == SQLITE_UPDATE ? t.updated : t.deleted) += 1;
        if (auto& list = rows[c.table]; list.size() < k_rows_labelled)
            list.emplace_back(c.op, labels.label(c));
    };
    each_change(net.data, net.size, [&](const Change& c) {
        if (c.op == SQLITE_DELETE)
            count(c);
    });
    ApplyState state;
    int rc = sqlite3changeset_apply(detail::sql(db).getHandle(), net.size, net.data, nullptr,
                                    on_conflict, &state);
    if (state.type != 0)
        refuse_conflict(state, entries, labels);
    check(rc, "applying the inverse changes");
    each_change(net.data, net.size, [&](Change c) {
        if (c.op == SQLITE_DELETE)
            return;
        if (c.op == SQLITE_UPDATE && rows[c.table].size() < k_rows_labelled)
            labels.complete(c);
        count(c);
    });
    for (auto& [name, t] : tables) {
        auto& list = rows[name];
        // Inserted, updated, deleted; then by label.
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            auto rank = [](int op) {
                return op == SQLITE_INSERT ? 0 : op == SQLITE_UPDATE ? 1 : 2;
            };
            return std::pair(rank(a.first), a.second) < std::pair(rank(b.first), b.second);
        });
        for (std::size_t i = 0; i < list.size() && i < k_rows_listed; ++i)
            t.rows.push_back(list[i].second);
        const long total = t.inserted + t.updated + t.deleted;
        if (total > static_cast<long>(k_rows_listed))
            t.rows.push_back(trf("… and {} more", total - static_cast<long>(k_rows_listed)));
        r.tables.push_back(std::move(t));
    }

    if (options.dry_run) {
        tx.rollback();
        return r;
    }
    tx.set_undo_marks(std::move(marks));
    tx.commit();
    r.entry = tx.entry();
    return r;
}

} // namespace hlpb::db
