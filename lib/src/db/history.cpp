#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include "db/field_history.hpp"
#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace hlpb::db {
namespace {

constexpr const char* k_field_since = R"sql(
SELECT max(to_date) FROM field_history WHERE entity = ? AND entity_id = ? AND field = ?)sql";
constexpr const char* k_field_ending = R"sql(
SELECT id, value FROM field_history
WHERE entity = ? AND entity_id = ? AND field = ? AND to_date = ?)sql";
constexpr const char* k_field_insert = R"sql(
INSERT INTO field_history(entity, entity_id, field, value, from_date, to_date)
VALUES (?, ?, ?, ?, ?, ?))sql";
constexpr const char* k_field_delete = "DELETE FROM field_history WHERE id = ?";
constexpr const char* k_field_history = R"sql(
SELECT field, value, from_date, to_date FROM field_history
WHERE entity = ? AND entity_id = ? ORDER BY to_date)sql";

const std::vector<std::string> k_cluster_fields = {"principle", "instructor", "instructor_phone",
                                                   "community", "supervisor", "supervisor_dept"};
const std::vector<std::string> k_org_fields = {"investor_is_secretary", "venue_m2",
                                               "venue_standard"};

// A yes/no field (stored "1" or "0"): its option takes =yes or =no.
bool is_flag(const detail::FieldEdit& e) {
    return std::string_view(e.field) == "investor_is_secretary" ||
           std::string_view(e.field) == "venue_standard";
}

std::string shown(const detail::FieldEdit& e, const std::string& value) {
    return e.personal ? std::string(tr("(a phone number)")) : fmt::format("'{}'", value);
}

} // namespace

Date ChangeOptions::now() const {
    return today ? *today : hlpb::today();
}

std::string audit_note(const Notes& notes) {
    std::string out;
    for (const auto& n : notes)
        out += (out.empty() ? "" : "; ") + n;
    return out;
}

void refuse_unplanned_future(const Date& on, const ChangeOptions& o, const std::string& what) {
    if (on > o.now() && !o.future)
        throw Conflict(trf("--on {} is after today ({}): {} is recorded once it has "
                           "happened. To plan it, repeat the command with --future",
                           format_date(on), format_date(o.now()), what));
}

std::string zero_length_message(const std::string& interval, const Date& from,
                                const std::string& correct_with) {
    if (correct_with.empty())
        return trf("{} began on {}, the day of this change: it would last no day, which is a "
                   "correction, not an event. Take back the entry that made it with hlpb db undo, "
                   "or repeat this command with --correct (it removes that interval, and the "
                   "audit trail says so)",
                   interval, format_date(from));
    return trf("{} began on {}, the day of this change: it would last no day, which is a "
               "correction, not an event. Take back the entry that made it with hlpb db undo, or "
               "correct it with {} (it removes that interval, and the audit trail says so)",
               interval, format_date(from), correct_with);
}

const std::vector<std::string>& dated_fields(const std::string& entity) {
    return entity == "cluster" ? k_cluster_fields : k_org_fields;
}

std::vector<FieldValue> field_history(Database& db, const std::string& entity,
                                      const std::string& code) {
    auto id = detail::id_of(detail::sql(db), entity == "cluster" ? "cluster" : "org", code);
    if (!id)
        throw NotFound(entity == "cluster" ? trf("no cluster '{}' (see: hlpb cluster list)", code)
                                           : trf("no org '{}' (see: hlpb org list)", code));
    auto st = db.cached(k_field_history);
    st->bind(1, entity);
    st->bind(2, *id);
    std::vector<FieldValue> out;
    while (st->executeStep())
        out.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                       detail::column_date(st->getColumn(2)),
                       detail::column_date_required(st->getColumn(3))});
    const auto& order = dated_fields(entity);
    auto rank = [&](const std::string& f) { return std::find(order.begin(), order.end(), f); };
    std::stable_sort(out.begin(), out.end(), [&](const FieldValue& a, const FieldValue& b) {
        return rank(a.field) < rank(b.field);
    });
    return out;
}

