// `hlpb report`: compliance, subsidies and coverage of a month (SPEC §5.1, §5.3, §5.6); the
// outcomes and the monthly report are in report_monthly.cpp.
#include "report.hpp"
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/rules/compliance.hpp>
#include <hlpb/rules/coverage.hpp>
#include <hlpb/rules/subsidy.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <unistd.h>

namespace hlpb::cli {
namespace {

struct ComplianceOptions {
    std::optional<std::string> month;
    std::string status;
    std::string committee;
    std::string cluster;
};

struct SubsidyOptions {
    std::optional<std::string> month;
    bool detail = false;
};

struct CoverageOptions {
    std::optional<std::string> month;
};

report::MonthSnapshot load(Context& ctx, const std::optional<std::string>& month) {
    const Date today = hlpb::today();
    const Month m = report_month(month, today);
    ctx.set_read_only(); // a report never creates a database
    db::ReadTx snapshot(ctx.db());
    return db::load_month(ctx.db(), m, today);
}

int compliance(Context& ctx, const ComplianceOptions& o) {
    rules::ComplianceFilter f;
    if (!o.status.empty()) {
        f.status = rules::parse_status(parse_term(rules::status_terms(), o.status, "--status"));
    }
    const auto s = load(ctx, o.month);
    if (!o.committee.empty())
        f.committee = committee_code(ctx, o.committee, "--committee");
    if (!o.cluster.empty())
        f.cluster = cluster_code(ctx, o.cluster, "--cluster", s.last);
    if (!f.committee.empty() &&
        std::none_of(s.committees.begin(), s.committees.end(),
                     [&](const report::SnapshotCommittee& c) { return c.code == f.committee; }))
        throw NotFound(
            trf("--committee: no committee '{}' (see: hlpb committee list)", f.committee));
    if (!f.cluster.empty() && !s.find_cluster(f.cluster))
        throw NotFound(trf("--cluster: no cluster '{}' established by {} (see: hlpb "
                           "cluster list --as-of {})",
                           f.cluster, format_date(s.last), format_date(s.last)));
    const auto rows = rules::filter_compliance(rules::compliance(s), f);

    out::Table t{{column("rule"), column("scope"), column("code"), column("committee"),
                  column("cluster"), column("status"), column("period"), column("deadline"),
                  column("activity_id", true), column("activity_date"), column("activity_title"),
                  column("org"), column("venue_m2", true), column("lacks")},
                 {}};
    const bool people = for_people(ctx);
    for (const auto& r : rows) {
        std::vector<std::string> lacks;
        for (auto l : r.lacks)
            lacks.emplace_back(rules::structure_lack_key(l));
        out::Value venue;
        if (r.rule == "lead_venue" && !r.org.empty())
            venue = r.venue_m2;
        out::Value code = text_cell(r.code);
        if (r.scope == rules::Scope::district && people)
            code = phrase(ctx, "district", "全区");
        t.rows.push_back(
            {term_cell(ctx, rules::rule_terms(), r.rule),
             term_cell(ctx, rules::scope_terms(), std::string(rules::scope_key(r.scope))), code,
             text_cell(r.committee), text_cell(r.cluster),
             term_cell(ctx, rules::status_terms(), std::string(rules::status_key(r.status))),
             r.period.key(), date_cell(r.deadline),
             r.activity ? out::Value(*r.activity) : out::Value(), date_cell(r.activity_date),
             text_cell(r.activity_title), text_cell(r.org), venue,
             terms_cell(ctx, rules::structure_lack_terms(), lacks)});
    }
    print(ctx, t);
    note_if_partial(ctx, s);
    return 0;
}

std::vector<out::Value> money_cells(const rules::SubsidyLine& l) {
    return {l.secretaries, rules::format_cny(l.secretary_fen), l.members,
            rules::format_cny(l.member_month_fen), rules::format_cny(l.member_year_fen)};
}

int subsidy(Context& ctx, const SubsidyOptions& o) {
    const auto s = load(ctx, o.month);
    const auto sub = rules::subsidies(s);
    const auto total_label = phrase(ctx, "total", "合计");
    out::Table t;
    auto money_columns = {column("secretaries", true), column("secretary_total", true),
                          column("members", true), column("member_month_total", true),
                          column("member_year_total", true)};
    if (o.detail) {
        t.columns = {column("committee"), column("cluster"), column("org"), column("name")};
        t.columns.insert(t.columns.end(), money_columns);
        for (const auto& l : sub.orgs) {
            std::vector<out::Value> row{l.committee, l.cluster, l.org, l.name};
            auto m = money_cells(l);
            row.insert(row.end(), m.begin(), m.end());
            t.rows.push_back(std::move(row));
        }
        std::vector<out::Value> row{out::Value(), out::Value(), out::Value(), total_label};
        auto m = money_cells(sub.total);
        row.insert(row.end(), m.begin(), m.end());
        t.rows.push_back(std::move(row));
    } else {
        t.columns = {column("committee"), column("name"), column("orgs", true)};
        t.columns.insert(t.columns.end(), money_columns);
        for (const auto& l : sub.committees) {
            std::vector<out::Value> row{l.committee, l.name, l.orgs};
            auto m = money_cells(l);
            row.insert(row.end(), m.begin(), m.end());
            t.rows.push_back(std::move(row));
        }
        std::vector<out::Value> row{out::Value(), total_label, sub.total.orgs};
        auto m = money_cells(sub.total);
        row.insert(row.end(), m.begin(), m.end());
        t.rows.push_back(std::move(row));
    }
    print(ctx, t);
    note(ctx, trf("{}: {} CNY per secretary a month, {} CNY per member a year "
                  "(hlpb config set subsidy.secretary_monthly / subsidy.member_yearly)",
                  format_month(s.month), rules::format_cny(sub.secretary_monthly_fen),
                  rules::format_cny(sub.member_yearly_fen)));
    note_if_partial(ctx, s);
    return 0;
}

out::Value share_cell(const Context& ctx, const std::optional<double>& share) {
    if (!share)
        return {};
    if (for_people(ctx))
        return fmt::format("{:.2f}%", *share * 100.0);
    return *share;
}

out::Value optional_count(const std::optional<long long>& n) {
    return n ? out::Value(*n) : out::Value();
}

int coverage(Context& ctx, const CoverageOptions& o) {
    const auto s = load(ctx, o.month);
    const auto c = rules::coverage(s);
    out::Record r;
    r.fields = {column("month"),
                column("two_new_orgs", true),
                column("district_orgs", true),
                column("org_share", true),
                column("two_new_members", true),
                column("district_members", true),
                column("member_share", true),
                column("clustered_orgs", true),
                column("cluster_coverage", true),
                column("active_clusters", true)};
    r.values = {format_month(s.month),
                c.two_new_orgs,
                optional_count(c.district_orgs),
                share_cell(ctx, c.org_share),
                c.two_new_members,
                optional_count(c.district_members),
                share_cell(ctx, c.member_share),
                c.clustered_orgs,
                share_cell(ctx, c.cluster_coverage),
                c.active_clusters};
    print(ctx, r);
    note_if_partial(ctx, s);
    return 0;
}

} // namespace

void add_month_option(CLI::App* cmd, std::optional<std::string>& month) {
    cmd->add_option("--month", month,
                    tr("the month, YYYY-MM, or last (the default: the month before today)"))
        ->type_name("YYYY-MM|last");
}

Month report_month(const std::optional<std::string>& text, const Date& today) {
    if (!text || *text == "last")
        return previous_month(month_of(today));
    return require_month(*text, "--month");
}

void note_if_partial(const Context& ctx, const report::MonthSnapshot& s) {
    if (!s.complete)
        note(ctx, trf("{} has not ended: figures so far", format_month(s.month)));
}

namespace {

constexpr std::string_view k_document_formats[] = {"md", "text", "html", "xlsx", "csv", "json"};

std::string joined(std::span<const std::string_view> keys) {
    std::string out;
    for (auto k : keys)
        out += fmt::format("{}{}", out.empty() ? "" : ", ", k);
    return out;
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string extension(const std::string& format) {
    return format == "text" ? "txt" : format;
}

// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/), else now.
std::optional<long long> source_date_epoch() {
    const char* v = std::getenv("SOURCE_DATE_EPOCH");
    if (v == nullptr || *v == '\0')
        return std::nullopt;
    const std::string text(v);
    if (text.size() > 12 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw UsageError(trf("SOURCE_DATE_EPOCH: '{}' is not a number of seconds since "
                             "1970-01-01 (unset it to use the current time)",
                             text));
    return std::stoll(text);
}

bool use_color(const Context& ctx) {
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) == 1 && !ctx.options.no_color &&
           (no_color == nullptr || *no_color == '\0');
}

// The document with only the section `key` names (a section key or one of its tables' keys).
report::Document only_section(report::Document doc, const std::string& key) {
    std::erase_if(doc.sections, [&](const report::Section& s) {
        return s.key != key && std::none_of(s.tables.begin(), s.tables.end(),
                                            [&](const auto& t) { return t.key == key; });
    });
    return doc;
}

} // namespace

void add_document_options(CLI::App* cmd, DocumentOutput& o, const DocumentKeys& keys,
                          std::string_view stem) {
    cmd->add_option("--format", o.format,
                    tr("text (the default, also for the global --format table), md, html, xlsx, "
                       "csv (one table: with --section) or json"))
        ->type_name("FORMAT");
    cmd->add_option("--section", o.section,
                    trf("one section only: {}; csv: one table: {}", joined(keys.sections),
                        joined(keys.tables)))
        ->type_name("KEY");
    cmd->add_option("--out", o.out, tr("write to this file (atomically) instead of stdout"))
        ->type_name("FILE");
    cmd->add_option("--out-dir", o.out_dir,
                    trf("write into this folder, the file named after the report, e.g. "
                        "{0}.xlsx (csv: {0}-SECTION.csv)",
                        stem))
        ->type_name("DIR");
}

DocumentWriter::DocumentWriter(Context& ctx, const DocumentOutput& o, const DocumentKeys& keys,
                               std::string stem, std::string what)
    : m_ctx(ctx), m_section(o.section), m_what(std::move(what)) {
    m_format = !o.format.empty() ? o.format : ctx.options.format;
    if (m_format.empty() || m_format == "table")
        m_format = "text";
    if (!contains(k_document_formats, m_format))
        throw UsageError(trf("--format: '{}' is not a format of this report ({})", m_format,
                             joined(k_document_formats)));
    if (m_format == "csv") {
        if (m_section.empty())
            throw UsageError(trf("--format csv writes one table: give --section with "
                                 "one of {}",
                                 joined(keys.tables)));
        if (!contains(keys.tables, m_section))
            throw UsageError(trf("--section: '{}' is not a table of this report ({})", m_section,
                                 joined(keys.tables)));
    } else if (!m_section.empty()) {
        if (m_format == "json")
            throw UsageError(tr("--section: json holds every section (--section is for md, text, "
                                "html, xlsx and csv)"));
        if (!contains(keys.sections, m_section) && !contains(keys.tables, m_section))
            throw UsageError(trf("--section: '{}' is not a section of this report ({})", m_section,
                                 joined(keys.sections)));
    }
    if (!o.out.empty() && !o.out_dir.empty())
        throw UsageError(tr("give --out FILE or --out-dir DIR, not both"));
    if (!o.out_dir.empty())
        m_path =
            fmt::format("{}/{}{}.{}", o.out_dir, stem,
                        m_format == "csv" ? "-" + m_section : std::string(), extension(m_format));
    else if (o.out != "-")
        m_path = o.out;
    if (m_format == "xlsx" && m_path.empty())
        throw UsageError(tr("--format xlsx writes a file: give --out FILE or --out-dir DIR"));
    m_generated = source_date_epoch().value_or(static_cast<long long>(std::time(nullptr)));
    ctx.set_read_only(); // a report never creates a database
    // Opened first: an output that is refused (the database itself, a missing folder) leaves
    // everything untouched. write_xlsx opens its own file.
    if (!m_path.empty() && m_format != "xlsx")
        m_file.emplace(m_path, ctx.outputs());
    else if (!m_path.empty())
        ctx.outputs().check(m_path);
}

report::DocOptions DocumentWriter::doc_options() {
    report::DocOptions d;
    d.lang = m_ctx.options.lang == "en" ? report::Lang::en : report::Lang::zh;
    d.keys = m_format == "csv"; // a machine format: statuses, principles... as their keys
    d.district = db::setting_text(m_ctx.db(), "district.name");
    d.office = db::setting_text(m_ctx.db(), "district.office");
    // SOURCE_DATE_EPOCH is UTC by its definition; the current time is local.
    const std::time_t t = static_cast<std::time_t>(m_generated);
    std::tm tm{};
    if (source_date_epoch())
        ::gmtime_r(&t, &tm);
    else
        ::localtime_r(&t, &tm);
    char buf[32];
    if (std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm) > 0)
        d.generated = buf;
    return d;
}

void DocumentWriter::write(const report::Document& full) {
    const report::Document doc =
        m_section.empty() || m_format == "csv" ? full : only_section(full, m_section);
    if (m_format == "xlsx") {
        report::write_xlsx(m_path, doc, m_generated, m_ctx.outputs());
        note(m_ctx, trf("{}: {} written", m_path, m_what));
        return;
    }
    std::ostream& os = m_file ? m_file->stream() : std::cout;
    if (m_format == "md") {
        report::render_md(os, doc);
    } else if (m_format == "text") {
        report::render_text(os, doc, !m_file && use_color(m_ctx));
    } else if (m_format == "html") {
        report::render_html(os, doc);
    } else if (m_format == "csv") {
        const report::DocTable* t = report::find_table(doc, m_section);
        if (t == nullptr) // the keys given to the constructor are the document's
            throw Error(trf("the report has no table '{}'", m_section));
        report::render_csv(os, *t, false);
    }
    finish();
}

void DocumentWriter::write(const nlohmann::json& j) {
    // Invalid UTF-8 (none in a checked database) becomes U+FFFD rather than failing the report.
    write_json_text(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

void DocumentWriter::write_json_text(const std::string& text) {
    std::ostream& os = m_file ? m_file->stream() : std::cout;
    os << text << '\n';
    finish();
}

void DocumentWriter::finish() {
    if (m_file) {
        m_file->commit();
        note(m_ctx, trf("{}: {} written", m_path, m_what));
    } else {
        check_stdout();
    }
}

void register_report(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand("report", tr("Reports: compliance, subsidies, coverage and "
                                                     "outcomes; the monthly and annual reports"));
    noun->require_subcommand(1);

    auto [comp_cmd, c] = add_verb<ComplianceOptions>(
        *noun, "compliance",
        tr("Which rules of the month each cluster, committee and org met (done, with the "
           "activity), missed or still has due (with the deadline)"));
    add_month_option(comp_cmd, c->month);
    comp_cmd->add_option("--status", c->status, tr("only rows with this status: done, missed, due"))
        ->type_name("STATUS");
    comp_cmd->add_option("--committee", c->committee, tr("only the rows of this committee"));
    comp_cmd->add_option("--cluster", c->cluster, tr("only the rows of this cluster and its orgs"));
    on_run(comp_cmd, ctx, [&ctx, c = c] { return compliance(ctx, *c); });

    auto [sub_cmd, s] = add_verb<SubsidyOptions>(
        *noun, "subsidy",
        tr("Subsidies of the month (通讯补贴, 活动经费) per committee and in total, in CNY"));
    add_month_option(sub_cmd, s->month);
    sub_cmd->add_flag("--detail", s->detail, tr("one row per org instead of per committee"));
    on_run(sub_cmd, ctx, [&ctx, s = s] { return subsidy(ctx, *s); });

    auto [cov_cmd, v] = add_verb<CoverageOptions>(
        *noun, "coverage",
        tr("两新 orgs and members at the end of the month and their shares of the district"));
    add_month_option(cov_cmd, v->month);
    on_run(cov_cmd, ctx, [&ctx, v = v] { return coverage(ctx, *v); });

    register_report_monthly(*noun, ctx);
    register_report_annual(*noun, ctx);
}

} // namespace hlpb::cli
