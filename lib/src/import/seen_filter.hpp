// Private to the import layer: the ID numbers a bulk member load has seen (MemberImport).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace hlpb::import {

// The ID numbers seen in a bulk load: a Bloom filter (split into blocks of one cache line)
// over the 17 leading digits, answering "perhaps seen" or "certainly not". About 2 to 4 bytes
// an ID and under 1 % false answers; it grows by adding a filter twice the size of the
// last. Only "perhaps" rows are kept aside, to be checked once every row is in
// (MemberImport::late): memory hardly grows with the file, as an exact table of every ID would.
class SeenFilter {
public:
    // Room for `expected` IDs (or 65,536) before the filter grows.
    explicit SeenFilter(std::uint64_t expected = 0)
        : m_first(std::max<std::uint64_t>(expected, 65536)) {}

    // Adds the ID number (18 valid characters); true when it may have been added before.
    bool test_and_add(std::string_view id) {
        const std::uint64_t h = hash(id);
        bool seen = false;
        for (const Part& p : m_parts)
            seen = seen || p.has(h);
        if (m_parts.empty() || m_parts.back().count == m_parts.back().capacity)
            m_parts.emplace_back(m_parts.empty() ? m_first : m_parts.back().capacity * 2);
        m_parts.back().add(h);
        return seen;
    }

    // True when the ID number (18 valid characters) may have been added: nothing is added.
    bool test(std::string_view id) const {
        const std::uint64_t h = hash(id);
        for (const Part& p : m_parts)
            if (p.has(h))
                return true;
        return false;
    }

    // For a batch: start loading the blocks test_and_add(id) will read (any text will do).
    void prefetch(std::string_view id) const {
        if (id.size() < 17)
            return;
        const std::uint64_t h = hash(id);
        for (const Part& p : m_parts)
            __builtin_prefetch(&p.bits[p.block_of(h) * 8]);
    }

private:
    static std::uint64_t hash(std::string_view id) { // of the 17 leading digits
        std::uint64_t key = 0;
        for (std::size_t i = 0; i < 17; ++i)
            key = key * 10 + static_cast<std::uint64_t>(id[i] - '0');
        return mix(key);
    }
    static std::uint64_t mix(std::uint64_t k) { // murmur3's finaliser
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdULL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53ULL;
        k ^= k >> 33;
        return k;
    }
    // 16 bits an ID, 8 bits set in one 512-bit block: about 0.1 % false answers when full
    struct Part {
        explicit Part(std::size_t ids)
            : capacity(ids), blocks(ids * 16 / 512 + 1), bits(blocks * 8) {}
        bool has(std::uint64_t h) const {
            const std::uint64_t* block = &bits[block_of(h) * 8];
            for (unsigned i = 0; i < 8; ++i) {
                unsigned bit = bit_of(h, i);
                if (!(block[bit / 64] >> (bit % 64) & 1))
                    return false;
            }
            return true;
        }
        void add(std::uint64_t h) {
            std::uint64_t* block = &bits[block_of(h) * 8];
            for (unsigned i = 0; i < 8; ++i) {
                unsigned bit = bit_of(h, i);
                block[bit / 64] |= std::uint64_t{1} << (bit % 64);
            }
            ++count;
        }
        std::size_t block_of(std::uint64_t h) const { // h's high half, scaled to the blocks
            return static_cast<std::size_t>((h >> 32) * blocks >> 32);
        }
        static unsigned bit_of(std::uint64_t h, unsigned i) { // double hashing in the block
            auto a = static_cast<std::uint32_t>(h);
            auto b = static_cast<std::uint32_t>(h * 0x9e3779b97f4a7c15ULL >> 32) | 1;
            return (a + i * b) & 511;
        }
        std::size_t capacity;
        std::size_t count = 0;
        std::size_t blocks;
        std::vector<std::uint64_t> bits;
    };
    std::uint64_t m_first;
    std::vector<Part> m_parts;
};

} // namespace hlpb::import
