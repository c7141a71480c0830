// What the STS operations share (sts.cpp: AssumeRole and the session-token calls; sts_federation.cpp:
// AssumeRoleWithSAML and AssumeRoleWithWebIdentity). Not for use outside sim/aws/sts*.cpp.
#pragma once

#include "aws/services.hpp"
#include "aws/validation.hpp"

namespace stslab::aws::sts_detail {

constexpr std::int64_t kHourSeconds = 3600;
constexpr std::size_t kSessionPolicyLimit = 2048;  // plaintext characters (facts §2)

// New credentials' secret access key and session token: in the answer that issues them, and kept nowhere else (the
// sandbox checks no signature, and a long run holds a credential for every AssumeRole).
struct Secrets {
    std::string secret_access_key, session_token;
};

nlohmann::json credentials_json(const ServiceContext& sc, const Credential& c, const Secrets& secrets);

// EC2 assuming an instance profile's role for an instance (the call's service principal is ec2.amazonaws.com).
bool instance_profile_call(const ApiCall& call);

// Fills in keys and times and stores the credentials (valid for `lifetime`), handed to the call's actor; their
// secrets go to `secrets`.
const Credential& issue(ServiceContext& sc, const ApiCall& call, Credential c, Duration lifetime, const Caller& caller,
                        Secrets& secrets);

// The session policy parameters: Policy (a JSON string, or an object) and PolicyArns ([{"arn": ...}] or plain
// strings). Validation problems go to `v`; a malformed document or an unknown policy ARN fails `result`, and so
// does a managed policy of an account other than `owner_account` ("The policies must exist in the same account as
// the role", API_AssumeRole; "... as the IAM user that is requesting federated access", API_GetFederationToken;
// AWS managed policies belong to every account; an empty `owner_account` checks nothing). Returns false when the
// call must stop; `plaintext_size` is their size toward the 2048-character limit.
bool read_session_policies(ServiceContext& sc, const ApiCall& call, ParamValidator& v, Credential& out,
                           ApiResult& result, std::size_t& plaintext_size, const std::string& owner_account);
// The account of an ARN parameter (RoleArn), or "" when it is absent or not an ARN.
std::string arn_account(const std::optional<std::string>& arn);
// False (and `result` failed with ValidationError) when a RoleArn that passed its length checks names no IAM role:
// "X is invalid" for text that is not an ARN, "Request ARN is invalid" for an ARN of something else (an OIDC or SAML
// provider, a user, a certificate). A role ARN of a role that does not exist passes: that is AccessDenied.
bool role_arn_well_formed(const std::string& arn, ApiResult& result);
// Tags, then the session policy parameters, then every validation error at once. False when the call must stop
// (`result` then holds the error); `packed` is the plaintext size of the session policies and tags.
bool read_session_parameters(ServiceContext& sc, const ApiCall& call, ParamValidator& v, Credential& c,
                             ApiResult& result, std::size_t& packed, const std::string& owner_account);

// The sandbox's PackedPolicySize: the plaintext share of the 2048-character limit, in percent. AWS reports the
// share of its compressed form, which the sandbox does not reproduce (a documented difference).
int packed_policy_size(std::size_t plaintext);
// False (and `result` failed with PackedPolicyTooLarge) when the session policies and tags exceed the limit.
bool packed_policy_fits(std::size_t plaintext, ApiResult& result);
// The same for the session tags alone ("Packed size of session tags consumes n% of allotted space.").
bool packed_tags_fit(std::size_t tags_plaintext, ApiResult& result);

// The trust evaluation's keys for the session tags a request brings: aws:RequestTag/K, aws:TagKeys and
// sts:TransitiveTagKeys (id_session-tags).
void add_session_tag_keys(iam::RequestContext& ctx, const std::map<std::string, std::string>& tags,
                          const std::vector<std::string>& transitive);

// Makes `c` a session of `role` named `session` (arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, id AROA...:SESSION).
void make_role_session(Credential& c, CredentialKind kind, const Role& role, const std::string& session);
// Credentials, AssumedRoleUser, and PackedPolicySize / SourceIdentity when they apply.
nlohmann::json role_session_response(const ServiceContext& sc, const Credential& issued, const Secrets& secrets,
                                     std::size_t packed);

}  // namespace stslab::aws::sts_detail
