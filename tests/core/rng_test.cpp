// The seeded generator: the same seed gives the same numbers on every machine.
#include "core/rng.hpp"

#include <doctest/doctest.h>

#include <set>
#include <vector>

using namespace stslab;

TEST_CASE("the same seed gives the same sequence and another seed another") {
    Rng a(42), b(42), c(43);
    std::vector<std::uint64_t> va, vb, vc;
    for (int i = 0; i < 100; ++i) {
        va.push_back(a.next());
        vb.push_back(b.next());
        vc.push_back(c.next());
    }
    CHECK(va == vb);
    CHECK(va != vc);
}

TEST_CASE("the generator's output is pinned, so it cannot drift between builds or libraries") {
    // xoshiro256** seeded by SplitMix64(0): these values are part of every scenario's determinism.
    Rng r(0);
    const std::uint64_t first = r.next();
    const std::uint64_t second = r.next();
    Rng again(0);
    CHECK(again.next() == first);
    CHECK(again.next() == second);
    CHECK(first == 0x99ec5f36cb75f2b4ULL);
    CHECK(second == 0xbf6e1f784956452aULL);
}

TEST_CASE("below stays in range and reaches every value") {
    Rng r(7);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 10000; ++i) {
        const auto v = r.below(10);
        REQUIRE(v < 10);
        seen.insert(v);
    }
    CHECK(seen.size() == 10);
    for (int i = 0; i < 1000; ++i) {
        const auto v = r.between(1, 100);
        REQUIRE(v >= 1);
        REQUIRE(v <= 100);
    }
    CHECK(r.below(1) == 0);
}

TEST_CASE("below is not visibly biased") {
    Rng r(3);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; ++i) ++counts[r.below(3)];
    for (int c : counts) CHECK(c > 9500);
}

TEST_CASE("chars draws only from the alphabet") {
    Rng r(1);
    const std::string key = r.chars(Rng::kUpperDigits, 16);
    CHECK(key.size() == 16);
    CHECK(key.find_first_not_of(Rng::kUpperDigits) == std::string::npos);
}
