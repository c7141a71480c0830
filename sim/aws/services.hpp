// The simulated AWS services. Each function takes the call and the caller behind its credentials, authorizes it
// exactly as AWS would, changes the world, and returns the AWS-shaped answer (api.hpp).
//
// call_service() is the single entry point: it authenticates the credentials (unknown key: InvalidClientTokenId;
// expired: ExpiredToken), applies what the credentials may call at all (facts §2: session credentials and
// GetSessionToken / GetFederationToken; GetSessionToken credentials without MFA and IAM; federated users and STS),
// then dispatches to the operation.
#pragma once

#include "aws/api.hpp"
#include "aws/caller.hpp"

#include <set>
#include <string>
#include <vector>

namespace stslab::aws {

// IAM's quotas (reference_iam-quotas), held by the IAM calls and by the loader alike: the inline policies of a user,
// a group or a role together, without white space; the managed policies attached to one (the default quota); a
// role's trust policy; a managed policy's size and versions; the groups a user is in; a user's access keys.
// The world change a revocation (console:RevokeActiveSessions) notes: this, the role's ARN, then ": sessions issued
// before TIME are denied everything" (the replay marks the sessions it reached).
inline constexpr const char* kRevokeChangePrefix = "put the inline policy AWSRevokeOlderSessions on ";
inline constexpr const char* kRevokeChangeMiddle = ": sessions issued before ";

namespace iam_quota {
constexpr std::size_t kUserInlineLimit = 2048, kGroupInlineLimit = 5120, kRoleInlineLimit = 10240, kAttachedLimit = 10,
                      kTrustPolicyLimit = 2048, kManagedPolicyLimit = 6144, kVersionLimit = 5, kGroupsPerUser = 10,
                      kAccessKeysPerUser = 2;
// An account's own: "Users in an AWS account 5000" (not adjustable), "Groups ... 300", "Roles ... 1000", "Customer
// managed policies ... 1500" (reference_iam-quotas, "Default quotas for IAM entities"; the last three can be raised).
// The sandbox counts them against the calls that make one, not against what a file holds.
constexpr std::size_t kUsersPerAccount = 5000, kGroupsPerAccount = 300, kRolesPerAccount = 1000, kPoliciesPerAccount = 1500;
// A policy's size as IAM counts it against these quotas: its characters without white space, in its strings too
// ("IAM does not count white space when calculating the size of a policy", reference_iam-quotas; the quotas are
// "in non-whitespace characters", API_GetAccountSummary's AssumeRolePolicySizeQuota and GroupPolicySizeQuota; the
// quotas count characters, so a Latin-1 letter is one).
std::size_t policy_size(const nlohmann::json& document);
}  // namespace iam_quota

ApiResult call_service(ServiceContext& sc, const ApiCall& call);

// The operations (services.cpp dispatches here).
ApiResult sts_assume_role(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_assume_role_with_saml(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_assume_role_with_web_identity(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_get_session_token(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_get_federation_token(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_assume_root(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_get_web_identity_token(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_get_caller_identity(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_decode_authorization_message(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sts_get_access_key_info(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult sso_get_role_credentials(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult signin_get_signin_token(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult signin_login(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult iam_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller);
// iam:EnableOutboundWebIdentityFederation, DisableOutboundWebIdentityFederation, GetOutboundWebIdentityFederationInfo.
ApiResult iam_outbound_federation(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult s3_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult ec2_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller);
ApiResult authorization_only(ServiceContext& sc, const ApiCall& call, const Caller& caller);

// Whether `operation` (e.g. "sts:AssumeRole") is one the sandbox implements; and all of them, in order.
bool known_operation(const std::string& operation);
const std::set<std::string>& known_operations();
// A call the sandbox authorizes exactly as AWS would but does not carry out: SERVICE:Action in AWS's form
// ("dynamodb:GetItem", "iam:CreateLoginProfile", "s3:GetBucketTagging") that is none of the simulated calls, for any service
// but those the sandbox simulates call by call (sts, signin, sso, console). Allowed, it answers an empty response
// and changes nothing; refused, it fails as that service refuses (AccessDenied; EC2's UnauthorizedOperation).
bool authorization_only_operation(const std::string& operation);
// What the sandbox knows of such a service, by its prefix ("dynamodb"): its actor's name in the replay (AWS's short
// name, "DynamoDB"; the prefix for a service the table does not have), its CloudTrail endpoint (null: PREFIX.amazonaws.com),
// and how it refuses (the error code and HTTP status of AWS's protocol for it).
struct OtherService {
    std::string actor;
    const char* endpoint = nullptr;
    const char* denial_code = "AccessDenied";
    int denial_status = 403;
};
OtherService other_service(const std::string& prefix);
// A service the sandbox carries calls out for, by the prefix of its operations ("sts", "console"): the actor that
// answers them in the replay and the endpoint CloudTrail names as their eventSource; null for any other prefix.
struct SandboxService {
    const char* prefix;
    const char* actor;
    const char* endpoint;
};
const SandboxService* sandbox_service(std::string_view prefix);
// The request parameters of an STS, IAM, S3 or EC2 call, as its API reference names them (with the sandbox's Body,
// Region and the like); nullptr for an operation without such a list.
const std::vector<const char*>* operation_parameters(const std::string& operation);
// For a parameter name that is one of the operation's own written in another case ("ExternalID"), that parameter's
// name; nullptr otherwise. AWS's names are case sensitive: STS would ignore the misspelt one, the SDKs refuse it.
const char* parameter_in_other_case(const std::string& operation, const std::string& name);
// Whether `name` is one of the operation's parameters (operation_parameters); false for an operation without a list.
bool takes_parameter(const std::string& operation, std::string_view name);
// Operations made without credentials, whose authentication is what they carry: AssumeRoleWithSAML and
// AssumeRoleWithWebIdentity (an assertion or token), signin:Login (a sign-in token), sso:GetRoleCredentials (an
// access-portal token).
bool unsigned_operation(const std::string& operation);
// Whether `name` is an AWS service principal, as a policy's {"Service": ...} names one: "SERVICE.amazonaws.com"
// (lower-case letters, digits, '-' and '.').
bool is_service_principal(const std::string& name);
// The calls an AWS service principal makes in the sandbox on a resource's behalf (aws:SourceArn, aws:SourceAccount):
// sts:AssumeRole of a service role (its trust names the service), the S3 calls and the calls the sandbox authorizes
// only. They are decided by the resource's policy (a role's trust policy) and the RCPs alone: a service principal
// has no identity policies, and SCPs limit only the principals of the organization's accounts.
bool service_principal_may_call(const std::string& operation);
// The instances an EC2 call names: its resource ARN's (arn:aws:ec2:REGION:ACCT:instance/ID), else params.InstanceIds.
std::vector<std::string> ec2_instance_ids(const ApiCall& call);
// Why S3 refuses `document` as the policy of `bucket` (MalformedPolicy's message), or "" when it takes it: an action
// that is not S3's, or an API operation's name that is no IAM action; a resource outside the bucket; an action none of
// its statement's resources can be (ListBucket on objects only).
std::string bucket_policy_fault(const nlohmann::json& document, const std::string& bucket);
// Whether S3 takes a bucket policy for public (AmazonS3 access-control-block-public-access, "The meaning of
// public"): a statement allows everyone and does not pin the request to fixed values of the keys S3 lists.
bool bucket_policy_public(const nlohmann::json& document);
// The same for an access point's policy, which S3 judges "slightly differently" (access-control-block-public-access,
// "Access points"): never public with a VPC network origin, and public when it grants to a set of access points with
// s3:DataAccessPointArn.
bool access_point_policy_public(const AccessPoint& ap, const nlohmann::json& document);
// Whether S3 Block Public Access's RestrictPublicBuckets refuses `caller` what `resource_policy` (a bucket's
// policy, for `resource` in the bucket) would decide: the policy is public, the setting is on for the bucket or its
// account, and the caller is neither an AWS service nor of the bucket owner's account.
bool public_access_restricted(const World& world, const iam::Principal& caller, const std::string& resource,
                              const iam::Policy* resource_policy);

}  // namespace stslab::aws
