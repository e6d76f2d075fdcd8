// What the verbs of `hlpb report` share (cmd/report.cpp, cmd/report_monthly.cpp).
#pragma once

#include "context.hpp"

#include <hlpb/date.hpp>
#include <hlpb/report/month_snapshot.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace hlpb::cli {

// --month YYYY-MM | last (the default: the calendar month before today).
void add_month_option(CLI::App* cmd, std::optional<std::string>& month);
Month report_month(const std::optional<std::string>& text, const Date& today);
// On stderr, for a month that has not ended: its figures are so far (exit status stays 0).
void note_if_partial(const Context& ctx, const report::MonthSnapshot& s);

} // namespace hlpb::cli