namespace detail {

std::string value_at(const char* entity, const char* alias, const char* column, bool integer) {
    // Only constant names are spliced in; :d is bound by the caller.
    std::string earlier = fmt::format(
        "(SELECT h.value FROM field_history h WHERE h.entity = '{}' AND h.entity_id = {}.id "
        "AND h.field = '{}' AND h.to_date > :d AND (h.from_date IS NULL OR h.from_date <= :d))",
        entity, alias, column);
    if (integer)
        earlier = "CAST(" + earlier + " AS INTEGER)";
    return fmt::format("coalesce({}, {}.{})", earlier, alias, column);
}

std::string with_values_at(std::string sql, const char* entity, const char* alias, bool integer) {
    for (const auto& field : dated_fields(entity)) {
        const std::string slot = "%" + field + "%";
        sql.replace(sql.find(slot), slot.size(), value_at(entity, alias, field.c_str(), integer));
    }
    return sql;
}

void record_field_changes(Database& db, const char* entity, std::int64_t id,
                          const std::string& subject, const std::optional<Date>& start,
                          const std::vector<FieldEdit>& edits, const Date& on,
                          const ChangeOptions& o, Notes& notes) {
    for (const auto& e : edits) {
        if (e.old_value == e.new_value)
            continue;
        if (on > o.now())
            throw Conflict(trf("--on {} is after today ({}): a change of {} is "
                               "recorded when it takes effect",
                               format_date(on), format_date(o.now()), words::field(e.field)));
        std::optional<Date> since = start;
        bool changed_before = false;
        {
            auto st = db.cached(k_field_since);
            st->bind(1, entity);
            st->bind(2, id);
            st->bind(3, e.field);
            if (st->executeStep() && !st->getColumn(0).isNull()) {
                since = column_date(st->getColumn(0));
                changed_before = true;
            }
        }
        if (since && on < *since)
            throw Conflict(trf(
                "the {} of {} holds its value since {}; a change must be dated on or after that "
                "(--on)",
                words::field(e.field), subject, format_date(*since)));
        if (since && on == *since) {
            const std::string interval =
                trf("the {} {} of {}", words::field(e.field), shown(e, e.old_value), subject);
            if (!o.correct && !o.correct_with.empty()) {
                // The edit that corrects it, e.g. "hlpb org edit X --venue-m2 300 --on D
                // --correct" (a yes/no field takes =yes or =no, a phone is not shown).
                std::string option = e.field;
                std::replace(option.begin(), option.end(), '_', '-');
                const std::string value = e.personal   ? std::string("PHONE")
                                          : is_flag(e) ? (e.new_value == "1" ? "=yes" : "=no")
                                                       : " '" + e.new_value + "'";
                throw InvalidInput(
                    e.field,
                    zero_length_message(interval, *since,
                                        fmt::format("{} --{}{}{} --on {} --correct", o.correct_with,
                                                    option, e.personal ? " " : "", value,
                                                    format_date(*since))));
            }
            if (!o.correct)
                throw Conflict(zero_length_message(interval, *since));
            notes.push_back(fmt::format("corrected {} of {} from {}: {} replaced", e.field, subject,
                                        format_date(*since), shown(e, e.old_value)));
            if (changed_before) { // back to the value before: the two intervals are one
                auto st = db.cached(k_field_ending);
                st->bind(1, entity);
                st->bind(2, id);
                st->bind(3, e.field);
                st->bind(4, format_date(*since));
                if (st->executeStep() && st->getColumn(1).getString() == e.new_value) {
                    auto del = db.cached(k_field_delete);
                    del->bind(1, st->getColumn(0).getInt64());
                    del->exec();
                }
            }
            continue;
        }
        auto ins = db.cached(k_field_insert);
        ins->bind(1, entity);
        ins->bind(2, id);
        ins->bind(3, e.field);
        ins->bind(4, e.old_value);
        bind_date(*ins, 5, since);
        ins->bind(6, format_date(on));
        ins->exec();
        notes.push_back(fmt::format("{} of {} was {} until {}", e.field, subject,
                                    shown(e, e.old_value), format_date(on)));
    }
}

void note_current_only(Notes& notes, const char* field, const std::string& old_value,
                       const std::string& new_value) {
    if (old_value != new_value)
        notes.push_back(fmt::format("{} was '{}'", field, old_value));
}

} // namespace detail
} // namespace hlpb::db
