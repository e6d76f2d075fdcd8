// The order a score import's bulk load writes its rows in (import/scores.cpp): that of the index
// score_entry_month, so that each row appends to it. Private to libhlpb; here for the unit tests.
#pragma once

#include <hlpb/db/score_repo.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace hlpb::import::detail {

// score_entry_month's order (month, org, category, points), field by field.
bool month_index_order(const db::ScoreWriter::Upsert& a, const db::ScoreWriter::Upsert& b);

// That order as one number, or null when a value does not fit in it.
std::optional<std::uint64_t> month_index_key(const db::ScoreWriter::Upsert& u);

// `rows` in month_index_order: a radix sort of their keys, or a comparison sort when a key does
// not fit.
void sort_run(std::vector<db::ScoreWriter::Upsert>& rows);

} // namespace hlpb::import::detail
