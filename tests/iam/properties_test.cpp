// Properties of the evaluation logic, checked over generated policies and requests (policy_gen.hpp). They follow
// from reference_policies_evaluation-logic: an explicit deny overrides any allow; the decision does not depend on
// the order of statements or policies; a permissions boundary, a session policy and an SCP set a maximum and can
// only take permissions away (access_policies_boundaries; access_policies "Session policies";
// orgs_manage_policies_scps). GetFederationToken sessions are left out of the last one on purpose: for them a
// missing session policy means no permissions at all.
#include "iam_test_util.hpp"
#include "iam/eval_request.hpp"
#include "iam/policy_gen.hpp"

#include <doctest/doctest.h>

#include <deque>

using namespace stslab;
using namespace stslab::iam;
using nlohmann::json;

namespace {

// A set of generated documents that can be varied and compiled again.
struct Docs {
    std::vector<json> identity;
    json resource;  // null when absent
    json boundary;
    json session;
    std::vector<std::vector<json>> scps;
};

struct Compiled {
    std::deque<Policy> owned;
    PolicySet set;
    const Policy* add(const json& doc, PolicyKind kind) {
        owned.push_back(compile_policy(doc, kind));
        return &owned.back();
    }
};

void compile_into(const Docs& d, Compiled& c) {
    for (const auto& p : d.identity) c.set.identity.push_back(c.add(p, PolicyKind::Identity));
    if (!d.resource.is_null()) c.set.resource = c.add(d.resource, PolicyKind::Resource);
    if (!d.boundary.is_null()) c.set.boundary = c.add(d.boundary, PolicyKind::Boundary);
    if (!d.session.is_null()) c.set.session.push_back(c.add(d.session, PolicyKind::Session));
    for (const auto& level : d.scps) {
        c.set.scps.emplace_back();
        for (const auto& p : level) c.set.scps.back().push_back(c.add(p, PolicyKind::Scp));
    }
}

Decision decide(const Request& r, const Docs& d) {
    Compiled c;
    compile_into(d, c);
    return evaluate(r, c.set, EvalDetail::Decision);
}

Docs generate(PolicyGenerator& gen, Rng& rng) {
    Docs d;
    const auto n = rng.between(1, 3);
    for (std::int64_t i = 0; i < n; ++i) d.identity.push_back(gen.policy(PolicyKind::Identity));
    if (rng.below(2)) d.resource = gen.policy(PolicyKind::Resource);
    if (rng.below(3) == 0) d.boundary = gen.policy(PolicyKind::Boundary);
    if (rng.below(3) == 0) d.session = gen.policy(PolicyKind::Session);
    if (rng.below(3) == 0) d.scps = {{gen.policy(PolicyKind::Scp)}, {gen.policy(PolicyKind::Scp)}};
    return d;
}

json with_statement(json policy, const json& statement) {
    policy["Statement"].push_back(statement);
    return policy;
}

template <class T>
void shuffle(std::vector<T>& v, Rng& rng) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

json shuffled_statements(json policy, Rng& rng) {
    std::vector<json> s = policy["Statement"].get<std::vector<json>>();
    shuffle(s, rng);
    policy["Statement"] = s;
    return policy;
}

constexpr int kCases = 400;

}  // namespace

TEST_CASE("property: adding a Deny statement anywhere never turns a Deny into an Allow") {
    Rng rng(101);
    PolicyGenerator gen(rng);
    int denied = 0;
    for (int i = 0; i < kCases; ++i) {
        const Request r = gen.request();
        Docs d = generate(gen, rng);
        if (decide(r, d).allowed()) continue;
        ++denied;
        switch (rng.below(4)) {
            case 0: d.identity.push_back(gen.policy(PolicyKind::Identity, 1)); d.identity.back()["Statement"][0]["Effect"] = "Deny"; break;
            case 1: d.resource = d.resource.is_null() ? json{{"Version", "2012-10-17"}, {"Statement", json::array({gen.statement(PolicyKind::Resource, "Deny")})}}
                                                      : with_statement(d.resource, gen.statement(PolicyKind::Resource, "Deny")); break;
            case 2: d.identity[0] = with_statement(d.identity[0], gen.statement(PolicyKind::Identity, "Deny")); break;
            default: if (!d.boundary.is_null()) d.boundary = with_statement(d.boundary, gen.statement(PolicyKind::Boundary, "Deny")); break;
        }
        CHECK_FALSE(decide(r, d).allowed());
    }
    CHECK(denied > kCases / 4);  // the property was exercised
}

