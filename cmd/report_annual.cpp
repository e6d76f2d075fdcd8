// `hlpb report annual` (年度工作报告): the year month by month and each cluster's year.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "report.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/report/annual.hpp>

#include <fmt/format.h>

namespace hlpb::cli {
namespace {

struct AnnualOptions {
    std::optional<int> year;
    DocumentOutput output;
};

DocumentKeys annual_keys() {
    return {report::annual_section_keys(), report::annual_table_keys()};
}

// --year, or the year of the month before today (on 2027-01-01: 2026), as cron wants.
int annual_year(const std::optional<int>& year, const Date& today) {
    if (!year)
        return static_cast<int>(previous_month(month_of(today)).year());
    if (*year < 1900 || *year > 2100)
        throw InvalidInput("--year", trf("{} is not a year from 1900 to 2100", *year));
    if (std::chrono::year{*year} > today.year())
        throw InvalidInput("--year",
                           trf("{} has not begun (today is {}); give a year up "
                               "to {}",
                               *year, format_date(today), static_cast<int>(today.year())));
    return *year;
}

int annual(Context& ctx, const AnnualOptions& o) {
    // `today` is read here once and passed down; the library never reads the clock.
    const Date today = hlpb::today();
    const int year = annual_year(o.year, today);
    DocumentWriter writer(ctx, o.output, annual_keys(), fmt::format("hlpb-annual-{}", year),
                          trf("the annual report of {}", year));
    const report::AnnualReport r = report::build_annual(ctx.db(), year, today);
    if (writer.format() == "json")
        writer.write(report::to_json(r));
    else
        writer.write(report::annual_document(r, writer.doc_options()));
    if (!r.complete)
        note(ctx, trf("{} has not ended: figures so far (to {})", year, format_date(r.last)));
    return 0;
}

} // namespace

void register_report_annual(CLI::App& report, Context& ctx) {
    auto [cmd, o] = add_verb<AnnualOptions>(
        report, "annual",
        tr("The annual report (年度工作报告): the year month by month and each cluster's year"));
    cmd->add_option("--year", o->year,
                    tr("the year, YYYY (default: the year of the month before today)"));
    add_document_options(cmd, o->output, annual_keys(), "hlpb-annual-2026");
    cmd->footer(
        tr("Months: January to the month of today (a year not ended: figures so far). Each\n"
           "month's figures are the monthly report's; clusters: meetings held of the months\n"
           "they were subject, theme days of the half-years, the year's review, red flags.\n"
           "Sections: overview (一、全年总体情况), compliance (二、制度落实情况), flags\n"
           "(三、积分评比与流动红旗), subsidies (四、经费保障), outcomes (五、工作成效), clusters\n"
           "(附表). --lang en renders every label in English; see man hlpb-report for the json\n"
           "keys. The same database and year give the same bytes (the generation time from\n"
           "SOURCE_DATE_EPOCH when set). For cron:\n"
           "  0 3 1 1 * hlpb report annual --format xlsx --out-dir /srv/reports"));
    on_run(cmd, ctx, [&ctx, o = o] { return annual(ctx, *o); });
}

} // namespace hlpb::cli
