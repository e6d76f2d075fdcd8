// Score entries, closed months and the red-flag contest gathered from the database (SPEC §5.2):
// who is a candidate at the end of a month (half-open memberships), clusters established or
// dissolved around it, a closed month refusing changes, reopen and award again.
#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/scores.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

using namespace hlpb;
using hlpb::test::d;

namespace {

Month month(const char* text) {
    return *parse_month(text);
}

void score(db::Database& db, const char* org, const char* m, const char* category, long long points,
           const char* reason = "") {
    db::add_score(db, ScoreEntry{0, org, month(m), category, points, reason});
}

void add_orgs(db::Database& db, int from, int to) {
    for (int i = from; i <= to; ++i) {
        Org o;
        o.code = "A" + std::to_string(i);
        o.name = "测试" + std::to_string(i) + "党支部";
        o.committee = "HL";
        o.founded = d("2015-01-01");
        db::add_org(db, o);
    }
}

Cluster cluster(const char* code, const char* established) {
    Cluster c;
    c.code = code;
    c.name = std::string("联建片") + code;
    c.committee = "HL";
    c.principle = "geo";
    c.established = d(established);
    c.instructor = "李四";
    c.community = "华美社区";
    return c;
}

std::vector<std::string> candidates(const db::FlagContest& f, const std::string& cluster) {
    for (const auto& c : f.clusters)
        if (c.cluster == cluster) {
            std::vector<std::string> out;
            for (const auto& cand : c.ranking.ranked)
                out.push_back(cand.org);
            std::sort(out.begin(), out.end());
            return out;
        }
    return {"(no contest)"};
}

const db::ClusterContest* contest_of(const db::FlagContest& f, const std::string& cluster) {
    for (const auto& c : f.clusters)
        if (c.cluster == cluster)
            return &c;
    return nullptr;
}

} // namespace

TEST_CASE("the candidates are the members at the end of the month (half-open)") {
    test::SmallDistrict s; // C1: A1 (lead), A2, A3 from 2016-01-01; A4..A6 in no cluster
    add_orgs(s.db, 7, 9);
    db::join_cluster(s.db, "C1", {"A4"}, d("2024-06-01"));  // the day after May ends: not in
    db::join_cluster(s.db, "C1", {"A5"}, d("2024-05-31"));  // on the last day: in
    db::leave_cluster(s.db, "C1", {"A3"}, d("2024-05-31")); // leaves on the last day: out
    db::leave_cluster(s.db, "C1", {"A2"}, d("2024-06-01")); // leaves on June 1st: in
    // C2 established on May 31st: in the contest. C3 dissolved during May: no contest.
    db::add_cluster(s.db, cluster("C2", "2024-05-31"), "A6", {"A8"});
    db::add_cluster(s.db, cluster("C3", "2020-01-01"), "A7", {"A9"});
    db::dissolve_cluster(s.db, "C3", d("2024-05-15"));
    score(s.db, "A3", "2024-05", "party_affairs", 9);
    score(s.db, "A4", "2024-05", "party_affairs", 8);
    score(s.db, "A7", "2024-05", "activity", 7, "before the dissolve");
    score(s.db, "A2", "2024-05", "party_affairs", 2);
    score(s.db, "A5", "2024-05", "suggestion", 3);

    const auto f = db::load_flag_contest(s.db, month("2024-05"));
    CHECK_FALSE(f.closed);
    REQUIRE(f.clusters.size() == 2);
    CHECK(f.clusters[0].cluster == "C1");
    CHECK(f.clusters[1].cluster == "C2");
    CHECK(contest_of(f, "C3") == nullptr);
    CHECK(candidates(f, "C1") == std::vector<std::string>{"A1", "A2", "A5"});
    CHECK(candidates(f, "C2") == std::vector<std::string>{"A6", "A8"});
    CHECK(contest_of(f, "C1")->lead == "A1");
    CHECK(contest_of(f, "C2")->lead == "A6");
    // C1: A5 3 (suggestion) beats A2 2 and A1 0; C2: all 0, no flag.
    const auto& c1 = contest_of(f, "C1")->ranking;
    CHECK(c1.has_flag);
    CHECK(c1.ranked[0].org == "A5");
    CHECK(c1.ranked[0].sums.suggestion == 3);
    CHECK_FALSE(contest_of(f, "C2")->ranking.has_flag);
    // Points of orgs in no active cluster at the end of May are outside the contest.
    REQUIRE(f.outside.size() == 3);
    CHECK(f.outside[0].org == "A3");
    CHECK(f.outside[1].org == "A4");
    CHECK(f.outside[2].org == "A7");
    CHECK(f.outside[2].sums.activity == 7);

    // In April C2 did not exist yet, and C3 still did.
    const auto april = db::load_flag_contest(s.db, month("2024-04"));
    CHECK(contest_of(april, "C2") == nullptr);
    CHECK(candidates(april, "C3") == std::vector<std::string>{"A7", "A9"});
    CHECK(candidates(april, "C1") == std::vector<std::string>{"A1", "A2", "A3"});

    // The filters.
    CHECK(db::load_flag_contest(s.db, month("2024-05"), "C2").clusters.size() == 1);
    CHECK(db::load_flag_contest(s.db, month("2024-05"), "C2").outside.empty());
    CHECK(db::load_flag_contest(s.db, month("2024-05"), "", "XX").clusters.empty());
}

