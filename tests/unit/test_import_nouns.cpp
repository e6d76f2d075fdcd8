#include "fixture.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/nouns.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

using namespace hlpb;
using hlpb::test::d;
using hlpb::test::TempDir;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string csv(const out::Table& t) {
    std::ostringstream os;
    out::render(os, t, {.format = out::Format::csv});
    return os.str();
}

template <class F> import::Summary in_tx(db::Database& db, F&& f) {
    db::WriteTx tx(db);
    import::Summary s = f();
    tx.commit();
    return s;
}

std::vector<std::string> error_lines(const InvalidInput& e) {
    std::vector<std::string> out;
    for (const auto& r : e.errors())
        out.push_back(r.to_string());
    return out;
}

const char* k_committees =
    "编码,名称,类型\r\nHL,湖里街道两新组织党委,街道\r\nJSJ,建设局非公企业党委,部门\r\n";
const char* k_clusters =
    "code,name,committee,principle,established,instructor,instructor_phone,community,supervisor,"
    "supervisor_dept\n"
    "HL-C01,湖里街道华美空间联建片,HL,地域相邻,2016/3/1,陈明,13906001234,华美社区,,\n"
    "JSJ-C01,建设局鲁班源联建片,JSJ,行业相近,2017年5月1日,林强,,,王建,区建设局\n";
const char* k_orgs =
    "党组织编码,党组织名称,单位名称,统一社会信用代码,单位类型,组织形式,上级党委,联建片,入片日期,是"
    "否牵头,成立日期,出资人兼任书记,阵地面积,六有七室,实训基地,软弱涣散,典型\n"
    "HL-A001,丝柏科技党支部,厦门丝柏科技有限公司,9135020061200187XY,非公企业,党支部,HL,HL-C01,,是,"
    "2015-06-01,是,260,是,是,否,是\n"
    "HL-A002,嘉园联合党支部,,,非公企业,联合党支部,HL,HL-C01,2018-01-01,否,2017-01-01,否,60,否,否,"
    "是,否\n";

struct Loaded : test::MemoryDb {
    TempDir tmp;
    Loaded() {
        write(tmp.file("committees.csv"), k_committees);
        write(tmp.file("clusters.csv"), k_clusters);
        write(tmp.file("orgs.csv"), k_orgs);
        import::import_committees(db, {.path = tmp.file("committees.csv")}, {});
        import::import_clusters(db, {.path = tmp.file("clusters.csv")}, {});
        import::import_orgs(db, {.path = tmp.file("orgs.csv")}, {});
    }
};

} // namespace

TEST_CASE("committees, clusters and orgs import with Chinese headers and values") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    CHECK(db::get_committee(l.db, "JSJ").kind == "department");
    Cluster c = db::get_cluster(l.db, "HL-C01", d("2026-11-28"));
    CHECK(c.principle == "geo");
    CHECK(c.established == d("2016-03-01"));
    CHECK(c.lead == "HL-A001");
    CHECK(db::get_cluster(l.db, "JSJ-C01", d("2026-11-28")).established == d("2017-05-01"));
    Org lead = db::get_org(l.db, "HL-A001", d("2026-11-28"));
    CHECK(lead.training_base);
    CHECK(lead.typical);
    CHECK(lead.investor_is_secretary);
    // cluster_since defaults to the later of established and founded.
    CHECK(db::org_memberships(l.db, "HL-A001")[0].span.from == d("2016-03-01"));
    CHECK(db::org_memberships(l.db, "HL-A002")[0].span.from == d("2018-01-01"));
    CHECK(db::get_org(l.db, "HL-A002", d("2026-11-28")).form == "joint_branch");
    CHECK(db::get_org(l.db, "HL-A002", d("2026-11-28")).weak);
}

TEST_CASE("re-importing the same files changes nothing") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    auto s1 = import::import_committees(l.db, {.path = l.tmp.file("committees.csv")}, {});
    auto s2 = import::import_clusters(l.db, {.path = l.tmp.file("clusters.csv")}, {});
    auto s3 = import::import_orgs(l.db, {.path = l.tmp.file("orgs.csv")}, {});
    CHECK(s1.unchanged == 2);
    CHECK(s2.unchanged == 2);
    CHECK(s3.unchanged == 2);
    CHECK(s1.inserted + s1.updated + s2.inserted + s2.updated + s3.inserted + s3.updated == 0);
}

