// Shared by the libFuzzer targets: reading a whole input through a record reader and checking
// the invariants every reader keeps.
#pragma once

#include "import/readers.hpp"

#include <hlpb/error.hpp>
#include <hlpb/text.hpp>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace hlpb::fuzz {

inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

// What a reader made of one input: its records and their lines, or the error it stopped at.
struct Result {
    std::vector<std::vector<std::string>> records;
    std::vector<long> lines;
    std::string error; // the first RowError of the InvalidInput, as text

    bool operator==(const Result&) const = default;
};

using MakeReader = std::function<std::unique_ptr<import::RecordReader>(std::istream&)>;

// Only InvalidInput may escape a reader (anything else crashes the fuzzer, as it should);
// lines never go back (strictly grow when `strict`), cells are valid UTF-8, errors name a line.
inline Result read_all(const std::string& text, const MakeReader& make, bool strict) {
    std::istringstream in(text);
    Result r;
    try {
        auto reader = make(in);
        std::vector<std::string> cells;
        long line = 0;
        while (reader->next(cells, line)) {
            check(r.lines.empty() ? line >= 1
                                  : (strict ? line > r.lines.back() : line >= r.lines.back()),
                  "lines grow");
            for (const std::string& c : cells)
                check(!text::first_invalid_utf8(c), "cells are valid UTF-8");
            check(!reader->keyed() || cells.size() % 2 == 0, "keyed records come in pairs");
            check(reader->bytes_read() <= text.size(), "bytes_read within the input");
            r.records.push_back(cells);
            r.lines.push_back(line);
        }
    } catch (const InvalidInput& e) {
        check(!e.errors().empty() && e.errors()[0].line >= 1, "errors name a line");
        r.error = e.errors()[0].to_string();
    }
    return r;
}

} // namespace hlpb::fuzz
