// The generated organization of `stslab bench world` (scenario/world_gen.hpp).
#include "scenario/runner.hpp"
#include "scenario/world_gen.hpp"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

using namespace stslab;

namespace {

WorldGenConfig small(std::uint64_t seed) {
    WorldGenConfig c;
    c.accounts = 5;
    c.roles = 20;
    c.calls = 400;
    c.seed = seed;
    return c;
}

}  // namespace

TEST_CASE("a generated world has the accounts, roles, users and buckets asked for, all in one organization") {
    const Scenario s = generate_world(small(1));
    CHECK(s.world.accounts.size() == 5);
    std::size_t roles = 0;
    for (const auto& [id, account] : s.world.accounts) {
        CHECK(account.users.size() == 2);
        roles += account.roles.size();
        CHECK(s.world.organization->accounts.count(id) == 1);
        for (const auto& [name, role] : account.roles) CHECK(role.arn == "arn:aws:iam::" + id + ":role/" + name);
    }
    CHECK(roles == 20);
    CHECK(s.world.buckets.size() == 5);
    CHECK(s.actors.size() == 10);
    for (const auto& [name, actor] : s.actors) CHECK(s.world.user(actor.principal) != nullptr);
}

TEST_CASE("a generated workload has exactly the calls asked for, in time order, each by a known actor") {
    const Scenario s = generate_world(small(2));
    REQUIRE(s.steps.size() == 400);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const Step& step = s.steps[i];
        if (i > 0) CHECK(step.at >= s.steps[i - 1].at);
        CHECK(s.actors.count(step.actor) == 1);
        CHECK(ids.insert(step.id).second);
        const bool sts = step.spec.call == "sts:AssumeRole";
        CHECK((sts || step.spec.call == "s3:GetObject" || step.spec.call == "s3:PutObject"));
        if (sts) CHECK(s.world.role(step.spec.params.at("RoleArn").get<std::string>()) != nullptr);
        else CHECK_FALSE(step.spec.using_.empty());  // S3 calls use the credentials of the episode's AssumeRole
    }
}

TEST_CASE("a generated run makes every step an API call, most of them allowed and some denied") {
    const RunResult r = run_scenario(generate_world(small(3)));
    std::size_t answers = 0, failed = 0;
    for (std::size_t i = 0; i < r.trace->size(); ++i) {
        const nlohmann::json body = r.trace->data(i);
        if ((*r.trace)[i].kind != TraceKind::Sent || !body.contains("ok")) continue;
        ++answers;
        if (!body.at("ok").get<bool>()) ++failed;
    }
    CHECK(answers == 400);
    CHECK(failed > 0);
    CHECK(failed < answers / 3);
}

TEST_CASE("the same configuration generates the same run, and another seed another") {
    const std::string a = fingerprint_hex(*run_scenario(generate_world(small(4))).trace);
    CHECK(fingerprint_hex(*run_scenario(generate_world(small(4))).trace) == a);
    CHECK(fingerprint_hex(*run_scenario(generate_world(small(5))).trace) != a);
}

TEST_CASE("a world needs at least one account and one role") {
    WorldGenConfig c = small(1);
    c.accounts = 0;
    CHECK_THROWS_AS(generate_world(c), std::invalid_argument);
    c.accounts = 1;
    c.roles = 0;
    CHECK_THROWS_AS(generate_world(c), std::invalid_argument);
}
