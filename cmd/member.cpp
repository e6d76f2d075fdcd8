// `hlpb member`: Party members (党员) keyed by their resident ID number: the register, placement
// and role changes, leaving, the roster (电子花名册, also as .xlsx), e-home points, honours and
// mentors (老带新). ID numbers and phones are masked in every output unless --reveal.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "transfer.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/member_find.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/import/members.hpp>
#include <hlpb/output/xlsx.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <iostream>
#include <map>

namespace hlpb::cli {
namespace {

// The personal fields a user may type, shared by add (some required) and edit (each optional).
struct Fields {
    std::optional<std::string> name;
    std::optional<std::string> ethnicity;
    std::optional<std::string> education;
    std::optional<std::string> phone;
    std::optional<std::string> join_date;
    std::optional<std::string> full_date;
    std::optional<std::string> status;
    bool any() const {
        return name || ethnicity || education || phone || join_date || full_date || status;
    }
};

struct AddOptions {
    std::string id;
    Fields fields;
    std::string org;
    std::optional<std::string> gender;
    std::optional<std::string> birth_date;
    std::optional<std::string> org_since;
    std::optional<std::string> role;
    std::optional<std::string> role_since;
};

struct EditOptions {
    std::string id;
    Fields fields;
    std::optional<std::string> role;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct ListOptions {
    std::string committee;
    std::string cluster;
    std::string org;
    std::string status;
    std::string role;
    std::optional<std::string> as_of;
    bool include_left = false;
};

struct FindOptions {
    std::string text;
};

struct ShowOptions {
    std::string id;
    std::optional<std::string> as_of;
};

struct TransferOptions {
    std::string id;
    std::string org;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct LeaveOptions {
    std::string id;
    std::string reason;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct RosterOptions {
    std::string cluster;
    std::string committee;
    std::string org;
    std::optional<std::string> as_of;
    std::string xlsx;
    bool bom = false;
};

struct PointsOptions {
    std::string id;
    std::string year; // text: validated as import does (validate::k_year, k_points)
    std::string points;
};

struct HonorOptions {
    std::string id;
    std::string title;
    std::optional<std::string> date;
    std::string level = "other";
};

struct MentorOptions {
    std::string mentor;
    std::string mentee;
    std::optional<std::string> on;
    std::string note;
};

struct MentorListOptions {
    std::optional<std::string> as_of;
};

const char* const k_status_help = N_("probationary 预备党员 or full 正式党员");
const char* const k_role_help =
    N_("secretary 书记, deputy_secretary 副书记, committee_member 委员 or member 党员");
const char* const k_reason_help =
    N_("transferred_out 转出, deceased 去世, expelled 开除 or other 其他");

// An ID number as typed (full-width digits, lower-case x, spaces) in the stored form.
std::string typed_id(const std::string& text) {
    return id_number::normalize(text);
}

// The member `text` names: an ID number as typed, or else the exact name of one member
// (db::member_named: a name several members share is refused, listing them).
std::string member_id(Context& ctx, const std::string& text) {
    const std::string id = typed_id(text);
    return db::looks_like_id_number(id) ? id : db::member_named(ctx.db(), text);
}

// An ID number for a message on stderr: masked unless --reveal.
std::string shown_id(const Context& ctx, const std::string& id) {
    return ctx.options.reveal ? id : id_number::mask(id);
}

// Records in the audit trail that --reveal shows the ID numbers and phones of `rows` members
// (db::audit_revealed_members). Called before the data is shown, so that nothing is revealed
// without its entry (on a read-only database the command then fails before showing anything).
void audit_reveal(Context& ctx, std::size_t rows, std::string_view command) {
    if (ctx.options.reveal && rows > 0)
        db::audit_revealed_members(ctx.db(), rows, true, command);
}

void add_field_options(CLI::App* cmd, Fields& f, bool adding) {
    auto* name = cmd->add_option("--name", f.name, tr("name (姓名)"));
    auto* join =
        cmd->add_option("--join-date", f.join_date, tr("date of joining the Party (入党日期)"));
    if (adding) {
        name->required();
        join->required();
    }
    cmd->add_option("--ethnicity", f.ethnicity, tr("ethnic group (民族), e.g. 汉族"));
    cmd->add_option("--education", f.education, tr("education (学历), e.g. 本科"));
    cmd->add_option("--status", f.status, tr(k_status_help));
    cmd->add_option("--full-date", f.full_date, tr("date of becoming a full member (转正日期)"));
    cmd->add_option("--phone", f.phone, tr("11-digit mobile number (手机号码)"));
}

void apply(const Fields& f, db::Member& m, OptionCheck& check) {
    if (f.name)
        m.name = *f.name;
    if (f.ethnicity)
        m.ethnicity = *f.ethnicity;
    if (f.education)
        m.education = *f.education;
    if (f.phone)
        m.phone = text::normalize(*f.phone); // full-width digits, as typed with a Chinese IME
    if (f.join_date)
        check([&] { m.join_date = require_date(*f.join_date, "--join-date"); });
    if (f.full_date) {
        check([&] {
            m.full_date =
                f.full_date->empty() ? std::nullopt : optional_date(f.full_date, "--full-date");
        });
        m.status.clear(); // follows from full_date unless --status is given
    }
    if (f.status)
        check([&] { m.status = parse_term(vocab::member_statuses(), *f.status, "--status"); });
}

void validate(db::Database& db, db::Member& m) {
    import::RowErrors errors;
    db::validate_member(db, m, today(), errors);
    throw_if_invalid(errors);
}

int add(Context& ctx, const AddOptions& a) {
    db::Member m;
    m.id_number = typed_id(a.id);
    m.status.clear(); // without --status: full with a --full-date, else probationary
    OptionCheck check;
    apply(a.fields, m, check);
    m.org = a.org;
    if (a.gender)
        check([&] { m.gender = parse_term(vocab::genders(), *a.gender, "--gender"); });
    if (a.birth_date)
        check([&] { m.birth_date = require_date(*a.birth_date, "--birth-date"); });
    if (a.org_since)
        check([&] { m.org_since = require_date(*a.org_since, "--org-since"); });
    if (a.role)
        check([&] { m.role = parse_term(vocab::member_roles(), *a.role, "--role"); });
    if (a.role_since)
        check([&] { m.role_since = require_date(*a.role_since, "--role-since"); });
    check.done();
    db::WriteTx tx(ctx.db());
    m.org = code_of(ctx, db::RecordKind::org, a.org, "--org", {}, Refusal::invalid);
    validate(ctx.db(), m);
    db::add_member(ctx.db(), m);
    tx.commit();
    note(ctx, trf("member {} {} added to {}", shown_id(ctx, m.id_number), m.name, m.org));
    return 0;
}

int list(Context& ctx, const ListOptions& l) {
    const Date as_of = date_or_today(l.as_of, "--as-of");
    db::MemberFilter filter;
    if (!l.committee.empty())
        filter.committee = committee_code(ctx, l.committee, "--committee");
    if (!l.cluster.empty())
        filter.cluster = cluster_code(ctx, l.cluster, "--cluster", as_of);
    if (!l.org.empty())
        filter.org = org_code(ctx, l.org, "--org", as_of);
    if (!l.status.empty())
        filter.status = parse_term(vocab::member_statuses(), l.status, "--status");
    if (!l.role.empty())
        filter.role = parse_term(vocab::member_roles(), l.role, "--role");
    filter.include_left = l.include_left;

    out::Table t{member_columns({"id_number", "name", "gender", "birth_date", "org", "role",
                                 "status", "join_date", "phone"}),
                 {}};
    if (l.include_left) {
        t.columns.push_back(member_column("left_on"));
        t.columns.push_back(member_column("left_reason"));
    }
    for (const db::Member& m : db::list_members(ctx.db(), as_of, filter)) {
        std::vector<out::Value> row{id_cell(ctx, m.id_number),
                                    m.name,
                                    term_cell(ctx, vocab::genders(), m.gender),
                                    format_date(m.birth_date),
                                    m.org,
                                    term_cell(ctx, vocab::member_roles(), m.role),
                                    term_cell(ctx, vocab::member_statuses(), m.status),
                                    format_date(m.join_date),
                                    phone_cell(ctx, m.phone)};
        if (l.include_left) {
            row.push_back(date_cell(m.left_on));
            row.push_back(term_cell(ctx, vocab::leave_reasons(), m.left_reason));
        }
        t.rows.push_back(std::move(row));
    }
    audit_reveal(ctx, t.rows.size(), "member list");
    print(ctx, t);
    return 0;
}

int find(Context& ctx, const FindOptions& f) {
    out::Table t{member_columns({"id_number", "name", "org", "org_name", "phone", "left_on"}), {}};
    for (const auto& m : db::find_members(ctx.db(), f.text, "text"))
        t.rows.push_back({id_cell(ctx, m.id_number), m.name, m.org, m.org_name,
                          phone_cell(ctx, m.phone), date_cell(m.left_on)});
    audit_reveal(ctx, t.rows.size(), "member find");
    print(ctx, t);
    return 0;
}

// A full member whose full date is not known (SPEC §6) says so to people; machines get null.
out::Value full_date_cell(const Context& ctx, const db::Member& m) {
    if (m.full_date || m.status != "full" || !for_people(ctx))
        return date_cell(m.full_date);
    return std::string(ctx.options.lang == "zh" ? "未知" : "unknown");
}

int show(Context& ctx, const ShowOptions& s) {
    const Date as_of = date_or_today(s.as_of, "--as-of");
    const std::string id = member_id(ctx, s.id);
    out::Record r;
    {
        db::ReadTx snapshot(ctx.db());
        const db::Member m = db::get_member(ctx.db(), id, as_of);
        std::string mentor_name;
        if (!m.mentor.empty())
            if (auto mentor = db::find_member(ctx.db(), m.mentor, as_of))
                mentor_name = mentor->name;
        r.fields = member_columns({"id_number", "name", "gender", "birth_date", "ethnicity",
                                   "education", "join_date", "status", "full_date", "org",
                                   "org_since", "role", "role_since", "phone", "left_on",
                                   "left_reason", "mentor", "mentor_name"});
        r.values = {id_cell(ctx, m.id_number),
                    m.name,
                    term_cell(ctx, vocab::genders(), m.gender),
                    format_date(m.birth_date),
                    text_cell(m.ethnicity),
                    text_cell(m.education),
                    format_date(m.join_date),
                    term_cell(ctx, vocab::member_statuses(), m.status),
                    full_date_cell(ctx, m),
                    m.org,
                    format_date(m.org_since),
                    term_cell(ctx, vocab::member_roles(), m.role),
                    format_date(m.role_since),
                    phone_cell(ctx, m.phone),
                    date_cell(m.left_on),
                    term_cell(ctx, vocab::leave_reasons(), m.left_reason),
                    id_cell(ctx, m.mentor),
                    text_cell(mentor_name)};

        out::Table placements{member_columns({"org", "role", "from", "to"}), {}};
        for (const auto& p : db::member_history(ctx.db(), m.id_number))
            placements.rows.push_back({p.org, term_cell(ctx, vocab::member_roles(), p.role),
                                       format_date(p.span.from), date_cell(p.span.to)});
        r.sections.push_back({section("placements"), std::move(placements)});

        out::Table points{{member_column("year"), member_column("points", true)}, {}};
        for (const auto& p : db::member_points(ctx.db(), m.id_number))
            points.rows.push_back({p.year, p.points});
        r.sections.push_back({section("points"), std::move(points)});

        out::Table honors{member_columns({"date", "title", "level"}), {}};
        for (const auto& h : db::member_honors(ctx.db(), m.id_number))
            honors.rows.push_back(
                {format_date(h.date), h.title, term_cell(ctx, vocab::honor_levels(), h.level)});
        r.sections.push_back({section("honors"), std::move(honors)});

        // 老带新 pairs at the date in which the member mentors or is mentored.
        out::Table mentoring{
            member_columns({"mentor", "mentor_name", "mentee", "mentee_name", "from", "note"}), {}};
        for (const auto& p : db::list_mentors(ctx.db(), as_of))
            if (p.mentor == m.id_number || p.mentee == m.id_number)
                mentoring.rows.push_back({id_cell(ctx, p.mentor), p.mentor_name,
                                          id_cell(ctx, p.mentee), p.mentee_name,
                                          format_date(p.span.from), text_cell(p.note)});
        r.sections.push_back({section("mentoring"), std::move(mentoring)});
    }
    audit_reveal(ctx, 1, "member show");
    print(ctx, r);
    return 0;
}

// The warning when a secretary leaves the role, the org or the district.
std::string no_secretary(const std::string& org, const Date& on) {
    return trf("org {} has no secretary from {}: appoint one with hlpb member edit ID "
               "--role secretary --on {}",
               org, format_date(on), format_date(on));
}

int edit(Context& ctx, const EditOptions& e) {
    if (!e.fields.any() && !e.role)
        throw UsageError(
            tr("nothing to change: give at least one field option or --role (see --help)"));
    const std::string id = member_id(ctx, e.id);
    OptionCheck check;
    std::string role;
    if (e.role)
        check([&] { role = parse_term(vocab::member_roles(), *e.role, "--role"); });
    Date on{};
    check([&] { on = date_or_today(e.on, "--on"); });
    db::WriteTx tx(ctx.db());
    db::Member m = db::get_member(ctx.db(), id, today());
    if (e.fields.any())
        apply(e.fields, m, check);
    check.done();
    if (e.fields.any()) {
        validate(ctx.db(), m);
        db::edit_member(ctx.db(), m);
    }
    db::Notes notes;
    if (e.role)
        notes = db::set_role(ctx.db(), id, role, on, e.change.options());
    tx.commit(change_note(ctx, notes));
    if (e.fields.any())
        note(ctx, trf("member {} {} changed", shown_id(ctx, id), m.name));
    if (e.role)
        note(ctx,
             trf("member {} {}: {} from {}", shown_id(ctx, id), m.name,
                 vocab::label(vocab::member_roles(), role, i18n::language()), format_date(on)));
    if (e.role && m.role == "secretary" && role != "secretary")
        note(ctx, no_secretary(m.org, on));
    return 0;
}

int transfer(Context& ctx, const TransferOptions& t) {
    const std::string id = member_id(ctx, t.id);
    const Date on = date_or_today(t.on, "--on");
    db::WriteTx tx(ctx.db());
    const std::string org = org_code(ctx, t.org, "org", on);
    const auto left = db::transfer_member(ctx.db(), id, org, on, t.change.options());
    tx.commit();
    note(ctx, trf("member {} transferred to {} on {}", shown_id(ctx, id), org, format_date(on)));
    if (left.role == "secretary")
        note(ctx, no_secretary(left.org, on));
    return 0;
}

int leave(Context& ctx, const LeaveOptions& l) {
    const std::string id = member_id(ctx, l.id);
    const std::string reason = parse_term(vocab::leave_reasons(), l.reason, "--reason");
    const Date on = date_or_today(l.on, "--on");
    db::WriteTx tx(ctx.db());
    const auto left = db::member_leave(ctx.db(), id, on, reason, l.change.options());
    tx.commit();
    note(ctx, trf("member {} left on {} ({})", shown_id(ctx, id), format_date(on),
                  vocab::label(vocab::leave_reasons(), reason, i18n::language())));
    if (left.role == "secretary")
        note(ctx, no_secretary(left.org, on));
    return 0;
}

// The roster's scope: which option was given, its code, and the name of what it names.
struct Scope {
    db::MemberFilter filter;
    std::string name; // the cluster's, committee's or org's name, for the sheet
};

Scope roster_scope(Context& ctx, const RosterOptions& r, const Date& as_of) {
    const int given = !r.cluster.empty() + !r.committee.empty() + !r.org.empty();
    if (given != 1)
        throw UsageError(tr("give exactly one of --cluster, --committee or --org"));
    Scope s;
    if (!r.cluster.empty()) {
        s.filter.cluster = cluster_code(ctx, r.cluster, "--cluster", as_of);
        s.name = db::get_cluster(ctx.db(), s.filter.cluster, as_of).name;
    } else if (!r.committee.empty()) {
        s.filter.committee = committee_code(ctx, r.committee, "--committee");
        s.name = db::get_committee(ctx.db(), s.filter.committee).name;
    } else {
        s.filter.org = org_code(ctx, r.org, "--org", as_of);
        s.name = db::get_org(ctx.db(), s.filter.org, as_of).name;
    }
    return s;
}

int roster(Context& ctx, const RosterOptions& r) {
    const Date as_of = date_or_today(r.as_of, "--as-of");
    const bool xlsx = !r.xlsx.empty();
    if (xlsx && r.bom)
        throw UsageError(tr("--bom is for csv output; an .xlsx file needs none"));
    // A spreadsheet is read by people: enumerated values get their labels whatever --format.
    const bool people = xlsx || for_people(ctx);
    const auto term = [&](std::span<const vocab::Term> terms, const std::string& key) {
        return key.empty() ? out::Value()
                           : out::Value(people ? vocab::label(terms, key, ctx.options.lang) : key);
    };
    out::Table t{member_columns({"org", "org_name", "name", "gender", "birth_date", "ethnicity",
                                 "education", "join_date", "status", "role", "id_number", "phone"}),
                 {}};
    std::string sheet;
    {
        db::ReadTx snapshot(ctx.db());
        const Scope scope = roster_scope(ctx, r, as_of);
        sheet = scope.name;
        std::map<std::string, std::string> org_names;
        for (const db::Member& m : db::list_members(ctx.db(), as_of, scope.filter)) {
            auto it = org_names.find(m.org);
            if (it == org_names.end())
                it = org_names.emplace(m.org, db::get_org(ctx.db(), m.org, as_of).name).first;
            t.rows.push_back({m.org, it->second, m.name, term(vocab::genders(), m.gender),
                              format_date(m.birth_date), text_cell(m.ethnicity),
                              text_cell(m.education), format_date(m.join_date),
                              term(vocab::member_statuses(), m.status),
                              term(vocab::member_roles(), m.role), id_cell(ctx, m.id_number),
                              phone_cell(ctx, m.phone)});
        }
    }
    audit_reveal(ctx, t.rows.size(), "member roster");
    if (xlsx) {
        out::write_xlsx(r.xlsx, {{sheet, t, ctx.options.lang}}, ctx.outputs());
        const auto rows = static_cast<long>(t.rows.size());
        note(ctx, trnf("{}: {} member written", "{}: {} members written", rows, r.xlsx, rows));
    } else {
        out::RenderOptions o = render_options(ctx);
        o.bom = r.bom;
        out::render(std::cout, t, o);
        std::cout.flush();
    }
    return 0;
}

int set_points(Context& ctx, const PointsOptions& p) {
    const std::string id = member_id(ctx, p.id);
    long long year = 0;
    long long points = 0;
    OptionCheck check;
    check([&] { year = require_number(p.year, validate::k_year, "year"); });
    check([&] { points = require_number(p.points, validate::k_points, "points"); });
    check.done();
    db::WriteTx tx(ctx.db());
    db::set_points(ctx.db(), id, static_cast<int>(year), points);
    tx.commit();
    note(ctx, trf("member {}: {} points in {}", shown_id(ctx, id), points, year));
    return 0;
}

int add_honor(Context& ctx, const HonorOptions& h) {
    const std::string id = member_id(ctx, h.id);
    Honor honor;
    honor.org = id;
    honor.title = clean_option(h.title, "--title");
    honor.date = date_or_today(h.date, "--date");
    honor.level = parse_term(vocab::honor_levels(), h.level, "--level");
    if (honor.title.empty())
        throw InvalidInput("--title", tr("is empty"));
    db::WriteTx tx(ctx.db());
    db::add_member_honor(ctx.db(), id, honor);
    tx.commit();
    note(ctx, trf("member {}: honour \"{}\" on {}", shown_id(ctx, id), honor.title,
                  format_date(honor.date)));
    return 0;
}

int assign_mentor(Context& ctx, const MentorOptions& m) {
    const std::string mentor = member_id(ctx, m.mentor);
    const std::string mentee = member_id(ctx, m.mentee);
    const Date on = date_or_today(m.on, "--on");
    db::WriteTx tx(ctx.db());
    db::assign_mentor(ctx.db(), mentor, mentee, on,
                      clean_option(m.note, "--note", validate::TextRule::note));
    tx.commit();
    note(ctx, trf("member {} mentors {} from {}", shown_id(ctx, mentor), shown_id(ctx, mentee),
                  format_date(on)));
    return 0;
}

int list_mentors(Context& ctx, const MentorListOptions& l) {
    const Date as_of = date_or_today(l.as_of, "--as-of");
    out::Table t{member_columns({"mentor", "mentor_name", "mentee", "mentee_name", "from", "note"}),
                 {}};
    for (const auto& p : db::list_mentors(ctx.db(), as_of))
        t.rows.push_back({id_cell(ctx, p.mentor), p.mentor_name, id_cell(ctx, p.mentee),
                          p.mentee_name, format_date(p.span.from), text_cell(p.note)});
    if (ctx.options.reveal && !t.rows.empty())
        db::audit_revealed_mentoring(ctx.db(), t.rows.size(), "member mentor list");
    print(ctx, t);
    return 0;
}

constexpr const char* k_id_help =
    N_("resident ID number (身份证号, 18 characters), or the full name of one member");

void register_points(CLI::App& noun, Context& ctx) {
    CLI::App* points = noun.add_subcommand("points", tr("党建e家 yearly points of members"));
    points->require_subcommand(1);
    auto [set_cmd, p] =
        add_verb<PointsOptions>(*points, "set", tr("Set a member's points for a year"));
    set_cmd->add_option("id_number", p->id, tr(k_id_help))->required();
    set_cmd->add_option("year", p->year, tr("the year (年度), 2000 to 2100"))->required();
    set_cmd
        ->add_option("points", p->points,
                     tr("the year's points (积分), a whole number 0 to 1000000"))
        ->required();
    on_run(set_cmd, ctx, [&ctx, p = p] { return set_points(ctx, *p); });
    add_import_verb(*points, ctx, tr("yearly points of members"), import::points_fields(),
                    import::import_points);
}

void register_honor(CLI::App& noun, Context& ctx) {
    CLI::App* honor = noun.add_subcommand("honor", tr("Honours awarded to a member (荣誉)"));
    honor->require_subcommand(1);
    auto [add_cmd, h] = add_verb<HonorOptions>(*honor, "add", tr("Record an honour"));
    add_cmd->add_option("id_number", h->id, tr(k_id_help))->required();
    add_cmd->add_option("--title", h->title, tr("the honour's title"))->required();
    add_cmd->add_option("--date", h->date, tr("date awarded (default: today)"));
    add_cmd
        ->add_option("--level", h->level,
                     tr("national 国家级, province 省级, city 市级, district 区级 or other 其他"))
        ->capture_default_str();
    on_run(add_cmd, ctx, [&ctx, h = h] { return add_honor(ctx, *h); });
}

void register_mentor(CLI::App& noun, Context& ctx) {
    CLI::App* mentor = noun.add_subcommand(
        "mentor", tr("老带新: secretaries mentoring members (one mentor at a time)"));
    mentor->require_subcommand(1);
    auto [assign_cmd, m] = add_verb<MentorOptions>(
        *mentor, "assign", tr("Make a current secretary the mentor of a member from a date"));
    assign_cmd->add_option("mentor", m->mentor, tr("the mentor's ID number (a current secretary)"))
        ->required();
    assign_cmd->add_option("mentee", m->mentee, tr("the mentored member's ID number"))->required();
    add_on_option(assign_cmd, m->on, tr("the day the mentoring starts"));
    assign_cmd->add_option("--note", m->note, tr("what the mentoring is about"));
    on_run(assign_cmd, ctx, [&ctx, m = m] { return assign_mentor(ctx, *m); });

    auto [list_cmd, l] =
        add_verb<MentorListOptions>(*mentor, "list", tr("Mentoring pairs at the date, by mentor"));
    list_cmd->add_option("--as-of", l->as_of, tr("as of this date (default: today)"));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list_mentors(ctx, *l); });
}

} // namespace

void register_member(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "member", tr("Party members (党员), keyed by resident ID number; masked unless --reveal"));
    noun->require_subcommand(1);

