// What the service files share (services.cpp: the entry point, S3, EC2 and the calls only authorized;
// iam_service.cpp: IAM's calls). Not for use outside sim/aws/.
#pragma once

#include "aws/services.hpp"

#include <optional>
#include <string>

namespace stslab::aws::service_detail {

// IAM's answer to a call on "the caller's own" user (no UserName) from credentials that have no user: a role session,
// a federated user (API_ListAccessKeys: "If a temporary access key is used, then UserName is required").
inline constexpr const char* kNonUserCredentials = "Must specify userName when calling with non-User credentials";

std::string service_of(const std::string& operation);  // "s3" of "s3:GetObject"
std::string action_name(const std::string& operation);  // "GetObject"
// A string parameter's value; "" when it is absent or not a string.
std::string param(const ApiCall& call, const char* name);
// A parameter as given (null when absent).
nlohmann::json document_param(const ApiCall& call, const char* name);

// The request's tags as conditions see them: params.Tags ([{"Key", "Value"}]) is aws:RequestTag/K and aws:TagKeys,
// params.TagKeys is aws:TagKeys; a key the step's `context` gives keeps the step's value.
void add_request_tags(iam::RequestContext& ctx, const ApiCall& call);
void add_request_tags(iam::RequestContext& ctx, const ApiCall& call, const nlohmann::json& tags);

// A policy document a call passes, as an object or as the text of one; nullopt once `result` fails with `code` (IAM's
// MalformedPolicyDocument, S3's MalformedPolicy) and the reason.
std::optional<iam::Policy> compile_document(const nlohmann::json& doc, iam::PolicyKind kind, const std::string& name,
                                            const char* code, ApiResult& result);
// The first user or role a trust or bucket policy names that does not exist (accounts the scenario does not describe
// are taken to exist); "" when there is none.
std::string missing_principal(const World& world, const iam::Policy& policy);

// PutObject's header parameters, with their condition keys ("s3:" + the header): ACL is x-amz-acl,
// ServerSideEncryption x-amz-server-side-encryption, SSEKMSKeyId x-amz-server-side-encryption-aws-kms-key-id,
// StorageClass x-amz-storage-class.
const std::vector<std::pair<const char*, const char*>>& s3_put_headers();
// The encryption an upload to `bucket` asks for ("AES256", "aws:kms", "aws:kms:dsse"): its ServerSideEncryption
// header, else the bucket's default encryption.
std::string upload_encryption(const ApiCall& call, const Bucket& bucket);
// An object's encryption as GetObject, HeadObject, PutObject and CopyObject answer it: ServerSideEncryption, SSEKMSKeyId
// for a KMS key, and BucketKeyEnabled when it uses an S3 Bucket Key.
void add_encryption_answer(const S3Object& object, nlohmann::json& answer);
// Text with its %XX escapes decoded (an S3 header's value: x-amz-copy-source, x-amz-tagging).
std::string percent_decoded(std::string_view text);

}  // namespace stslab::aws::service_detail
