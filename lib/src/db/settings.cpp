#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>
#include <hlpb/validate.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <array>

namespace hlpb::db {
namespace {

constexpr std::array<SettingSpec, 13> k_specs = {{
    {"subsidy.secretary_monthly", 300, N_("通讯补贴: CNY per cluster org secretary per month")},
    {"subsidy.member_yearly", 300, N_("活动经费: CNY per member per year")},
    {"district.name", std::nullopt, N_("the district's name, in the reports' titles"), "湖里区"},
    {"district.office", std::nullopt, N_("the issuing office, under the reports' titles"),
     "湖里区委组织部（两新工委）"},
    {"district.total_orgs", std::nullopt, N_("all Party orgs of the district (for shares)")},
    {"district.total_members", std::nullopt, N_("all Party members of the district (for shares)")},
    {"lead.weight.investor_is_secretary", 30, N_("四看: investor is the secretary")},
    {"lead.weight.secretary_year", 4, N_("四看: points per year of secretary experience")},
    {"lead.weight.secretary_years_cap", 5, N_("四看: years of experience counted at most")},
    {"lead.weight.venue", 15, N_("四看: venue of 100 m² or more")},
    {"lead.weight.venue_standard", 5, N_("四看: venue built to 六有七室")},
    {"lead.weight.training_base", 10, N_("四看: training base (实训基地)")},
    {"lead.weight.typical", 20, N_("四看: typical org (典型党组织)")},
}};

constexpr const char* k_select = "SELECT value FROM setting WHERE key = ?";
constexpr const char* k_upsert =
    "INSERT INTO setting(key, value) VALUES (?, ?) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value";
constexpr const char* k_delete = "DELETE FROM setting WHERE key = ?";

const SettingSpec& spec_of(std::string_view key) {
    for (const auto& s : k_specs)
        if (key == s.key)
            return s;
    std::string known;
    for (const auto& s : k_specs)
        known += fmt::format("{}{}", known.empty() ? "" : ", ", s.key);
    throw UsageError(trf("unknown setting '{}' (known: {})", key, known));
}

Setting read(Database& db, const SettingSpec& spec) {
    Setting out;
    out.key = spec.key;
    out.value = out.default_value = spec.default_value;
    out.description = tr(spec.description); // in the current language
    if (spec.default_text != nullptr) {
        out.is_text = true;
        out.text = out.default_text = spec.default_text;
    }
    auto st = db.cached(k_select);
    st->bind(1, spec.key);
    if (st->executeStep()) {
        out.is_set = true;
        if (out.is_text)
            out.text = st->getColumn(0).getString();
        else
            out.value = std::stoll(st->getColumn(0).getString());
    }
    return out;
}

} // namespace

std::span<const SettingSpec> setting_specs() {
    return k_specs;
}

Setting get_setting(Database& db, std::string_view key) {
    return read(db, spec_of(key));
}

std::vector<Setting> list_settings(Database& db) {
    std::vector<Setting> out;
    for (const auto& s : k_specs)
        out.push_back(read(db, s));
    return out;
}

void set_setting(Database& db, std::string_view key, std::string_view value) {
    const auto& spec = spec_of(key);
    std::string stored;
    if (spec.default_text != nullptr) {
        stored = text::trim(value);
        std::string problem = validate::check_text(stored);
        if (problem.empty() && (stored.empty() || text::length(stored) > 100))
            problem = tr("must be one line of 1 to 100 characters");
        if (!problem.empty())
            throw InvalidInput(std::string(key), trf("'{}' {}", value, problem));
    } else {
        auto v = validate::parse_int(value);
        if (!v)
            throw InvalidInput(std::string(key),
                               trf("'{}' is not a non-negative whole number", value));
        stored = std::to_string(*v);
    }
    auto st = db.cached(k_upsert);
    st->bind(1, spec.key);
    st->bind(2, stored);
    st->exec();
}

void unset_setting(Database& db, std::string_view key) {
    const auto& spec = spec_of(key);
    auto st = db.cached(k_delete);
    st->bind(1, spec.key);
    st->exec();
}

long long setting_or(Database& db, std::string_view key, long long fallback) {
    auto s = get_setting(db, key);
    return s.value ? *s.value : fallback;
}

std::string setting_text(Database& db, std::string_view key) {
    return get_setting(db, key).text;
}

} // namespace hlpb::db
