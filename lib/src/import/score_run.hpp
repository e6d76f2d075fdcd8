// The order a score import's bulk load writes its rows in (import/scores.cpp): that of
// score_entry's key (month, org, category), so that each row appends to the table. Private to
// libhlpb; here for the unit tests.
#pragma once

#include <hlpb/db/score_repo.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace hlpb::import::detail {

// score_entry's key order (month, org, category), then points, field by field.
bool key_order(const db::ScoreWriter::Upsert& a, const db::ScoreWriter::Upsert& b);

// That order as one number, or null when a value does not fit in it.
std::optional<std::uint64_t> packed_key(const db::ScoreWriter::Upsert& u);

// `rows` in key_order: a radix sort of their keys, or a comparison sort when a key does
// not fit.
void sort_run(std::vector<db::ScoreWriter::Upsert>& rows);

} // namespace hlpb::import::detail
