// Shared test fixtures: a migrated in-memory database, a small hand-made district, a temp
// folder kept (and printed) when a test fails, and the message language for a scope.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/i18n.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace hlpb::test {

inline Date d(const char* text) {
    return *parse_date(text);
}

// A fresh migrated :memory: database.
struct MemoryDb {
    db::Database db{db::OpenOptions{.path = ":memory:", .command_line = "test"}};
};

// Committee HL; orgs A1..A6 founded 2015-01-01 (A1 venue 200, investor secretary); cluster C1
// (geo, established 2016-01-01) with A1 (lead), A2, A3 from 2016-01-01.
struct SmallDistrict : MemoryDb {
    SmallDistrict();
};

// True when an assertion of the running test has failed (defined in main.cpp).
bool current_test_failed();

// A temporary folder, removed on success; kept with its path printed when the test failed.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

// Messages in `lang` ("zh", "en") until the end of the scope, then in the language it found
// (also when the test fails, or sets another language meanwhile).
class Language {
public:
    explicit Language(std::string_view lang) { i18n::set_language(lang); }
    ~Language() { i18n::set_language(m_before); }
    Language(const Language&) = delete;
    Language& operator=(const Language&) = delete;

private:
    std::string m_before{i18n::language()}; // initialised before the constructor's body
};

} // namespace hlpb::test