TEST_CASE("export writes what import reads: the round trip is exact") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    db::dissolve_cluster(l.db, "JSJ-C01", d("2026-01-01"));
    std::string committees = csv(import::export_committees(l.db));
    std::string clusters = csv(import::export_clusters(l.db));
    std::string orgs = csv(import::export_orgs(l.db, d("2026-11-28")));
    CHECK(clusters.find("JSJ-C01,建设局鲁班源联建片,JSJ,industry,2017-05-01,林强,,,王建,区建设局,,"
                        "dissolved,2026-01-01") != std::string::npos);

    test::MemoryDb fresh;
    write(l.tmp.file("c2.csv"), committees);
    write(l.tmp.file("k2.csv"), clusters);
    write(l.tmp.file("o2.csv"), orgs);
    import::import_committees(fresh.db, {.path = l.tmp.file("c2.csv")}, {});
    import::import_clusters(fresh.db, {.path = l.tmp.file("k2.csv")}, {});
    import::import_orgs(fresh.db, {.path = l.tmp.file("o2.csv")}, {});
    CHECK(csv(import::export_committees(fresh.db)) == committees);
    CHECK(csv(import::export_clusters(fresh.db)) == clusters);
    CHECK(csv(import::export_orgs(fresh.db, d("2026-11-28"))) == orgs);
}

TEST_CASE("a file with mistakes lists every one and writes nothing") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    write(l.tmp.file("bad.csv"),
          "code,name,type,committee,cluster,host_uscc,founded,venue_m2\n"
          "HL-A003,好党支部,enterprise,HL,,,2020-01-01,80\n"             // 2: fine
          "HL A004,,company,XX,,,,\n"                                    // 3: four problems
          "HL-A005,党支部五,enterprise,HL,HL-C09,9135020061200187X5,,\n" // 4: cluster, uscc
          "HL-A006,党支部六,enterprise,HL,,,2020-02-30,-5\n"             // 5: date, number
          "HL-A003,重复党支部,enterprise,HL,,,,\n");                     // 6: duplicate
    try {
        import::import_orgs(l.db, {.path = l.tmp.file("bad.csv")}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        auto lines = error_lines(e);
        std::string f = l.tmp.file("bad.csv");
        CHECK(lines ==
              std::vector<std::string>{
                  f + ":3: code: 'HL A004' may only use letters, digits, '_', '.' and '-'",
                  f + ":3: name: is empty",
                  f + ":3: type: 'company' is not one of 非公企业/社会组织 (enterprise/social)",
                  f + ":3: committee: no committee 'XX' (add it first, or import the "
                      "committees file before this one)",
                  f + ":4: host_uscc: '9135020061200187X5': check character should be Y",
                  f + ":4: cluster: no cluster has the code or name 'HL-C09'; did you mean "
                      "HL-C01 湖里街道华美空间联建片? (see: hlpb cluster list)",
                  f + ":5: founded: '2020-02-30' is not a date (use YYYY-MM-DD, YYYY/M/D "
                      "or YYYY年M月D日)",
                  f + ":5: venue_m2: '-5' is not a whole number of m² from 0 to 1000000",
                  f + ":6: code: 'HL-A003' repeated; first on line 2"});
    }
    CHECK_FALSE(db::find_org(l.db, "HL-A003", d("2026-11-28")).has_value());
}

TEST_CASE("database rules are checked per row: a second lead, a join into a dissolved cluster") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    db::dissolve_cluster(l.db, "JSJ-C01", d("2026-01-01"));
    write(l.tmp.file("more.csv"), "code,name,type,committee,cluster,is_lead\n"
                                  "JSJ-A001,建安党支部,enterprise,JSJ,JSJ-C01,0\n");
    try {
        import::import_orgs(l.db, {.path = l.tmp.file("more.csv")}, {.dry_run = true});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].line == 2);
        CHECK(e.errors()[0].field == "cluster");
        CHECK(e.errors()[0].message.find("dissolved on 2026-01-01") != std::string::npos);
    }
}

TEST_CASE("two leads of one cluster in one org file: refused, both lines named") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    write(l.tmp.file("leads.csv"), "code,name,type,committee,cluster,cluster_since,is_lead\n"
                                   "HL-A002,嘉园联合党支部,enterprise,HL,HL-C01,2018-01-01,1\n"
                                   "HL-A001,丝柏科技党支部,enterprise,HL,HL-C01,2016-03-01,1\n");
    try {
        import::import_orgs(l.db, {.path = l.tmp.file("leads.csv")}, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(error_lines(e) ==
              std::vector<std::string>{
                  l.tmp.file("leads.csv") +
                  ":3: is_lead: a second lead of cluster HL-C01 (the first on line 2); a cluster "
                  "has one lead at a time"});
    }
    CHECK(db::get_cluster(l.db, "HL-C01", d("2026-11-28")).lead == "HL-A001");
}

