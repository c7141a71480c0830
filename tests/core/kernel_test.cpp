// The kernel: ordering, ties, run-until, stepping, latency and determinism.
#include "core/error.hpp"
#include "core/kernel.hpp"
#include "core/kernel_bench.hpp"
#include "trace/trace.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace stslab;

namespace {

// Records what it receives as "time:label:from".
struct Recorder final : Actor {
    std::vector<std::string> got;
    void receive(Kernel& k, const Message& m) override {
        got.push_back(std::to_string(k.now()) + ":" + k.label_name(m.label) + ":" + k.actor_name(m.from));
    }
};

// Answers every message with "pong" after 20 ms, up to `limit` times.
struct Ponger final : Actor {
    ActorId self;
    int limit = 0;
    void receive(Kernel& k, const Message& m) override {
        if (limit-- > 0) k.send(self, m.from, k.label("pong"), 20);
    }
};

}  // namespace

TEST_CASE("a message arrives after its latency") {
    Kernel k;
    Recorder r;
    const ActorId a = k.add_actor("a", nullptr);
    const ActorId b = k.add_actor("b", &r);
    k.send(a, b, k.label("hello"), 20);
    CHECK(k.pending() == 1);
    CHECK(k.run() == 1);
    CHECK(r.got == std::vector<std::string>{"20:hello:a"});
    CHECK(k.now() == 20);
}

TEST_CASE("simultaneous events run by priority, then in the order they were scheduled") {
    Kernel k;
    std::vector<std::string> order;
    k.at(10, [&](Kernel&) { order.push_back("first-normal"); });
    k.at(10, [&](Kernel&) { order.push_back("last"); }, priority::kLast);
    k.at(10, [&](Kernel&) { order.push_back("second-normal"); });
    k.at(10, [&](Kernel&) { order.push_back("first"); }, priority::kFirst);
    k.at(5, [&](Kernel&) { order.push_back("earlier"); }, priority::kLast);
    k.run();
    CHECK(order == std::vector<std::string>{"earlier", "first", "first-normal", "second-normal", "last"});
}

TEST_CASE("messages sent at the same time with the same latency arrive in send order") {
    Kernel k;
    Recorder r;
    const ActorId a = k.add_actor("a", nullptr), b = k.add_actor("b", nullptr), c = k.add_actor("c", &r);
    k.send(b, c, k.label("x"), 7);
    k.send(a, c, k.label("y"), 7);
    k.send(a, c, k.label("z"), 3);
    k.run();
    CHECK(r.got == std::vector<std::string>{"3:z:a", "7:x:b", "7:y:a"});
}

TEST_CASE("run_until runs exactly the events due by then and moves the clock there") {
    Kernel k;
    std::vector<SimTime> seen;
    for (SimTime t : {5, 10, 15, 20}) k.at(t, [&](Kernel& kk) { seen.push_back(kk.now()); });
    CHECK(k.run_until(10) == 2);
    CHECK(seen == std::vector<SimTime>{5, 10});
    CHECK(k.now() == 10);
    CHECK(k.run_until(12) == 0);
    CHECK(k.now() == 12);
    CHECK(k.next_time() == 15);
    CHECK(k.step());
    CHECK(k.now() == 15);
    CHECK(k.run() == 1);
    CHECK_FALSE(k.step());
    CHECK(k.idle());
}

TEST_CASE("an action cannot be scheduled in the past and a message cannot have negative latency") {
    Kernel k;
    const ActorId a = k.add_actor("a", nullptr);
    k.run_until(100);
    CHECK_THROWS_AS(k.at(99, [](Kernel&) {}), Error);
    CHECK_THROWS_AS(k.send(a, a, k.label("x"), -1), Error);
    CHECK_THROWS_AS(k.send(a, ActorId{}, k.label("x"), 1), Error);
    CHECK_THROWS_AS(k.add_actor("a", nullptr), Error);
    CHECK(k.actor_count() == 1);  // the refused name added nothing
    CHECK(k.find_actor("a").value == a.value);
    CHECK_FALSE(k.find_actor("b").valid());
}

TEST_CASE("actors exchange messages through the kernel, each hop with its latency") {
    Kernel k;
    Ponger p1, p2;
    p1.self = k.add_actor("p1", &p1);
    p2.self = k.add_actor("p2", &p2);
    p1.limit = 2;
    p2.limit = 2;
    k.send(p1.self, p2.self, k.label("ping"), 20);
    CHECK(k.run() == 5);  // ping, then four pongs
    CHECK(k.now() == 100);
}

TEST_CASE("labels are interned once and actors are found by name") {
    Kernel k;
    CHECK(k.label("a") == k.label("a"));
    CHECK(k.label("a") != k.label("b"));
    CHECK(k.label_name(k.label("b")) == "b");
    const ActorId x = k.add_actor("x", nullptr);
    CHECK(k.find_actor("x") == x);
    CHECK_FALSE(k.find_actor("y").valid());
}

TEST_CASE("the same seed gives an identical run, fingerprint for fingerprint") {
    KernelBenchConfig config;
    config.deliveries = 5000;
    config.actors = 20;
    config.in_flight = 30;
    config.seed = 9;
    Trace t1, t2, t3;
    const auto r1 = run_kernel_bench(config, &t1);
    const auto r2 = run_kernel_bench(config, &t2);
    config.seed = 10;
    run_kernel_bench(config, &t3);
    CHECK(r1.deliveries == 5000);
    CHECK(r1.checksum == r2.checksum);
    CHECK(t1.size() == t2.size());
    CHECK(fingerprint(t1) == fingerprint(t2));
    CHECK(fingerprint(t1) != fingerprint(t3));
}

TEST_CASE("the kernel benchmark's run is pinned") {
    // A change to the queue's order, the generator or the workload shows up here.
    KernelBenchConfig config;
    config.deliveries = 20000;
    config.actors = 100;
    config.in_flight = 100;
    config.seed = 1;
    Trace trace;
    const auto r = run_kernel_bench(config, &trace);
    CHECK(r.deliveries == 20000);
    CHECK(trace.size() == 40100);
    CHECK(fingerprint_hex(trace) == "90a793cf33806a95");
}
