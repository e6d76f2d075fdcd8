// Settings stored in the database (SPEC §5): subsidy rates, district totals, lead weights.
// A setting is a non-negative integer with a default (or none, meaning "unset"), or a text (the
// district's name and office, for the reports' titles) with a default.
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
    const char* default_text = nullptr; // a text setting when not null: its default
};

// Every known setting, in display order.
std::span<const SettingSpec> setting_specs();

struct Setting {
    std::string key;
    std::optional<long long> value; // effective value (stored, else default)
    std::optional<long long> default_value;
    bool is_set = false; // stored in the database
    std::string description;
    bool is_text = false; // a text setting: `text` and `default_text` hold it, `value` is unset
    std::string text;     // effective text (stored, else default)
    std::string default_text;
};

// Throws UsageError for an unknown key (naming the known ones).
Setting get_setting(Database& db, std::string_view key);
std::vector<Setting> list_settings(Database& db);
// Value as typed; throws InvalidInput unless a non-negative integer (a text setting: one line of
// 1 to 100 characters, trimmed, no control character). Caller owns the WriteTx.
void set_setting(Database& db, std::string_view key, std::string_view value);
void unset_setting(Database& db, std::string_view key);

// The effective value, or `fallback` when unset.
long long setting_or(Database& db, std::string_view key, long long fallback);
// The effective text of a text setting (district.name, district.office).
std::string setting_text(Database& db, std::string_view key);

} // namespace hlpb::db
