#include "db/audit_text.hpp"
#include "db/field_history.hpp"
#include "fixture.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

#include <doctest/doctest.h>

#include <functional>

using namespace hlpb;
using hlpb::test::d;

namespace {

db::ChangeOptions correction() {
    db::ChangeOptions o;
    o.today = d("2026-11-28");
    o.correct = true;
    return o;
}

std::string conflict_message(const std::function<void()>& f) {
    try {
        f();
    } catch (const Conflict& e) {
        return e.what();
    }
    return {};
}

// A note's two forms and its kind; the shown form read back from the stored one agrees.
void check_note(const db::Note& n, db::Note::Kind kind, const std::string& stored,
                const std::string& shown) {
    CHECK(n.kind == kind);
    CHECK(n.text.stored == stored);
    CHECK(n.text.shown == shown);
    CHECK(db::detail::shown_note(stored) == shown);
}

} // namespace

TEST_CASE("a removed membership or lead term: English stored, Chinese shown, a correction") {
    test::Language zh("zh");
    test::SmallDistrict s;
    db::join_cluster(s.db, "C1", {"A4"}, d("2020-05-01"));
    auto notes = db::leave_cluster(s.db, "C1", {"A4"}, d("2020-05-01"), correction());
    REQUIRE(notes.size() == 1);
    check_note(notes[0], db::Note::Kind::correction,
               "removed the membership of A4 in cluster C1 from 2020-05-01",
               "已删除A4在联建片C1的入片记录（自2020-05-01起）");
    db::set_lead(s.db, "C1", "A2", d("2020-01-01"));
    notes = db::set_lead(s.db, "C1", "A3", d("2020-01-01"), correction());
    REQUIRE(notes.size() == 1);
    check_note(notes[0], db::Note::Kind::correction,
               "removed the lead term of A2 in cluster C1 from 2020-01-01",
               "已删除A2在联建片C1的牵头任期（自2020-01-01起）");
    CHECK(db::audit_note(notes) == "removed the lead term of A2 in cluster C1 from 2020-01-01");
}

TEST_CASE("a removed flag: English stored, Chinese shown") {
    test::Language zh("zh");
    test::SmallDistrict s;
    db::set_flag(s.db, "A3", "weak", d("2022-01-01"), "");
    auto notes = db::unset_flag(s.db, "A3", "weak", d("2022-01-01"), correction());
    REQUIRE(notes.size() == 1);
    check_note(notes[0], db::Note::Kind::correction,
               "removed the weak flag of org A3 from 2022-01-01",
               "已删除党组织A3的“软弱涣散”标记（自2022-01-01起）");
}

TEST_CASE("a corrected role: English stored, Chinese shown") {
    test::Language zh("zh");
    test::SmallDistrict s;
    db::Member m;
    m.id_number = "350206198503121257";
    m.name = "陈建国";
    m.org = "A1";
    m.join_date = d("2010-07-01");
    m.full_date = d("2011-07-01");
    m.role = "secretary";
    import::RowErrors errors;
    db::validate_member(s.db, m, d("2026-11-28"), errors);
    REQUIRE(errors.empty());
    db::add_member(s.db, m);
    auto notes = db::set_role(s.db, m.id_number, "member", d("2015-01-01"), correction());
    REQUIRE(notes.size() == 1);
    check_note(notes[0], db::Note::Kind::correction,
               "corrected the role of member 350206********1257 in A1 from 2015-01-01: "
               "secretary replaced",
               "已更正党员350206********1257在A1自2015-01-01起的职务：原职务书记已被替换");
}

TEST_CASE("dated and current-only fields: a corrected value is told, earlier values recorded") {
    test::Language zh("zh");
    test::SmallDistrict s;
    db::ChangeOptions now;
    now.today = d("2026-11-28");
    Cluster c = db::get_cluster(s.db, "C1", d("2026-11-28"));
    c.instructor = "李华";
    c.instructor_phone = "13912345678";
    c.name = "新名字";
    auto notes = db::edit_cluster(s.db, c, d("2024-01-01"), now);
    REQUIRE(notes.size() == 3);
    check_note(notes[0], db::Note::Kind::record,
               "instructor of cluster C1 was '张三' until 2024-01-01",
               "联建片C1的指导员在2024-01-01之前为“张三”");
    // The phone number is never written down: "(a phone number)" in English, stored.
    check_note(notes[1], db::Note::Kind::record,
               "instructor_phone of cluster C1 was (a phone number) until 2024-01-01",
               "联建片C1的指导员电话在2024-01-01之前为（电话号码）");
    check_note(notes[2], db::Note::Kind::record, "name was '测试联建片'", "名称原为“测试联建片”");
    // The same day again: the refusal names the subject in Chinese (item 2 of the brief)...
    c.instructor = "王五";
    const std::string refusal =
        conflict_message([&] { db::edit_cluster(s.db, c, d("2024-01-01"), now); });
    CHECK(refusal.find("联建片C1的指导员“李华”始于2024-01-01") != std::string::npos);
    CHECK(refusal.find("cluster") == std::string::npos);
    // ...and --correct replaces the value, which the user is told of.
    notes = db::edit_cluster(s.db, c, d("2024-01-01"), correction());
    REQUIRE(notes.size() == 1);
    check_note(notes[0], db::Note::Kind::correction,
               "corrected instructor of cluster C1 from 2024-01-01: '李华' replaced",
               "已更正联建片C1自2024-01-01起的指导员：原值“李华”已被替换");
    Org o = db::get_org(s.db, "A2", d("2026-11-28"));
    o.venue_m2 = 120;
    notes = db::edit_org(s.db, o, d("2025-01-01"), now);
    REQUIRE(notes.size() == 1);
    check_note(notes[0], db::Note::Kind::record, "venue_m2 of org A2 was '50' until 2025-01-01",
               "党组织A2的阵地面积在2025-01-01之前为“50”");
}

