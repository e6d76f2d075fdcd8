// The demo's pseudo-random numbers (splitmix64): the same seed gives the same district with every
// compiler and standard library, which std:: engines' distributions and std::shuffle do not
// promise.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace hlpb::demo {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [lo, hi], both included; requires lo <= hi. (The modulo bias is below 2^-32.)
    int range(int lo, int hi) {
        auto width = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
        return static_cast<int>(lo + static_cast<std::int64_t>(next() % width));
    }

    // True with probability permille / 1000.
    bool chance(int permille) { return static_cast<int>(next() % 1000) < permille; }

    // One element of a non-empty span.
    template <class T> const T& pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(range(0, static_cast<int>(items.size()) - 1))];
    }

    // Fisher–Yates, so the order depends on the seed only.
    template <class T> void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            auto j = static_cast<std::size_t>(range(0, static_cast<int>(i) - 1));
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    std::uint64_t m_state;
};

} // namespace hlpb::demo