TEST_CASE("re-importing a file that lacks optional columns keeps the stored values of those "
          "fields; an empty cell in a column it has still clears") {
    ::setenv("HLPB_TODAY", "2026-11-28", 1);
    Loaded l;
    const Date now = d("2026-11-28");
    SUBCASE("committees: kind") {
        write(l.tmp.file("c.csv"), "code,name\nJSJ,建设局党委\n");
        auto s = import::import_committees(l.db, {.path = l.tmp.file("c.csv")}, {});
        CHECK(s.updated == 1);
        CHECK(db::get_committee(l.db, "JSJ").kind == "department");
        CHECK(db::get_committee(l.db, "JSJ").name == "建设局党委");
    }
    SUBCASE("clusters: instructor, community, supervisor, status") {
        write(l.tmp.file("k.csv"), "code,name,committee,principle,established\n"
                                   "HL-C01,华美空间联建片,HL,geo,2016-03-01\n"
                                   "JSJ-C01,建设局鲁班源联建片,JSJ,industry,2017-05-01\n");
        auto s = import::import_clusters(l.db, {.path = l.tmp.file("k.csv")}, {});
        CHECK(s.updated == 1);
        CHECK(s.unchanged == 1);
        Cluster c = db::get_cluster(l.db, "HL-C01", now);
        CHECK(c.name == "华美空间联建片");
        CHECK(c.instructor == "陈明");
        CHECK(c.instructor_phone == "13906001234");
        CHECK(c.community == "华美社区");
        CHECK(db::get_cluster(l.db, "JSJ-C01", now).supervisor_dept == "区建设局");

        SUBCASE("a dissolved cluster stays dissolved when the file has no status column") {
            db::dissolve_cluster(l.db, "JSJ-C01", d("2026-01-01"));
            CHECK_NOTHROW(import::import_clusters(l.db, {.path = l.tmp.file("k.csv")}, {}));
            CHECK(db::get_cluster(l.db, "JSJ-C01", now).status == "dissolved");
            write(l.tmp.file("a.csv"),
                  "code,name,committee,principle,established,status\n"
                  "JSJ-C01,建设局鲁班源联建片,JSJ,industry,2017-05-01,active\n");
            try {
                import::import_clusters(l.db, {.path = l.tmp.file("a.csv")}, {});
                FAIL("expected InvalidInput");
            } catch (const InvalidInput& e) {
                CHECK(error_lines(e) ==
                      std::vector<std::string>{fmt::format(
                          "{}:2: code: cluster JSJ-C01 was dissolved on 2026-01-01; a dissolved "
                          "cluster is not reopened by import",
                          l.tmp.file("a.csv"))});
            }
        }
        SUBCASE("an empty cell clears") {
            write(l.tmp.file("e.csv"), "code,name,committee,principle,established,instructor\n"
                                       "HL-C01,华美空间联建片,HL,geo,2016-03-01,\n");
            import::import_clusters(l.db, {.path = l.tmp.file("e.csv")}, {});
            CHECK(db::get_cluster(l.db, "HL-C01", now).instructor.empty());
            CHECK(db::get_cluster(l.db, "HL-C01", now).community == "华美社区");
        }
    }
    SUBCASE("orgs: host, form, founded, the dated fields (venue, 六有七室, investor)") {
        write(l.tmp.file("o.csv"), "code,name,type,committee\n"
                                   "HL-A001,丝柏科技党支部,enterprise,HL\n"
                                   "HL-A002,嘉园联合党支部(新),enterprise,HL\n");
        auto s = import::import_orgs(l.db, {.path = l.tmp.file("o.csv")}, {});
        CHECK(s.unchanged == 1);
        CHECK(s.updated == 1);
        Org a = db::get_org(l.db, "HL-A001", now);
        CHECK(a.venue_m2 == 260);
        CHECK(a.venue_standard);
        CHECK(a.investor_is_secretary);
        CHECK(a.host_name == "厦门丝柏科技有限公司");
        CHECK(a.host_uscc == "9135020061200187XY");
        CHECK(a.founded == d("2015-06-01"));
        CHECK(a.cluster == "HL-C01");
        CHECK(a.is_lead);
        Org b = db::get_org(l.db, "HL-A002", now);
        CHECK(b.name == "嘉园联合党支部(新)");
        CHECK(b.form == "joint_branch");
        CHECK(b.venue_m2 == 60);
        CHECK(b.weak);

        SUBCASE("JSON: a key an object lacks keeps the stored value; null clears") {
            write(l.tmp.file("o.json"), R"([{"code": "HL-A001", "name": "丝柏科技党支部",
                "type": "enterprise", "committee": "HL", "host_name": null}])");
            import::import_orgs(l.db, {.path = l.tmp.file("o.json")}, {});
            Org j = db::get_org(l.db, "HL-A001", now);
            CHECK(j.host_name.empty());
            CHECK(j.venue_m2 == 260);
        }
        SUBCASE("an empty cell clears") {
            write(l.tmp.file("e.csv"), "code,name,type,committee,venue_m2\n"
                                       "HL-A002,嘉园联合党支部,enterprise,HL,\n");
            import::import_orgs(l.db, {.path = l.tmp.file("e.csv")}, {});
            CHECK(db::get_org(l.db, "HL-A002", now).venue_m2 == 0);
            CHECK(db::get_org(l.db, "HL-A002", now).form == "joint_branch");
        }
    }
}
