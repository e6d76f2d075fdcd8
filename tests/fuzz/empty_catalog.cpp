// The fuzz targets build the readers without libhlpb's generated sources: an empty message
// catalog (every message stays as written), which is all the readers need.
#include <cstddef>

namespace hlpb::i18n::detail {
alignas(4) extern const unsigned char k_catalog_zh[] = {0};
extern const std::size_t k_catalog_zh_size = 0;
} // namespace hlpb::i18n::detail
