// Private to the db layer: the texts of the audit trail that hlpb writes in fixed English forms
// (stored as they are) and how they read for people (in the user's language).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::db::detail {

// `text` read against `pattern`, whose {} each stand for some text (none of them empty): the
// texts in order, or nothing when it does not fit. A literal between two {} is taken at its
// first occurrence, the last one at the end of `text`. How a note written from a form (a msgid
// or a stored English form) is read back.
std::optional<std::vector<std::string>> match(std::string_view text, std::string_view pattern);

// Why a write kept no changeset ("more than 100000 rows changed"), as stored.
std::string not_recorded_note(long long max_rows);
// The stored reason in the user's language (a reason it does not know as stored).
std::string shown_not_recorded(std::string_view stored);

// The undo column of db log from an entry's marks (0: none; `not_recorded` empty: none), stored
// (English, for csv and json) or shown.
std::string undo_marks(long long id, long long undoes_from, long long undone_by,
                       std::string_view not_recorded, bool shown);

} // namespace hlpb::db::detail
