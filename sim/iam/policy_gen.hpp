// Random but realistic policies and requests from the run's seeded Rng, for the `stslab bench eval` workload and
// the property tests (tests/iam/properties.cpp). Same seed, same documents, on every machine.
//
// The universe is small on purpose so that generated statements often match generated requests: two accounts,
// a few users, roles and sessions, S3 / EC2 / STS actions, two buckets, and condition keys of every operator
// family (a third of the statements carry a condition).
#pragma once

#include "core/rng.hpp"
#include "iam/policy.hpp"
#include "iam/request.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace stslab::iam {

class PolicyGenerator {
public:
    explicit PolicyGenerator(Rng& rng) : rng_(rng) {}

    // One statement valid for `kind`; `effect` "Allow" / "Deny", or "" for a random one (mostly Allow).
    nlohmann::json statement(PolicyKind kind, const std::string& effect = "");
    // A policy of `statements` statements (1..3 when 0).
    nlohmann::json policy(PolicyKind kind, int statements = 0);
    // A request by a random principal of the universe, with a random context.
    Request request();
    // A whole `stslab eval` request (eval_request.hpp) with 2..5 policies; conditions on about a third.
    nlohmann::json eval_request();

private:
    template <std::size_t N>
    const char* pick(const char* const (&items)[N]) {
        return items[rng_.below(N)];
    }
    bool chance(unsigned percent) { return rng_.below(100) < percent; }
    nlohmann::json condition();
    nlohmann::json principal_element();

    Rng& rng_;
};

}  // namespace stslab::iam
