// A policy document, parsed and validated once and kept in a compiled form that evaluates without re-reading
// any text (reference_policies_grammar, reference_policies_elements_*).
//
// compile_policy() checks the document against the grammar and against where it is attached (PolicyKind):
// - a resource-based policy and a role trust policy need Principal or NotPrincipal (trust: Principal only);
//   an identity-based policy, permissions boundary, session policy and SCP must not name a principal; an RCP's
//   Principal must be "*" (reference_policies_elements_principal, _notprincipal; orgs_manage_policies_rcps).
// - NotPrincipal is only for resource-based policies and only with "Effect": "Deny" (_notprincipal).
// - a trust policy has no Resource (the role is the resource); every other kind needs Resource or NotResource.
// - "Version" is "2012-10-17" (policy variables) or "2008-10-17" / absent (no variables) (_version).
// Any fault throws MalformedPolicyDocument naming it and its JSON path. Nothing unknown is ignored.
//
// The compiled form keeps the original JSON document so a viewer can show it and point at a statement by its
// path ("Statement/1"). Actions are lower-cased glob codes (matched case-insensitively); resources are ARN glob
// codes matched part by part; condition values are pre-parsed (condition.hpp).
#pragma once

#include "iam/arn.hpp"
#include "iam/condition.hpp"
#include "iam/malformed.hpp"
#include "iam/variables.hpp"
#include "iam/wildcard.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stslab::iam {

enum class PolicyKind : std::uint8_t {
    Identity,  // attached to a user, group or role
    Resource,  // attached to a resource (bucket policy, key policy, ...)
    Trust,     // a role's trust policy (a resource-based policy whose resource is the role)
    Boundary,  // a permissions boundary of a user or role
    Session,   // a session policy passed to AssumeRole* / GetFederationToken
    Scp,       // an AWS Organizations service control policy
    Rcp,       // an AWS Organizations resource control policy
    Endpoint,  // the policy of the VPC endpoint a request came through (a resource-based policy on the endpoint)
};

// AWS's words for the kind, as AccessDenied messages use them (troubleshoot_access-denied):
// "identity-based policy", "resource-based policy", "role trust policy", "permissions boundary",
// "session policy", "service control policy", "resource control policy", "VPC endpoint policy".
const char* policy_type_name(PolicyKind kind);
// The same in Korean, as the explanations' Korean sentences name it ("역할 신뢰 정책").
const char* policy_type_name_ko(PolicyKind kind);
// The Sid of the statement the sandbox writes at the end of a VPC-origin access point's policy: S3 "rejects any request
// made to the access point that doesn't originate from that VPC" (access-points-vpc), a Deny no file writes.
inline constexpr const char* kS3NetworkOriginSid = "S3NetworkOriginVPC";

// A policy's name as the Korean sentences write it: the names the sandbox gives the policies it makes ("bucket policy
// of NAME", "trust policy of ROLE", "task policy NAME", ...) in Korean; a name the scenario gave stays as written.
std::string policy_name_ko(std::string_view name);
// The short name used in JSON ("identity", "resource", "trust", "boundary", "session", "scp", "rcp", "endpoint").
const char* policy_kind_id(PolicyKind kind);

enum class Effect : std::uint8_t { Allow, Deny };
const char* to_string(Effect effect);

// One entry of a Principal / NotPrincipal element.
struct PrincipalEntry {
    enum class Kind : std::uint8_t {
        Everyone,       // "*" or {"AWS": "*"}
        Account,        // {"AWS": "ACCT"} or {"AWS": "arn:aws:iam::ACCT:root"}
        User,           // arn:aws:iam::ACCT:user/...
        Role,           // arn:aws:iam::ACCT:role/... (matches the role's sessions)
        RoleSession,    // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
        FederatedUser,  // arn:aws:sts::ACCT:federated-user/NAME
        Service,        // {"Service": "ec2.amazonaws.com"}
        Federated,      // {"Federated": "arn:aws:iam::ACCT:saml-provider/X" | "accounts.google.com" | ...}
        CanonicalUser,  // {"CanonicalUser": "..."} or a CloudFront OAI (S3; never matches an IAM principal here)
    };
    Kind kind = Kind::Everyone;
    std::string value;    // as written
    std::string account;  // Account/User/Role/RoleSession/FederatedUser
    // User/Role, in a policy saved into a world: the unique id (AIDA..., AROA...) of the user or role the ARN named
    // then. IAM keeps the id, not the name: "If you delete the role, then you break the relationship", and a role
    // made again under the name is another principal (reference_policies_elements_principal). "" matches by ARN.
    std::string unique_id;
};

struct PrincipalSet {
    std::vector<PrincipalEntry> entries;
};

struct ResourcePattern {
    ValueTemplate pattern;  // the text, with its variables
    ArnMatcher matcher;     // when there are no variables
    bool any = false;       // exactly "*"
};

enum class PrincipalElement : std::uint8_t { None, Principal, NotPrincipal };

struct Statement {
    std::uint32_t index = 0;
    std::string path;  // "Statement/0", or "Statement" when the document's Statement is a single object
    std::string sid;
    Effect effect = Effect::Allow;
    PrincipalElement principal_element = PrincipalElement::None;
    PrincipalSet principals;
    bool not_action = false;
    std::vector<Glob> actions;  // lower-cased
    bool has_resource = false;  // false only in trust policies
    bool not_resource = false;
    std::vector<ResourcePattern> resources;
    std::vector<Condition> conditions;
};

struct Policy {
    std::string name;
    PolicyKind kind = PolicyKind::Identity;
    std::string version;  // "2012-10-17", "2008-10-17", or "" when absent
    bool variables_enabled = false;
    std::vector<Statement> statements;
    // The original document, shared and never changed: a decision keeps the documents it was made with (a later
    // call may replace a policy) without copying them, and a packed trace stores each one once. Null for a policy
    // compiled by the eval fast path (policy_lite.hpp).
    std::shared_ptr<const nlohmann::json> document;
};

// Compiles a parsed document. Throws MalformedPolicyDocument.
Policy compile_policy(const nlohmann::json& document, PolicyKind kind, std::string name = "");
// The same, keeping `document` by moving it into the policy instead of copying it.
Policy compile_policy(nlohmann::json&& document, PolicyKind kind, std::string name = "");
// Compiles a JSON text (text that is not JSON is MalformedPolicyDocument with path "", and so is a key that
// appears twice in one object, with the object's path).
Policy compile_policy_text(std::string_view text, PolicyKind kind, std::string name = "");

// " (did you mean 'X'?)" for the candidate closest to `word` within two edits (one more per five characters past
// ten), else "": a policy's misspelt element or operator, an eval question's misspelt field.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace stslab::iam
