// Import and export of activities (SPEC §6): columns, row parsing, the key, the export.
#include <hlpb/db/activity_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/resolve.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/activities.hpp>
#include <hlpb/util/split_list.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include <fmt/format.h>

namespace hlpb::import {
namespace {

const std::vector<Field> k_fields = {
    {"date", "日期", true, {"活动日期"}},
    {"kind", "类型", true, {"活动类型"}, FieldType::text, vocab::activity_kinds()},
    {"cluster", "联建片", false, {}},
    {"committee", "上级党委", false, {}},
    {"title", "主题", true, {"活动主题"}},
    {"participants", "参加人数", false, {"人数"}, FieldType::number},
    {"orgs", "参加党组织", false, {"参与党组织"}},
    {"problems_raised", "提出问题数", false, {}, FieldType::number},
    {"problems_solved", "解决问题数", false, {}, FieldType::number},
    {"notes", "备注", false, {}},
};
enum Col {
    f_date,
    f_kind,
    f_cluster,
    f_committee,
    f_title,
    f_participants,
    f_orgs,
    f_raised,
    f_solved,
    f_notes
};

// The codes or names of a cell (A1;A2, A1，A2、A3: util::split_list).
std::vector<std::string> split_codes(const std::string& cell) {
    return util::split_list(cell);
}

std::string join_codes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) {
        if (!out.empty())
            out += ';';
        out += c;
    }
    return out;
}

// The key of a row as the database will hold it: the date and kind parsed, the first cluster
// (a review's own), else the committee, by its code (when the cell names one by its full name
// or a code in another case).
std::string row_key(const Row& row, db::Resolver& clusters, db::Resolver& committees) {
    const auto date = parse_date(row[f_date]);
    const std::string kind = vocab::parse(vocab::activity_kinds(), row[f_kind]);
    const auto cluster_cells = split_codes(row[f_cluster]);
    std::string holder = !cluster_cells.empty() ? cluster_cells.front() : row[f_committee];
    if (!holder.empty()) {
        const db::Resolved r = cluster_cells.empty()
                                   ? committees.find(holder)
                                   : clusters.find(holder, date ? date : std::optional<Date>());
        if (r)
            holder = r.code;
    }
    return fmt::format("{}, {}, {}, {}", date ? format_date(*date) : row[f_date],
                       kind.empty() ? row[f_kind] : kind, holder.empty() ? "-" : holder,
                       row[f_title]);
}

long long number(const Row& row, std::size_t i, const char* key, const validate::NumberRule& rule,
                 RowErrors& errors) {
    long long n = 0;
    if (row[i].empty())
        return 0;
    if (auto p = validate::check_number(row[i], rule, n); !p.empty())
        errors.add(key, p);
    return n;
}

} // namespace

std::span<const Field> activity_fields() {
    return k_fields;
}

Summary import_activities(db::Database& db, const SourceOptions& source, const ImportOptions& o,
                          const Date& today) {
    RowSource src(source, k_fields);
    // Clusters, committees and orgs by code or full name, each loaded once.
    db::Resolver clusters(db, db::RecordKind::cluster);
    db::Resolver committees(db, db::RecordKind::committee);
    db::Resolver orgs(db, db::RecordKind::org);
    Handler h;
    h.key_field = "date, kind, cluster/committee, title"; // the columns of the key
    h.key = [&](const Row& row) { return row_key(row, clusters, committees); };
    h.apply = [&](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
        Activity a;
        if (row[f_date].empty()) {
            errors.add("date", tr("is empty"));
        } else if (auto d = parse_date(row[f_date])) {
            a.date = *d;
        } else {
            errors.add("date", trf("'{}' is not a date (use YYYY-MM-DD, YYYY/M/D or "
                                   "YYYY年M月D日)",
                                   row[f_date]));
        }
        a.kind = row[f_kind];
        const std::optional<Date> on =
            a.date == Date{} ? std::optional<Date>() : std::optional<Date>(a.date);
        a.clusters = split_codes(row[f_cluster]);
        for (auto& c : a.clusters)
            clusters.resolve_cell(c, "cluster", errors, on);
        if (!a.clusters.empty())
            a.cluster = a.clusters.front();
        if (a.clusters.size() < 2)
            a.clusters.clear();
        a.committee = row[f_committee];
        committees.resolve_cell(a.committee, "committee", errors);
        a.title = row[f_title];
        a.participants = number(row, f_participants, "participants", db::k_participants, errors);
        a.orgs = split_codes(row[f_orgs]);
        for (auto& org : a.orgs)
            orgs.resolve_cell(org, "orgs", errors, on);
        a.problems_raised = number(row, f_raised, "problems_raised", db::k_problem_count, errors);
        a.problems_solved = number(row, f_solved, "problems_solved", db::k_problem_count, errors);
        a.notes = row[f_notes];
        if (!errors.empty()) {
            // The other rules too, for a row whose date could be read (nothing is written).
            if (a.date == Date{} && a.title.empty())
                errors.add("title", tr("is empty"));
            if (a.date != Date{}) {
                RowErrors more;
                db::check_activity(db, a, today, more);
                for (const auto& item : more.items()) {
                    bool seen = false;
                    for (const auto& e : errors.items())
                        seen = seen || e.field == item.field;
                    if (!seen)
                        errors.add(item.field == "clusters" ? "cluster" : item.field, item.message);
                }
            }
            return std::nullopt;
        }
        return in_savepoint(db, errors, "", [&]() -> std::optional<Outcome> {
            try {
                // A column the file lacks keeps the stored value (an empty cell clears it).
                const db::ActivityKeep keep{.participants = !row.has(f_participants),
                                            .orgs = !row.has(f_orgs),
                                            .problems_raised = !row.has(f_raised),
                                            .problems_solved = !row.has(f_solved),
                                            .notes = !row.has(f_notes)};
                return db::upsert_activity(db, a, today, keep);
            } catch (const InvalidInput& e) { // a review's clusters are in the cluster column
                std::vector<RowError> out;
                for (RowError r : e.errors()) {
                    if (r.field == "clusters")
                        r.field = "cluster";
                    out.push_back(std::move(r));
                }
                throw InvalidInput(std::move(out));
            }
        });
    };
    return run(db, src, h, o);
}

out::Table export_activities(db::Database& db) {
    out::Table t;
    for (const auto& f : k_fields)
        t.columns.push_back({f.key, f.zh, false});
    for (const Activity& a : db::list_activities(db, {}))
        t.rows.push_back({format_date(a.date), a.kind,
                          a.kind == "review" ? join_codes(a.clusters) : a.cluster, a.committee,
                          a.title, a.participants, join_codes(a.orgs), a.problems_raised,
                          a.problems_solved, a.notes});
    return t;
}

} // namespace hlpb::import
