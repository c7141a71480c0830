#include "iam/policy_gen.hpp"

namespace stslab::iam {
namespace {

using nlohmann::json;

constexpr const char* kActions[] = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject",
                                    "ec2:TerminateInstances", "ec2:DescribeInstances", "sts:AssumeRole"};
constexpr const char* kActionPatterns[] = {"s3:GetObject", "s3:Get*", "s3:*", "*", "ec2:*", "s3:?utObject",
                                           "ec2:TerminateInstances", "S3:LISTBUCKET", "sts:AssumeRole"};
constexpr const char* kResources[] = {"arn:aws:s3:::b1/k", "arn:aws:s3:::b1/home/alice/x", "arn:aws:s3:::b2/k",
                                      "arn:aws:s3:::b1",
                                      "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0"};
constexpr const char* kResourcePatterns[] = {"*",
                                             "arn:aws:s3:::b1/*",
                                             "arn:aws:s3:::b?/k",
                                             "arn:aws:s3:::b1",
                                             "arn:aws:s3:::b1/home/${aws:username}/*",
                                             "arn:aws:ec2:*:111122223333:instance/*",
                                             "arn:aws:s3:::*"};
constexpr const char* kPrincipals[] = {"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob",
                                       "arn:aws:sts::111122223333:assumed-role/Dev/s1",
                                       "arn:aws:iam::444455556666:user/carol", "arn:aws:iam::111122223333:root"};
constexpr const char* kPrincipalEntries[] = {"111122223333", "arn:aws:iam::111122223333:user/alice",
                                             "arn:aws:iam::111122223333:role/Dev", "arn:aws:iam::444455556666:root",
                                             "arn:aws:sts::111122223333:assumed-role/Dev/s1"};
constexpr const char* kTeams[] = {"web", "data", "ops"};
constexpr const char* kIps[] = {"203.0.113.9", "198.51.100.7", "2001:db8::5"};

}  // namespace

json PolicyGenerator::condition() {
    switch (rng_.below(8)) {
        case 0: return {{"StringEquals", {{"aws:PrincipalTag/team", pick(kTeams)}}}};
        case 1: return {{"Bool", {{"aws:MultiFactorAuthPresent", chance(50) ? "true" : "false"}}}};
        case 2: return {{"IpAddress", {{"aws:SourceIp", chance(50) ? "203.0.113.0/24" : "2001:db8::/32"}}}};
        case 3: return {{"NumericLessThanEquals", {{"s3:max-keys", rng_.between(1, 100)}}}};
        case 4: return {{"DateLessThan", {{"aws:CurrentTime", chance(50) ? "2026-06-01T00:00:00Z" : "2025-01-01"}}}};
        case 5: return {{"ForAnyValue:StringLike", {{"aws:TagKeys", json::array({"env*", "team"})}}}};
        case 6: return {{"StringNotEqualsIfExists", {{"aws:RequestedRegion", "eu-west-1"}}}};
        default: return {{"Null", {{"aws:TokenIssueTime", chance(50) ? "true" : "false"}}}};
    }
}

json PolicyGenerator::principal_element() {
    if (chance(15)) return "*";
    json list = json::array();
    const auto n = rng_.between(1, 2);
    for (std::int64_t i = 0; i < n; ++i) list.push_back(pick(kPrincipalEntries));
    return {{"AWS", list.size() == 1 ? list[0] : list}};
}

json PolicyGenerator::statement(PolicyKind kind, const std::string& effect) {
    json s = json::object();
    s["Effect"] = !effect.empty() ? effect : (chance(75) ? "Allow" : "Deny");
    const bool negate_action = chance(10);
    json actions = json::array();
    const auto n = rng_.between(1, 2);
    for (std::int64_t i = 0; i < n; ++i) actions.push_back(pick(kActionPatterns));
    s[negate_action ? "NotAction" : "Action"] = actions.size() == 1 ? actions[0] : actions;
    if (kind != PolicyKind::Trust) s[chance(8) ? "NotResource" : "Resource"] = pick(kResourcePatterns);
    if (kind == PolicyKind::Resource || kind == PolicyKind::Trust) s["Principal"] = principal_element();
    if (kind == PolicyKind::Rcp) s["Principal"] = "*";
    if (chance(33)) s["Condition"] = condition();
    return s;
}

json PolicyGenerator::policy(PolicyKind kind, int statements) {
    const auto n = statements > 0 ? statements : rng_.between(1, 3);
    json list = json::array();
    for (std::int64_t i = 0; i < n; ++i) list.push_back(statement(kind));
    return {{"Version", "2012-10-17"}, {"Statement", list}};
}

Request PolicyGenerator::request() {
    Request r;
    r.principal = Principal::from_arn(pick(kPrincipals));
    r.action = pick(kActions);
    r.resource = pick(kResources);
    r.resource_account = chance(80) ? "111122223333" : "444455556666";
    if (chance(60)) r.context.set("aws:PrincipalTag/team", pick(kTeams));
    if (chance(50)) r.context.set("aws:MultiFactorAuthPresent", chance(50) ? "true" : "false");
    r.context.set("aws:SourceIp", pick(kIps));
    if (chance(50)) r.context.set("s3:max-keys", std::to_string(rng_.between(1, 200)));
    r.context.set("aws:CurrentTime", chance(50) ? "2026-01-01T09:00:00Z" : "2027-01-01T00:00:00Z");
    if (chance(40)) r.context.set_multi("aws:TagKeys", {chance(50) ? "env" : "owner", "team"});
    if (chance(30)) r.context.set("aws:TokenIssueTime", "2026-01-01T08:00:00Z");
    if (chance(30)) r.context.set("aws:RequestedRegion", chance(50) ? "eu-west-1" : "us-east-1");
    add_principal_keys(r.context, r.principal);
    return r;
}

json PolicyGenerator::eval_request() {
    const Request r = request();
    json j = {{"principal", r.principal.arn}, {"action", r.action}, {"resource", r.resource},
              {"resource_account", r.resource_account}};
    json context = json::object();
    for (const auto& e : r.context.entries()) {
        std::string key = e.key;
        for (char& c : key) c = ascii_lower(c);
        if (key.rfind("aws:principal", 0) == 0 || key == "aws:username" || key == "aws:userid")
            continue;  // derived from the principal by the reader
        context[e.key] = e.multivalued ? json(e.values) : json(e.values.front());
    }
    j["context"] = context;
    const auto total = rng_.between(2, 5);
    json identity = json::array();
    identity.push_back(policy(PolicyKind::Identity));
    for (std::int64_t i = 1; i < total; ++i) {
        switch (rng_.below(5)) {
            case 0: identity.push_back(policy(PolicyKind::Identity)); break;
            case 1: j["resource_policy"] = policy(PolicyKind::Resource); break;
            case 2: j["permissions_boundary"] = policy(PolicyKind::Boundary); break;
            case 3:  // only a session has a session policy
                if (r.principal.type == PrincipalType::AssumedRole || r.principal.type == PrincipalType::FederatedUser)
                    j["session_policy"] = policy(PolicyKind::Session);
                else
                    j["permissions_boundary"] = policy(PolicyKind::Boundary);
                break;
            default: j["scps"] = json::array({json::array({policy(PolicyKind::Scp)})}); break;
        }
    }
    j["identity_policies"] = identity;
    return j;
}

}  // namespace stslab::iam
