#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hlpb::util {
namespace {

namespace fs = std::filesystem;

constexpr int k_max_links = 40; // as the kernel's ELOOP limit
constexpr std::size_t k_buffer_bytes = 64 * 1024;

std::string error_text(int error) {
    return hlpb::i18n::system_error(error);
}

// Writes all of `bytes` to `fd`; returns 0 or the errno of the failed write.
int write_all(int fd, const char* bytes, std::size_t n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, bytes, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        bytes += w;
        n -= static_cast<std::size_t>(w);
    }
    return 0;
}

// `path` with its symbolic links followed (the last component only, again and again): where a
// new file would be made. `magic` is set when a link goes through /proc or /dev/fd (/dev/stdout):
// those name an open file, which must be written through.
std::string follow_links(const std::string& path, bool& magic) {
    magic = false;
    std::string p = path;
    for (int i = 0; i < k_max_links; ++i) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        std::error_code ec;
        const fs::path link = fs::read_symlink(p, ec);
        if (ec)
            return p;
        const fs::path next = link.is_absolute() ? link : fs::path(p).parent_path() / link;
        p = next.string();
        if (p.rfind("/proc/", 0) == 0 || p.rfind("/dev/fd/", 0) == 0)
            magic = true;
    }
    return p;
}

// How a path is compared with a protected one: by device and inode when it exists, else by its
// absolute path with links and the folder resolved.
struct Identity {
    bool exists = false;
    dev_t dev = 0;
    ino_t ino = 0;
    std::string resolved;
};

Identity identify(const std::string& path) {
    Identity id;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        id.exists = true;
        id.dev = st.st_dev;
        id.ino = st.st_ino;
        return id;
    }
    bool magic = false;
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(follow_links(path, magic)), ec);
    id.resolved = ec ? path : p.lexically_normal().string();
    return id;
}

bool same_file(const Identity& a, const Identity& b) {
    if (a.exists != b.exists)
        return false;
    return a.exists ? a.dev == b.dev && a.ino == b.ino : a.resolved == b.resolved;
}

// The folder of `path` for a temporary file beside it.
std::string folder_of(const std::string& path) {
    const fs::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

void sync_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd); // best effort: the rename is done either way
        ::close(fd);
    }
}

} // namespace

// ---- OutputGuard ----

void OutputGuard::protect_database(const std::string& path) {
    if (path.empty() || path == ":memory:")
        return;
    bool magic = false;
    const std::string real = follow_links(path, magic); // SQLite keeps journals beside the file
    for (const std::string& p : {path, real}) {
        m_entries.push_back({p, tr("the open database")});
        for (const char* suffix : {"-wal", "-shm", "-journal"})
            m_entries.push_back(
                {p + suffix, trf("the {} file of the open database {}", suffix, path)});
    }
}

void OutputGuard::protect_input(const std::string& path) {
    if (path.empty())
        return;
    // stdin redirected from a file (< mi.csv) is that file.
    m_entries.push_back({path == "-" ? "/dev/stdin" : path, tr("the file this command reads")});
}

void OutputGuard::check(const std::string& output) const {
    if (m_entries.empty())
        return;
    const Identity out = identify(output);
    for (const Entry& e : m_entries)
        if (same_file(out, identify(e.path)))
            throw CannotCreate(
                trf("refusing to write {}: it is {} (choose another file)", output, e.what));
}

// ---- FdBuffer ----

FdBuffer::FdBuffer(int fd) : m_fd(fd), m_bytes(k_buffer_bytes) {
    setp(m_bytes.data(), m_bytes.data() + m_bytes.size());
}

bool FdBuffer::drain() {
    if (m_error == 0 && pptr() > pbase())
        m_error = write_all(m_fd, pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(m_bytes.data(), m_bytes.data() + m_bytes.size());
    return m_error == 0;
}

FdBuffer::int_type FdBuffer::overflow(int_type c) {
    if (!drain())
        return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int FdBuffer::sync() {
    return drain() ? 0 : -1;
}

// ---- AtomicFile ----

AtomicFile::AtomicFile(const std::string& path, const OutputGuard& guard, Existing existing)
    : m_path(path), m_existing(existing) {
    if (path.empty())
        throw CannotCreate(tr("cannot create a file with an empty name"));
    guard.check(path);
    bool magic = false;
    m_target = follow_links(path, magic);
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode) && magic) // hlpb's stand-in for a closed stdout (see cmd)
            throw CannotCreate(trf("cannot write {}: it is closed", path));
        if (S_ISDIR(st.st_mode))
            throw CannotCreate(trf("cannot create {}: it is a folder", path));
        if (existing == Existing::refuse)
            throw CannotCreate(trf("{} already exists; choose a new file name", path));
        m_direct = !S_ISREG(st.st_mode) || magic;
    } else if (errno != ENOENT) {
        throw CannotCreate(trf("cannot create {}: {}", path, error_text(errno)));
    } else if (existing == Existing::refuse && ::lstat(path.c_str(), &st) == 0) {
        throw CannotCreate(
            trf("{} already exists (a link to {}); choose a new file name", path, m_target));
    }

    if (m_direct) {
        // Written through as it is: never created, truncated or replaced.
        m_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
        if (m_fd < 0)
            throw CannotCreate(trf("cannot open {}: {}", path, error_text(errno)));
    } else {
        const fs::path target(m_target);
        m_temp = (fs::path(folder_of(m_target)) / ("." + target.filename().string() + ".XXXXXX"))
                     .string();
        m_fd = ::mkostemp(m_temp.data(), O_CLOEXEC); // mode 0600: outputs hold personal data
        if (m_fd < 0) {
            const int error = errno;
            m_temp.clear();
            throw CannotCreate(trf("cannot create {}: {}", path, error_text(error)));
        }
    }
    m_buffer = std::make_unique<FdBuffer>(m_fd);
    m_stream = std::make_unique<std::ostream>(m_buffer.get());
}

