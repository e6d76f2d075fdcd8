// The binary's side of the output layer: picks format, language and colour from the global
// options and the terminal, renders results to stdout, and prints messages, the import progress
// bar and summaries to stderr. The labels of columns and of enumerated values shown to people come
// from lib (labels.hpp, vocab.hpp); this only looks them up.
#pragma once

#include "context.hpp"

#include <hlpb/date.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/output/table.hpp>
#include <hlpb/vocab.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::cli {

// --format, else table when stdout is a terminal, else csv; colour only on a terminal, without
// --no-color and NO_COLOR.
out::RenderOptions render_options(const Context& ctx);
// True when the chosen format is read by people (table, md): enumerated values get labels.
bool for_people(const Context& ctx);

// Render to stdout, then check_stdout().
void print(const Context& ctx, const out::Table& table);
void print(const Context& ctx, const out::Record& record);

// The reader of stdout went away (EPIPE: a pipe closed early while SIGPIPE is ignored). Not an
// error of hlpb's: main ends quietly with status 0, as when SIGPIPE ends it (141 in the shell).
struct ReaderGone {};

// Flushes stdout; throws IoError ("cannot write to standard output: No space left on device")
// when a write to it failed, ReaderGone on EPIPE. Called after each result is rendered.
void check_stdout();
// At exit, as coreutils' close_stdout: flushes and closes stdout. Returns 0, or the errno of
// the first failed write, flush or close (EBADF of closing a stdout never written to is not one).
int close_stdout();
// Makes std::cout write through a buffer that keeps the error of a failed write, and makes sure
// file descriptors 0, 1 and 2 are open (on the root folder, opened so that using them fails)
// before any file is opened: a closed stdout must never become a database or output
// file's descriptor, and writing to it must fail (exit 74), not succeed.
void init_standard_streams();

// A column labelled in both languages by lib's labels::column.
out::Column column(std::string_view key, bool right_align = false);
std::vector<out::Column> columns(std::initializer_list<std::string_view> keys);
// The same for member listings, where name is 姓名, org 所在党组织 and status 党员状态.
out::Column member_column(std::string_view key, bool right_align = false);
std::vector<out::Column> member_columns(std::initializer_list<std::string_view> keys);
// The title of a `show` section (orgs, clusters, lead_terms, flags, honors, placements, points,
// mentoring).
out::Column section(std::string_view key);

// Cell values. Empty text and missing dates are null ("-" in a table, empty in csv).
out::Value text_cell(const std::string& s);
out::Value date_cell(const std::optional<Date>& d);
// An enumerated value: its label in --lang for people, the English key for machines.
out::Value term_cell(const Context& ctx, std::span<const vocab::Term> terms,
                     const std::string& key);
// A field's name as a cell (the earlier values of `org show`): its column label in --lang for
// people, the key for machines.
out::Value field_cell(const Context& ctx, const std::string& key);
// Several enumerated values in one cell: labels joined by "、" for people, keys by ";".
out::Value terms_cell(const Context& ctx, std::span<const vocab::Term> terms,
                      const std::vector<std::string>& keys);
// A phone number, masked (138****5678) unless --reveal.
out::Value phone_cell(const Context& ctx, const std::string& phone);
// An ID number, masked (350206********1234) unless --reveal.
out::Value id_cell(const Context& ctx, const std::string& id);

// Enumerated values of the history and status cells (lib's vocab).
using vocab::cluster_events;
using vocab::org_statuses;

// A short phrase in the chosen language (zh or en), for cells such as "current lead".
std::string phrase(const Context& ctx, std::string_view en, std::string_view zh);

// "1 row", "3 rows": a count with its noun, for messages.
std::string count_of(std::size_t n, std::string_view one, std::string_view many);

// A message on stderr ("hlpb: " is not prepended), unless --quiet.
void note(const Context& ctx, std::string_view message);

// The import summary: "<file>: 12 rows: 3 inserted, 1 updated, 8 unchanged".
void print_summary(const Context& ctx, const std::string& file, const import::Summary& summary);

// A progress bar on stderr, drawn only when stderr is a terminal and not --quiet; cleared when
// destroyed. callback() is empty when the bar is not drawn.
class ProgressBar {
public:
    ProgressBar(const Context& ctx, std::string label);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    std::function<void(std::uint64_t done, std::uint64_t total)> callback();
    // Erases the bar (before printing the summary).
    void clear();

private:
    void draw(std::uint64_t done, std::uint64_t total);
    std::string m_label;
    bool m_enabled = false;
    bool m_drawn = false;
    int m_last_permille = -1;
};

} // namespace hlpb::cli
