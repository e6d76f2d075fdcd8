// What the verbs of `hlpb report` share (cmd/report.cpp, cmd/report_monthly.cpp).
#pragma once

#include "context.hpp"

#include <hlpb/date.hpp>
#include <hlpb/report/document.hpp>
#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hlpb::cli {

// --month YYYY-MM | last (the default: the calendar month before today).
void add_month_option(CLI::App* cmd, std::optional<std::string>& month);
Month report_month(const std::optional<std::string>& text, const Date& today);
// On stderr, for a month that has not ended: its figures are so far (exit status stays 0).
void note_if_partial(const Context& ctx, const report::MonthSnapshot& s);

// The options of a report rendered as a document (report monthly, report annual).
struct DocumentOutput {
    std::string format;  // the verb's --format; empty: the global one (table or none: text)
    std::string section; // --section KEY
    std::string out;     // --out FILE ("-": stdout)
    std::string out_dir; // --out-dir DIR (the file named STEM.EXT, STEM-SECTION.csv)
};

// The keys a document's --section accepts, for --help and the checks.
struct DocumentKeys {
    std::span<const std::string_view> sections;
    std::span<const std::string_view> tables;
};

// Adds --format, --section, --out and --out-dir (the section keys listed in --help; `stem`: an
// example file name for --out-dir's help).
void add_document_options(CLI::App* cmd, DocumentOutput& o, const DocumentKeys& keys,
                          std::string_view stem = "hlpb-monthly-2026-10");

// Writes one report document: checks the options and opens the output file when constructed
// (before the report is built: a refused output costs nothing), renders on write().
//  - format: --format (md, text, html, xlsx, csv, json), else the global --format, where table
//    (or none given) means text. csv is one table: --section TABLE is required. Other formats
//    with --section keep the one section (or the section holding that table); json refuses it.
//  - output: stdout, --out FILE or --out-dir DIR/STEM.EXT, written through util::AtomicFile
//    (CannotCreate, 73: a missing folder, a plain file as the folder). xlsx needs a file.
//  - the generation time: SOURCE_DATE_EPOCH (seconds, UTC) when set, else now (local time).
class DocumentWriter {
public:
    DocumentWriter(Context& ctx, const DocumentOutput& o, const DocumentKeys& keys,
                   std::string stem, std::string what);
    const std::string& format() const { return m_format; }
    // Language, district (setting district.name), office (district.office), generation time.
    report::DocOptions doc_options();
    void write(const report::Document& doc);
    void write(const nlohmann::json& j);
    // JSON text already formatted (a newline is added).
    void write_json_text(const std::string& text);

private:
    void finish();
    Context& m_ctx;
    std::string m_format;
    std::string m_section;
    std::string m_path; // empty: stdout
    std::string m_what; // "the monthly report of 2026-10", for the note
    long long m_generated = 0;
    std::optional<util::AtomicFile> m_file;
};

} // namespace hlpb::cli