AtomicFile::~AtomicFile() {
    discard();
}

void AtomicFile::discard() noexcept {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temp.empty()) // not renamed into place, or a staging file
        ::unlink(m_temp.c_str());
    m_temp.clear();
}

std::ostream& AtomicFile::stream() {
    return *m_stream;
}

const std::string& AtomicFile::staging_path() {
    if (m_direct && !m_staged) {
        const char* tmpdir = std::getenv("TMPDIR");
        m_temp = fmt::format("{}/hlpb.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
        const int fd = ::mkostemp(m_temp.data(), O_CLOEXEC);
        if (fd < 0) {
            const int error = errno;
            m_temp.clear();
            throw CannotCreate(
                trf("cannot create a temporary file for {}: {}", m_path, error_text(error)));
        }
        ::close(fd);
    }
    m_staged = true;
    return m_temp;
}

void AtomicFile::flush_stream() {
    m_stream->flush();
    if (!m_buffer->drain() || !*m_stream) {
        const int error = m_buffer->error();
        throw IoError(trf("cannot write {}: {}", m_path,
                          error != 0 ? error_text(error) : std::string(tr("write failed"))));
    }
}

void AtomicFile::copy_staged_into(int fd) {
    const int in = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        throw IoError(trf("cannot write {}: {}", m_path, error_text(errno)));
    std::vector<char> bytes(k_buffer_bytes);
    int error = 0;
    for (;;) {
        const ssize_t n = ::read(in, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n < 0 ? errno : 0;
            break;
        }
        if ((error = write_all(fd, bytes.data(), static_cast<std::size_t>(n))) != 0)
            break;
    }
    ::close(in);
    if (error != 0)
        throw IoError(trf("cannot write {}: {}", m_path, error_text(error)));
}

void AtomicFile::commit() {
    if (m_done || m_fd < 0)
        throw IoError(trf("cannot write {}: the file was already closed", m_path));
    try {
        if (!m_staged)
            flush_stream();
        if (m_direct) {
            if (m_staged)
                copy_staged_into(m_fd);
        } else if (m_staged) { // written by name: sync what the library wrote
            const int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0 || ::fsync(fd) != 0) {
                const int error = errno;
                if (fd >= 0)
                    ::close(fd);
                throw IoError(trf("cannot write {}: {}", m_path, error_text(error)));
            }
            ::close(fd);
        } else if (::fsync(m_fd) != 0) {
            throw IoError(trf("cannot write {}: {}", m_path, error_text(errno)));
        }
        const int fd = std::exchange(m_fd, -1);
        if (::close(fd) != 0 && errno != EINTR)
            throw IoError(trf("cannot write {}: {}", m_path, error_text(errno)));
        if (!m_direct) {
            if (m_existing == Existing::refuse) {
                // link() does not replace a file made meanwhile, as rename() would.
                int error = ::link(m_temp.c_str(), m_target.c_str()) == 0 ? 0 : errno;
                if (error != 0 && error != EEXIST && !fs::exists(m_target)) // no hard links here
                    error = ::rename(m_temp.c_str(), m_target.c_str()) == 0 ? 0 : errno;
                if (error != 0) {
                    throw CannotCreate(
                        error == EEXIST ? trf("{} already exists; choose a new file name", m_path)
                                        : trf("cannot create {}: {}", m_path, error_text(error)));
                }
                ::unlink(m_temp.c_str());
            } else if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
                throw CannotCreate(trf("cannot create {}: {}", m_path, error_text(errno)));
            }
            m_temp.clear();
            sync_folder(folder_of(m_target));
        }
        m_done = true;
        discard();
    } catch (...) {
        discard();
        throw;
    }
}

} // namespace hlpb::util
