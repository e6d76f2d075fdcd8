#include "fixture.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/org_repo.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>

namespace hlpb::test {

SmallDistrict::SmallDistrict() {
    db::WriteTx tx(db);
    db::add_committee(db, {"HL", "湖里街道两新组织党委", "street"});
    for (int i = 1; i <= 6; ++i) {
        Org o;
        o.code = "A" + std::to_string(i);
        o.name = "测试" + std::to_string(i) + "党支部";
        o.committee = "HL";
        o.founded = d("2015-01-01");
        o.venue_m2 = i == 1 ? 200 : 50;
        o.investor_is_secretary = i == 1;
        db::add_org(db, o);
    }
    Cluster c;
    c.code = "C1";
    c.name = "测试联建片";
    c.committee = "HL";
    c.principle = "geo";
    c.established = d("2016-01-01");
    c.instructor = "张三";
    c.community = "华美社区";
    db::add_cluster(db, c);
    db::join_cluster(db, "C1", {"A1", "A2", "A3"}, d("2016-01-01"));
    db::set_lead(db, "C1", "A1", d("2016-01-01"));
    tx.commit();
}

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hlpb-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
}

TempDir::~TempDir() {
    if (current_test_failed()) {
        std::cerr << "test files kept in " << m_path << "\n";
        return;
    }
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

} // namespace hlpb::test
