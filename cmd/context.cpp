#include "context.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace hlpb::cli {

db::Database& Context::db() {
    if (!m_db) {
        db::OpenOptions open;
        open.path = db::resolve_path(options.db_path);
        open.command_line = m_command_line;
        open.create = m_create;
        // Neither --db nor $HLPB_DB: a file made in the default place is announced, once, so
        // that the user knows where their data went.
        const char* env = std::getenv("HLPB_DB");
        const bool by_default =
            !(options.db_path && !options.db_path->empty()) && (env == nullptr || *env == '\0');
        std::error_code ec;
        const bool is_new = by_default && m_create && !std::filesystem::exists(open.path, ec);
        m_db = std::make_unique<db::Database>(open);
        if (is_new && !options.quiet)
            std::cerr << text::printable(trf("created the database {} (to use another, give --db "
                                             "PATH or set HLPB_DB)",
                                             m_db->path()))
                      << '\n';
    }
    return *m_db;
}

std::string Context::database_path() const {
    if (m_db)
        return m_db->path();
    try {
        return db::resolve_path(options.db_path);
    } catch (const Error&) {
        return tr("the database");
    }
}

util::OutputGuard Context::outputs() const {
    util::OutputGuard guard;
    guard.protect_database(m_db ? m_db->path() : db::resolve_path(options.db_path));
    for (const auto& input : m_inputs)
        guard.protect_input(input);
    return guard;
}

} // namespace hlpb::cli