TEST_CASE("property: adding an Allow statement never turns an Allow into a Deny") {
    Rng rng(202);
    PolicyGenerator gen(rng);
    int allowed = 0;
    for (int i = 0; i < kCases * 4; ++i) {
        const Request r = gen.request();
        Docs d = generate(gen, rng);
        if (!decide(r, d).allowed()) continue;
        ++allowed;
        switch (rng.below(5)) {
            case 0: d.identity.push_back(gen.policy(PolicyKind::Identity, 1)); d.identity.back()["Statement"][0]["Effect"] = "Allow"; break;
            case 1: d.identity[0] = with_statement(d.identity[0], gen.statement(PolicyKind::Identity, "Allow")); break;
            case 2: d.resource = d.resource.is_null() ? json{{"Version", "2012-10-17"}, {"Statement", json::array({gen.statement(PolicyKind::Resource, "Allow")})}}
                                                      : with_statement(d.resource, gen.statement(PolicyKind::Resource, "Allow")); break;
            case 3: if (!d.boundary.is_null()) d.boundary = with_statement(d.boundary, gen.statement(PolicyKind::Boundary, "Allow")); break;
            default: if (!d.scps.empty()) d.scps[1].push_back(gen.policy(PolicyKind::Scp, 1)), d.scps[1].back()["Statement"][0]["Effect"] = "Allow"; break;
        }
        CHECK(decide(r, d).allowed());
    }
    CHECK(allowed > 20);
}

TEST_CASE("property: the order of statements and of policies never changes the decision") {
    Rng rng(303);
    PolicyGenerator gen(rng);
    for (int i = 0; i < kCases; ++i) {
        const Request r = gen.request();
        const Docs d = generate(gen, rng);
        Docs e = d;
        shuffle(e.identity, rng);
        for (auto& p : e.identity) p = shuffled_statements(p, rng);
        if (!e.resource.is_null()) e.resource = shuffled_statements(e.resource, rng);
        if (!e.boundary.is_null()) e.boundary = shuffled_statements(e.boundary, rng);
        if (!e.session.is_null()) e.session = shuffled_statements(e.session, rng);
        for (auto& level : e.scps) shuffle(level, rng);
        const Decision a = decide(r, d), b = decide(r, e);
        CHECK(a.outcome == b.outcome);
        CHECK(a.decided_by == b.decided_by);
    }
}

TEST_CASE("property: a boundary, a session policy or SCPs only ever remove permissions") {
    Rng rng(404);
    PolicyGenerator gen(rng);
    int narrowed = 0;
    for (int i = 0; i < kCases; ++i) {
        const Request r = gen.request();
        Docs d = generate(gen, rng);
        d.boundary = json();
        d.session = json();
        d.scps.clear();
        const bool before = decide(r, d).allowed();
        Docs e = d;
        switch (rng.below(3)) {
            case 0: e.boundary = gen.policy(PolicyKind::Boundary); break;
            case 1: e.session = gen.policy(PolicyKind::Session); break;
            default: e.scps = {{gen.policy(PolicyKind::Scp)}, {gen.policy(PolicyKind::Scp)}}; break;
        }
        const bool after = decide(r, e).allowed();
        CHECK_MESSAGE(!(after && !before), r.principal.arn, " ", r.action, " ", r.resource);
        if (before && !after) ++narrowed;
    }
    CHECK(narrowed > 0);
}

TEST_CASE("generated documents are valid and deterministic for a seed") {
    Rng a(7), b(7);
    PolicyGenerator ga(a), gb(b);
    for (int i = 0; i < 50; ++i) {
        const json x = ga.eval_request(), y = gb.eval_request();
        CHECK(x == y);
        CHECK_FALSE(answer_eval_request(x.dump(), false).contains("error"));
    }
}
