#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_util.hpp"

#include <fmt/format.h>

namespace hlpb::db {
namespace {

constexpr const char* k_list = R"sql(
SELECT c.code, c.name, c.kind,
       (SELECT count(*) FROM cluster k
         WHERE k.committee_id = c.id AND k.established <= :d
           AND (k.dissolved IS NULL OR k.dissolved > :d)),
       (SELECT count(*) FROM org o
         WHERE o.committee_id = c.id AND (o.founded IS NULL OR o.founded <= :d)
           AND (o.closed IS NULL OR o.closed > :d)),
       (SELECT count(*) FROM org o JOIN member x ON x.org_id = o.id
         WHERE o.committee_id = c.id AND x.org_since <= :d
           AND (x.left_on IS NULL OR x.left_on > :d))
     + (SELECT count(*) FROM org o JOIN member_org_history h ON h.org_id = o.id
         WHERE o.committee_id = c.id AND h.from_date <= :d AND h.to_date > :d)
FROM committee c ORDER BY c.code)sql";
constexpr const char* k_find = "SELECT code, name, kind FROM committee WHERE code = ?";
constexpr const char* k_insert = "INSERT INTO committee(code, name, kind) VALUES (?, ?, ?)";
constexpr const char* k_update = "UPDATE committee SET name = ?, kind = ? WHERE code = ?";

} // namespace

std::vector<CommitteeSummary> list_committees(Database& db, const Date& as_of) {
    auto st = db.cached(k_list);
    st->bind(":d", format_date(as_of));
    std::vector<CommitteeSummary> out;
    while (st->executeStep())
        out.push_back({{st->getColumn(0).getString(), st->getColumn(1).getString(),
                        st->getColumn(2).getString()},
                       st->getColumn(3).getInt64(),
                       st->getColumn(4).getInt64(),
                       st->getColumn(5).getInt64()});
    return out;
}

std::optional<Committee> find_committee(Database& db, const std::string& code) {
    auto st = db.cached(k_find);
    st->bind(1, code);
    if (!st->executeStep())
        return std::nullopt;
    return Committee{st->getColumn(0).getString(), st->getColumn(1).getString(),
                     st->getColumn(2).getString()};
}

Committee get_committee(Database& db, const std::string& code) {
    auto c = find_committee(db, code);
    if (!c)
        throw NotFound(trf("no committee '{}' (see: hlpb committee list)", code));
    return *c;
}

void validate_committee(Committee& c, import::RowErrors& errors) {
    if (!detail::clean_texts({{"code", &c.code}, {"name", &c.name}, {"kind", &c.kind}}, errors))
        return;
    if (auto p = validate::check_code(c.code); !p.empty())
        errors.add("code", p);
    if (c.name.empty())
        errors.add("name", tr("is empty"));
    if (vocab::parse(vocab::committee_kinds(), c.kind).empty())
        errors.add("kind",
                   trf("'{}' is not one of {}", c.kind, vocab::keys(vocab::committee_kinds())));
}

void add_committee(Database& db, const Committee& c) {
    if (find_committee(db, c.code))
        throw Conflict(trf("committee '{}' already exists (change it with: hlpb "
                           "committee edit {})",
                           c.code, c.code));
    auto st = db.cached(k_insert);
    st->bind(1, c.code);
    st->bind(2, c.name);
    st->bind(3, c.kind);
    st->exec();
}

void edit_committee(Database& db, const Committee& c) {
    auto st = db.cached(k_update);
    st->bind(1, c.name);
    st->bind(2, c.kind);
    st->bind(3, c.code);
    if (st->exec() == 0)
        throw NotFound(trf("no committee '{}'", c.code));
}

hlpb::import::Outcome upsert_committee(Database& db, const Committee& c) {
    auto old = find_committee(db, c.code);
    if (!old) {
        add_committee(db, c);
        return import::Outcome::inserted;
    }
    if (old->name == c.name && old->kind == c.kind)
        return import::Outcome::unchanged;
    edit_committee(db, c);
    return import::Outcome::updated;
}

} // namespace hlpb::db
