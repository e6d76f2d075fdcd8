// Settings stored in the database (SPEC §5): subsidy rates, district totals, lead weights.
// Every setting is a non-negative integer with a default (or none, meaning "unset").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::db {

class Database;

struct SettingSpec {
    const char* key;
    std::optional<long long> default_value; // nullopt: unset unless the user sets it
    const char* description;
};

// Every known setting, in display order.
std::span<const SettingSpec> setting_specs();

struct Setting {
    std::string key;
    std::optional<long long> value; // effective value (stored, else default)
    std::optional<long long> default_value;
    bool is_set = false; // stored in the database
    std::string description;
};

// Throws UsageError for an unknown key (naming the known ones).
Setting get_setting(Database& db, std::string_view key);
std::vector<Setting> list_settings(Database& db);
// Value as text; throws InvalidInput unless a non-negative integer. Caller owns the WriteTx.
void set_setting(Database& db, std::string_view key, std::string_view value);
void unset_setting(Database& db, std::string_view key);

// The effective value, or `fallback` when unset.
long long setting_or(Database& db, std::string_view key, long long fallback);

} // namespace hlpb::db
