// `hlpb report annual` (年度工作报告): the year month by month and each cluster's year.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "report.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/report/annual.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace hlpb::cli {
namespace {

struct AnnualOptions {
    std::optional<int> year;
    std::string format;
    std::string out;
    std::string out_dir;
};

// --year, or the year of the month before today (on 2027-01-01: 2026), as cron wants.
int annual_year(const std::optional<int>& year, const Date& today) {
    if (!year)
        return static_cast<int>(previous_month(month_of(today)).year());
    if (*year < 1900 || *year > 2100)
        throw InvalidInput("--year", fmt::format("{} is not a year from 1900 to 2100", *year));
    if (std::chrono::year{*year} > today.year())
        throw InvalidInput("--year",
                           fmt::format("{} has not begun (today is {}); give a year up "
                                       "to {}",
                                       *year, format_date(today), static_cast<int>(today.year())));
    return *year;
}

int annual(Context& ctx, const AnnualOptions& o) {
    // The verb's --format wins over the global one.
    const std::string format = !o.format.empty() ? o.format : ctx.options.format;
    if (!o.out.empty() && !o.out_dir.empty())
        throw UsageError("report annual: give --out FILE or --out-dir DIR, not both");
    // MERGE (issue 9): the document formats plug in here. For md, text, html, xlsx and csv:
    //   const report::Document doc = report::annual_document(r, <DocOptions from ctx>);
    //   write_document(ctx, doc, format, out / out_dir)   (cmd/report.hpp, helper doc-text)
    // after build_annual below; only json is written by this file.
    if (format != "json")
        throw UsageError(
            fmt::format("report annual: --format {} is not available yet; use --format json",
                        format.empty() ? std::string("table") : format));
    const Date today = hlpb::today();
    const int year = annual_year(o.year, today);
    ctx.set_read_only(); // a report never creates a database
    std::string path = o.out;
    if (!o.out_dir.empty())
        path =
            (std::filesystem::path(o.out_dir) / fmt::format("hlpb-annual-{}.json", year)).string();
    // Opened first: an output that is refused leaves everything untouched.
    std::optional<util::AtomicFile> file;
    if (!path.empty() && path != "-")
        file.emplace(path, ctx.outputs());
    const report::AnnualReport r = report::build_annual(ctx.db(), year, today);
    const std::string text =
        report::to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (file) {
        file->write(text);
        file->commit();
        note(ctx, fmt::format("{}: the annual report of {} written", path, year));
    } else {
        std::cout << text;
        check_stdout();
    }
    if (!r.complete)
        note(ctx,
             fmt::format("{} has not ended: figures so far (to {})", year, format_date(r.last)));
    return 0;
}

} // namespace

void register_report_annual(CLI::App& report, Context& ctx) {
    auto [cmd, o] = add_verb<AnnualOptions>(
        report, "annual",
        "The annual report (年度工作报告): the year month by month and each cluster's year");
    cmd->add_option("--year", o->year,
                    "the year, YYYY (default: the year of the month before today)");
    cmd->add_option("--format", o->format, "json (md, html, xlsx, text and csv come next)");
    cmd->add_option("--out", o->out, "write to this file (atomically) instead of stdout");
    cmd->add_option("--out-dir", o->out_dir,
                    "write hlpb-annual-YYYY.<format> in this folder (atomically)");
    cmd->footer(
        "Months: January to the month of today (a year not ended: figures so far). Each\n"
        "month's figures are the monthly report's; clusters: meetings held of the months\n"
        "they were subject, theme days of the half-years, the year's review, red flags.\n"
        "See man hlpb-report for every key. The same database and year give the same bytes.");
    on_run(cmd, ctx, [&ctx, o = o] { return annual(ctx, *o); });
}

} // namespace hlpb::cli
