#include "transfer.hpp"

#include "args.hpp"
#include "output.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/templates.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <optional>

namespace hlpb::cli {
namespace {

constexpr std::size_t k_help_width = 90;

struct ImportArgs {
    std::string file;
    std::string input_format;
    std::string encoding;
    bool dry_run = false;
    std::string errors_out;
    std::vector<std::string> ignore_columns;
};

struct ExportArgs {
    std::string format;
    bool bom = false;
    std::string out;
    std::optional<std::string> as_of;
    std::string headers = "en";
};

struct TemplateArgs {
    bool bom = false;
    std::string xlsx;
};

// The columns of each noun's import (add_import_verb), for its export's --headers zh.
std::map<const CLI::App*, std::span<const import::Field>>& columns_of_noun() {
    static std::map<const CLI::App*, std::span<const import::Field>> columns;
    return columns;
}

int run_import(Context& ctx, const ImportArgs& a, const Importer& importer) {
    import::SourceOptions source{a.file, a.input_format, a.encoding, a.ignore_columns};
    const std::string name = a.file == "-" ? "stdin" : a.file;
    ProgressBar bar(ctx, name);
    import::ImportOptions options;
    options.dry_run = a.dry_run;
    options.errors_out = a.errors_out;
    options.today = today();
    ctx.add_input(a.file);
    options.outputs = ctx.outputs();
    options.progress = bar.callback();
    const import::Summary summary = importer(ctx.db(), source, options);
    bar.clear();
    print_summary(ctx, name, summary);
    return 0;
}

// Export's own --format wins; else a machine format given globally; else csv.
out::Format export_format(const Context& ctx, const ExportArgs& a) {
    const std::string& name = !a.format.empty() ? a.format : ctx.options.format;
    if (name.empty())
        return out::Format::csv;
    auto f = out::parse_format(name);
    if (!f || *f == out::Format::table || *f == out::Format::md)
        throw UsageError(
            trf("export writes csv, json or jsonl (what import reads), not '{}'", name));
    return *f;
}

// `noun` names the export in messages and the audit trail ("member export").
int run_export(Context& ctx, const ExportArgs& a, const Exporter& exporter, bool personal,
               const std::string& noun, const std::string& personal_data,
               std::span<const import::Field> fields) {
    if (personal && !ctx.options.reveal)
        throw UsageError(trf("the {} export holds {}; add --reveal (it is audited): a "
                             "masked export would not import back",
                             noun, personal_data));
    out::RenderOptions options;
    options.format = export_format(ctx, a);
    options.bom = a.bom;
    const Date as_of = date_or_today(a.as_of, "--as-of");
    // Opened first: an output that is refused (the database itself) leaves everything untouched.
    std::optional<util::AtomicFile> file;
    if (!a.out.empty() && a.out != "-")
        file.emplace(a.out, ctx.outputs());
    out::Table table;
    {
        db::ReadTx snapshot(ctx.db());
        table = exporter(ctx.db(), as_of);
    }
    if (a.headers == "zh")
        import::to_chinese(table, fields);
    if (personal)
        db::audit_revealed_export(ctx.db(), noun);
    if (!file) {
        out::render(std::cout, table, options);
        check_stdout();
        return 0;
    }
    out::render(file->stream(), table, options);
    file->commit();
    const auto rows = static_cast<long>(table.rows.size());
    note(ctx, trnf("{}: {} row written", "{}: {} rows written", rows, a.out, rows));
    return 0;
}

// `hlpb NOUN template`: the header row of the import's sheet, or an Excel workbook of it.
int run_template(Context& ctx, const TemplateArgs& a, std::span<const import::Field> fields,
                 const std::string& noun) {
    const std::string& lang = ctx.options.lang;
    if (!a.xlsx.empty()) {
        import::write_template_xlsx(a.xlsx, noun, fields, lang, ctx.outputs());
        note(ctx, trf("{}: template written", a.xlsx));
        return 0;
    }
    if (a.bom)
        std::cout << "\xEF\xBB\xBF";
    std::cout << import::template_csv(fields, lang) << '\n' << std::flush;
    check_stdout();
    return 0;
}

} // namespace

void add_import_verb(CLI::App& noun, Context& ctx, const std::string& what,
                     std::span<const import::Field> fields, Importer importer) {
    // The columns, wrapped to fit a terminal.
    std::string columns;
    std::size_t line_width = 0;
    for (const auto& f : fields) {
        const std::string item = fmt::format("{} {}{}", f.key, f.zh, f.required ? "*" : "");
        const std::size_t w = text::display_width(item);
        if (!columns.empty()) {
            const bool wrap = line_width + 2 + w > k_help_width;
            columns += wrap ? ",\n" : ", ";
            line_width = wrap ? 0 : line_width + 2;
        }
        columns += item;
        line_width += w;
    }
    auto [cmd, a] = add_verb<ImportArgs>(
        noun, "import", trf("Import {} from CSV, JSON or JSON Lines (批量导入)", what));
    cmd->footer(
        trf("Columns (English key or Chinese label; * required):\n{}.\n"
            "All or nothing: one bad row and nothing is written (exit 65, every bad row listed as\n"
            "file:line: field: problem). Re-importing the same file changes nothing.",
            columns));
    cmd->add_option("file", a->file, tr("input file, or - for stdin"))->required();
    cmd->add_option("--input-format", a->input_format,
                    tr("csv, json or jsonl (default: from the file extension, else csv)"))
        ->check(CLI::IsMember({"csv", "json", "jsonl"}));
    cmd->add_option("--encoding", a->encoding,
                    tr("convert from this encoding first, e.g. gb18030 (WPS/Excel exports)"));
    cmd->add_flag("--dry-run", a->dry_run,
                  tr("check every row against the database, write nothing"));
    cmd->add_option("--errors-out", a->errors_out,
                    tr("when rows are bad, write the whole file here with an error column first, "
                       "in its format and encoding (fix the cells, import this file)"));
    cmd->add_option("--ignore-columns", a->ignore_columns,
                    tr("columns not to read, e.g. 联系人,备注 (序号 and 备注 are skipped anyway "
                       "unless they are columns of the import)"))
        ->delimiter(',');
    on_run(cmd, ctx,
           [&ctx, a = a, importer = std::move(importer)] { return run_import(ctx, *a, importer); });

    columns_of_noun()[&noun] = fields;
    auto [tcmd, t] = add_verb<TemplateArgs>(
        noun, "template",
        trf("Print the header row of the {} import sheet (Chinese; --lang en: English keys)",
            what));
    tcmd->footer(tr("With --xlsx, an Excel workbook: ID number and phone columns formatted as "
                    "text,\ndrop-down lists on the columns of a fixed set of values. Fill it, "
                    "save it as CSV\nand import it."));
    tcmd->add_flag("--bom", t->bom, tr("start with a UTF-8 BOM so that Excel reads Chinese"));
    tcmd->add_option("--xlsx", t->xlsx, tr("write an Excel workbook (atomically) instead"));
    on_run(tcmd, ctx, [&ctx, t = t, fields, name = noun.get_name()] {
        return run_template(ctx, *t, fields, name);
    });
}

void add_export_verb(CLI::App& noun, Context& ctx, const std::string& what, Exporter exporter,
                     bool dated, bool personal, const std::string& personal_data) {
    auto [cmd, a] = add_verb<ExportArgs>(
        noun, "export",
        trf("Export {} in the format import reads (导出; round trip is exact).", what));
    cmd->add_option("--format", a->format, tr("csv (default), json or jsonl"))
        ->check(CLI::IsMember({"csv", "json", "jsonl"}));
    cmd->add_flag("--bom", a->bom, tr("start csv with a UTF-8 BOM so that Excel reads Chinese"));
    cmd->add_option("--out", a->out, tr("write to this file (atomically) instead of stdout"));
    if (dated)
        cmd->add_option("--as-of", a->as_of,
                        tr("placement and flags as of this date (default: today)"));
    const auto columns = columns_of_noun().find(&noun);
    const std::span<const import::Field> fields =
        columns == columns_of_noun().end() ? std::span<const import::Field>() : columns->second;
    if (!fields.empty())
        cmd->add_option("--headers", a->headers,
                        tr("zh: Chinese headers and values, as an officer's sheet has them (import "
                           "reads them back); en (default): the English keys"))
            ->check(CLI::IsMember({"zh", "en"}));
    on_run(cmd, ctx,
           [&ctx, a = a, exporter = std::move(exporter), personal, noun = noun.get_name(),
            personal_data, fields] {
               return run_export(ctx, *a, exporter, personal, noun, personal_data, fields);
           });
}

} // namespace hlpb::cli