    auto [add_cmd, a] = add_verb<AddOptions>(*noun, "add", tr("Add a member to an org"));
    add_cmd->add_option("id_number", a->id, tr("resident ID number (身份证号, 18 characters)"))
        ->required();
    add_field_options(add_cmd, a->fields, true);
    add_cmd->add_option("--org", a->org, tr("code of the member's org (所在党组织)"))->required();
    add_cmd->add_option(
        "--gender", a->gender,
        tr("male 男 or female 女 (default: from the ID number, which it must match)"));
    add_cmd->add_option("--birth-date", a->birth_date,
                        tr("birth date (default: from the ID number, which it must match)"));
    add_cmd->add_option("--org-since", a->org_since,
                        tr("in the org since (转入日期; default: the later of --join-date and the "
                           "org's founding)"));
    add_cmd->add_option("--role", a->role, trf("{} (default: member)", tr(k_role_help)));
    add_cmd->add_option("--role-since", a->role_since,
                        tr("in the role since (default: --org-since)"));
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [list_cmd, l] = add_verb<ListOptions>(
        *noun, "list", tr("Members at the date, with org, role and status then"));
    list_cmd->add_option("--committee", l->committee, tr("only members of this committee's orgs"));
    list_cmd->add_option("--cluster", l->cluster, tr("only members of this cluster's orgs"));
    list_cmd->add_option("--org", l->org, tr("only members of this org"));
    list_cmd->add_option("--status", l->status, trf("only {}", tr(k_status_help)));
    list_cmd->add_option("--role", l->role, trf("only {}", tr(k_role_help)));
    list_cmd->add_option("--as-of", l->as_of, tr("as of this date (default: today)"));
    list_cmd->add_flag("--include-left", l->include_left,
                       tr("also members who had left by the date (in their last org)"));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });

    auto [find_cmd, fo] = add_verb<FindOptions>(
        *noun, "find",
        tr("Members whose name holds TEXT, or whose ID number or phone ends with it (4 digits or "
           "more), with their org; exact names first"));
    find_cmd->add_option("text", fo->text, tr("a name, part of a name, or the last digits"))
        ->required();
    on_run(find_cmd, ctx, [&ctx, fo = fo] { return find(ctx, *fo); });

    auto [show_cmd, s] = add_verb<ShowOptions>(
        *noun, "show", tr("One member: fields, org and role history, points, honours, mentoring"));
    show_cmd->add_option("id_number", s->id, tr(k_id_help))->required();
    show_cmd->add_option("--as-of", s->as_of, tr("as of this date (default: today)"));
    on_run(show_cmd, ctx, [&ctx, s = s] { return show(ctx, *s); });

    auto [edit_cmd, e] = add_verb<EditOptions>(
        *noun, "edit", tr("Change a member's personal fields, or their role from a date"));
    edit_cmd->add_option("id_number", e->id, tr(k_id_help))->required();
    add_field_options(edit_cmd, e->fields, false);
    auto* role = edit_cmd->add_option("--role", e->role,
                                      trf("new role in the current org: {}", tr(k_role_help)));
    edit_cmd->add_option("--on", e->on, tr("the day the new --role starts (default: today)"))
        ->needs(role);
    add_correct_flag(edit_cmd, e->change);
    on_run(edit_cmd, ctx, [&ctx, e = e] { return edit(ctx, *e); });

    auto [transfer_cmd, t] = add_verb<TransferOptions>(
        *noun, "transfer", tr("组织关系转接: move a member to another org"));
    transfer_cmd->add_option("id_number", t->id, tr(k_id_help))->required();
    transfer_cmd->add_option("org", t->org, tr("code of the org the member moves to"))->required();
    add_on_option(transfer_cmd, t->on, tr("the day of the move"));
    add_future_flag(transfer_cmd, t->change, tr("the transfer"));
    on_run(transfer_cmd, ctx, [&ctx, t = t] { return transfer(ctx, *t); });

    auto [leave_cmd, lv] = add_verb<LeaveOptions>(
        *noun, "leave", tr("A member leaves (transferred out, deceased, expelled, other)"));
    leave_cmd->add_option("id_number", lv->id, tr(k_id_help))->required();
    leave_cmd->add_option("--reason", lv->reason, tr(k_reason_help))->required();
    add_on_option(leave_cmd, lv->on, tr("the day the member leaves"));
    add_future_flag(leave_cmd, lv->change, tr("the leaving"));
    on_run(leave_cmd, ctx, [&ctx, lv = lv] { return leave(ctx, *lv); });

    auto [roster_cmd, r] = add_verb<RosterOptions>(
        *noun, "roster", tr("电子花名册 of a cluster, committee or org: a table or an .xlsx file"));
    roster_cmd->add_option("--cluster", r->cluster, tr("the members of this cluster's orgs"));
    roster_cmd->add_option("--committee", r->committee, tr("the members of this committee's orgs"));
    roster_cmd->add_option("--org", r->org, tr("the members of this org"));
    roster_cmd->add_option("--as-of", r->as_of, tr("as of this date (default: today)"));
    roster_cmd->add_option("--xlsx", r->xlsx,
                           tr("write an Excel workbook (atomically) instead of printing"));
    roster_cmd->add_flag("--bom", r->bom,
                         tr("start csv with a UTF-8 BOM so that Excel reads Chinese"));
    roster_cmd->footer(
        tr("Give exactly one of --cluster, --committee or --org. ID numbers and phones "
           "are masked\nunless --reveal (audited), in the .xlsx file too."));
    on_run(roster_cmd, ctx, [&ctx, r = r] { return roster(ctx, *r); });

    register_points(*noun, ctx);
    register_honor(*noun, ctx);
    register_mentor(*noun, ctx);

    add_import_verb(*noun, ctx, tr("members"), import::member_fields(), import::import_members);
    add_export_verb(
        *noun, ctx, tr("members (those who left too)"),
        [](db::Database& db, const Date& as_of) { return import::export_members(db, as_of); }, true,
        true, tr("ID numbers and phone numbers"));
}

} // namespace hlpb::cli
