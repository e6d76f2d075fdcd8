// 部长会客厅 problems: reads and the writes of add and resolve.
#include <hlpb/db/activity_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/problem_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "db/use_case.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace hlpb::db {
namespace {

#define HLPB_PROBLEM_SELECT                                                                        \
    "SELECT p.id, o.code, p.category, p.raised, p.text, p.resolved, p.resolution,\n"               \
    "       p.activity_id\n"                                                                       \
    "FROM problem p JOIN org o ON o.id = p.org_id\n"

constexpr const char* k_list = HLPB_PROBLEM_SELECT R"sql(
JOIN committee c ON c.id = o.committee_id
WHERE (:org IS NULL OR o.code = :org)
  AND (:committee IS NULL OR c.code = :committee)
  AND (:category IS NULL OR p.category = :category)
  AND (:status IS NULL OR (:status = 'open') = (p.resolved IS NULL))
  AND (:from IS NULL OR p.raised >= :from)
  AND (:to IS NULL OR p.raised <= :to)
  AND (:activity IS NULL OR p.activity_id = :activity)
ORDER BY p.raised, p.id)sql";
constexpr const char* k_find = HLPB_PROBLEM_SELECT "WHERE p.id = ?";

#undef HLPB_PROBLEM_SELECT

constexpr const char* k_insert = R"sql(
INSERT INTO problem(org_id, category, raised, text, activity_id)
VALUES ((SELECT id FROM org WHERE code = ?), ?, ?, ?, ?))sql";
constexpr const char* k_resolve = "UPDATE problem SET resolved = ?, resolution = ? WHERE id = ?";

Problem read_problem(SQLite::Statement& st) {
    Problem p;
    p.id = st.getColumn(0).getInt64();
    p.org = st.getColumn(1).getString();
    p.category = st.getColumn(2).getString();
    p.raised = detail::column_date_required(st.getColumn(3));
    p.text = st.getColumn(4).getString();
    p.resolved = detail::column_date(st.getColumn(5));
    p.resolution = st.getColumn(6).getString();
    if (!st.getColumn(7).isNull())
        p.activity = st.getColumn(7).getInt64();
    return p;
}

} // namespace

std::vector<Problem> list_problems(Database& db, const ProblemFilter& f) {
    auto st = db.cached(k_list);
    const auto bind_text = [&](const char* name, const std::string& value) {
        detail::bind_or_null(*st, name, value);
    };
    bind_text(":org", f.org);
    bind_text(":committee", f.committee);
    bind_text(":category", f.category);
    bind_text(":status", f.status);
    bind_text(":from", f.from ? format_date(*f.from) : std::string());
    bind_text(":to", f.to ? format_date(*f.to) : std::string());
    if (f.activity)
        st->bind(":activity", static_cast<std::int64_t>(*f.activity));
    else
        st->bind(":activity");
    std::vector<Problem> out;
    while (st->executeStep())
        out.push_back(read_problem(*st));
    return out;
}

Problem get_problem(Database& db, long long id) {
    auto st = db.cached(k_find);
    st->bind(1, static_cast<std::int64_t>(id));
    if (!st->executeStep())
        throw NotFound(trf("no problem {} (see: hlpb org problem list)", id));
    return read_problem(*st);
}

ProblemAdded add_problem(Database& db, Problem p, const std::optional<Date>& raised,
                         const Date& today) {
    import::RowErrors errors;
    if (!detail::clean_texts({{"org", &p.org},
                              {"category", &p.category},
                              {"text", &p.text, validate::TextRule::note}},
                             errors))
        detail::throw_if_any(errors);

    std::optional<Activity> reception;
    if (p.activity) {
        reception = find_activity(db, *p.activity);
        if (!reception)
            errors.add("activity", trf("no activity {} (see: hlpb activity list --kind reception)",
                                       *p.activity));
        else if (reception->kind != "reception")
            errors.add("activity",
                       trf("activity {} is a {}, not a reception (部长会客厅); "
                           "see: hlpb activity list --kind reception",
                           *p.activity, words::term(vocab::activity_kinds(), reception->kind)));
    }
    p.raised = raised ? *raised : reception ? reception->date : today;
    if (p.raised > today)
        errors.add("raised",
                   trf("{} is after today ({})", format_date(p.raised), format_date(today)));
    if (reception && reception->kind == "reception" && p.raised < reception->date)
        errors.add("raised",
                   trf("{} is before the reception it came from ({}, activity "
                       "{})",
                       format_date(p.raised), format_date(reception->date), reception->id));

    if (const std::string key = vocab::parse(vocab::problem_categories(), p.category); !key.empty())
        p.category = key;
    else
        errors.add("category", trf("'{}' is not one of {}", p.category,
                                   vocab::keys(vocab::problem_categories())));
    if (p.text.empty())
        errors.add("text", tr("is empty: say what the problem is"));

    if (auto problem = validate::check_code(p.org); !problem.empty()) {
        errors.add("org",
                   problem.front() == '\'' ? problem : fmt::format("'{}': {}", p.org, problem));
    } else {
        if (auto open = detail::org_not_open(db, p.org, p.raised); !open.empty())
            errors.add("org", open);
    }
    detail::throw_if_any(errors);

    ProblemAdded added;
    if (reception && !std::binary_search(reception->orgs.begin(), reception->orgs.end(), p.org)) {
        reception->orgs.push_back(p.org);
        try { // the activity's own rules: the org open on the reception's date
            edit_activity(db, *reception, today);
        } catch (const InvalidInput& e) {
            std::vector<RowError> out;
            for (const RowError& r : e.errors())
                out.push_back(RowError{"", 0, "org",
                                       trf("joining activity {}: {}", reception->id, r.message)});
            throw InvalidInput(std::move(out));
        }
        added.org_joined_activity = true;
    }
    auto st = db.cached(k_insert);
    st->bind(1, p.org);
    st->bind(2, p.category);
    st->bind(3, format_date(p.raised));
    st->bind(4, p.text);
    if (p.activity)
        st->bind(5, static_cast<std::int64_t>(*p.activity));
    else
        st->bind(5);
    st->exec();
    added.id = detail::sql(db).getLastInsertRowid();
    return added;
}

void resolve_problem(Database& db, long long id, const Date& on, std::string text,
                     const Date& today) {
    const Problem p = get_problem(db, id);
    if (p.resolved)
        throw Conflict(trf("problem {} was resolved on {} already (a mistaken resolve is "
                           "taken back with: hlpb db undo)",
                           id, format_date(*p.resolved)));
    import::RowErrors errors;
    if (auto bad = validate::clean_text(text, validate::TextRule::note); !bad.empty())
        errors.add("text", bad);
    else if (text.empty())
        errors.add("text", tr("is empty: say how the problem was resolved"));
    if (on < p.raised)
        errors.add("on", trf("{} is before the problem was raised ({})", format_date(on),
                             format_date(p.raised)));
    if (on > today)
        errors.add("on", trf("{} is after today ({})", format_date(on), format_date(today)));
    detail::throw_if_any(errors);
    auto st = db.cached(k_resolve);
    st->bind(1, format_date(on));
    st->bind(2, text);
    st->bind(3, static_cast<std::int64_t>(id));
    st->exec();
}

} // namespace hlpb::db
