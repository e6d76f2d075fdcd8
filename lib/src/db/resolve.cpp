#include <hlpb/db/resolve.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>

#include "db/sql_access.hpp"
#include "db/sql_util.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <numeric>

namespace hlpb::db {
namespace {

constexpr const char* k_exact[] = {
    "SELECT code FROM committee WHERE code = ?",
    "SELECT code FROM cluster WHERE code = ?",
    "SELECT code FROM org WHERE code = ?",
};
constexpr const char* k_all[] = {
    "SELECT code, name, NULL, NULL FROM committee ORDER BY code",
    "SELECT code, name, established, dissolved FROM cluster ORDER BY code",
    "SELECT code, name, founded, closed FROM org ORDER BY code",
};

// Messages by kind (committee, cluster, org).
constexpr const char* k_unknown[] = {
    N_("no committee has the code or name '{}' (see: hlpb committee list)"),
    N_("no cluster has the code or name '{}' (see: hlpb cluster list)"),
    N_("no org has the code or name '{}' (see: hlpb org list)"),
};
constexpr const char* k_unknown_close[] = {
    N_("no committee has the code or name '{}'; did you mean {}? (see: hlpb committee list)"),
    N_("no cluster has the code or name '{}'; did you mean {}? (see: hlpb cluster list)"),
    N_("no org has the code or name '{}'; did you mean {}? (see: hlpb org list)"),
};
constexpr const char* k_shared_name[] = {
    N_("'{}' is the name of several committees: {}; type the code instead"),
    N_("'{}' is the name of several clusters: {}; type the code instead"),
    N_("'{}' is the name of several orgs: {}; type the code instead"),
};

std::size_t index_of(RecordKind kind) {
    return static_cast<std::size_t>(kind);
}

// NFKC of `s` (full-width forms to ASCII, compatibility characters to their plain form); `s`
// itself when it is not valid UTF-8.
std::string nfkc(std::string_view s) {
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
        static_cast<utf8proc_ssize_t>(s.size()), &out,
        static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE));
    if (n < 0)
        return std::string(s);
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

std::string fold_name(std::string_view s) {
    return text::trim(nfkc(s));
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    const auto at = text::char_starts(s);
    for (std::size_t i = 0; i + 1 < at.size(); ++i) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + at[i]),
                                        static_cast<utf8proc_ssize_t>(at[i + 1] - at[i]), &cp);
        out.push_back(n > 0 ? static_cast<char32_t>(cp)
                            : static_cast<char32_t>(static_cast<unsigned char>(s[at[i]])));
    }
    return out;
}

// "SM-C01 湖里大道联建片, SM-C02 …" (、 between them in Chinese); codes only without `names`.
std::string listing(const std::vector<const NamedRecord*>& records, bool names = true) {
    std::string out;
    for (const NamedRecord* r : records) {
        if (!out.empty())
            out += i18n::chinese() ? "、" : ", ";
        out += r->code;
        if (names && !r->name.empty() && r->name != r->code)
            out += " " + r->name;
    }
    return out;
}

} // namespace

std::string fold_code(std::string_view text) {
    std::string out = text::trim(nfkc(text));
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const auto x = code_points(a);
    const auto y = code_points(b);
    std::vector<std::size_t> row(y.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1])});
            diagonal = above;
        }
    }
    return row[y.size()];
}

NameIndex::NameIndex(RecordKind kind, std::vector<NamedRecord> records)
    : m_kind(kind), m_records(std::move(records)) {
    for (std::size_t i = 0; i < m_records.size(); ++i) {
        m_codes.emplace(m_records[i].code, i);
        m_folded[fold_code(m_records[i].code)].push_back(i);
        if (!m_records[i].name.empty())
            m_names[fold_name(m_records[i].name)].push_back(i);
    }
}

std::vector<NamedRecord> NameIndex::records(Database& db, RecordKind kind) {
    SQLite::Statement st(detail::sql(db), k_all[index_of(kind)]);
    std::vector<NamedRecord> records;
    while (st.executeStep())
        records.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                           detail::column_date(st.getColumn(2)),
                           detail::column_date(st.getColumn(3))});
    return records;
}

NameIndex NameIndex::load(Database& db, RecordKind kind) {
    return NameIndex(kind, records(db, kind));
}

