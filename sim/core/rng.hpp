// The one seeded pseudo-random generator of a run.
//
// Every generated id, key and token of a scenario derives from one Rng seeded with the scenario's `seed`, so
// the same file and seed give a byte-identical run on every machine and standard library. The algorithm is
// xoshiro256** (Blackman and Vigna), seeded through SplitMix64; ranges use Lemire's multiply-and-reject method,
// implemented here rather than std::uniform_int_distribution, whose output differs between standard libraries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stslab {

// -Wpedantic: __int128 is a GNU extension, used only for the 64x64->128 multiply of Lemire's method.
__extension__ using Uint128 = unsigned __int128;

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) { reseed(seed); }
    // A generator seeded from `text` (its FNV-1a hash): what it draws for a name is the same on every run.
    static Rng from_text(std::string_view text) {
        std::uint64_t hash = 0xcbf29ce484222325ull;
        for (const char ch : text) hash = (hash ^ static_cast<unsigned char>(ch)) * 0x100000001b3ull;
        return Rng(hash);
    }

    void reseed(std::uint64_t seed);

    // The next 64 random bits.
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // A uniform integer in [0, n); n must be > 0. Unbiased.
    std::uint64_t below(std::uint64_t n) {
        Uint128 m = static_cast<Uint128>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<Uint128>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    // A uniform integer in [lo, hi] (inclusive); lo <= hi.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    // `n` characters drawn uniformly from `alphabet`.
    std::string chars(std::string_view alphabet, std::size_t n);

    static constexpr std::string_view kUpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";  // AWS key-id style
    static constexpr std::string_view kBase64 =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4]{};
};

}  // namespace stslab
