#include <hlpb/error.hpp>

#include <fmt/format.h>

namespace hlpb {

std::string RowError::to_string() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        out += line > 0 ? fmt::format(":{}: ", line) : std::string(": ");
    }
    if (!field.empty()) {
        out += field;
        out += ": ";
    }
    out += message;
    return out;
}

InvalidInput::InvalidInput(std::vector<RowError> errors, long total)
    : Error(errors.empty() ? std::string("invalid input") : errors.front().to_string()),
      m_errors(std::move(errors)), m_total(total < 0 ? static_cast<long>(m_errors.size()) : total) {}

InvalidInput::InvalidInput(const std::string& field, const std::string& message)
    : InvalidInput(std::vector<RowError>{RowError{"", 0, field, message}}) {}

} // namespace hlpb
