// `hlpb report outcomes` (四有 of a month, a year or a date range) and `hlpb report monthly` (the
// whole month in one document).
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "report.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/outcomes_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/report/monthly.hpp>
#include <hlpb/report/monthly_document.hpp>
#include <hlpb/rules/outcomes.hpp>
#include <hlpb/util/atomic_file.hpp>
#include <hlpb/vocab.hpp>

#include <fmt/format.h>

#include <iostream>

namespace hlpb::cli {
namespace {

struct MonthlyOptions {
    std::optional<std::string> month;
    DocumentOutput output;
};

DocumentKeys monthly_keys() {
    return {report::monthly_section_keys(), report::monthly_table_keys()};
}

struct OutcomesOptions {
    std::optional<std::string> month;
    std::optional<int> year;
    std::optional<std::string> from;
    std::optional<std::string> to;
};

// The period of --month, --year or --from/--to (exactly one way).
rules::OutcomePeriod outcomes_period(const OutcomesOptions& o, const Date& today) {
    const int ways = (o.month ? 1 : 0) + (o.year ? 1 : 0) + (o.from || o.to ? 1 : 0);
    if (ways != 1)
        throw UsageError(
            tr("give the period: --month YYYY-MM, --year YYYY, or --from DATE --to DATE"));
    if (o.month)
        return rules::month_period(report_month(o.month, today));
    if (o.year) {
        if (*o.year < 1900 || *o.year > 2100)
            throw InvalidInput("--year", trf("{} is not a year from 1900 to 2100", *o.year));
        return rules::year_period(*o.year);
    }
    if (!o.from || !o.to)
        throw UsageError(tr("a date range needs both --from DATE and --to DATE"));
    rules::OutcomePeriod p{require_date(*o.from, "--from"), require_date(*o.to, "--to")};
    if (p.last < p.first)
        throw InvalidInput(
            "--to", trf("{} is before --from {}", format_date(p.last), format_date(p.first)));
    return p;
}

out::Column measure_column(std::string_view key, bool right_align = true) {
    return out::Column{std::string(key), vocab::label(rules::outcome_measures(), key, "zh"),
                       right_align, vocab::label(rules::outcome_measures(), key, "en")};
}

out::Value optional_number(const std::optional<double>& v) {
    return v ? out::Value(*v) : out::Value();
}

int outcomes(Context& ctx, const OutcomesOptions& o) {
    const Date today = hlpb::today();
    const rules::OutcomePeriod period = outcomes_period(o, today);
    ctx.set_read_only();
    rules::Outcomes r;
    {
        db::ReadTx snapshot(ctx.db());
        r = db::outcomes(ctx.db(), period);
    }
    if (period.last >= today)
        note(ctx,
             o.month ? trf("{} has not ended: figures so far", format_month(month_of(period.first)))
             : o.year
                 ? trf("{} has not ended: figures so far", *o.year)
                 : trf("the period to {} has not ended: figures so far", format_date(period.last)));

    out::Record rec;
    rec.fields = {column("from"), out::Column{"to", "止"}};
    rec.values = {format_date(period.first), format_date(period.last)};
    auto add = [&](std::string_view key, out::Value v) {
        rec.fields.push_back(measure_column(key));
        rec.values.push_back(std::move(v));
    };
    add("weak_delisted", static_cast<long long>(r.weak_delisted.size()));
    add("weak_now", r.weak_now);
    add("typical_now", r.typical_now);
    add("founded", static_cast<long long>(r.founded.size()));
    add("secretary_filled", static_cast<long long>(r.secretary_filled.size()));
    add("points_year", r.points_year);
    add("points_members", r.points_members);
    add("points_average", optional_number(r.points_average));
    add("points_average_before", optional_number(r.points_average_before));
    add("points_change", optional_number(r.points_change));
    add("members_honored", r.members_honored);
    add("volunteer_activities", r.volunteer_activities);
    add("volunteer_participants", r.volunteer_participants);
    add("orgs_honored", r.orgs_honored);
    add("training_bases", r.training_bases);
    add("receptions", r.receptions);
    add("problems_raised", r.problems_raised);
    add("problems_resolved", r.problems_resolved);
    add("problems_open", r.problems_open);

    out::Table problems{{out::Column{"category", "类别"}, measure_column("problems_raised"),
                         measure_column("problems_resolved"), measure_column("problems_open")},
                        {}};
    for (const auto& t : r.problems_by_category)
        problems.rows.push_back({term_cell(ctx, vocab::problem_categories(), t.category), t.raised,
                                 t.resolved, t.open});
    rec.sections.push_back({out::Column{"problems", "问题分类"}, std::move(problems)});

    // The orgs behind the counted events, so that each figure can be traced.
    out::Table orgs{{out::Column{"measure", "指标"}, column("org")}, {}};
    auto list = [&](std::string_view key, const std::vector<std::string>& codes) {
        for (const auto& c : codes)
            orgs.rows.push_back(
                {for_people(ctx) ? vocab::label(rules::outcome_measures(), key, ctx.options.lang)
                                 : std::string(key),
                 c});
    };
    list("weak_delisted", r.weak_delisted);
    list("founded", r.founded);
    list("secretary_filled", r.secretary_filled);
    rec.sections.push_back({out::Column{"orgs", "党组织"}, std::move(orgs)});
    print(ctx, rec);
    return 0;
}

// A report's big values are not freed: the process ends right after writing them, and freeing
// hundreds of thousands of strings cost about 0.05 s of the monthly report at scale 100
// (bench/README.md). Reachable from a static (one for each type), so leak checkers see no leak.
template <class T> const T& kept_until_exit(T value) {
    static T* kept = nullptr;
    delete kept; // a second call in one process (none in the CLI) frees the first value
    kept = new T(std::move(value));
    return *kept;
}

int monthly(Context& ctx, const MonthlyOptions& o) {
    // `today` is read here once and passed down; the library never reads the clock.
    const Date today = hlpb::today();
    const Month m = report_month(o.month, today);
    DocumentWriter writer(ctx, o.output, monthly_keys(), "hlpb-monthly-" + format_month(m),
                          trf("the monthly report of {}", format_month(m)));
    const report::MonthlyReport& r = kept_until_exit(report::build_monthly(ctx.db(), m, today));
    if (writer.format() == "json")
        writer.write_json_text(report::to_json_text(r)); // written straight, without a json tree
    else
        writer.write(kept_until_exit(report::monthly_document(r, writer.doc_options())));
    if (!r.complete)
        note(ctx, trf("{} has not ended: figures so far", format_month(m)));
    const auto& c = r.coverage.figures;
    if (writer.format() != "json" && (!c.district_orgs || !c.district_members))
        note(ctx,
             tr("the shares of the district's Party orgs and members are left out: set the "
                "totals with hlpb config set district.total_orgs N and district.total_members N"));
    return 0;
}

} // namespace

void register_report_monthly(CLI::App& report, Context& ctx) {
    auto [mon, mo] = add_verb<MonthlyOptions>(
        report, "monthly",
        tr("The monthly report (工作月报): the whole month as one document an office forwards"));
    add_month_option(mon, mo->month);
    add_document_options(mon, mo->output, monthly_keys());
    mon->footer(
        tr("Sections: coverage (一、总体情况), compliance (二、制度落实情况), flags "
           "(三、积分评比与流动红旗),\n"
           "subsidies (四、经费保障), outcomes (五、工作成效), problems (六、部长会客厅问题办理), "
           "appendix\n"
           "(附表: clusters, compliance_detail, points, subsidy_orgs). Titles name the setting\n"
           "district.name; --lang en renders every label in English. The same database and month\n"
           "give the same bytes (the generation time from SOURCE_DATE_EPOCH when set). For cron:\n"
           "  0 2 1 * * hlpb report monthly --format xlsx --out-dir /srv/reports"));
    on_run(mon, ctx, [&ctx, mo = mo] { return monthly(ctx, *mo); });

    auto [cmd, o] = add_verb<OutcomesOptions>(
        report, "outcomes",
        tr("The four outcomes (四有) of a month, a year or a date range, district-wide"));
    cmd->add_option("--month", o->month, tr("a month, YYYY-MM (or last: the month before today)"));
    cmd->add_option("--year", o->year, tr("a calendar year, YYYY"));
    cmd->add_option("--from", o->from, tr("first day of a date range (with --to)"));
    cmd->add_option("--to", o->to, tr("last day of a date range, included (with --from)"));
    cmd->footer(tr(
        "Events count when dated inside the period (both ends included); states (weak, typical,\n"
        "training bases) are read on its last day. Weak orgs delisted: a weak flag ended in the\n"
        "period, not by the org's closing, and not set again by its end. Secretary filled: a\n"
        "secretary's term began in the period after a day without one. E-home points: the year of\n"
        "the period's last day and the year before."));
    on_run(cmd, ctx, [&ctx, o = o] { return outcomes(ctx, *o); });
}

} // namespace hlpb::cli