TEST_CASE("score entries: validation, the natural key, listing") {
    test::SmallDistrict s;
    score(s.db, "A1", "2024-05", "党务工作", 5, "组织生活");
    CHECK_THROWS_AS(score(s.db, "A1", "2024-05", "party_affairs", 6, "组织生活"), Conflict);
    score(s.db, "A1", "2024-05", "party_affairs", 6, "主题党日"); // another reason
    score(s.db, "A2", "2024-05", "penalty", -3);
    CHECK_THROWS_AS(score(s.db, "A2", "2024-05", "penalty", 3), InvalidInput);
    CHECK_THROWS_AS(score(s.db, "A2", "2024-05", "bonus", -1), InvalidInput);
    CHECK_THROWS_AS(score(s.db, "A2", "2024-05", "salary", 1), InvalidInput);
    CHECK_THROWS_AS(score(s.db, "ZZ", "2024-05", "bonus", 1), NotFound);
    CHECK_THROWS_AS(score(s.db, "A2", "2024-05", "bonus", 10'001), InvalidInput);

    db::ScoreFilter all;
    auto list = db::list_scores(s.db, all);
    REQUIRE(list.size() == 3);
    CHECK(list[0].org == "A1");
    CHECK(list[0].category == "party_affairs");
    CHECK(list[0].reason == "主题党日"); // by reason within a category
    CHECK(list[2].points == -3);
    db::ScoreFilter in_c1;
    in_c1.cluster = "C1";
    in_c1.category = "penalty";
    CHECK(db::list_scores(s.db, in_c1).size() == 1);
    db::ScoreFilter june;
    june.from = month("2024-06");
    CHECK(db::list_scores(s.db, june).empty());
}

TEST_CASE("award closes the month; a closed month refuses changes; reopen and award again") {
    test::SmallDistrict s;
    score(s.db, "A2", "2024-05", "party_affairs", 4);
    score(s.db, "A3", "2024-05", "activity", 4);
    // Not ended yet on May 31st.
    CHECK_THROWS_AS(db::award_flags(s.db, month("2024-05"), d("2024-05-31")), Conflict);
    auto r = db::award_flags(s.db, month("2024-05"), d("2024-06-01"));
    CHECK_FALSE(r.already_closed);
    REQUIRE(r.contest.clusters.size() == 1);
    REQUIRE(r.contest.clusters[0].recorded);
    CHECK(r.contest.clusters[0].recorded->org == "A2"); // tie at 4: party_affairs decides
    CHECK(r.contest.clusters[0].recorded->decided_by == "party_affairs");
    CHECK(r.contest.clusters[0].recorded->points == 4);
    CHECK(db::award_flags(s.db, month("2024-05"), d("2024-06-01")).already_closed);

    // Every change of May is refused, naming score reopen; other months are open.
    try {
        score(s.db, "A3", "2024-05", "bonus", 1);
        FAIL("a closed month accepted a score");
    } catch (const Conflict& e) {
        CHECK(std::string(e.what()).find("hlpb score reopen --month 2024-05") != std::string::npos);
    }
    score(s.db, "A3", "2024-06", "bonus", 1);
    test::TempDir dir;
    const std::string file = dir.file("scores.csv");
    std::ofstream(file) << "org,month,category,points\nA3,2024-05,activity,9\n";
    try {
        import::import_scores(s.db, {file, "", ""}, {});
        FAIL("an import into a closed month was accepted");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].line == 2);
        CHECK(e.errors()[0].field == "month");
        CHECK(e.errors()[0].message.find("score reopen") != std::string::npos);
    }

    auto history = db::cluster_red_flags(s.db, "C1");
    REQUIRE(history.size() == 1);
    CHECK(history[0].org == "A2");
    CHECK(db::org_red_flags(s.db, "A2").size() == 1);
    CHECK(db::org_red_flags(s.db, "A3").empty());
    CHECK(db::load_flag_contest(s.db, month("2024-05")).closed);

    // Reopen: the flag goes, May takes changes again; a later award records the new winner.
    CHECK(db::reopen_month(s.db, month("2024-05")) == 1);
    CHECK_THROWS_AS(db::reopen_month(s.db, month("2024-05")), Conflict);
    CHECK(db::cluster_red_flags(s.db, "C1").empty());
    score(s.db, "A3", "2024-05", "bonus", 1);
    r = db::award_flags(s.db, month("2024-05"), d("2024-06-01"));
    REQUIRE(r.contest.clusters[0].recorded);
    CHECK(r.contest.clusters[0].recorded->org == "A3");
    CHECK(r.contest.clusters[0].recorded->decided_by == "total");
    CHECK(db::org_red_flags(s.db, "A3").size() == 1);
}

