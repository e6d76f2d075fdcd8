// Every file hlpb writes goes through AtomicFile: a regular file is replaced whole or not at all,
// a device, FIFO or terminal is written through, and OutputGuard refuses an output that is the
// open database, one of its journals or an input of the same command.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::util {

// A stream buffer over a file descriptor (64 KiB writes) that keeps the errno of the first
// failed write; every later write fails too. It never closes the descriptor.
class FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd);
    // 0, or the errno of the first failed write.
    int error() const { return m_error; }
    // Writes what is buffered; false when a write failed (now or before).
    bool drain();

protected:
    int_type overflow(int_type c) override;
    int sync() override;

private:
    int m_fd;
    int m_error = 0;
    std::vector<char> m_bytes;
};

// Files a command must never write: the open database (with its -wal, -shm and -journal) and the
// files it reads. Cheap to copy; holds paths only and looks at the files when asked.
class OutputGuard {
public:
    // Protects `path` and the journals SQLite keeps beside it ("the open database").
    void protect_database(const std::string& path);
    // Protects an input file of the command ("-": stdin, which may be redirected from a file).
    void protect_input(const std::string& path);

    // Throws CannotCreate ("refusing to write OUT: it is the open database (choose another
    // file)") when `output` is a protected file: the same device and inode when both exist, else
    // the same path once symbolic links and the folder are resolved.
    void check(const std::string& output) const;

private:
    struct Entry {
        std::string path;
        std::string what; // "the open database", "an input of this command", ...
    };
    std::vector<Entry> m_entries;
};

// What to do when the output already exists as a regular file.
enum class Existing {
    replace, // replace it whole (export --out, --xlsx, --errors-out)
    refuse,  // CannotCreate "… already exists; choose a new file name" (db backup)
};

// An output file. Construction decides how to write, after OutputGuard::check:
//  - a missing path or a regular file (also through symbolic links, which are kept): the bytes go
//    to a temporary file (mode 0600, same folder); commit() syncs it and renames it over the
//    target. Until then the target is untouched; a failure or a destructor without commit()
//    removes the temporary file.
//  - anything else that exists (a character device such as /dev/null or /dev/full, a FIFO,
//    /dev/stdout): opened for writing as it is and written through, never replaced.
// Errors: CannotCreate (73) when the file cannot be created, opened or renamed into place (a
// missing folder, no permission, a refused path); IoError (74) when a write, sync or close fails
// (a full disk). Messages name the path as the user typed it.
class AtomicFile {
public:
    explicit AtomicFile(const std::string& path, const OutputGuard& guard = OutputGuard(),
                        Existing existing = Existing::replace);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // The bytes of the file (buffered). A failed write is reported by commit().
    std::ostream& stream();
    void write(std::string_view bytes) {
        stream().write(bytes.data(), std::streamsize(bytes.size()));
    }

    // For a library that writes by file name (libxlsxwriter, SQLite): a file (mode 0600) to write
    // instead of using stream(); commit() then moves its bytes into place (for a device: copies
    // them through). Do not use both.
    const std::string& staging_path();

    // Completes the file (see above). Throws CannotCreate or IoError; after a throw nothing was
    // written to a regular target.
    void commit();

    // The path as given.
    const std::string& path() const { return m_path; }
    // True when the target is written through (not a regular file).
    bool direct() const { return m_direct; }

private:
    void discard() noexcept;
    void flush_stream();
    void copy_staged_into(int fd);

    std::string m_path;   // as given, for messages
    std::string m_target; // where the file goes: the path with symbolic links resolved
    std::string m_temp;   // the temporary file (regular target) or the staging file (device)
    Existing m_existing;
    bool m_direct = false;
    bool m_staged = false; // staging_path() was used
    bool m_done = false;
    int m_fd = -1;
    std::unique_ptr<FdBuffer> m_buffer;
    std::unique_ptr<std::ostream> m_stream;
};

} // namespace hlpb::util
