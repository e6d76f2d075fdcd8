#include "output.hpp"

#include <hlpb/error.hpp>
#include <hlpb/id_number.hpp>
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

// English column key → Chinese label. Keys are SPEC's snake_case field names; one key means
// the same thing in every listing.
struct Label {
    std::string_view key;
    std::string_view zh;
};

constexpr Label k_column_labels[] = {
    {"at", "时间"},
    {"birth_date", "出生日期"},
    {"check", "检查项"},
    {"closed", "撤销日期"},
    {"clusters", "联建片数"},
    {"cluster", "联建片"},
    {"code", "编码"},
    {"command", "命令"},
    {"committee", "上级党委"},
    {"community", "共建社区"},
    {"date", "日期"},
    {"default", "默认值"},
    {"deleted", "删除"},
    {"description", "说明"},
    {"dissolved", "撤销日期"},
    {"education", "学历"},
    {"eligible", "符合条件"},
    {"established", "成立日期"},
    {"ethnicity", "民族"},
    {"event", "事件"},
    {"experience", "书记经验"},
    {"field", "字段"},
    {"flag", "标记"},
    {"flags", "标记"},
    {"form", "组织形式"},
    {"founded", "成立日期"},
    {"from", "起"},
    {"full_date", "转正日期"},
    {"gender", "性别"},
    {"honors", "荣誉"},
    {"host_name", "单位名称"},
    {"host_uscc", "统一社会信用代码"},
    {"id", "序号"},
    {"id_number", "身份证号"},
    {"inserted", "新增"},
    {"instructor", "指导员"},
    {"instructor_phone", "指导员电话"},
    {"investor", "出资人兼书记"},
    {"investor_is_secretary", "出资人兼任书记"},
    {"is_lead", "牵头"},
    {"is_set", "已设置"},
    {"join_date", "入党日期"},
    {"key", "设置项"},
    {"kind", "类型"},
    {"lead", "牵头党组织"},
    {"lead_terms", "牵头任期"},
    {"left_on", "离开日期"},
    {"left_reason", "离开原因"},
    {"level", "级别"},
    {"members", "党员数"},
    {"mentee", "被带教党员"},
    {"mentee_name", "被带教党员姓名"},
    {"mentor", "带教书记"},
    {"mentor_name", "带教书记姓名"},
    {"message", "问题"},
    {"name", "名称"},
    {"note", "备注"},
    {"org", "党组织"},
    {"org_name", "党组织名称"},
    {"org_since", "转入日期"},
    {"orgs", "党组织数"},
    {"os_user", "用户"},
    {"parent", "裂变自"},
    {"phone", "手机号码"},
    {"points", "积分"},
    {"principle", "划片原则"},
    {"rank", "排名"},
    {"role", "党内职务"},
    {"role_since", "任职日期"},
    {"rows", "数据行"},
    {"rows_changed", "变更行数"},
    {"score", "得分"},
    {"since", "起始日期"},
    {"standard", "六有七室"},
    {"status", "状态"},
    {"subject", "对象"},
    {"supervisor", "挂点干部"},
    {"supervisor_dept", "挂点部门"},
    {"table", "数据表"},
    {"title", "名称"},
    {"to", "止"},
    {"training", "实训基地"},
    {"training_base", "实训基地"},
    {"type", "单位类型"},
    {"typical", "典型"},
    {"undo", "撤销"},
    {"updated", "修改"},
    {"value", "值"},
    {"venue", "阵地"},
    {"venue_m2", "阵地面积"},
    {"venue_standard", "六有七室"},
    {"weak", "软弱涣散"},
    {"why", "说明"},
    {"year", "年度"},
    // report compliance / subsidy / coverage
    {"rule", "规则"},
    {"scope", "范围"},
    {"period", "考核期"},
    {"deadline", "截止日期"},
    {"activity_id", "活动序号"},
    {"activity_date", "活动日期"},
    {"activity_title", "活动主题"},
    {"lacks", "缺少"},
    {"month", "月份"},
    {"secretaries", "书记数"},
    {"secretary_total", "通讯补贴"},
    {"member_month_total", "活动经费（本月）"},
    {"member_year_total", "活动经费（全年）"},
    {"two_new_orgs", "两新党组织数"},
    {"district_orgs", "全区党组织数"},
    {"org_share", "党组织占比"},
    {"two_new_members", "两新党员数"},
    {"district_members", "全区党员数"},
    {"member_share", "党员占比"},
    {"clustered_orgs", "入片党组织数"},
    {"cluster_coverage", "入片覆盖率"},
    {"active_clusters", "联建片数"},
    // scores and the red flag (hlpb score)
    {"category", "积分类别"},
    {"reason", "事由"},
    {"total", "总分"},
    {"party_affairs", "党务工作"},
    {"activity", "活动组织"},
    {"suggestion", "献计献策"},
    {"bonus", "加分"},
    {"penalty", "扣分"},
    {"red_flag", "流动红旗"},
    {"red_flags", "流动红旗"},
    {"decided_by", "决定依据"},
    // activities and 部长会客厅 problems
    {"problems", "问题"},
    {"raised", "提出日期"},
    {"resolution", "解决情况"},
    {"resolved", "解决日期"},
    {"text", "问题描述"},
};

