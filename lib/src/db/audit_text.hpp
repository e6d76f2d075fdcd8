// Private to the db layer: the texts of the audit trail that hlpb writes in fixed English forms
// (stored as they are) and how they read for people (in the user's language).
#pragma once

#include <string>
#include <string_view>

namespace hlpb::db::detail {

// Why a write kept no changeset ("more than 100000 rows changed"), as stored.
std::string not_recorded_note(long long max_rows);
// The stored reason in the user's language (a reason it does not know as stored).
std::string shown_not_recorded(std::string_view stored);

// The undo column of db log from an entry's marks (0: none; `not_recorded` empty: none), stored
// (English, for csv and json) or shown.
std::string undo_marks(long long id, long long undoes_from, long long undone_by,
                       std::string_view not_recorded, bool shown);

} // namespace hlpb::db::detail
