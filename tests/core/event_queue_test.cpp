// The event queue orders by (time, priority, insertion sequence), whichever inner structure an event sits in.
#include "core/error.hpp"
#include "core/event_queue.hpp"
#include "core/rng.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>
#include <vector>

using namespace stslab;

TEST_CASE("events come out in time order, then priority, then insertion order") {
    EventQueue q;
    q.push(10, 0, 1);
    q.push(5, 0, 2);
    q.push(10, -1, 3);  // same time, lower priority value: first
    q.push(10, 0, 4);   // same time and priority as 1: after it
    q.push(5000, 0, 5); // beyond the wheel's span
    q.push(5, 3, 6);
    std::vector<std::uint32_t> order;
    while (!q.empty()) order.push_back(q.pop().payload);
    CHECK(order == std::vector<std::uint32_t>{2, 6, 3, 1, 4, 5});
}

TEST_CASE("an event cannot be scheduled before the last one taken") {
    EventQueue q;
    q.push(100, 0, 1);
    q.pop();
    CHECK(q.floor() == 100);
    CHECK_THROWS_AS(q.push(99, 0, 2), Error);
    CHECK_NOTHROW(q.push(100, 0, 3));
    CHECK_THROWS_AS(q.push(200, 40000, 4), Error);
}

TEST_CASE("a random mix of pushes and pops matches a sorted reference") {
    // Times near and far, several priorities and many ties: the calendar wheel, the heap and the hand-over
    // between them must together give exactly the order of a sorted list.
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        Rng rng(seed);
        EventQueue q;
        std::vector<std::tuple<SimTime, int, std::uint64_t, std::uint32_t>> reference;
        std::uint64_t sequence = 0;
        std::uint32_t payload = 0;
        for (int op = 0; op < 5000; ++op) {
            if (rng.below(3) != 0 || q.empty()) {
                const std::uint64_t range_kind = rng.below(10);
                const SimTime delay = range_kind < 7 ? rng.between(0, 100)
                                      : range_kind < 9 ? rng.between(0, 10000)
                                                       : rng.between(0, 10000000);
                const int priority = rng.below(5) == 0 ? static_cast<int>(rng.between(-2, 2)) : 0;
                q.push(q.floor() + delay, priority, payload);
                reference.emplace_back(q.floor() + delay, priority, sequence++, payload++);
            } else {
                const auto first = std::min_element(reference.begin(), reference.end());
                const EventQueue::Item item = q.pop();
                REQUIRE(item.payload == std::get<3>(*first));
                REQUIRE(item.time == std::get<0>(*first));
                REQUIRE(item.priority == std::get<1>(*first));
                reference.erase(first);
            }
            REQUIRE(q.size() == reference.size());
        }
        std::sort(reference.begin(), reference.end());
        for (const auto& r : reference) REQUIRE(q.pop().payload == std::get<3>(r));
        CHECK(q.empty());
    }
}
