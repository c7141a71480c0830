// Policy evaluation: one authorization decision, exactly in AWS's order
// (reference_policies_evaluation-logic, reference_policies_evaluation-logic_policy-eval-denyallow,
//  reference_policies_evaluation-logic-cross-account, access_policies_boundaries).
//
//  1. An applicable explicit Deny in any policy (RCP, SCP, VPC endpoint, resource-based, identity-based, boundary,
//     session)
//     -> ExplicitDeny.
//  2. RCPs (when the resource's account has them, not for the management account) and SCPs (for IAM principals
//     of a member account, its root user included; never for the management account): every organization level
//     (root, each OU, the account) must have an applicable Allow -> else ImplicitDeny. A request that came through
//     a VPC endpoint: the endpoint's policy must allow it too -> else ImplicitDeny.
//  3. Same account: a resource-based policy Allow decides Allow when it names the IAM user, the role SESSION or
//     the federated user (or "*") directly; when it names the ROLE, the grant still needs the permissions
//     boundary and session policy to allow (no identity policy needed); when it names only the account, the
//     identity-based policies must allow. A role trust policy must always allow (an identity policy alone never
//     lets anyone assume a role).
//  4. Identity-based policies: no Allow -> ImplicitDeny. The account's root user needs none in its own account.
//  5. Permissions boundary (if any): no Allow -> ImplicitDeny.
//  6. Session policy (if the session has one; a GetFederationToken session always has one, an absent one
//     allowing nothing): no Allow -> ImplicitDeny.
//  Cross account (resource_account differs from the principal's): the resource side (resource-based policy or
//  role trust policy naming the principal in any form, RCPs) AND the principal side (identity, boundary, session,
//  SCPs) must each allow.
//  A Deny statement of a resource-based policy with NotPrincipal always applies to a principal that has a
//  permissions boundary (access_policies_boundaries, reference_policies_elements_notprincipal).
//
// The decision carries the policy type that decided it in AWS's words and the AccessDenied message
// ("User: ARN is not authorized to perform: ACTION on resource: ARN because no identity-based policy allows the
// ACTION action" / "... with an explicit deny in a service control policy"; troubleshoot_access-denied).
#pragma once

#include "iam/explanation.hpp"
#include "iam/policy.hpp"
#include "iam/request.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stslab::iam {

// The policies that apply to one request. Pointers: the caller owns the compiled policies (compile once,
// evaluate many times) and keeps them alive during evaluate().
struct PolicySet {
    std::vector<const Policy*> identity;           // the user's and its groups' policies, or the role's
    const Policy* resource = nullptr;              // the resource's policy, or the role's trust policy (Trust)
    const Policy* boundary = nullptr;              // the principal's permissions boundary
    std::vector<const Policy*> session;            // session policies (inline and managed), if the session has any
    std::vector<std::vector<const Policy*>> scps;  // per level: organization root, OUs..., the account
    std::vector<std::vector<const Policy*>> rcps;  // per level, for the resource's account
    // The policy of the VPC endpoint the request came through, if it came through one: "An endpoint policy does not
    // override or replace identity-based policies or resource-based policies" (vpc-endpoints-access), it must allow
    // the request as well.
    const Policy* endpoint = nullptr;
    // What each SCP and RCP level is, by which an explanation names it: "root", an OU's name or the account's id.
    // Null (a question without a world, `stslab eval`): the level's number alone.
    std::shared_ptr<const std::vector<std::string>> scp_targets, rcp_targets;
    bool principal_in_management_account = false;  // SCPs do not apply
    bool resource_in_management_account = false;   // RCPs do not apply
    // The resource is an AWS managed KMS key (aws/s3): "Resource control policies in your organization do not apply
    // to AWS managed keys" (kms resource-control-policies).
    bool aws_managed_key = false;
    // A question about a role (`stslab eval`) that gives no trust policy: the role's trust policy, which must allow
    // the request, allows nobody (`resource` is null).
    bool trust_not_given = false;
    // S3 Block Public Access refuses this caller whatever the resource's policy says: the bucket's policy is public,
    // RestrictPublicBuckets is on, and the caller is neither of the bucket owner's account nor an AWS service
    // (access-control-block-public-access). "Any denial resulting from the RestrictPublicBuckets setting is
    // explicit", named as a resource-based policy's (AmazonS3 troubleshoot-403-errors).
    bool public_access_restricted = false;
};

enum class Outcome : std::uint8_t { Allow, ExplicitDeny, ImplicitDeny };
const char* to_string(Outcome outcome);  // "Allow", "ExplicitDeny", "ImplicitDeny"

struct MatchedStatement {
    const Policy* policy = nullptr;
    std::uint32_t statement = 0;  // index into policy->statements
    int level = -1;               // SCP/RCP level, else -1
};

enum class EvalDetail : std::uint8_t {
    Decision,  // outcome and deciding type only: no allocation, stops at the first explicit Deny
    Matched,   // also the message and every statement that applied
    Explain,   // also the full explanation
};

