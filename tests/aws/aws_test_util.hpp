// Helpers for the world's tests: run a scenario written inline and look at what happened.
#pragma once

#include "scenario/loader.hpp"
#include "scenario/runner.hpp"

#include <doctest/doctest.h>

#include <string>

namespace stslab::test {

inline RunResult run_text(const std::string& text) { return run_scenario(load_scenario_text(text, "test.json")); }

// Runs `world`, a scenario whose "steps" array holds the placeholder STEPS, with `steps` in its place.
inline RunResult run_with_steps(std::string world, const std::string& steps) {
    world.replace(world.find("STEPS"), 5, steps);
    return run_text(world);
}

// `text` with every `from` replaced by `to`.
inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Every expectation of the run passed, and there were `count` of them.
inline void require_all_pass(const RunResult& r, std::size_t count) {
    for (const auto& c : r.checks) {
        CAPTURE(c.step);
        CAPTURE(c.detail);
        CHECK(c.passed);
    }
    CHECK(r.checks.size() == count);
}

// The trace events of one kind whose summary contains `text`.
inline std::size_t count_events(const RunResult& r, TraceKind kind, const std::string& text = "") {
    std::size_t n = 0;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == kind && (text.empty() || (r.trace->has_data(i) && r.trace->data(i).value("summary", "").find(text) != std::string::npos))) ++n;
    return n;
}

// The run's last CloudTrail record of `event` ("HeadObject"), or null.
inline const nlohmann::json* last_cloudtrail(const RunResult& r, const std::string& event) {
    const nlohmann::json* found = nullptr;
    for (const auto& rec : r.cloudtrail)
        if (rec.value("eventName", "") == event) found = &rec;
    return found;
}

}  // namespace stslab::test
