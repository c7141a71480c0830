#include "core/rng.hpp"

namespace stslab {

void Rng::reseed(std::uint64_t seed) {
    // SplitMix64 expands the seed into the four state words (never all zero).
    std::uint64_t x = seed;
    for (auto& word : s_) {
        x += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        word = z ^ (z >> 31);
    }
}

std::string Rng::chars(std::string_view alphabet, std::size_t n) {
    std::string out(n, '\0');
    for (auto& c : out) c = alphabet[static_cast<std::size_t>(below(alphabet.size()))];
    return out;
}

}  // namespace stslab
