#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

#include <fmt/format.h>

namespace hlpb {

std::string RowError::to_string() const {
    std::string where;
    if (!file.empty())
        where = line > 0 ? fmt::format("{}:{}: ", file, line) : fmt::format("{}: ", file);
    if (!field.empty())
        return fmt::format("{}{}: {}", where, field, message);
    return fmt::format("{}{}", where, message);
}

InvalidInput::InvalidInput(std::vector<RowError> errors, long total, long rows)
    : Error(errors.empty() ? std::string(tr("invalid input")) : errors.front().to_string()),
      m_errors(std::move(errors)), m_total(total < 0 ? static_cast<long>(m_errors.size()) : total),
      m_rows(rows) {
    if (m_rows < 0) {
        // Distinct (file, line) pairs among the errors held.
        m_rows = 0;
        for (std::size_t i = 0; i < m_errors.size(); ++i)
            if (i == 0 || m_errors[i].line != m_errors[i - 1].line ||
                m_errors[i].file != m_errors[i - 1].file)
                ++m_rows;
    }
}

InvalidInput::InvalidInput(const std::string& field, const std::string& message)
    : InvalidInput(std::vector<RowError>{RowError{"", 0, field, message}}) {}

} // namespace hlpb
