// Who is calling, in the terms the policy engine needs: the principal a credential stands for, the policies that
// apply to it now (read from the current world, so a revoked or changed role takes effect at once), and the
// request context AWS would build for its calls (facts §3: aws:PrincipalArn, aws:TokenIssueTime,
// aws:MultiFactorAuthPresent/Age, aws:PrincipalTag/K, aws:SourceIdentity, aws:CurrentTime, aws:EpochTime,
// aws:PrincipalAccount, aws:PrincipalOrgID, aws:username, aws:userid).
#pragma once

#include "aws/api.hpp"

#include <map>
#include <string>
#include <vector>

namespace stslab::aws {

struct Caller {
    const Credential* credential = nullptr;  // null for an unsigned (anonymous) call
    iam::Principal principal;
    std::vector<const iam::Policy*> identity;
    const iam::Policy* boundary = nullptr;
    std::vector<const iam::Policy*> session;
    std::map<std::string, std::string> principal_tags;
};

// The caller behind a credential; an unsigned call when `credential` is null.
Caller caller_of(const ServiceContext& sc, const Credential* credential);

// The request context of a call by `caller` at sc.now, plus the scenario's extra keys (strings or arrays).
iam::RequestContext request_context(const ServiceContext& sc, const Caller& caller, const nlohmann::json& extra);
// The tags of the resource a call acts on, as `service`:ResourceTag/K ("iam", "ec2") and aws:ResourceTag/K.
void add_resource_tags(iam::RequestContext& ctx, const char* service, const std::map<std::string, std::string>& tags);
// Sets a key from JSON: an array is a multivalued key; other values are text (non-strings as their JSON).
void set_context_key(iam::RequestContext& ctx, const std::string& key, const nlohmann::json& value);

// Evaluates `action` on `resource` (owned by `resource_account`) with the caller's policies, the resource's
// policy (a bucket policy, or a role's trust policy for sts:AssumeRole*), SCPs and RCPs. Records the decision in
// `result` with the policies it was made with (DecisionRecord::explain gives its full explanation), and returns it
// (the reference is valid until the next authorize()). The record keeps the context: a caller done with it moves it in.
// `aws_managed_key`: the resource is an AWS managed KMS key, to which RCPs do not apply.
const iam::Decision& authorize(const ServiceContext& sc, const Caller& caller, const std::string& action,
                               const std::string& resource, const std::string& resource_account,
                               const iam::Policy* resource_policy, iam::RequestContext context, ApiResult& result,
                               bool aws_managed_key = false);

}  // namespace stslab::aws
