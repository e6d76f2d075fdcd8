#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/members.hpp>

#include "import/seen_filter.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hlpb;
using hlpb::test::d;
using hlpb::test::TempDir;

namespace {

std::string sample_path() {
    // ctest sets HLPB_TEST_DATA; run by hand from any folder, the tree this file is in.
    const char* dir = std::getenv("HLPB_TEST_DATA");
    const std::string base = dir ? std::string(dir) : std::string(HLPB_TEST_DATA_DIR);
    return base + "/import/members-from-excel.gb18030.csv";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Orgs HL-A001..HL-A003 as the sample's README asks.
struct SampleOrgs : test::MemoryDb {
    TempDir tmp;
    SampleOrgs() {
        ::setenv("HLPB_TODAY", "2026-11-28", 1);
        db::WriteTx tx(db);
        db::detail::sql(db).exec(
            "INSERT INTO committee(code, name, kind) VALUES ('HL', '湖里', 'street')");
        for (const char* code : {"HL-A001", "HL-A002", "HL-A003"}) {
            Org o;
            o.code = code;
            o.name = std::string(code) + "党支部";
            o.committee = "HL";
            o.founded = d("2000-01-01");
            db::add_org(db, o);
        }
        tx.commit();
    }
};

std::vector<std::string> messages(const InvalidInput& e) {
    std::vector<std::string> out;
    for (const auto& r : e.errors())
        out.push_back(r.to_string());
    return out;
}

} // namespace

TEST_CASE("the Excel sample: refused without --encoding, with a hint") {
    SampleOrgs s;
    try {
        import::import_members(s.db, {.path = sample_path()}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(std::string(e.what()).find("--encoding gb18030") != std::string::npos);
    }
    CHECK(db::list_members(s.db, d("2026-11-28"), {}).empty());
}

TEST_CASE("the Excel sample: exactly one bad row, line 4, the mangled ID; nothing written") {
    SampleOrgs s;
    try {
        import::import_members(s.db, {.path = sample_path(), .encoding = "gb18030"}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        auto m = messages(e);
        REQUIRE(m.size() == 1);
        CHECK(e.errors()[0].line == 4);
        CHECK(e.errors()[0].field == "id_number");
        CHECK(m[0].find("turned into a number by Excel") != std::string::npos);
    }
    CHECK(db::list_members(s.db, d("2026-11-28"), {}).empty());
}

TEST_CASE("the Excel sample, fixed: the other four members import correctly") {
    SampleOrgs s;
    std::string text = slurp(sample_path());
    // Drop the physical line 4 (the mangled ID); lines are CRLF-terminated.
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        lines.push_back(text.substr(start, end - start + 2));
        start = end + 2;
    }
    std::string fixed;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (i != 3)
            fixed += lines[i];
    std::string path = s.tmp.file("fixed.csv");
    std::ofstream(path, std::ios::binary) << fixed;
    auto summary = import::import_members(s.db, {.path = path, .encoding = "gb18030"}, {});
    CHECK(summary.inserted == 4);
    auto chen = db::get_member(s.db, "350206198503121257", d("2026-11-28"));
    CHECK(chen.name == "陈建国");
    CHECK(chen.role == "secretary");
    CHECK(chen.join_date == d("2010-07-01"));
    CHECK(chen.status == "full");
    auto lin = db::get_member(s.db, "350206199008253484", d("2026-11-28"));
    CHECK(lin.phone == "13906005678"); // typed with full-width digits
    CHECK(lin.birth_date == d("1990-08-25"));
    CHECK(lin.gender == "female");
    auto zheng = db::get_member(s.db, "350206199511015635", d("2026-11-28"));
    CHECK(zheng.name == "郑伟"); // stray spaces trimmed
    CHECK(zheng.status == "probationary");
    CHECK(zheng.gender == "male"); // derived
    auto ayi = db::get_member(s.db, "350206197801010745", d("2026-11-28"));
    CHECK(ayi.name == "阿依古丽·买买提");
    CHECK(ayi.role == "deputy_secretary");
    CHECK(ayi.ethnicity == "维吾尔族");
    // Importing again changes nothing.
    auto again = import::import_members(s.db, {.path = path, .encoding = "gb18030"}, {});
    CHECK(again.unchanged == 4);
    CHECK(again.inserted + again.updated == 0);
}

TEST_CASE("duplicates in one file name both lines; every bad row is reported") {
    SampleOrgs s;
    std::string path = s.tmp.file("m.csv");
    std::ofstream(path) << "身份证号,姓名,入党日期,转正日期,所在党组织,党内职务\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,书记\n"
                           "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A001,书记\n"
                           "350206198503121253,错号,2010-07-01,,HL-A001,\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A002,\n";
    try {
        import::import_members(s.db, {.path = path}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        auto m = messages(e);
        REQUIRE(m.size() == 3);
        CHECK(m[0].find(":3: role: org HL-A001 already has a secretary: 陈建国") !=
              std::string::npos);
        CHECK(m[1].find(":4: id_number: checksum digit should be 7") != std::string::npos);
        CHECK(m[2].find(":5: id_number: '350206********1257' repeated; first on line 2") !=
              std::string::npos);
    }
    CHECK(db::list_members(s.db, d("2026-11-28"), {}).empty());
}

TEST_CASE("re-import with a new org transfers the member; export round-trips") {
    SampleOrgs s;
    std::string path = s.tmp.file("a.csv");
    std::ofstream(path) << "id_number,name,join_date,full_date,org,role,phone\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,secretary,"
                           "13906001234\n";
    import::import_members(s.db, {.path = path}, {});
    std::string moved = s.tmp.file("b.csv");
    std::ofstream(moved) << "id_number,name,join_date,full_date,org,org_since,role,phone\n"
                            "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A002,2024-03-01,"
                            "member,13906001234\n";
    auto summary = import::import_members(s.db, {.path = moved}, {});
    CHECK(summary.updated == 1);
    CHECK(db::get_member(s.db, "350206198503121257", d("2024-02-29")).org == "HL-A001");
    CHECK(db::get_member(s.db, "350206198503121257", d("2024-03-01")).org == "HL-A002");

    auto table = import::export_members(s.db, d("2026-11-28"));
    std::ostringstream csv;
    out::render(csv, table, {.format = out::Format::csv});
    std::string exported = s.tmp.file("export.csv");
    std::ofstream(exported, std::ios::binary) << csv.str();
    auto again = import::import_members(s.db, {.path = exported}, {});
    CHECK(again.unchanged == 1);
}

TEST_CASE("e-home points import") {
    SampleOrgs s;
    std::string path = s.tmp.file("a.csv");
    std::ofstream(path) << "id_number,name,join_date,full_date,org\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001\n";
    import::import_members(s.db, {.path = path}, {});
    std::string points = s.tmp.file("p.csv");
    std::ofstream(points) << "身份证号,年度,积分\n350206198503121257,2024,61\n"
                             "350206198503121257,2025,83\n";
    CHECK(import::import_points(s.db, {.path = points}, {}).inserted == 2);
    CHECK(import::import_points(s.db, {.path = points}, {}).unchanged == 2);
    CHECK(db::member_points(s.db, "350206198503121257")[1].points == 83);
    std::string bad = s.tmp.file("bad.csv");
    std::ofstream(bad) << "身份证号,年度,积分\n350206198503121257,1999,-3\n";
    CHECK_THROWS_AS(import::import_points(s.db, {.path = bad}, {}), InvalidInput);
}

TEST_CASE("SeenFilter: never misses an ID it was given, and is rarely wrong about the others") {
    import::SeenFilter seen;
    // 18-character numbers; only the 17 leading digits count.
    auto id = [](std::uint64_t n) { return fmt::format("{:017}X", n); };
    CHECK_FALSE(seen.test_and_add(id(12345)));
    for (std::uint64_t n = 1; n < 200'000; ++n)
        seen.test_and_add(id(n * 7919 + 12345));
    long missed = 0;
    for (std::uint64_t n = 0; n < 200'000; ++n)
        missed += seen.test_and_add(id(n * 7919 + 12345)) ? 0 : 1;
    CHECK(missed == 0);
    long wrong = 0;
    for (std::uint64_t n = 0; n < 200'000; ++n)
        wrong += seen.test_and_add(id(n * 7919 + 12346)) ? 1 : 0; // never given before
    CHECK(wrong < 200'000 / 100);                                 // under 1 % (about 0.5 %)
}

TEST_CASE("a bulk load reports a repeated ID on its line, past blank rows and multi-line cells") {
    SampleOrgs s;
    std::string path = s.tmp.file("m.csv");
    std::ofstream(path) << "身份证号,姓名,入党日期,转正日期,所在党组织,党内职务,离开原因\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,书记,\n"
                           ",,,,,,\n"
                           "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A002,,\"two\n"
                           "lines\"\n"
                           "\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,书记,\n"
                           "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A001,,\n";
    std::string errors_out = s.tmp.file("bad.csv");
    try {
        import::import_members(s.db, {.path = path}, {.errors_out = errors_out});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        auto m = messages(e);
        REQUIRE(m.size() == 2);
        // The same secretary twice is a repeated row, not a second secretary.
        CHECK(m[0].find(":7: id_number: '350206********1257' repeated; first on line 2") !=
              std::string::npos);
        CHECK(m[1].find(":8: id_number: '350206********3484' repeated; first on line 4") !=
              std::string::npos);
    }
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM member").getInt() ==
          0); // nothing written
    std::ifstream in(errors_out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Every row (the blank one skipped), the late errors on theirs, a multi-line cell quoted.
    CHECK(text == "error,身份证号,姓名,入党日期,转正日期,所在党组织,党内职务,离开原因\r\n"
                  ",350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,书记,\r\n"
                  ",350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A002,,\"two\nlines\"\r\n"
                  "id_number: '350206********1257' repeated; first on line 2,"
                  "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,书记,\r\n"
                  "id_number: '350206********3484' repeated; first on line 4,"
                  "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A001,,\r\n");
}

TEST_CASE("a bulk load, whose INSERT skips the CHECK constraints, refuses in code every row "
          "that breaks one; afterwards SQLite checks them again") {
    SampleOrgs s;
    std::string path = s.tmp.file("m.csv");
    std::ofstream(path)
        << "id_number,name,join_date,status,full_date,org,org_since,role,role_since,left_on\n"
           "350206199008253484,林秀英,2016-06-30,full,,HL-A002,,,,\n"                 // 2: good
           "350206198503121257,陈建国,2010-07-01,full,2010-06-01,HL-A001,,,,\n"       // 3
           "350206198503121257,陈建国,2010-07-01,,,HL-A001,2009-01-01,,,\n"           // 4
           "350206198503121257,陈建国,2010-07-01,,,HL-A001,2012-01-01,,2011-01-01,\n" // 5
           "350206198503121257,陈建国,2010-07-01,,,HL-A001,,,,2010-07-01\n"           // 6
           "350206198503121257,陈建国,2010-07-01,,,HL-A001,,boss,,\n"                 // 7
           "350206198503121257,陈建国,2010-07-01,maybe,,HL-A001,,,,\n"                // 8
           "350206198503121257,陈建国,2010-07-01,,,HL-A001,,,,\n";                    // 9: good
    try {
        import::import_members(s.db, {.path = path}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        std::vector<std::string> lines_and_fields;
        int repeats = 0; // lines 4 to 9 repeat the ID of line 3, which is bad
        for (const auto& r : e.errors())
            if (r.field == "id_number")
                ++repeats;
            else
                lines_and_fields.push_back(fmt::format("{} {}", r.line, r.field));
        CHECK(repeats == 6);
        // Line 2: a full member's full_date may be unknown (SPEC §6).
        CHECK(lines_and_fields == std::vector<std::string>{"3 full_date", "4 org_since",
                                                           "5 role_since", "6 left_on", "7 role",
                                                           "8 status"});
    }
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM member").getInt() == 0);
    CHECK(db::detail::sql(s.db).execAndGet("PRAGMA ignore_check_constraints").getInt() == 0);

    std::ofstream(path) << "id_number,name,join_date,org\n"
                           "350206199008253484,林秀英,2016-06-30,HL-A002\n";
    CHECK(import::import_members(s.db, {.path = path}, {}).inserted == 1);
    CHECK(db::detail::sql(s.db).execAndGet("PRAGMA ignore_check_constraints").getInt() == 0);
    CHECK_THROWS_AS(db::detail::sql(s.db).exec("UPDATE member SET role = 'boss'"),
                    SQLite::Exception);
}

TEST_CASE("a member repeated in a file that updates the register is reported, not applied twice") {
    SampleOrgs s;
    std::string path = s.tmp.file("m.csv");
    std::ofstream(path) << "身份证号,姓名,入党日期,转正日期,所在党组织,手机号码\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,13800000001\n";
    import::import_members(s.db, {.path = path}, {});
    std::ofstream(path) << "身份证号,姓名,入党日期,转正日期,所在党组织,手机号码\n"
                           "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A001,\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,13800000002\n"
                           "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A002,\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A001,13800000003\n";
    try {
        import::import_members(s.db, {.path = path}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        auto m = messages(e);
        REQUIRE(m.size() == 2);
        CHECK(m[0].find(":4: id_number: '350206********3484' repeated; first on line 2") !=
              std::string::npos);
        CHECK(m[1].find(":5: id_number: '350206********1257' repeated; first on line 3") !=
              std::string::npos);
    }
    CHECK(db::get_member(s.db, "350206198503121257", d("2026-11-28")).phone == "13800000001");
}

TEST_CASE("re-import: a change in any one field is an update; the same row is unchanged") {
    const std::string header = "id_number,name,ethnicity,education,join_date,full_date,org,role,"
                               "phone,left_on,left_reason\n";
    const std::string base = "350206198503121257,陈建国,汉族,本科,2010-07-01,2011-07-01,HL-A001,"
                             "deputy_secretary,13906001234,,\n";
    struct Variant {
        const char* what;
        std::string row;
    };
    const Variant variants[] = {
        {"name", "350206198503121257,陈建华,汉族,本科,2010-07-01,2011-07-01,HL-A001,"
                 "deputy_secretary,13906001234,,\n"},
        {"ethnicity", "350206198503121257,陈建国,回族,本科,2010-07-01,2011-07-01,HL-A001,"
                      "deputy_secretary,13906001234,,\n"},
        {"education", "350206198503121257,陈建国,汉族,硕士,2010-07-01,2011-07-01,HL-A001,"
                      "deputy_secretary,13906001234,,\n"},
        {"join_date", "350206198503121257,陈建国,汉族,本科,2010-06-30,2011-07-01,HL-A001,"
                      "deputy_secretary,13906001234,,\n"},
        {"full_date", "350206198503121257,陈建国,汉族,本科,2010-07-01,2011-07-02,HL-A001,"
                      "deputy_secretary,13906001234,,\n"},
        {"org", "350206198503121257,陈建国,汉族,本科,2010-07-01,2011-07-01,HL-A002,"
                "deputy_secretary,13906001234,,\n"},
        {"role", "350206198503121257,陈建国,汉族,本科,2010-07-01,2011-07-01,HL-A001,"
                 "member,13906001234,,\n"},
        {"phone", "350206198503121257,陈建国,汉族,本科,2010-07-01,2011-07-01,HL-A001,"
                  "deputy_secretary,13906001235,,\n"},
        {"left_on", "350206198503121257,陈建国,汉族,本科,2010-07-01,2011-07-01,HL-A001,"
                    "deputy_secretary,13906001234,2026-10-01,deceased\n"},
    };
    for (const Variant& v : variants) {
        CAPTURE(v.what);
        SampleOrgs s;
        std::string path = s.tmp.file("m.csv");
        std::ofstream(path) << header << base;
        import::import_members(s.db, {.path = path}, {});
        CHECK(import::import_members(s.db, {.path = path}, {}).unchanged == 1);
        std::ofstream(path) << header << v.row;
        auto changed = import::import_members(s.db, {.path = path}, {});
        CHECK(changed.updated == 1);
        CHECK(import::import_members(s.db, {.path = path}, {}).unchanged == 1);
    }
}

TEST_CASE("re-importing a member file that lacks optional columns keeps the stored values") {
    SampleOrgs s;
    const std::string id = "350206198503121257";
    std::string full = s.tmp.file("full.csv");
    std::ofstream(full) << "id_number,name,ethnicity,education,join_date,full_date,org,role,phone\n"
                        << id << ",陈建国,汉族,本科,2010-07-01,2011-07-01,HL-A001,secretary,"
                        << "13906001234\n";
    import::import_members(s.db, {.path = full}, {});
    std::string short_file = s.tmp.file("short.csv");
    std::ofstream(short_file) << "id_number,name,join_date,org\n"
                              << id << ",陈建国,2010-07-01,HL-A001\n";
    auto summary = import::import_members(s.db, {.path = short_file}, {});
    CHECK(summary.unchanged == 1);
    db::Member m = db::get_member(s.db, id, d("2026-11-28"));
    CHECK(m.ethnicity == "汉族");
    CHECK(m.education == "本科");
    CHECK(m.phone == "13906001234");
    CHECK(m.role == "secretary");
    CHECK(m.status == "full");
    CHECK(m.full_date == d("2011-07-01"));

    SUBCASE("an empty cell in a column the file has still clears") {
        std::string empty = s.tmp.file("empty.csv");
        std::ofstream(empty) << "id_number,name,join_date,org,phone\n"
                             << id << ",陈建国,2010-07-01,HL-A001,\n";
        CHECK(import::import_members(s.db, {.path = empty}, {}).updated == 1);
        CHECK(db::get_member(s.db, id, d("2026-11-28")).phone.empty());
        CHECK(db::get_member(s.db, id, d("2026-11-28")).education == "本科");
    }
    SUBCASE("正式党员 without a full_date column keeps the stored date") {
        std::string st = s.tmp.file("status.csv");
        std::ofstream(st) << "id_number,name,join_date,org,status\n"
                          << id << ",陈建国,2010-07-01,HL-A001,正式党员\n";
        CHECK(import::import_members(s.db, {.path = st}, {}).unchanged == 1);
        CHECK(db::get_member(s.db, id, d("2026-11-28")).full_date == d("2011-07-01"));
    }
}

TEST_CASE(
    "a full member (正式党员) without a full date (转正日期) is accepted: full since joining") {
    SampleOrgs s;
    const std::string id = "350206198503121257";
    std::string path = s.tmp.file("a.csv");
    std::ofstream(path) << "身份证号,姓名,入党日期,党员状态,转正日期,所在党组织\n"
                        << id << ",陈建国,2010-07-01,正式党员,,HL-A001\n"
                        << "350206199001011247,林小红,2025-07-01,预备党员,,HL-A002\n";
    auto summary = import::import_members(s.db, {.path = path}, {});
    CHECK(summary.inserted == 2);
    for (const char* day : {"2010-07-01", "2011-01-01", "2026-11-28"}) {
        db::Member m = db::get_member(s.db, id, d(day));
        CHECK(m.status == "full");
        CHECK_FALSE(m.full_date);
    }
    CHECK(db::get_member(s.db, "350206199001011247", d("2026-11-28")).status == "probationary");
    db::MemberFilter full;
    full.status = "full";
    CHECK(db::list_members(s.db, d("2026-11-28"), full).size() == 1);

    // Export leaves the date empty, and that imports back unchanged.
    auto table = import::export_members(s.db, d("2026-11-28"));
    std::ostringstream csv;
    out::render(csv, table, {.format = out::Format::csv});
    CHECK(csv.str().find(id + ",陈建国,male,1985-03-12,,,2010-07-01,full,,HL-A001") !=
          std::string::npos);
    std::string exported = s.tmp.file("export.csv");
    std::ofstream(exported, std::ios::binary) << csv.str();
    CHECK(import::import_members(s.db, {.path = exported}, {}).unchanged == 2);

    // A probationary member still has no full date.
    std::string wrong = s.tmp.file("wrong.csv");
    std::ofstream(wrong)
        << "id_number,name,join_date,status,full_date,org\n"
        << "350206199001011247,林小红,2025-07-01,probationary,2026-07-01,HL-A002\n";
    CHECK_THROWS_AS(import::import_members(s.db, {.path = wrong}, {}), InvalidInput);
}

TEST_CASE("an import's today is ImportOptions::today: what is in the future is judged by it") {
    SampleOrgs s; // HLPB_TODAY=2026-11-28
    std::string path = s.tmp.file("a.csv");
    std::ofstream(path) << "id_number,name,join_date,org\n"
                           "350206198503121257,陈建国,2026-12-01,HL-A001\n";
    CHECK_THROWS_AS(import::import_members(s.db, {.path = path}, {}), InvalidInput);
    import::ImportOptions later;
    later.today = d("2027-01-01");
    CHECK(import::import_members(s.db, {.path = path}, later).inserted == 1);
}

TEST_CASE("a repeat of a bad row's ID and a second secretary of its org come in the same round") {
    SampleOrgs s;
    std::string path = s.tmp.file("m.csv");
    std::ofstream(path) << "身份证号,姓名,入党日期,转正日期,所在党组织,党内职务\n"
                           "350206198503121257,陈建国,2010年13月1日,2011-07-01,HL-A001,书记\n"
                           "350206198503121257,陈建国,2010-07-01,2011-07-01,HL-A002,\n"
                           "350206199008253484,林秀英,2016-06-30,2017-06-30,HL-A001,书记\n";
    try {
        import::import_members(s.db, {.path = path}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        auto m = messages(e);
        REQUIRE(m.size() == 3);
        CHECK(m[0].find(":2: join_date: '2010年13月1日' is not a date") != std::string::npos);
        CHECK(m[1].find(":3: id_number: '350206********1257' repeated; first on line 2") !=
              std::string::npos);
        CHECK(m[2].find(":4: role: a second secretary of org HL-A001 (the first on line 2)") !=
              std::string::npos);
    }
    CHECK(db::list_members(s.db, d("2026-11-28"), {}).empty());
}
