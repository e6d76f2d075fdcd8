// Error types thrown by libhlpb. Only cmd/main.cpp catches them; each maps to one exit code.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace hlpb {

// Exit codes, documented in man/hlpb.1 (sysexits.h values where one fits).
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_failure = 1,      // not found, conflict, other runtime error
    k_exit_usage = 2,        // bad command line
    k_exit_data = 65,        // invalid input data, nothing written
    k_exit_no_input = 66,    // input file missing or unreadable
    k_exit_software = 70,    // internal error
    k_exit_cant_create = 73, // an output file cannot be created (or is refused)
    k_exit_io_error = 74,    // a write failed: disk full, closed stdout
    k_exit_temp_fail = 75,   // database busy, retry later
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
    virtual int exit_code() const { return k_exit_failure; }
};

class UsageError : public Error {
public:
    using Error::Error;
    int exit_code() const override { return k_exit_usage; }
};

class NotFound : public Error {
public:
    using Error::Error;
};

// A write would break an invariant or clash with existing data; the message says what to do.
class Conflict : public Error {
public:
    using Error::Error;
};

class Busy : public Error {
public:
    using Error::Error;
    int exit_code() const override { return k_exit_temp_fail; }
};

class InputMissing : public Error {
public:
    using Error::Error;
    int exit_code() const override { return k_exit_no_input; }
};

class CannotCreate : public Error {
public:
    using Error::Error;
    int exit_code() const override { return k_exit_cant_create; }
};

// A write to an output that was open failed (a full disk, a closed stdout): what was written is
// incomplete.
class IoError : public Error {
public:
    using Error::Error;
    int exit_code() const override { return k_exit_io_error; }
};

// The database file is not an SQLite database or is damaged (invalid data, exit 65).
class Damaged : public Error {
public:
    using Error::Error;
    int exit_code() const override { return k_exit_data; }
};

// One problem in one input row: "file:line: field: message".
struct RowError {
    std::string file;
    long line = 0; // physical line in the file, 1-based; 0 when not tied to a line
    std::string field;
    std::string message;
    std::string to_string() const;
};

// Invalid input data; carries every row error found (nothing was written).
class InvalidInput : public Error {
public:
    // `total` errors in `rows` bad rows (-1: as many as `errors` holds).
    explicit InvalidInput(std::vector<RowError> errors, long total = -1, long rows = -1);
    // A single-value error outside any file (a bad command-line value).
    explicit InvalidInput(const std::string& field, const std::string& message);
    int exit_code() const override { return k_exit_data; }
    const std::vector<RowError>& errors() const { return m_errors; }
    long total() const { return m_total; } // errors, including those not kept
    long rows() const { return m_rows; }   // bad rows

private:
    std::vector<RowError> m_errors;
    long m_total;
    long m_rows;
};

} // namespace hlpb
