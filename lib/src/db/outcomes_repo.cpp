#include <hlpb/db/database.hpp>
#include <hlpb/db/outcomes_repo.hpp>

#include "db/sql_util.hpp"

namespace hlpb::db {
namespace {

using detail::column_date;
using detail::column_date_required;

// :first and :last are the period's days, both included.
constexpr const char* k_orgs = R"sql(
SELECT code, founded, closed FROM org WHERE closed IS NULL OR closed >= :first ORDER BY code)sql";

constexpr const char* k_flags = R"sql(
SELECT o.code, f.flag, f.from_date, f.to_date FROM org_flag f JOIN org o ON o.id = f.org_id
 WHERE f.from_date <= :last AND (f.to_date IS NULL OR f.to_date >= :first)
 ORDER BY o.code, f.flag, f.from_date)sql";

// Secretary terms that hold a day from the day before the period to its last day: the current
// role of a member (from role_since until the member left), and the closed terms of the history.
// Split so that the open terms are read through the partial index member_secretary and the
// ended ones through member_secretary_left (not a scan of the whole member table).
constexpr const char* k_secretaries = R"sql(
SELECT o.code, m.role_since, NULL FROM member m JOIN org o ON o.id = m.org_id
 WHERE m.role = 'secretary' AND m.left_on IS NULL AND m.role_since <= :last
UNION ALL
SELECT o.code, m.role_since, m.left_on FROM member m JOIN org o ON o.id = m.org_id
 WHERE m.role = 'secretary' AND m.left_on IS NOT NULL AND m.role_since <= :last
   AND m.left_on >= :first
UNION ALL
SELECT o.code, r.from_date, r.to_date FROM member_role_history r JOIN org o ON o.id = r.org_id
 WHERE r.role = 'secretary' AND r.from_date <= :last AND r.to_date >= :first
ORDER BY 1, 2)sql";

constexpr const char* k_points = R"sql(
SELECT count(*), coalesce(sum(points), 0) FROM member_points WHERE year = ?)sql";

constexpr const char* k_member_honors = R"sql(
SELECT member_id, date FROM member_honor WHERE date BETWEEN :first AND :last
 ORDER BY date, member_id)sql";

constexpr const char* k_org_honors = R"sql(
SELECT o.code, h.date, h.title, h.level FROM org_honor h JOIN org o ON o.id = h.org_id
 WHERE h.date BETWEEN :first AND :last ORDER BY h.date, o.code, h.title)sql";

constexpr const char* k_activities = R"sql(
SELECT kind, date, participants FROM activity
 WHERE date BETWEEN :first AND :last AND kind IN ('volunteer', 'reception')
 ORDER BY date, id)sql";

constexpr const char* k_problems = R"sql(
SELECT p.id, o.code, p.category, p.raised, p.text, p.resolved, p.resolution, p.activity_id
  FROM problem p JOIN org o ON o.id = p.org_id
 WHERE p.raised <= :last AND (p.resolved IS NULL OR p.resolved >= :first)
 ORDER BY p.raised, p.id)sql";

struct Bound {
    std::string first;
    std::string last;
};

// Binds :first and :last where the statement has them (getIndex is 0 for a name it lacks).
void bind_period(SQLite::Statement& st, const Bound& b) {
    if (int i = st.getIndex(":first"); i > 0)
        st.bind(i, b.first);
    if (int i = st.getIndex(":last"); i > 0)
        st.bind(i, b.last);
}

rules::OutcomeInput::YearPoints year_points(Database& db, int year) {
    auto st = db.cached(k_points);
    st->bind(1, year);
    st->executeStep();
    return {st->getColumn(0).getInt64(), st->getColumn(1).getInt64()};
}

} // namespace

rules::OutcomeInput outcome_input(Database& db, const rules::OutcomePeriod& period) {
    rules::OutcomeInput in;
    in.period = period;
    const Bound b{format_date(period.first), format_date(period.last)};
    {
        auto st = db.cached(k_orgs);
        bind_period(*st, b);
        while (st->executeStep())
            in.orgs.push_back({st->getColumn(0).getString(), column_date(st->getColumn(1)),
                               column_date(st->getColumn(2))});
    }
    {
        auto st = db.cached(k_flags);
        bind_period(*st, b);
        while (st->executeStep())
            in.flags.push_back(
                {st->getColumn(0).getString(), st->getColumn(1).getString(),
                 Span{column_date_required(st->getColumn(2)), column_date(st->getColumn(3))}});
    }
    {
        auto st = db.cached(k_secretaries);
        bind_period(*st, b);
        while (st->executeStep())
            in.secretaries.push_back(
                {st->getColumn(0).getString(),
                 Span{column_date_required(st->getColumn(1)), column_date(st->getColumn(2))}});
    }
    const int year = static_cast<int>(period.last.year());
    in.points = year_points(db, year);
    in.points_before = year_points(db, year - 1);
    {
        auto st = db.cached(k_member_honors);
        bind_period(*st, b);
        while (st->executeStep())
            in.member_honors.push_back(
                {st->getColumn(0).getInt64(), column_date_required(st->getColumn(1))});
    }
    {
        auto st = db.cached(k_org_honors);
        bind_period(*st, b);
        while (st->executeStep())
            in.org_honors.push_back({st->getColumn(0).getString(),
                                     column_date_required(st->getColumn(1)),
                                     st->getColumn(2).getString(), st->getColumn(3).getString()});
    }
    {
        auto st = db.cached(k_activities);
        bind_period(*st, b);
        while (st->executeStep())
            in.activities.push_back({st->getColumn(0).getString(),
                                     column_date_required(st->getColumn(1)),
                                     st->getColumn(2).getInt64()});
    }
    {
        auto st = db.cached(k_problems);
        bind_period(*st, b);
        while (st->executeStep()) {
            Problem p;
            p.id = st->getColumn(0).getInt64();
            p.org = st->getColumn(1).getString();
            p.category = st->getColumn(2).getString();
            p.raised = column_date_required(st->getColumn(3));
            p.text = st->getColumn(4).getString();
            p.resolved = column_date(st->getColumn(5));
            p.resolution = st->getColumn(6).getString();
            if (!st->getColumn(7).isNull())
                p.activity = st->getColumn(7).getInt64();
            in.problems.push_back(std::move(p));
        }
    }
    return in;
}

rules::Outcomes outcomes(Database& db, const rules::OutcomePeriod& period) {
    return rules::compute_outcomes(outcome_input(db, period));
}

} // namespace hlpb::db