// Member listings: where a key's member meaning has its own label (姓名, not 名称).
constexpr Label k_member_labels[] = {
    {"name", "姓名"},
    {"org", "所在党组织"},
    {"status", "党员状态"},
};

// Titles of the sections of `show`.
constexpr Label k_section_labels[] = {
    {"clusters", "联建片"},           {"flags", "标记记录"},     {"honors", "荣誉"},
    {"lead_terms", "牵头任期"},       {"mentoring", "老带新"},   {"orgs", "成员党组织"},
    {"placements", "组织关系及职务"}, {"points", "党建e家积分"}, {"members", "党员"},
    {"earlier_values", "历史值"},
};

constexpr vocab::Term k_cluster_events[] = {
    {"established", "成立"},
    {"join", "入片"},
    {"leave", "出片"},
    {"lead", "担任牵头"},
    {"lead_end", "卸任牵头"},
    {"split_from", "裂变自"},
    {"split_to", "裂变出"},
    {"dissolved", "撤销"},
    // changes of the dated fields (the value from that day)
    {"principle", "划片原则变更"},
    {"instructor", "指导员变更"},
    {"instructor_phone", "指导员电话变更"},
    {"community", "共建社区变更"},
    {"supervisor", "挂点干部变更"},
    {"supervisor_dept", "挂点部门变更"},
};

constexpr vocab::Term k_org_statuses[] = {
    {"open", "正常"},
    {"closed", "已撤销"},
};

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
            throw UsageError(fmt::format("--format: unknown format '{}' (table, csv, json, "
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
    throw IoError(fmt::format("cannot write to standard output: {}",
                              std::strerror(error != 0 ? error : EIO)));
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

out::Column column(std::string_view key, bool right_align) {
    for (const Label& l : k_column_labels)
        if (l.key == key)
            return {std::string(key), std::string(l.zh), right_align};
    return {std::string(key), {}, right_align};
}

std::vector<out::Column> columns(std::initializer_list<std::string_view> keys) {
    std::vector<out::Column> out;
    out.reserve(keys.size());
    for (auto k : keys)
        out.push_back(column(k));
    return out;
}

out::Column member_column(std::string_view key, bool right_align) {
    for (const Label& l : k_member_labels)
        if (l.key == key)
            return {std::string(key), std::string(l.zh), right_align};
    return column(key, right_align);
}

std::vector<out::Column> member_columns(std::initializer_list<std::string_view> keys) {
    std::vector<out::Column> out;
    out.reserve(keys.size());
    for (auto k : keys)
        out.push_back(member_column(k));
    return out;
}

out::Column section(std::string_view key) {
    for (const Label& l : k_section_labels)
        if (l.key == key)
            return {std::string(key), std::string(l.zh)};
    return column(key);
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

std::span<const vocab::Term> cluster_events() {
    return k_cluster_events;
}
std::span<const vocab::Term> org_statuses() {
    return k_org_statuses;
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
    note(ctx, fmt::format("{}: {}: {} inserted, {} updated, {} unchanged{}", file,
                          count_of(static_cast<std::size_t>(s.rows), "row", "rows"), s.inserted,
                          s.updated, s.unchanged, s.dry_run ? " (dry run, nothing written)" : ""));
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
