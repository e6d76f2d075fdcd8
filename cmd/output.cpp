#include "output.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/labels.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fcntl.h>
#include <unistd.h>

namespace hlpb::cli {
namespace {

// Whether stdout / stderr is a terminal does not change while hlpb runs: ask once.
bool stdout_is_terminal() {
    static const bool terminal = ::isatty(STDOUT_FILENO) == 1;
    return terminal;
}

bool stderr_is_terminal() {
    static const bool terminal = ::isatty(STDERR_FILENO) == 1;
    return terminal;
}

bool no_color_env() {
    const char* v = std::getenv("NO_COLOR");
    return v != nullptr && *v != '\0';
}

} // namespace

out::RenderOptions render_options(const Context& ctx) {
    out::RenderOptions o;
    if (!ctx.options.format.empty()) {
        auto f = out::parse_format(ctx.options.format);
        if (!f)
            throw UsageError(trf("--format: unknown format '{}' (table, csv, json, "
                                 "jsonl, md)",
                                 ctx.options.format));
        o.format = *f;
    } else {
        o.format = stdout_is_terminal() ? out::Format::table : out::Format::csv;
    }
    o.lang = ctx.options.lang;
    o.color = o.format == out::Format::table && stdout_is_terminal() && !ctx.options.no_color &&
              !no_color_env();
    return o;
}

bool for_people(const Context& ctx) {
    const auto f = render_options(ctx).format;
    return f == out::Format::table || f == out::Format::md;
}

void print(const Context& ctx, const out::Table& table) {
    out::render(std::cout, table, render_options(ctx));
    check_stdout();
}

void print(const Context& ctx, const out::Record& record) {
    out::render(std::cout, record, render_options(ctx));
    check_stdout();
}

namespace {

// std::cout writes through this buffer (see init_standard_streams), which keeps the errno of a
// failed write for the message.
util::FdBuffer& stdout_buffer() {
    // Never destroyed: std::cout is flushed after static objects are gone.
    static auto* buffer = new util::FdBuffer(STDOUT_FILENO);
    return *buffer;
}

} // namespace

void check_stdout() {
    std::cout.flush();
    if (stdout_buffer().drain() && std::cout)
        return;
    const int error = stdout_buffer().error();
    if (error == EPIPE)
        throw ReaderGone{};
    throw IoError(trf("cannot write to standard output: {}",
                      hlpb::i18n::system_error(error != 0 ? error : EIO)));
}

int close_stdout() {
    std::cout.flush();
    if (!stdout_buffer().drain() || !std::cout)
        return stdout_buffer().error() != 0 ? stdout_buffer().error() : EIO;
    // As coreutils: a close that fails (NFS reports a full disk there) fails the command; a
    // stdout that was closed from the start and never written to is not an error.
    if (::close(STDOUT_FILENO) != 0 && errno != EBADF && errno != EINTR)
        return errno;
    return 0;
}

void init_standard_streams() {
    std::cout.rdbuf(&stdout_buffer());
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        // A folder, read-only: writes fail with EBADF, reads with EISDIR, and reopening it as
        // /dev/stdout fails too (where /dev/null would take the bytes and succeed).
        const int opened = ::open("/", O_RDONLY | O_DIRECTORY);
        if (opened >= 0 && opened != fd) { // a lower descriptor was closed as well
            ::dup2(opened, fd);
            ::close(opened);
        }
    }
}

namespace {

// A column labelled in both languages by `label` (labels::column, member_column or section).
template <typename LabelOf>
out::Column labelled(std::string_view key, bool right_align, LabelOf label) {
    return {std::string(key), std::string(label(key, "zh")), right_align,
            std::string(label(key, "en"))};
}

} // namespace

out::Column column(std::string_view key, bool right_align) {
    return labelled(key, right_align, labels::column);
}

std::vector<out::Column> columns(std::initializer_list<std::string_view> keys) {
    std::vector<out::Column> out;
    out.reserve(keys.size());
    for (auto k : keys)
        out.push_back(column(k));
    return out;
}

out::Column member_column(std::string_view key, bool right_align) {
    return labelled(key, right_align, labels::member_column);
}