Resolved NameIndex::find(std::string_view text, const std::optional<Date>& as_of) const {
    if (auto it = m_codes.find(std::string(text)); it != m_codes.end())
        return {m_records[it->second].code, {}, false};
    const std::string folded = fold_code(text);
    if (auto it = m_codes.find(folded); it != m_codes.end())
        return {m_records[it->second].code, {}, false};
    std::vector<const NamedRecord*> shared;
    if (auto it = m_folded.find(folded); it != m_folded.end()) {
        if (it->second.size() == 1)
            return {m_records[it->second.front()].code, {}, false};
        for (std::size_t i : it->second)
            shared.push_back(&m_records[i]);
        return {{},
                trf("'{}' matches the codes {}; type the code exactly as it is written",
                    text::printable(text), listing(shared)),
                true};
    }
    if (auto it = m_names.find(fold_name(text)); it != m_names.end()) {
        if (it->second.size() == 1)
            return {m_records[it->second.front()].code, {}, false};
        if (as_of) {
            std::vector<std::size_t> current;
            for (std::size_t i : it->second)
                if (m_records[i].in_force(*as_of))
                    current.push_back(i);
            if (current.size() == 1)
                return {m_records[current.front()].code, {}, false};
        }
        for (std::size_t i : it->second)
            shared.push_back(&m_records[i]);
        return {{},
                trf(k_shared_name[index_of(m_kind)], text::printable(text), listing(shared, false)),
                true};
    }
    const auto near = closest(text);
    const std::size_t k = index_of(m_kind);
    return {{},
            near.empty() ? trf(k_unknown[k], text::printable(text))
                         : trf(k_unknown_close[k], text::printable(text), listing(near)),
            false,
            !near.empty()};
}

std::string NameIndex::resolve(std::string_view text, const std::optional<Date>& as_of) const {
    Resolved r = find(text, as_of);
    if (r.ambiguous)
        throw Conflict(r.problem);
    if (!r)
        throw NotFound(r.problem);
    return r.code;
}

std::vector<const NamedRecord*> NameIndex::closest(std::string_view text, std::size_t limit) const {
    const std::string code = fold_code(text);
    const std::string name = fold_name(text);
    const std::size_t length = text::length(name);
    if (length == 0)
        return {};
    // Close means at most a third of the typed characters changed (one at least), or a name
    // that holds the whole text (two characters at least).
    const std::size_t reach = std::max<std::size_t>(1, length / 3);
    struct Near {
        std::size_t distance;
        const NamedRecord* record;
    };
    std::vector<Near> near;
    for (const NamedRecord& r : m_records) {
        const std::size_t by_code = edit_distance(code, fold_code(r.code));
        const std::string their_name = fold_name(r.name);
        const std::size_t by_name = edit_distance(name, their_name);
        const std::size_t d = std::min(by_code, by_name);
        const bool holds = length >= 2 && their_name.find(name) != std::string::npos;
        if (d <= reach || holds)
            near.push_back({d, &r});
    }
    std::stable_sort(near.begin(), near.end(), [](const Near& a, const Near& b) {
        return a.distance < b.distance; // records are in code order already
    });
    std::vector<const NamedRecord*> out;
    for (std::size_t i = 0; i < near.size() && i < limit; ++i)
        out.push_back(near[i].record);
    return out;
}

Resolved Resolver::find(std::string_view text, const std::optional<Date>& as_of) {
    if (!m_index)
        m_index = NameIndex::load(m_db, m_kind);
    return m_index->find(text, as_of);
}

bool Resolver::resolve_cell(std::string& value, std::string_view field, RowErrors& errors,
                            const std::optional<Date>& as_of) {
    if (value.empty())
        return true;
    Resolved r = find(value, as_of);
    if (!r) {
        if (r.telling())
            errors.add(std::string(field), std::move(r.problem));
        return false;
    }
    value = std::move(r.code);
    return true;
}

Resolved find_code(Database& db, RecordKind kind, std::string_view text,
                   const std::optional<Date>& as_of) {
    {
        auto st = db.cached(k_exact[index_of(kind)]);
        st->bind(1, std::string(text));
        if (st->executeStep())
            return {st->getColumn(0).getString(), {}, false, false};
    }
    return NameIndex::load(db, kind).find(text, as_of);
}

std::string resolve(Database& db, RecordKind kind, std::string_view text,
                    const std::optional<Date>& as_of) {
    Resolved r = find_code(db, kind, text, as_of);
    if (r.ambiguous)
        throw Conflict(r.problem);
    if (!r)
        throw NotFound(r.problem);
    return r.code;
}

std::string resolve_committee(Database& db, std::string_view text) {
    return resolve(db, RecordKind::committee, text, std::nullopt);
}

std::string resolve_cluster(Database& db, std::string_view text, const Date& as_of) {
    return resolve(db, RecordKind::cluster, text, as_of);
}

std::string resolve_org(Database& db, std::string_view text, const Date& as_of) {
    return resolve(db, RecordKind::org, text, as_of);
}

} // namespace hlpb::db
