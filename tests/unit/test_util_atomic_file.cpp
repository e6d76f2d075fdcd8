// Unit tests for hlpb/util/atomic_file.hpp: a regular file is replaced whole or not at all,
// anything else is written through, and OutputGuard refuses protected files.
#include "fixture.hpp"

#include <hlpb/error.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/stat.h>

namespace fs = std::filesystem;
using hlpb::test::TempDir;
using hlpb::util::AtomicFile;
using hlpb::util::Existing;
using hlpb::util::OutputGuard;

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// Files in `dir` (temporary files start with a dot).
std::size_t count_files(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

} // namespace

TEST_CASE("AtomicFile replaces a regular file only on commit, with mode 0600") {
    TempDir tmp;
    const std::string path = tmp.file("out.csv");
    write_text(path, "old\n");
    {
        AtomicFile file(path);
        file.write("new\n");
        CHECK(read_all(path) == "old\n"); // untouched until commit
        CHECK(count_files(tmp.path()) == 2);
        file.commit();
    }
    CHECK(read_all(path) == "new\n");
    CHECK(count_files(tmp.path()) == 1);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("AtomicFile without commit leaves the old file and no temporary file") {
    TempDir tmp;
    const std::string path = tmp.file("out.csv");
    write_text(path, "old\n");
    {
        AtomicFile file(path);
        file.write("half");
    }
    CHECK(read_all(path) == "old\n");
    CHECK(count_files(tmp.path()) == 1);
    { AtomicFile file(tmp.file("new.csv")); }
    CHECK_FALSE(fs::exists(tmp.file("new.csv")));
}

TEST_CASE("AtomicFile writes the target of a symlink and keeps the link") {
    TempDir tmp;
    write_text(tmp.file("real.csv"), "old\n");
    fs::create_symlink("real.csv", tmp.path() / "link.csv");
    AtomicFile file(tmp.file("link.csv"));
    file.write("new\n");
    file.commit();
    CHECK(fs::is_symlink(tmp.path() / "link.csv"));
    CHECK(read_all(tmp.file("real.csv")) == "new\n");
}

TEST_CASE("AtomicFile writes through to a device and never replaces it") {
    AtomicFile null("/dev/null");
    CHECK(null.direct());
    null.write("bytes");
    null.commit();
    CHECK(fs::is_character_file("/dev/null"));

    AtomicFile full("/dev/full");
    full.write(std::string(100000, 'x'));
    CHECK_THROWS_AS(full.commit(), hlpb::IoError);
    CHECK(fs::is_character_file("/dev/full"));
}

TEST_CASE("AtomicFile: a missing folder or a folder as the target is CannotCreate") {
    TempDir tmp;
    CHECK_THROWS_AS(AtomicFile(tmp.file("no/such/out.csv")), hlpb::CannotCreate);
    CHECK_FALSE(fs::exists(tmp.path() / "no"));
    CHECK_THROWS_AS(AtomicFile(tmp.path().string()), hlpb::CannotCreate);
}

TEST_CASE("AtomicFile with Existing::refuse makes a new file and refuses an existing one") {
    TempDir tmp;
    const std::string path = tmp.file("backup.db");
    {
        AtomicFile file(path, OutputGuard(), Existing::refuse);
        write_text(file.staging_path(), "copy");
        file.commit();
    }
    CHECK(read_all(path) == "copy");
    CHECK_THROWS_AS(AtomicFile(path, OutputGuard(), Existing::refuse), hlpb::CannotCreate);
    CHECK(count_files(tmp.path()) == 1);
}

TEST_CASE("AtomicFile staging_path: bytes written by name are committed") {
    TempDir tmp;
    const std::string path = tmp.file("book.xlsx");
    AtomicFile file(path);
    write_text(file.staging_path(), "zip bytes");
    file.commit();
    CHECK(read_all(path) == "zip bytes");
    CHECK(count_files(tmp.path()) == 1);
}

TEST_CASE("OutputGuard refuses the database, its journals and the inputs, however named") {
    TempDir tmp;
    const std::string db = tmp.file("d.db");
    write_text(db, "database");
    write_text(tmp.file("in.csv"), "rows");
    fs::create_symlink("d.db", tmp.path() / "link.db");
    fs::create_hard_link(db, tmp.path() / "hard.db");
    OutputGuard guard;
    guard.protect_database(db);
    guard.protect_input(tmp.file("in.csv"));
    guard.protect_input("-");

    for (const char* name : {"d.db", "link.db", "hard.db", "d.db-wal", "d.db-shm", "d.db-journal",
                             "in.csv", "./in.csv"}) {
        CAPTURE(name);
        CHECK_THROWS_AS(guard.check(tmp.file(name)), hlpb::CannotCreate);
        CHECK_THROWS_AS(AtomicFile(tmp.file(name), guard), hlpb::CannotCreate);
    }
    CHECK_NOTHROW(guard.check(tmp.file("out.csv")));
    CHECK_NOTHROW(guard.check(tmp.file("d.db-backup")));
    CHECK(read_all(db) == "database");
    CHECK_FALSE(fs::exists(tmp.file("d.db-wal")));
}