TEST_CASE("import upserts on the natural key; export reads back unchanged") {
    test::SmallDistrict s;
    test::TempDir dir;
    const std::string file = dir.file("scores.csv");
    std::ofstream(file) << "党组织编码,月份,积分类别,积分,事由\n"
                           "A1,2024年5月,党务工作,5,组织生活\n"
                           "A2,2024-05,penalty,-2,\n"
                           "A1,2024-05,activity,3,组织生活\n";
    auto first = import::import_scores(s.db, {file, "", ""}, {}); // a bulk load: no entries yet
    CHECK(first.inserted == 3);
    // The bulk load rebuilt the indexes it dropped, as the migrations made them.
    CHECK(db::detail::sql(s.db)
              .execAndGet("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE "
                          "type = 'index' AND tbl_name = 'score_entry' AND sql IS NOT NULL "
                          "ORDER BY name)")
              .getString() == "score_entry_org");
    auto again = import::import_scores(s.db, {file, "", ""}, {});
    CHECK(again.unchanged == 3);

    // The export, imported back, changes nothing.
    const auto t = import::export_scores(s.db, month("2024-05"), month("2024-05"));
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0][0] == "A1");
    CHECK(t.rows[0][2] == "party_affairs");
    CHECK(t.rows[0][3] == 5);

    // A changed points value updates; a repeated key in one file names both lines.
    std::ofstream(file) << "org,month,category,points,reason\n"
                           "A1,2024-05,party_affairs,6,组织生活\n"
                           "A1,2024-05,党务工作,7,组织生活\n";
    try {
        import::import_scores(s.db, {file, "", ""}, {});
        FAIL("a repeated key was accepted");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].line == 3);
        CHECK(e.errors()[0].message.find("first on line 2") != std::string::npos);
    }
    std::ofstream(file) << "org,month,category,points,reason\n"
                           "A1,2024-05,party_affairs,6,组织生活\n";
    CHECK(import::import_scores(s.db, {file, "", ""}, {}).updated == 1);
}

TEST_CASE("a bulk load of many rows (several multi-row INSERTs and a partial one) writes every "
          "row, reports every bad row and repeated key, and leaves CHECK constraints on") {
    test::SmallDistrict s;
    test::TempDir dir;
    const std::string file = dir.file("scores.csv");
    const char* categories[] = {"party_affairs", "activity", "suggestion", "bonus"};
    auto rows = [&](std::ofstream& out) {
        out << "org,month,category,points,reason\n";
        for (int m = 1; m <= 12; ++m)    // 12 months × 6 orgs × 4 categories = 288 rows:
            for (int o = 1; o <= 6; ++o) // four INSERTs of 64 rows and one of 32
                for (const char* c : categories)
                    out << "A" << o << ",2024-" << (m < 10 ? "0" : "") << m << "," << c << "," << o
                        << ",\n";
    };
    {
        std::ofstream out(file);
        rows(out);
        out << "A2,2024-03,suggestion,9,\n" // line 290: repeats line 56
            << "A9,2024-03,bonus,1,x\n"     // no such org
            << "A1,2024-04,penalty,3,x\n";  // a positive penalty
    }
    try {
        import::import_scores(s.db, {file, "", ""}, {});
        FAIL("a file with bad rows was accepted");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 3);
        CHECK(e.errors()[0].line == 290);
        CHECK(e.errors()[0].message ==
              "'A2, 2024-03, suggestion, (no reason)' repeated; first on line 56");
        CHECK(e.errors()[1].field == "org");
        CHECK(e.errors()[2].field == "points");
    }
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM score_entry").getInt() == 0);
    {
        std::ofstream out(file);
        rows(out);
    }
    CHECK(import::import_scores(s.db, {file, "", ""}, {}).inserted == 288);
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM score_entry").getInt() == 288);
    CHECK(db::detail::sql(s.db).execAndGet("SELECT sum(points) FROM score_entry").getInt() ==
          12 * 4 * (1 + 2 + 3 + 4 + 5 + 6));
    CHECK(db::detail::sql(s.db).execAndGet("PRAGMA ignore_check_constraints").getInt() == 0);
    CHECK(db::detail::sql(s.db)
              .execAndGet("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master "
                          "WHERE type = 'index' AND tbl_name = 'score_entry' AND sql IS NOT NULL "
                          "ORDER BY name)")
              .getString() == "score_entry_org");
}

