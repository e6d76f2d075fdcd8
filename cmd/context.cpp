#include "context.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

namespace hlpb::cli {

db::Database& Context::db() {
    if (!m_db) {
        db::OpenOptions open;
        open.path = db::resolve_path(options.db_path);
        open.command_line = m_command_line;
        open.create = m_create;
        m_db = std::make_unique<db::Database>(open);
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
