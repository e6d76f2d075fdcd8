#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include "db/audit_text.hpp"
#include "db/field_history.hpp"
#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "words.hpp"

#include <hlpb/vocab.hpp>

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

// A value in a note: quoted, or "(a phone number)" for a personal one.
constexpr const char* k_phone = N_("(a phone number)");

Wording quoted(const std::string& value) {
    return {fmt::format("'{}'", value), trf("'{}'", value)};
}

Wording value_of(const detail::FieldEdit& e, const std::string& value) {
    return e.personal ? Wording{k_phone, tr(k_phone)} : quoted(value);
}

// The stored forms (English) of the notes; the shown forms are the same msgids, translated.
constexpr const char* k_removed = N_("removed {} from {}");
constexpr const char* k_corrected = N_("corrected {} of {} from {}: {} replaced");
constexpr const char* k_role_corrected =
    N_("corrected the role of member {} in {} from {}: {} replaced");
constexpr const char* k_was_until = N_("{} of {} was {} until {}");
constexpr const char* k_was = N_("{} was {}");
constexpr const char* k_membership = N_("the membership of {} in cluster {}");
constexpr const char* k_lead_term = N_("the lead term of {} in cluster {}");
constexpr const char* k_flag = N_("the {} flag of org {}");

Note correction(const char* form, const std::string& shown, auto&&... args) {
    return {Note::Kind::correction, {fmt::format(fmt::runtime(form), args...), shown}};
}

// A field's key as the notes store it (snake_case ASCII).
bool is_field_key(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::optional<std::string> shown_subject(const std::string& stored) {
    for (const char* entity : {"org", "cluster"})
        if (auto a = detail::match(stored, fmt::format("{} {{}}", entity)))
            return detail::subject_of(entity, (*a)[0]).shown;
    return std::nullopt;
}

std::optional<std::string> shown_value(const std::string& stored) {
    if (stored == k_phone)
        return tr(k_phone);
    if (stored.size() >= 2 && stored.front() == '\'' && stored.back() == '\'')
        return quoted(stored.substr(1, stored.size() - 2)).shown;
    return std::nullopt;
}

std::optional<std::string> shown_interval(const std::string& stored) {
    if (auto a = detail::match(stored, k_membership))
        return detail::membership_of((*a)[0], (*a)[1]).shown;
    if (auto a = detail::match(stored, k_lead_term))
        return detail::lead_term_of((*a)[0], (*a)[1]).shown;
    if (auto a = detail::match(stored, k_flag); a && is_field_key((*a)[0]))
        return detail::flag_of((*a)[0], (*a)[1]).shown;
    return std::nullopt;
}

} // namespace

Date ChangeOptions::now() const {
    return today ? *today : hlpb::today();
}

std::string audit_note(const Notes& notes) {
    std::string out;
    for (const auto& n : notes)
        out += (out.empty() ? "" : "; ") + n.text.stored;
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

void record_field_changes(Database& db, const char* entity, std::int64_t id, const Wording& subject,
                          const std::optional<Date>& start, const std::vector<FieldEdit>& edits,
                          const Date& on, const ChangeOptions& o, Notes& notes) {
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
                words::field(e.field), subject.shown, format_date(*since)));
        const Wording old_value = value_of(e, e.old_value);
        if (since && on == *since) {
            const std::string interval =
                trf("the {} {} of {}", words::field(e.field), old_value.shown, subject.shown);
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
            notes.push_back(correction(k_corrected,
                                       trf(k_corrected, words::field(e.field), subject.shown,
                                           format_date(*since), old_value.shown),
                                       e.field, subject.stored, format_date(*since),
                                       old_value.stored));
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
        notes.push_back(
            {Note::Kind::record,
             {fmt::format(k_was_until, e.field, subject.stored, old_value.stored, format_date(on)),
              trf(k_was_until, words::field(e.field), subject.shown, old_value.shown,
                  format_date(on))}});
    }
}

void note_current_only(Notes& notes, const char* field, const std::string& old_value,
                       const std::string& new_value) {
    if (old_value == new_value)
        return;
    const Wording value = quoted(old_value);
    notes.push_back(
        {Note::Kind::record,
         {fmt::format(k_was, field, value.stored), trf(k_was, words::field(field), value.shown)}});
}

Wording subject_of(std::string_view entity, const std::string& code) {
    if (entity == "cluster")
        return {fmt::format("cluster {}", code), trf("cluster {}", code)};
    return {fmt::format("org {}", code), trf("org {}", code)};
}

Wording membership_of(const std::string& org, const std::string& cluster) {
    return {fmt::format(k_membership, org, cluster), trf(k_membership, org, cluster)};
}

Wording lead_term_of(const std::string& org, const std::string& cluster) {
    return {fmt::format(k_lead_term, org, cluster), trf(k_lead_term, org, cluster)};
}

Wording flag_of(const std::string& flag, const std::string& org) {
    return {fmt::format(k_flag, flag, org),
            trf(k_flag, words::term(vocab::org_flags(), flag), org)};
}

Note removed_note(const Wording& interval, const Date& from) {
    return correction(k_removed, trf(k_removed, interval.shown, format_date(from)), interval.stored,
                      format_date(from));
}

Note role_corrected_note(const std::string& masked, const std::string& org, const Date& from,
                         const std::string& role) {
    return correction(k_role_corrected,
                      trf(k_role_corrected, masked, org, format_date(from),
                          words::term(vocab::member_roles(), role)),
                      masked, org, format_date(from), role);
}

std::optional<std::string> shown_note(std::string_view stored) {
    if (auto a = detail::match(stored, k_removed)) {
        auto interval = shown_interval((*a)[0]);
        auto from = parse_date((*a)[1]);
        if (interval && from)
            return trf(k_removed, *interval, format_date(*from));
    }
    if (auto a = detail::match(stored, k_role_corrected);
        a && parse_date((*a)[2]) && is_field_key((*a)[3]))
        return role_corrected_note((*a)[0], (*a)[1], *parse_date((*a)[2]), (*a)[3]).text.shown;
    if (auto a = detail::match(stored, k_corrected); a && is_field_key((*a)[0])) {
        auto subject = shown_subject((*a)[1]);
        auto value = shown_value((*a)[3]);
        if (subject && value && parse_date((*a)[2]))
            return trf(k_corrected, words::field((*a)[0]), *subject, (*a)[2], *value);
    }
    if (auto a = detail::match(stored, k_was_until); a && is_field_key((*a)[0])) {
        auto subject = shown_subject((*a)[1]);
        auto value = shown_value((*a)[2]);
        if (subject && value && parse_date((*a)[3]))
            return trf(k_was_until, words::field((*a)[0]), *subject, *value, (*a)[3]);
    }
    if (auto a = detail::match(stored, k_was); a && is_field_key((*a)[0]))
        if (auto value = shown_value((*a)[1]))
            return trf(k_was, words::field((*a)[0]), *value);
    return std::nullopt;
}

} // namespace detail
} // namespace hlpb::db