TEST_CASE("in English the shown form of a note is its stored form") {
    CHECK(db::shown_audit_command("hlpb x [m.csv: 1 inserted, 0 updated, 0 unchanged]") ==
          "hlpb x [m.csv: 1 inserted, 0 updated, 0 unchanged]");
    test::SmallDistrict s;
    db::join_cluster(s.db, "C1", {"A4"}, d("2020-05-01"));
    auto notes = db::leave_cluster(s.db, "C1", {"A4"}, d("2020-05-01"), correction());
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].text.shown == notes[0].text.stored);
}

TEST_CASE("an audit entry's command reads in Chinese where its note is one of hlpb's forms") {
    test::Language zh("zh");
    CHECK(db::shown_audit_command("hlpb org import a: b.csv [a: b.csv: 11 inserted, 0 updated, "
                                  "2 unchanged]") ==
          "hlpb org import a: b.csv [a: b.csv：新增11、更新0、不变2]");
    CHECK(db::import_note("m.csv", 1, 2, 3) == "m.csv: 1 inserted, 2 updated, 3 unchanged");
    CHECK(db::shown_audit_command(
              "hlpb cluster edit C1 --name x [instructor of cluster C1 was 'a; b' until "
              "2024-01-01; name was 'y']") ==
          "hlpb cluster edit C1 --name x [联建片C1的指导员在2024-01-01之前为“a; b”；名称原为“y”]");
    // What a --reveal showed.
    CHECK(db::shown_audit_command("hlpb --reveal member list [revealed: ID numbers and phones of "
                                  "1 member (member list)]") ==
          "hlpb --reveal member list [显示了1名党员的完整身份证号和手机号（member list）]");
    CHECK(db::shown_audit_command("hlpb --reveal cluster show C1 [revealed instructor_phone]") ==
          "hlpb --reveal cluster show C1 [显示了指导员的完整电话]");
    // Not one of the forms (a note typed by hand, a bracket in a value): as stored.
    CHECK(db::shown_audit_command("hlpb org add X --name [甲] [something else]") ==
          "hlpb org add X --name [甲] [something else]");
    CHECK(db::shown_audit_command("hlpb db init") == "hlpb db init");
    CHECK(db::detail::shown_note("removed the membership of A4 in cluster C1 from 2020-99-01") ==
          std::nullopt);
    // The undo column, stored (csv, json) and shown.
    CHECK(db::detail::undo_marks(12, 10, 14, "", false) == "undoes 10-11; undone by 14");
    CHECK(db::detail::undo_marks(12, 10, 14, "", true) == "撤销审计记录10至11；已由审计记录14撤销");
    CHECK(db::detail::undo_marks(3, 0, 0, db::detail::not_recorded_note(100000), false) ==
          "not undoable: more than 100000 rows changed");
    CHECK(db::detail::undo_marks(3, 0, 0, "more than 100000 rows changed", true) ==
          "不可撤销：变更超过100000行");
    CHECK(db::detail::undo_marks(3, 0, 0, "bulk load into an empty register", true) ==
          "不可撤销：向空名册批量导入");
}

TEST_CASE("each --reveal entry is written in its stored form and read back in Chinese") {
    test::MemoryDb m;
    db::audit_revealed(m.db, db::Revealed::instructor_phones);
    db::audit_revealed(m.db, db::Revealed::instructor_phone_history);
    db::audit_revealed(m.db, db::Revealed::undo_id_numbers);
    db::audit_revealed_members(m.db, 1, true, "member show");
    db::audit_revealed_members(m.db, 3, true, "member list");
    db::audit_revealed_members(m.db, 1, false, "org show");
    db::audit_revealed_members(m.db, 12, false, "org show");
    db::audit_revealed_mentoring(m.db, 1, "member mentor list");
    db::audit_revealed_mentoring(m.db, 2, "member mentor list");
    db::audit_revealed_export(m.db, "member");
    const auto log = db::audit_log(m.db, 0); // newest first
    REQUIRE(log.size() == 10);
    // The stored forms, as the audit trail has always had them (csv and json show these).
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"revealed instructor_phone", "显示了指导员的完整电话"},
        {"revealed instructor_phone (cluster history)",
         "显示了指导员的完整电话（cluster history）"},
        {"revealed: ID numbers in db undo --dry-run", "显示了完整身份证号（db undo --dry-run）"},
        {"revealed: ID numbers and phones of 1 member (member show)",
         "显示了1名党员的完整身份证号和手机号（member show）"},
        {"revealed: ID numbers and phones of 3 members (member list)",
         "显示了3名党员的完整身份证号和手机号（member list）"},
        {"revealed: ID numbers of 1 member (org show)", "显示了1名党员的完整身份证号（org show）"},
        {"revealed: ID numbers of 12 members (org show)",
         "显示了12名党员的完整身份证号（org show）"},
        {"revealed: ID numbers of 1 mentoring pair (member mentor list)",
         "显示了1对结对党员的完整身份证号（member mentor list）"},
        {"revealed: ID numbers of 2 mentoring pairs (member mentor list)",
         "显示了2对结对党员的完整身份证号（member mentor list）"},
        {"revealed: member export", "显示了完整身份证号和手机号（member export）"},
    };
    test::Language zh("zh");
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const std::string& command = log[log.size() - 1 - i].command;
        CAPTURE(command);
        REQUIRE(command.ends_with(" [" + expected[i].first + "]"));
        const std::string head = command.substr(0, command.size() - expected[i].first.size() - 3);
        CHECK(db::shown_audit_command(command) == head + " [" + expected[i].second + "]");
    }
}