struct Decision {
    Outcome outcome = Outcome::ImplicitDeny;
    // Deny: the policy type named in the message. Allow: the type whose Allow decided (resource-based / role trust
    // policy for a direct grant, else identity-based policy); nullopt for the root user in its own account.
    std::optional<PolicyKind> decided_by;
    std::optional<MatchedStatement> deciding;  // the explicit Deny, or the Allow that decided, when there is one
    std::string message;                       // AccessDenied message; empty for Allow (Matched and Explain only)
    std::vector<MatchedStatement> matched;     // every statement that applied (Matched and Explain only)
    std::optional<Explanation> explanation;    // Explain only

    bool allowed() const { return outcome == Outcome::Allow; }
};

// The bucket owner's root user getting, putting or deleting its bucket's policy, which "can perform the
// GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies
// the root principal's access. Bucket owner root principals can only be blocked from performing these API actions by
// VPC endpoint policies and AWS Organizations policies" (AmazonS3 API_PutBucketPolicy): evaluate() leaves the
// resource-based policy out.
bool bucket_owner_root_exempt(const Request& request);

Decision evaluate(const Request& request, const PolicySet& policies, EvalDetail detail = EvalDetail::Matched);

// What STS decides from the kind of caller alone, before any policy is read (facts §1-2; API_AssumeRole,
// API_GetCallerIdentity, API_GetSessionToken, API_GetFederationToken, id_credentials_sts-comparison):
//  - sts:GetCallerIdentity needs no permission and works even under an explicit Deny;
//  - sts:GetSessionToken needs none either ("You cannot use policies to control authentication operations");
//  - role sessions and federated users cannot call GetSessionToken or GetFederationToken;
//  - the root user cannot assume a role;
//  - a federated user can call no IAM operation and no STS operation but GetCallerIdentity.
// nullopt when policies decide. evaluate() applies it first; the simulated STS checks the same rules on the
// credentials themselves (which also tell GetSessionToken's sessions apart) and takes its messages from here.
struct CallerRule {
    Outcome outcome = Outcome::ImplicitDeny;
    std::string message;  // the AccessDenied message; empty for Allow
    const char* reason;   // why, in a sentence (the explanation's first step)
    const char* reason_ko;  // the same in Korean
};
std::optional<CallerRule> caller_rule(const Principal& principal, std::string_view action);
std::string session_credentials_message(std::string_view operation);  // "Cannot call OP with session credentials"
extern const char* const kRootAssumeRoleMessage;                         // "Roles may not be assumed by root accounts."
std::string federated_user_message(const std::string& arn, std::string_view action);

// What an organization level's target is, in words: "the root", "OU Workloads", "account 111122223333" (PolicySet's
// scp_targets and rcp_targets name them "root", the OU's name, the account's id).
std::string organization_level_name(const std::string& target, bool korean);

// The AccessDenied message for a denial decided by `kind`.
std::string access_denied_message(const Request& request, Outcome outcome, PolicyKind kind);

// {"decision", "denied_by", "message", "matched": [...]} plus "explanation" when there is one
// (the `stslab eval` output, scenario-format.md).
nlohmann::json to_json(const Decision& decision);

// to_json(decision)'s members, one function each, for a writer of core/json_writer.hpp that merges them with
// members of its own in key order: "decision", "denied_by", "explanation" (only when there is one: see
// has_explanation), "matched", "message". write_json writes the object alone.
template <class W>
void write_decision_member(W& w, const Decision& d) {
    string_member(w, "decision", to_string(d.outcome));
}
template <class W>
void write_denied_by_member(W& w, const Decision& d) {
    w.key("denied_by");
    if (d.outcome != Outcome::Allow && d.decided_by) {
        w.string(policy_type_name(*d.decided_by));
    } else {
        w.null();
    }
}
template <class W>
void write_explanation_member(W& w, const Decision& d) {
    if (!d.explanation) return;
    w.key("explanation");
    write_json(w, *d.explanation);
}
template <class W>
void write_matched_member(W& w, const Decision& d) {
    w.key("matched");
    w.array(d.matched.size());
    for (const auto& m : d.matched) {
        const Statement& st = m.policy->statements[m.statement];
        w.object(4 + (m.level >= 0 ? 1 : 0) + (st.sid.empty() ? 0 : 1));
        string_member(w, "effect", to_string(st.effect));
        if (m.level >= 0) {
            w.key("level");
            w.integer(m.level);
        }
        string_member(w, "policy", m.policy->name);
        if (!st.sid.empty()) {
            string_member(w, "sid", st.sid);
        }
        string_member(w, "statement", st.path);
        string_member(w, "type", policy_type_name(m.policy->kind));
    }
}
template <class W>
void write_message_member(W& w, const Decision& d) {
    w.key("message");
    if (d.outcome != Outcome::Allow) {
        w.string(d.message);
    } else {
        w.null();
    }
}
inline std::size_t decision_member_count(const Decision& d) { return d.explanation ? 5 : 4; }

template <class W>
void write_json(W& w, const Decision& d) {
    w.object(decision_member_count(d));
    write_decision_member(w, d);
    write_denied_by_member(w, d);
    write_explanation_member(w, d);
    write_matched_member(w, d);
    write_message_member(w, d);
}

}  // namespace stslab::iam
