// CloudTrail records shaped as AWS writes them (CloudTrail User Guide: cloudtrail-event-reference-record-contents,
// cloudtrail-event-reference-user-identity; IAM User Guide: cloudtrail-integration). Facts §7.
//
// Every call gets a record in the account whose service answered it. A cross-account AssumeRole is recorded in
// both accounts with one sharedEventID: in the caller's account with the caller's identity, in the role's account
// with userIdentity.type "AWSAccount". Secrets (SecretAccessKey) never appear; responseElements carry the new
// access key id, so a chain can be followed from record to record (facts §7, last point).
#pragma once

#include "aws/api.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace stslab::aws {

// The records for one finished call. `credential` is the one the call was made with (null when unsigned).
std::vector<TrailRecord> cloudtrail_records(ServiceContext& sc, const ApiCall& call, const ApiResult& result,
                                            const Credential* credential);

// The identity of calls made with `credential`: {"type", "principalId", "arn", "accountId", "accessKeyId",
// "userName"?, "sessionContext"?}.
TrailIdentity user_identity(const ServiceContext& sc, const Credential& credential);

}  // namespace stslab::aws