std::vector<out::Column> member_columns(std::initializer_list<std::string_view> keys) {
    std::vector<out::Column> out;
    out.reserve(keys.size());
    for (auto k : keys)
        out.push_back(member_column(k));
    return out;
}

out::Column section(std::string_view key) {
    return labelled(key, false, labels::section);
}

out::Value text_cell(const std::string& s) {
    return s.empty() ? out::Value() : out::Value(s);
}

out::Value date_cell(const std::optional<Date>& d) {
    return d ? out::Value(format_date(*d)) : out::Value();
}

out::Value term_cell(const Context& ctx, std::span<const vocab::Term> terms,
                     const std::string& key) {
    if (key.empty())
        return {};
    return for_people(ctx) ? vocab::label(terms, key, ctx.options.lang) : key;
}

out::Value field_cell(const Context& ctx, const std::string& key) {
    if (key.empty() || !for_people(ctx))
        return text_cell(key);
    const std::string_view label = labels::column(key, ctx.options.lang);
    return label.empty() ? key : std::string(label);
}

out::Value terms_cell(const Context& ctx, std::span<const vocab::Term> terms,
                      const std::vector<std::string>& keys) {
    if (keys.empty())
        return {};
    const bool people = for_people(ctx);
    const std::string_view sep = people ? (ctx.options.lang == "zh" ? "、" : ", ") : ";";
    std::string s;
    for (const auto& k : keys) {
        if (!s.empty())
            s += sep;
        s += people ? vocab::label(terms, k, ctx.options.lang) : k;
    }
    return s;
}

out::Value phone_cell(const Context& ctx, const std::string& phone) {
    if (phone.empty())
        return {};
    return ctx.options.reveal ? phone : id_number::mask_phone(phone);
}

out::Value id_cell(const Context& ctx, const std::string& id) {
    if (id.empty())
        return {};
    return ctx.options.reveal ? id : id_number::mask(id);
}

std::string phrase(const Context& ctx, std::string_view en, std::string_view zh) {
    return std::string(ctx.options.lang == "zh" && for_people(ctx) ? zh : en);
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

void note(const Context& ctx, std::string_view message) {
    if (!ctx.options.quiet)
        std::cerr << message << '\n';
}

void print_summary(const Context& ctx, const std::string& file, const import::Summary& s) {
    const long rows = s.rows;
    note(ctx, s.dry_run ? trnf("{}: {} row: {} inserted, {} updated, {} unchanged (dry run, "
                               "nothing written)",
                               "{}: {} rows: {} inserted, {} updated, {} unchanged (dry run, "
                               "nothing written)",
                               rows, file, rows, s.inserted, s.updated, s.unchanged)
                        : trnf("{}: {} row: {} inserted, {} updated, {} unchanged",
                               "{}: {} rows: {} inserted, {} updated, {} unchanged", rows, file,
                               rows, s.inserted, s.updated, s.unchanged));
}

// ---- progress bar ----

ProgressBar::ProgressBar(const Context& ctx, std::string label)
    : m_label(std::move(label)), m_enabled(!ctx.options.quiet && stderr_is_terminal()) {}

ProgressBar::~ProgressBar() {
    clear();
}

void ProgressBar::clear() {
    if (m_drawn)
        std::cerr << "\r\x1b[K" << std::flush;
    m_drawn = false;
}

std::function<void(std::uint64_t, std::uint64_t)> ProgressBar::callback() {
    if (!m_enabled)
        return {};
    return [this](std::uint64_t done, std::uint64_t total) { draw(done, total); };
}

void ProgressBar::draw(std::uint64_t done, std::uint64_t total) {
    if (total == 0)
        return;
    const int permille = static_cast<int>(std::min<std::uint64_t>(done, total) * 1000 / total);
    if (permille / 5 == m_last_permille / 5 && m_last_permille >= 0)
        return; // redraw every half percent at most
    m_last_permille = permille;
    constexpr int k_width = 30;
    const int filled = permille * k_width / 1000;
    std::cerr << fmt::format("\r{} [{}{}] {:3}%", m_label, std::string(filled, '#'),
                             std::string(k_width - filled, ' '), permille / 10)
              << std::flush;
    m_drawn = true;
}

} // namespace hlpb::cli
