// Activities: reads, the one check of every rule, and the writes of add, edit, delete and the
// import's upsert.
#include <hlpb/db/activity_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "db/use_case.hpp"
#include "words.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace hlpb::db {
namespace {

// Every column of an activity; a cluster's activity takes its cluster's committee when the row
// names none (rows written by other tools), so that reads never depend on how it was written.
#define HLPB_ACTIVITY_SELECT                                                                       \
    "SELECT a.id, a.date, a.kind, k.code, c.code, a.title, a.participants, a.problems_raised,\n"   \
    "       a.problems_solved, a.notes,\n"                                                         \
    "       (SELECT group_concat(x.code, ';') FROM activity_cluster ac\n"                          \
    "          JOIN cluster x ON x.id = ac.cluster_id WHERE ac.activity_id = a.id),\n"             \
    "       (SELECT group_concat(o.code, ';') FROM activity_org ao\n"                              \
    "          JOIN org o ON o.id = ao.org_id WHERE ao.activity_id = a.id)\n"                      \
    "FROM activity a\n"                                                                            \
    "LEFT JOIN cluster k ON k.id = a.cluster_id\n"                                                 \
    "LEFT JOIN committee c ON c.id = COALESCE(a.committee_id, k.committee_id)\n"

constexpr const char* k_list = HLPB_ACTIVITY_SELECT R"sql(
WHERE (:kind IS NULL OR a.kind = :kind)
  AND (:from IS NULL OR a.date >= :from)
  AND (:to IS NULL OR a.date <= :to)
  AND (:committee IS NULL OR c.code = :committee)
  AND (:cluster IS NULL OR k.code = :cluster
       OR EXISTS (SELECT 1 FROM activity_cluster ac JOIN cluster x ON x.id = ac.cluster_id
                   WHERE ac.activity_id = a.id AND x.code = :cluster))
ORDER BY a.date, a.id)sql";

constexpr const char* k_find = HLPB_ACTIVITY_SELECT "WHERE a.id = ?";

#undef HLPB_ACTIVITY_SELECT

// The activities with the key of an activity (date, kind, title, and its cluster, or else its
// committee, or else neither).
constexpr const char* k_by_key = R"sql(
SELECT a.id FROM activity a
LEFT JOIN cluster k ON k.id = a.cluster_id
LEFT JOIN committee c ON c.id = a.committee_id
WHERE a.date = :date AND a.kind = :kind AND a.title = :title
  AND CASE WHEN :cluster IS NOT NULL THEN k.code = :cluster
           ELSE a.cluster_id IS NULL AND c.code IS :committee END
ORDER BY a.id)sql";

constexpr const char* k_cluster = R"sql(
SELECT c.code, k.established, k.dissolved FROM cluster k
JOIN committee c ON c.id = k.committee_id WHERE k.code = ?)sql";
constexpr const char* k_committee = "SELECT 1 FROM committee WHERE code = ?";
constexpr const char* k_org = "SELECT founded, closed FROM org WHERE code = ?";

// The problems that came from an activity (org problem add --activity).
constexpr const char* k_problems = R"sql(
SELECT p.id, o.code, p.raised FROM problem p JOIN org o ON o.id = p.org_id
WHERE p.activity_id = ? ORDER BY p.id)sql";
constexpr const char* k_count_problems = "SELECT count(*) FROM problem WHERE activity_id = ?";

constexpr const char* k_insert = R"sql(
INSERT INTO activity(date, kind, cluster_id, committee_id, title, participants, problems_raised,
                     problems_solved, notes)
VALUES (?1, ?2, (SELECT id FROM cluster WHERE code = ?3), (SELECT id FROM committee WHERE code = ?4),
        ?5, ?6, ?7, ?8, ?9))sql";
constexpr const char* k_update = R"sql(
UPDATE activity SET date = ?1, kind = ?2, cluster_id = (SELECT id FROM cluster WHERE code = ?3),
       committee_id = (SELECT id FROM committee WHERE code = ?4), title = ?5, participants = ?6,
       problems_raised = ?7, problems_solved = ?8, notes = ?9