TEST_CASE("a bulk load stores every row of a file in any order under its key") {
    test::SmallDistrict s;
    test::TempDir dir;
    const std::string file = dir.file("scores.csv");
    std::ofstream(file) << "org,month,category,points,reason\n"
                           "A2,2024-06,bonus,1,\n"
                           "A1,2024-06,activity,2,b\n"
                           "A1,2024-05,bonus,3,\n"
                           "A2,2024-05,activity,4,\n"
                           "A1,2024-06,activity,5,a\n";
    CHECK(import::import_scores(s.db, {file, "", ""}, {}).inserted == 5);
    // The table is read in its key's order (month, org, category, reason).
    CHECK(db::detail::sql(s.db)
              .execAndGet("SELECT group_concat(points, '') FROM score_entry")
              .getString() == "34521");
    // The org index was built again, and finds each org's entries.
    CHECK(db::detail::sql(s.db)
              .execAndGet("SELECT group_concat(points, '') FROM score_entry INDEXED BY "
                          "score_entry_org WHERE org_id = (SELECT id FROM org WHERE code = 'A2')")
              .getString() == "41");
    CHECK(db::detail::sql(s.db).execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("an import into a table with entries finds each row's outcome against its month's "
          "entries and writes them all, in any order of the rows") {
    test::SmallDistrict s;
    score(s.db, "A1", "2024-05", "party_affairs", 5, "组织生活");
    score(s.db, "A1", "2024-05", "activity", 3);
    score(s.db, "A2", "2024-05", "activity", 3);
    score(s.db, "A2", "2024-06", "bonus", 2, "志愿服务");
    score(s.db, "A3", "2024-07", "penalty", -1); // a month the file does not name
    test::TempDir dir;
    const std::string file = dir.file("scores.csv");
    std::ofstream(file) << "org,month,category,points,reason\n"
                           "A2,2024-06,bonus,4,志愿服务\n"         // updated
                           "A1,2024-05,party_affairs,5,组织生活\n" // unchanged
                           "A1,2024-05,party_affairs,1,其他\n"     // inserted: another reason
                           "A3,2024-06,bonus,2,志愿服务\n"         // inserted: another org
                           "A1,2024-05,activity,0,\n"              // updated (3 → 0)
                           "A2,2024-05,activity,3,\n"              // unchanged
                           "A1,2024-08,suggestion,2,\n"            // inserted: a new month
                           "A2,2024-05,suggestion,1,\n";           // inserted: another category
    const auto r = import::import_scores(s.db, {file, "", ""}, {});
    CHECK(r.rows == 8);
    CHECK(r.inserted == 4);
    CHECK(r.updated == 2);
    CHECK(r.unchanged == 2);
    std::vector<std::string> stored;
    for (const auto& e : db::list_scores(s.db, {}))
        stored.push_back(e.org + " " + format_month(e.month) + " " + e.category + " " +
                         std::to_string(e.points) + " " + e.reason);
    CHECK(stored ==
          std::vector<std::string>{"A1 2024-05 party_affairs 1 其他",
                                   "A1 2024-05 party_affairs 5 组织生活", "A1 2024-05 activity 0 ",
                                   "A2 2024-05 activity 3 ", "A2 2024-05 suggestion 1 ",
                                   "A2 2024-06 bonus 4 志愿服务", "A3 2024-06 bonus 2 志愿服务",
                                   "A3 2024-07 penalty -1 ", "A1 2024-08 suggestion 2 "});
    // The same file again: every row unchanged, nothing written.
    const auto again = import::import_scores(s.db, {file, "", ""}, {});
    CHECK(again.unchanged == 8);
    CHECK(again.inserted + again.updated == 0);

    // A bad row anywhere: nothing of the good rows before or after it is written, and a key
    // repeated in the file is reported even when the key is stored already.
    std::ofstream(file) << "org,month,category,points,reason\n"
                           "A1,2024-05,party_affairs,9,组织生活\n"
                           "A3,2024-09,bonus,1,\n"
                           "A1,2024-05,党务工作,8,组织生活\n"
                           "A3,2024-09,bonus,-1,x\n";
    try {
        import::import_scores(s.db, {file, "", ""}, {});
        FAIL("a file with bad rows was accepted");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 2);
        CHECK(e.errors()[0].line == 4);
        CHECK(e.errors()[0].message ==
              "'A1, 2024-05, party_affairs, 组织生活' repeated; first on line 2");
        CHECK(e.errors()[1].line == 5);
        CHECK(e.errors()[1].field == "points");
    }
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM score_entry").getInt() == 9);
    CHECK(db::detail::sql(s.db)
              .execAndGet("SELECT points FROM score_entry WHERE reason = '组织生活' AND "
                          "category = 'party_affairs'")
              .getInt() == 5);

    // A dry run says what would happen and writes nothing.
    std::ofstream(file) << "org,month,category,points,reason\n"
                           "A1,2024-05,party_affairs,9,组织生活\n"
                           "A3,2024-09,bonus,1,\n";
    import::ImportOptions dry;
    dry.dry_run = true;
    const auto d = import::import_scores(s.db, {file, "", ""}, dry);
    CHECK(d.updated == 1);
    CHECK(d.inserted == 1);
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM score_entry").getInt() == 9);
}

TEST_CASE("a bulk load in several runs (months out of order, more rows than a run holds) writes "
          "every row and finds a key repeated across runs") {
    test::SmallDistrict s;
    add_orgs(s.db, 10, 49); // 40 orgs
    test::TempDir dir;
    const std::string file = dir.file("scores.csv");
    const char* categories[] = {"party_affairs", "activity", "suggestion", "bonus"};
    const int months[] = {5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4};
    // 12 months × 40 orgs × 4 categories × 25 reasons = 48,000 rows: a run ends at a change of
    // month once it holds 16,384 rows, so these are three runs, each sorted and written while
    // the next is read; the orgs of a month come in descending order.
    auto rows = [&](std::ofstream& out) {
        out << "org,month,category,points,reason\n";
        for (int m : months)
            for (int o = 49; o >= 10; --o)
                for (const char* c : categories)
                    for (int r = 0; r < 25; ++r)
                        out << "A" << o << ",2024-" << (m < 10 ? "0" : "") << m << "," << c << ","
                            << (o + r) % 7 << ",r" << r << "\n";
    };
    {
        std::ofstream out(file);
        rows(out);
        out << "A10,2024-05,bonus,1,r3\n"; // line 48,002 repeats a row of the first run
    }
    try {
        import::import_scores(s.db, {file, "", ""}, {});
        FAIL("a repeated key was accepted");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].line == 48002);
        // May, A10 is the 40th org of the first month: lines 2 + 39 × 100; bonus is the 4th
        // category (+ 75), r3 the 4th reason (+ 3).
        CHECK(e.errors()[0].message ==
              "'A10, 2024-05, bonus, r3' repeated; first on line " + std::to_string(2 + 3900 + 78));
    }
    CHECK(db::detail::sql(s.db).execAndGet("SELECT count(*) FROM score_entry").getInt() == 0);
    {
        std::ofstream out(file);
        rows(out);
    }
    CHECK(import::import_scores(s.db, {file, "", ""}, {}).inserted == 48000);
    auto& sql = db::detail::sql(s.db);
    CHECK(sql.execAndGet("SELECT count(*) FROM score_entry").getInt() == 48000);
    long long sum = 0;
    for (int o = 10; o <= 49; ++o)
        for (int r = 0; r < 25; ++r)
            sum += (o + r) % 7;
    CHECK(sql.execAndGet("SELECT sum(points) FROM score_entry").getInt64() == sum * 12 * 4);
    CHECK(sql.execAndGet("SELECT count(DISTINCT month) FROM score_entry").getInt() == 12);
    CHECK(sql.execAndGet("SELECT points FROM score_entry JOIN org ON org.id = org_id WHERE "
                         "code = 'A17' AND month = '2024-02' AND category = 'activity' AND "
                         "reason = 'r11'")
              .getInt() == (17 + 11) % 7);
    CHECK(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(sql.execAndGet("PRAGMA ignore_check_constraints").getInt() == 0);
    CHECK(sql.execAndGet("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE "
                         "type = 'index' AND tbl_name = 'score_entry' AND sql IS NOT NULL "
                         "ORDER BY name)")
              .getString() == "score_entry_org");
}
