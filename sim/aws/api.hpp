// One API call into the simulated AWS, and its result.
//
// Services are plain functions over the world: they read the call, authorize it exactly as AWS would, change the
// world, and return an AWS-shaped response or error, the authorization decisions they made (with explanations),
// the credentials they issued, and the world changes, for the trace and for CloudTrail.
#pragma once

#include "aws/credentials.hpp"
#include "aws/pinned.hpp"
#include "aws/trail_record.hpp"
#include "aws/world.hpp"
#include "core/rng.hpp"
#include "core/time.hpp"
#include "iam/evaluate.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace stslab::aws {

struct ApiCall {
    std::string operation;        // "sts:AssumeRole", "s3:GetObject", ...
    nlohmann::json params = nlohmann::json::object();
    std::string resource;         // resource actions: the ARN acted on
    std::string access_key_id;    // the credentials used; "" for an unsigned call
    nlohmann::json extra_context;  // request context keys the scenario adds: null (none) or an object
    std::string actor;            // who makes the call (holds any credentials it returns)
    std::string service_principal;  // an AWS service acting without credentials ("cloudtrail.amazonaws.com"): the
                                    // call is signed by the service itself (service_principal_may_call)
    bool by_identity_center = false;  // AssumeRoleWithSAML made by IAM Identity Center for sso:GetRoleCredentials
    std::string identity_store_user_id;  // ... for this user of its identity store (identitystore:UserId)
    // Made with a presigned URL (its access key is the signer's): {"operation", "resource", "signed_t" (simulated ms),
    // "expires_in" (seconds)}; null for a call signed in its header.
    nlohmann::json presigned;
};

struct DecisionRecord {
    // The decision's label is "ACTION on RESOURCE" ("sts:AssumeRole on arn:aws:iam::111122223333:role/X"), from the
    // request, then this note: "" nearly always, " (no such role)", ... (a long run keeps no copy of the rest).
    std::string label_note;
    iam::Request request;      // what was asked (principal, action, resource, context)
    iam::Decision decision;    // how the call was decided: outcome, deciding policy type, message, the statements
                               // that applied (no explanation: evaluating the request against `policies` again
                               // with EvalDetail::Explain gives it, whenever it is wanted)
    PinnedPolicySet policies;  // the policies it was decided with, as they were then (a later call may replace them)
};

// A change to the world, in words: English (the trace's summary) and Korean (the Korean replay's line). AWS's own
// words (ARNs, keys, instance states) stay as they are in both.
struct WorldChange {
    std::string en, ko;
};

// A KMS operation S3 made on the caller's behalf (a forward access session) to encrypt or decrypt an object: KMS logs
// it in CloudTrail as the caller's call, invoked by S3 (aws/cloudtrail.hpp).
struct KmsUse {
    const char* operation = "";  // "Decrypt", "GenerateDataKey"
    std::string key_arn, key_account, region;
    std::string object_arn;       // the encryption context's aws:s3:arn
    std::string denial;           // KMS's AccessDenied message; "" when it allowed
};

struct ApiResult {
    bool ok = false;
    std::string error_code;     // AccessDenied, ExpiredToken, ValidationError, NoSuchKey, ...
    std::string error_message;
    int http_status = 200;
    nlohmann::json response = nlohmann::json::object();  // the AWS-shaped answer (an {"Error": ...} on failure)
    std::vector<DecisionRecord> decisions;
    std::string issued_key;     // access key id of credentials this call issued
    std::vector<WorldChange> changes;  // world changes, in words
    std::string recipient_account;     // the account whose service answered (for CloudTrail)
    std::string region;                // the region the call went to, when not us-east-1 by default (for CloudTrail)
    // Unsigned federation calls (AssumeRoleWithSAML / WithWebIdentity): the CloudTrail userIdentity (SAMLUser,
    // WebIdentityUser) and requestParameters (what STS read from the assertion, never the assertion itself).
    std::optional<TrailIdentity> trail_identity;
    nlohmann::json trail_parameters;
    std::vector<TrailRecord> more_trail;  // records of calls this one made (Identity Center's AssumeRoleWithSAML)
    std::vector<KmsUse> kms_uses;         // KMS operations S3 made for this call, in order
    bool unknown_key = false;  // refused because its access key is unknown, deleted or inactive (it authenticated no one)
    bool failed_authentication = false;  // S3 refused its presigned URL (expired, or for another call): no CloudTrail record
};

// What every service function works with.
struct ServiceContext {
    World& world;
    CredentialStore& credentials;
    Rng& rng;
    EpochMs start;  // the scenario's start: simulated t = 0
    SimTime now;
    PolicyPins& pins;  // the copies of policies that decisions keep (one set for the whole run)
};

// Fills `result` as a failed call: {"Error": {"Type", "Code", "Message"}}.
void fail(ApiResult& result, std::string code, std::string message, int http_status);
void access_denied(ApiResult& result, std::string message);

}  // namespace stslab::aws