WHERE id = ?10)sql";
constexpr const char* k_delete = "DELETE FROM activity WHERE id = ?";
constexpr const char* k_delete_clusters = "DELETE FROM activity_cluster WHERE activity_id = ?";
constexpr const char* k_delete_orgs = "DELETE FROM activity_org WHERE activity_id = ?";
constexpr const char* k_unlink_problems =
    "UPDATE problem SET activity_id = NULL WHERE activity_id = ?";
constexpr const char* k_insert_cluster = "INSERT INTO activity_cluster(activity_id, cluster_id) "
                                         "SELECT ?, id FROM cluster WHERE code = ?";
constexpr const char* k_insert_org =
    "INSERT INTO activity_org(activity_id, org_id) SELECT ?, id FROM org WHERE code = ?";

std::vector<std::string> split_codes(const std::string& joined) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= joined.size() && !joined.empty()) {
        std::size_t end = joined.find(';', start);
        if (end == std::string::npos)
            end = joined.size();
        if (end > start)
            out.push_back(joined.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Sorted, each once.
void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// A review's clusters: its own first, then the others by code, each once.
std::vector<std::string> own_first(const std::string& own, std::vector<std::string> clusters) {
    std::erase(clusters, own);
    sort_unique(clusters);
    if (!own.empty())
        clusters.insert(clusters.begin(), own);
    return clusters;
}

Activity read_activity(SQLite::Statement& st) {
    Activity a;
    a.id = st.getColumn(0).getInt64();
    a.date = detail::column_date_required(st.getColumn(1));
    a.kind = st.getColumn(2).getString();
    a.cluster = st.getColumn(3).getString();
    a.committee = st.getColumn(4).getString();
    a.title = st.getColumn(5).getString();
    a.participants = st.getColumn(6).getInt64();
    a.problems_raised = st.getColumn(7).getInt64();
    a.problems_solved = st.getColumn(8).getInt64();
    a.notes = st.getColumn(9).getString();
    auto clusters = split_codes(st.getColumn(10).getString());
    if (a.kind == "review")
        a.clusters = own_first(a.cluster, std::move(clusters));
    else
        a.clusters = own_first({}, std::move(clusters));
    a.orgs = split_codes(st.getColumn(11).getString());
    sort_unique(a.orgs);
    return a;
}

std::string date_text(const std::optional<Date>& d) {
    return d ? format_date(*d) : std::string("-");
}

// A cluster as the checks need it.
struct ClusterDates {
    std::string committee;
    Date established;
    std::optional<Date> dissolved;
};

std::optional<ClusterDates> cluster_dates(Database& db, const std::string& code) {
    auto st = db.cached(k_cluster);
    st->bind(1, code);
    if (!st->executeStep())
        return std::nullopt;
    return ClusterDates{st->getColumn(0).getString(),
                        detail::column_date_required(st->getColumn(1)),
                        detail::column_date(st->getColumn(2))};
}

// Adds the problem with a code under `field`; false when there is one.
// The problems of the codes in one list cell (a review's clusters, the orgs) as one error of
// `field`: an import shows one error a cell, and each code's problem is the officer's to fix.
void add_joined(import::RowErrors& errors, const char* field, const import::RowErrors& list) {
    std::string joined;
    for (const auto& item : list.items())
        joined += (joined.empty() ? std::string() : std::string(tr("; "))) + item.message;
    if (!joined.empty())
        errors.add(field, joined);
}

bool check_code(const std::string& code, const char* field, import::RowErrors& errors) {
    if (auto p = validate::check_code(code); !p.empty()) {
        if (code.empty() || p.find(code) == std::string::npos)
            p = trf("'{}': {}", code, p);
        // A name where a code belongs (validate::check_code): say where the codes are.
        if (!text::first_control(code) &&
            std::any_of(code.begin(), code.end(), [](char c) { return (c & 0x80) != 0; })) {
            if (std::string_view(field).substr(0, 3) == "org")
                p += tr("; give the org code, not its name (see: hlpb org list)");
            else if (std::string_view(field) == "committee")
                p += tr("; give the committee code, not its name (see: hlpb committee list)");
            else
                p += tr("; give the cluster code, not its name (see: hlpb cluster list)");
        }
        errors.add(field, p);
        return false;
    }
    return true;
}

// Whether `date` is inside the cluster's life; else the problem, with both of its dates.
std::string outside_cluster(const std::string& code, const ClusterDates& c, const Date& date) {
    const std::string life = c.dissolved
                                 ? trf("established {}, dissolved {}", format_date(c.established),
                                       format_date(*c.dissolved))
                                 : trf("established {}", format_date(c.established));
    if (date < c.established)
        return trf("cluster {} did not exist yet on {} ({}); date the activity on or "
                   "after {}",
                   code, format_date(date), life, format_date(c.established));
    if (c.dissolved && date >= *c.dissolved)
        return trf("cluster {} no longer existed on {} ({}); an activity of it is dated "
                   "before {}",
                   code, format_date(date), life, format_date(*c.dissolved));
    return {};
}

// "a theme_day" in English, 联建片主题党日 in Chinese: a kind inside a sentence.
std::string kind_words(const std::string& kind) {
    if (i18n::chinese())
        return kind.empty() ? std::string(tr("activity"))
                            : words::term(vocab::activity_kinds(), kind);
    const bool vowel =
        !kind.empty() && std::string_view("aeiou").find(kind[0]) != std::string_view::npos;
    return fmt::format("{} {}", vowel ? "an" : "a", kind.empty() ? "activity" : kind);
}

void check_problems(Database& db, const Activity& a, import::RowErrors& errors) {
    auto st = db.cached(k_problems);
    st->bind(1, static_cast<std::int64_t>(a.id));
    std::vector<std::string> ids;
    std::string late, missing;
    while (st->executeStep()) {
        const std::string id = st->getColumn(0).getString();
        const std::string org = st->getColumn(1).getString();
        const Date raised = detail::column_date_required(st->getColumn(2));
        ids.push_back(id);
        if (a.date > raised && late.empty())
            late = trf("problem {} came from this reception and was raised on {}; the "
                       "reception is dated on or before that",
                       id, format_date(raised));
        if (!std::binary_search(a.orgs.begin(), a.orgs.end(), org) && missing.empty())
            missing = trf("org {} raised problem {} at this reception; it stays among "
                          "its orgs",
                          org, id);
    }
    if (ids.empty())
        return;
    if (a.kind != "reception")
        errors.add("kind", trf("problems {} came from this reception; it stays a "
                               "reception (see: hlpb org problem list)",
                               fmt::join(ids, ", ")));
    if (!late.empty())
        errors.add("date", late);
    if (!missing.empty())
        errors.add("orgs", missing);
}

void bind_key(SQLite::Statement& st, const Activity& a) {
    st.bind(":date", format_date(a.date));
    st.bind(":kind", a.kind);
    st.bind(":title", a.title);
    detail::bind_or_null(st, ":cluster", a.cluster);
    detail::bind_or_null(st, ":committee", a.committee);
}

std::vector<long long> ids_by_key(Database& db, const Activity& a) {
    auto st = db.cached(k_by_key);
    bind_key(*st, a);
    std::vector<long long> ids;
    while (st->executeStep())
        ids.push_back(st->getColumn(0).getInt64());
    return ids;
}

std::string describe_key(const Activity& a) {
    if (!a.cluster.empty())
        return trf("{} of cluster {} on {}", kind_words(a.kind), a.cluster, format_date(a.date));
    if (!a.committee.empty())
        return trf("{} of committee {} on {}", kind_words(a.kind), a.committee,
                   format_date(a.date));
    return trf("{} of the district on {}", kind_words(a.kind), format_date(a.date));
}

// Conflict when an activity other than `self` has a's key.
void refuse_same_key(Database& db, const Activity& a, long long self) {
    for (long long id : ids_by_key(db, a))
        if (id != self)
            throw Conflict(trf("{} titled '{}' exists already (activity {}); change it "
                               "with: hlpb activity edit {}",
                               describe_key(a), a.title, id, id));
}

void check_or_throw(Database& db, Activity& a, const Date& today) {
    import::RowErrors errors;
    check_activity(db, a, today, errors);
    detail::throw_if_any(errors);
}

void bind_fields(SQLite::Statement& st, const Activity& a) {
    st.bind(1, format_date(a.date));
    st.bind(2, a.kind);
    if (a.cluster.empty())
        st.bind(3);
    else
        st.bind(3, a.cluster);
    if (a.committee.empty())
        st.bind(4);
    else
        st.bind(4, a.committee);
    st.bind(5, a.title);
    st.bind(6, static_cast<std::int64_t>(a.participants));
    st.bind(7, static_cast<std::int64_t>(a.problems_raised));
    st.bind(8, static_cast<std::int64_t>(a.problems_solved));
    st.bind(9, a.notes);
}

void write_links(Database& db, const Activity& a) {
    auto clusters = db.cached(k_delete_clusters);
    clusters->bind(1, static_cast<std::int64_t>(a.id));
    clusters->exec();
    auto orgs = db.cached(k_delete_orgs);
    orgs->bind(1, static_cast<std::int64_t>(a.id));
    orgs->exec();
    if (a.kind == "review")
        for (const auto& code : a.clusters) {
            auto st = db.cached(k_insert_cluster);
            st->bind(1, static_cast<std::int64_t>(a.id));
            st->bind(2, code);
            st->exec();
        }
    for (const auto& code : a.orgs) {
        auto st = db.cached(k_insert_org);
        st->bind(1, static_cast<std::int64_t>(a.id));
        st->bind(2, code);
        st->exec();
    }
}

long long insert(Database& db, Activity& a) {
    auto st = db.cached(k_insert);
    bind_fields(*st, a);
    st->exec();
    a.id = detail::sql(db).getLastInsertRowid();
    write_links(db, a);
    return a.id;
}

void update(Database& db, const Activity& a) {
    auto st = db.cached(k_update);
    bind_fields(*st, a);
    st->bind(10, static_cast<std::int64_t>(a.id));
    if (st->exec() == 0)
        throw NotFound(trf("no activity {} (see: hlpb activity list)", a.id));
    write_links(db, a);
}

bool same(const Activity& x, const Activity& y) {
    return x.date == y.date && x.kind == y.kind && x.cluster == y.cluster &&
           x.committee == y.committee && x.clusters == y.clusters && x.title == y.title &&
           x.participants == y.participants && x.orgs == y.orgs &&
           x.problems_raised == y.problems_raised && x.problems_solved == y.problems_solved &&
           x.notes == y.notes;
}

} // namespace

std::vector<Activity> list_activities(Database& db, const ActivityFilter& f) {
    auto st = db.cached(k_list);
    const auto bind_text = [&](const char* name, const std::string& value) {
        detail::bind_or_null(*st, name, value);
    };
    bind_text(":kind", f.kind);
    bind_text(":committee", f.committee);
    bind_text(":cluster", f.cluster);
    bind_text(":from", f.from ? format_date(*f.from) : std::string());
    bind_text(":to", f.to ? format_date(*f.to) : std::string());
    std::vector<Activity> out;
    while (st->executeStep())
        out.push_back(read_activity(*st));
    return out;
}

std::optional<Activity> find_activity(Database& db, long long id) {
    auto st = db.cached(k_find);
    st->bind(1, static_cast<std::int64_t>(id));
    if (!st->executeStep())
        return std::nullopt;
    return read_activity(*st);
}

Activity get_activity(Database& db, long long id) {
    auto a = find_activity(db, id);
    if (!a)
        throw NotFound(trf("no activity {} (see: hlpb activity list)", id));
    return *a;
}

void check_activity(Database& db, Activity& a, const Date& today, import::RowErrors& errors) {
    // Notes as an import reads them (half-width), so that an export imports back unchanged.
    text::normalize_in_place(a.notes);
    if (!detail::clean_texts({{"kind", &a.kind},
                              {"cluster", &a.cluster},
                              {"committee", &a.committee},
                              {"title", &a.title},
                              {"notes", &a.notes, validate::TextRule::note}},
                             errors))
        return;
    for (auto* list : {&a.clusters, &a.orgs})
        for (auto& code : *list)
            if (auto p = validate::clean_text(code); !p.empty()) {
                errors.add(list == &a.orgs ? "orgs" : "clusters", p);
                return;
            }

    if (const std::string key = vocab::parse(vocab::activity_kinds(), a.kind); !key.empty()) {
        a.kind = key;
    } else {
        errors.add("kind",
                   trf("'{}' is not one of {}", a.kind, vocab::keys(vocab::activity_kinds())));
        a.kind.clear();
    }
    if (a.kind == "review" && a.cluster.empty() && !a.clusters.empty())
        a.cluster = a.clusters.front(); // the first cluster a review names is its own
    if (a.date > today)
        errors.add("date", trf("{} is after today ({}); an activity is recorded once it "
                               "has taken place",
                               format_date(a.date), format_date(today)));
    if (a.title.empty())
        errors.add("title", tr("is empty"));
    if (auto p = validate::check_number(a.participants, k_participants); !p.empty())
        errors.add("participants", p);
    if (auto p = validate::check_number(a.problems_raised, k_problem_count); !p.empty())
        errors.add("problems_raised", p);
    if (auto p = validate::check_number(a.problems_solved, k_problem_count); !p.empty())
        errors.add("problems_solved", p);
    else if (a.problems_solved > a.problems_raised)
        errors.add("problems_solved",
                   trf("{} is more than the problems raised ({}); a problem is solved "
                       "after it is raised",
                       a.problems_solved, a.problems_raised));

    // Its cluster, and the committee that follows from it.
    if (!a.cluster.empty() && check_code(a.cluster, "cluster", errors)) {
        if (auto c = cluster_dates(db, a.cluster); !c) {
            errors.add("cluster", trf("no cluster '{}' (see: hlpb cluster list)", a.cluster));
        } else {
            if (auto p = outside_cluster(a.cluster, *c, a.date); !p.empty())
                errors.add("cluster", p);
            if (a.committee.empty())
                a.committee = c->committee;
            else if (a.committee != c->committee)
                errors.add("committee",
                           trf("cluster {} belongs to committee {}, not {}; give {} or "
                               "leave the committee out",
                               a.cluster, c->committee, a.committee, c->committee));
        }
    } else if (!a.committee.empty() && check_code(a.committee, "committee", errors)) {
        auto st = db.cached(k_committee);
        st->bind(1, a.committee);
        if (!st->executeStep())
            errors.add("committee",
                       trf("no committee '{}' (see: hlpb committee list)", a.committee));
    }

    // Who holds which kind.
    if ((a.kind == "secretary_meeting" || a.kind == "theme_day" || a.kind == "review") &&
        a.cluster.empty())
        errors.add("cluster", trf("{} is held by a cluster: give its cluster", kind_words(a.kind)));
    if (a.kind == "work_meeting" && a.committee.empty() && a.cluster.empty())
        errors.add("committee", tr("a work_meeting is held by a committee: give its committee"));

    // The clusters a review names: its own and others of the same committee, active that day.
    if (a.kind == "review") {
        a.clusters = own_first(a.cluster, std::move(a.clusters));
        import::RowErrors list;
        for (std::size_t i = a.cluster.empty() ? 0 : 1; i < a.clusters.size(); ++i) {
            const std::string& code = a.clusters[i];
            if (!check_code(code, "clusters", list))
                continue;
            auto c = cluster_dates(db, code);
            if (!c) {
                list.add("clusters", trf("no cluster '{}' (see: hlpb cluster list)", code));
                continue;
            }
            if (auto p = outside_cluster(code, *c, a.date); !p.empty())
                list.add("clusters", p);
            if (!a.committee.empty() && c->committee != a.committee)
                list.add("clusters",
                         trf("cluster {} belongs to committee {}, not {}: a review names "
                             "clusters of its own committee",
                             code, c->committee, a.committee));
        }
        add_joined(errors, "clusters", list);
    } else {
        std::erase(a.clusters, a.cluster);
        if (!a.clusters.empty())
            errors.add("clusters",
                       trf("only a review names several clusters; {} has one cluster at most",
                           kind_words(a.kind)));
        a.clusters.clear();
    }

    // The orgs involved, open on the day.
    sort_unique(a.orgs);
    import::RowErrors orgs;
    for (const auto& code : a.orgs) {
        if (!check_code(code, "orgs", orgs))
            continue;
        if (auto p = detail::org_not_open(db, code, a.date); !p.empty())
            orgs.add("orgs", p);
    }
    add_joined(errors, "orgs", orgs);

    if (a.id != 0)
        check_problems(db, a, errors);
}

long long add_activity(Database& db, Activity a, const Date& today) {
    a.id = 0;
    check_or_throw(db, a, today);
    refuse_same_key(db, a, 0);
    return insert(db, a);
}

void edit_activity(Database& db, Activity a, const Date& today) {
    get_activity(db, a.id); // NotFound first
    check_or_throw(db, a, today);
    refuse_same_key(db, a, a.id);
    update(db, a);
}

long long delete_activity(Database& db, long long id) {
    get_activity(db, id);
    auto count = db.cached(k_count_problems);
    count->bind(1, static_cast<std::int64_t>(id));
    count->executeStep();
    const long long problems = count->getColumn(0).getInt64();
    count->reset();
    // The rows that point to it first (the schema has no ON DELETE actions: db undo needs
    // every change in the changeset): its problems stay, no longer pointing to it.
    for (const char* sql : {k_unlink_problems, k_delete_clusters, k_delete_orgs, k_delete}) {
        auto st = db.cached(sql);
        st->bind(1, static_cast<std::int64_t>(id));
        st->exec();
    }
    return problems;
}

hlpb::import::Outcome upsert_activity(Database& db, Activity a, const Date& today,
                                      const ActivityKeep& keep) {
    a.id = 0;
    import::RowErrors first;
    check_activity(db, a, today, first); // normalises the key
    if (keep.participants || keep.orgs || keep.problems_raised || keep.problems_solved ||
        keep.notes) {
        if (const auto ids = ids_by_key(db, a); ids.size() == 1) {
            // The stored values of the columns the file lacks, then the rules on the result.
            const Activity stored = get_activity(db, ids.front());
            if (keep.participants)
                a.participants = stored.participants;
            if (keep.orgs)
                a.orgs = stored.orgs;
            if (keep.problems_raised)
                a.problems_raised = stored.problems_raised;
            if (keep.problems_solved)
                a.problems_solved = stored.problems_solved;
            if (keep.notes)
                a.notes = stored.notes;
            first.clear();
            check_activity(db, a, today, first);
        }
    }
    detail::throw_if_any(first);
    const auto ids = ids_by_key(db, a);
    if (ids.empty()) {
        insert(db, a);
        return import::Outcome::inserted;
    }
    if (ids.size() > 1)
        throw Conflict(trf("activities {} are each {} titled '{}'; keep one (hlpb "
                           "activity delete ID) so that the row names one activity",
                           fmt::join(ids, ", "), describe_key(a), a.title));
    a.id = ids.front();
    const Activity stored = get_activity(db, a.id);
    import::RowErrors errors; // the problems that came from it, now that its id is known
    check_problems(db, a, errors);
    detail::throw_if_any(errors);
    if (same(stored, a))
        return import::Outcome::unchanged;
    update(db, a);
    return import::Outcome::updated;
}

namespace detail {

std::string org_not_open(Database& db, const std::string& code, const Date& date) {
    auto st = db.cached(k_org);
    st->bind(1, code);
    if (!st->executeStep())
        return trf("no org '{}' (see: hlpb org list)", code);
    const auto founded = column_date(st->getColumn(0));
    const auto closed = column_date(st->getColumn(1));
    if (founded && date < *founded)
        return trf("org {} was founded on {}, after {}", code, format_date(*founded),
                   format_date(date));
    if (closed && date >= *closed)
        return trf("org {} was closed on {} (founded {}); it was no longer open on {}", code,
                   format_date(*closed), date_text(founded), format_date(date));
    return {};
}

} // namespace detail

} // namespace hlpb::db
