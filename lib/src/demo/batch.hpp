// The demo's bulk writer: multi-row INSERTs with values bound without copying, and dates as
// text without allocating (members.cpp, year.cpp).
#pragma once

#include "demo/district.hpp"

#include <hlpb/date.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::demo {

inline void put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// YYYY-MM-DD without allocating: millions of dates are bound at --scale 100.
struct DayText {
    explicit DayText(Day d) {
        const Date ymd{std::chrono::sys_days{std::chrono::days{d}}};
        put_digits(s, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
        s[4] = '-';
        put_digits(s + 5, static_cast<unsigned>(ymd.month()), 2);
        s[7] = '-';
        put_digits(s + 8, static_cast<unsigned>(ymd.day()), 2);
        s[10] = '\0';
    }
    char s[11];
};

// Within SQLite's oldest default limit of 999 parameters per statement.
inline constexpr int k_max_parameters = 960;

// A multi-row INSERT (VALUES (…), (…), …) reused for full batches: SQLite's per-statement cost
// (cursors, VDBE setup) is paid once per batch, and no value is copied by SQLite. A multi-row
// statement keeps a statement journal of every page it changes, so rows that each land on a
// different page (a random index key) are better inserted one per statement.
class BatchInsert {
public:
    // Binds one row's values in column order.
    class Row {
    public:
        Row(SQLite::Statement& st, int first, std::vector<std::array<char, 20>>& texts)
            : m_st(st), m_index(first), m_texts(texts) {}
        void integer(std::int64_t value) { m_st.bind(m_index++, value); }
        void null() { m_st.bind(m_index++); }
        // Text that lives until the batch has run (a literal, a planner's string).
        void text(const char* value) { m_st.bindNoCopy(m_index++, value); }
        void text(const std::string& value) { m_st.bindNoCopy(m_index++, value); }
        // Short text (below 20 bytes) kept by the batch until it has run.
        void copy(std::string_view value) {
            std::array<char, 20>& t = m_texts.emplace_back();
            std::memcpy(t.data(), value.data(), value.size());
            t[value.size()] = '\0';
            text(t.data());
        }
        void day(std::optional<Day> d) {
            if (d)
                copy(DayText(*d).s);
            else
                m_st.bind(m_index++);
        }

    private:
        SQLite::Statement& m_st;
        int m_index;
        std::vector<std::array<char, 20>>& m_texts;
    };

    // `per`: rows per statement; 0 for as many as k_max_parameters allows.
    BatchInsert(SQLite::Database& db, const char* head, int columns, int per = 0)
        : m_db(db), m_head(head), m_columns(columns),
          m_per(static_cast<std::size_t>(per > 0 ? per : k_max_parameters / columns)),
          m_full(db, sql(m_per)) {
        m_texts.reserve(m_per * static_cast<std::size_t>(columns)); // never moves while bound
    }

    // bind(row, value) binds each of `rows` through a Row.
    template <class T, class Bind> void insert(const std::vector<T>& rows, Bind bind) {
        for (std::size_t i = 0; i < rows.size();) {
            const std::size_t n = std::min(m_per, rows.size() - i);
            std::optional<SQLite::Statement> tail;
            if (n < m_per)
                tail.emplace(m_db, sql(n));
            SQLite::Statement& st = tail ? *tail : m_full;
            for (std::size_t k = 0; k < n; ++k) {
                Row row(st, static_cast<int>(k) * m_columns + 1, m_texts);
                bind(row, rows[i + k]);
            }
            st.exec();
            st.reset();
            m_texts.clear();
            i += n;
        }
    }

private:
    std::string sql(std::size_t rows) const {
        std::string tuple = "(?";
        for (int c = 1; c < m_columns; ++c)
            tuple += ", ?";
        tuple += ')';
        std::string out = m_head;
        for (std::size_t r = 0; r < rows; ++r) {
            if (r > 0)
                out += ", ";
            out += tuple;
        }
        return out;
    }

    SQLite::Database& m_db;
    std::string m_head;
    int m_columns;
    std::size_t m_per;
    SQLite::Statement m_full;
    std::vector<std::array<char, 20>> m_texts;
};

// Raises the connection's page cache (PRAGMA cache_size, in KiB) and restores it when done.
class CacheSize {
public:
    CacheSize(SQLite::Database& db, int kib)
        : m_db(db), m_old(db.execAndGet("PRAGMA cache_size").getInt()) {
        m_db.exec("PRAGMA cache_size = -" + std::to_string(kib));
    }
    ~CacheSize() {
        try {
            m_db.exec("PRAGMA cache_size = " + std::to_string(m_old));
        } catch (...) { // a cache size is not worth an exception from a destructor
        }
    }
    CacheSize(const CacheSize&) = delete;
    CacheSize& operator=(const CacheSize&) = delete;

private:
    SQLite::Database& m_db;
    int m_old;
};

} // namespace hlpb::demo
