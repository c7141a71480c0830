// The entry point of every call (authentication and what the credentials may call at all), the resource services
// S3 and EC2, and the calls only authorized. IAM's calls are in iam_service.cpp.
#include "aws/services.hpp"
#include "aws/services_internal.hpp"

#include "aws/validation.hpp"
#include "core/rng.hpp"
#include "core/sha1.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"
#include "iam/ip.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

namespace stslab::aws {

using namespace std::string_view_literals;  // `s == "text"sv` compares lengths first: no strlen, no call

std::size_t iam_quota::policy_size(const nlohmann::json& document) {
    // Compact, so the only spaces left are in strings; a tab or line break in a string is written escaped.
    const std::string text = document.dump();
    return utf8_length(text) - static_cast<std::size_t>(std::count(text.begin(), text.end(), ' '));
}

namespace service_detail {

std::string service_of(const std::string& operation) { return operation.substr(0, operation.find(':')); }
std::string action_name(const std::string& operation) { return operation.substr(operation.find(':') + 1); }

std::string param(const ApiCall& call, const char* name) {
    const auto it = call.params.find(name);
    return it != call.params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The request's tags and tag keys, as the services that take tags give them to conditions: params.Tags
// ([{"Key", "Value"}], as IAM's TagRole, CreateRole and most services take them) is aws:RequestTag/K and
// aws:TagKeys; params.TagKeys (an untagging call's) is aws:TagKeys (reference_policies_condition-keys).
// A key the step's `context` gives keeps the step's value (a what-if the scenario asks for).
void add_request_tags(iam::RequestContext& ctx, const ApiCall& call) {
    const auto tags = call.params.find("Tags");
    add_request_tags(ctx, call, tags != call.params.end() ? *tags : nlohmann::json());
}

// The same with the tags given: `tags` is a list of {"Key", "Value"} (RunInstances' are in its TagSpecifications).
void add_request_tags(iam::RequestContext& ctx, const ApiCall& call, const nlohmann::json& tags) {
    std::vector<std::string> keys;
    if (tags.is_array()) {
        for (const auto& tag : tags) {
            if (!tag.is_object() || !tag.contains("Key") || !tag["Key"].is_string()) continue;
            const std::string key = tag["Key"].get<std::string>();
            keys.push_back(key);
            if (tag.contains("Value") && tag["Value"].is_string())
                ctx.set_default("aws:RequestTag/" + key, tag["Value"].get<std::string>());
        }
    }
    if (const auto list = call.params.find("TagKeys"); list != call.params.end() && list->is_array())
        for (const auto& key : *list)
            if (key.is_string()) keys.push_back(key.get<std::string>());
    if (!keys.empty() && !call.extra_context.contains("aws:TagKeys")) ctx.set_multi("aws:TagKeys", std::move(keys));
}

nlohmann::json document_param(const ApiCall& call, const char* name) {
    const auto it = call.params.find(name);
    if (it == call.params.end()) return nullptr;
    return *it;
}

std::optional<iam::Policy> compile_document(const nlohmann::json& doc, iam::PolicyKind kind, const std::string& name,
                                            const char* code, ApiResult& result) {
    try {
        if (doc.is_string()) return iam::compile_policy_text(doc.get<std::string>(), kind, name);
        return iam::compile_policy(doc, kind, name);
    } catch (const iam::MalformedPolicyDocument& e) {
        // AWS's answer is the fault alone ("Has prohibited field Resource", "Policy statement must contain
        // resources.", as users have recorded IAM's answers), without the path a scenario file's fault gets.
        fail(result, code, e.reason(), 400);
    }
    return std::nullopt;
}

// A trust policy (or a bucket policy) may name only principals that exist (knowledge-center
// iam-trust-policy-error): users and roles, and the accounts of every principal that names one. As when a file is
// loaded, the scenario's accounts are all the accounts there are. Returns the first principal that does not, or "".
std::string missing_principal(const World& world, const iam::Policy& policy) {
    using K = iam::PrincipalEntry::Kind;
    for (const auto& st : policy.statements)
        for (const auto& e : st.principals.entries) {
            if (e.kind == K::Everyone || e.kind == K::Service || e.kind == K::Federated || e.kind == K::CanonicalUser)
                continue;
            if (!world.accounts.count(e.account)) return e.value;
            if (e.kind == K::User && world.user(e.value) == nullptr) return e.value;
            if (e.kind == K::Role && world.role(e.value) == nullptr) return e.value;
        }
    return "";
}

const std::vector<std::pair<const char*, const char*>>& s3_put_headers() {
    static const std::vector<std::pair<const char*, const char*>> headers = {
        {"ACL", "s3:x-amz-acl"},
        {"ServerSideEncryption", "s3:x-amz-server-side-encryption"},
        {"SSEKMSKeyId", "s3:x-amz-server-side-encryption-aws-kms-key-id"},
        {"StorageClass", "s3:x-amz-storage-class"},
        // The grant headers of an object's upload (API_PutObject), each its own condition key (amazon-s3-policy-keys:
        // "Require the x-amz-full-control header").
        {"GrantFullControl", "s3:x-amz-grant-full-control"},
        {"GrantRead", "s3:x-amz-grant-read"},
        {"GrantReadACP", "s3:x-amz-grant-read-acp"},
        {"GrantWriteACP", "s3:x-amz-grant-write-acp"},
    };
    return headers;
}

std::string percent_decoded(std::string_view text) {
    const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) && hex(text[i + 2])) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string upload_encryption(const ApiCall& call, const Bucket& bucket) {
    const std::string sse = param(call, "ServerSideEncryption");
    return sse.empty() ? bucket.encryption.algorithm : sse;
}

void add_encryption_answer(const S3Object& object, nlohmann::json& answer) {
    answer["ServerSideEncryption"] = object.encryption;
    if (!object.kms_key.empty()) answer["SSEKMSKeyId"] = object.kms_key;
    if (object.bucket_key) answer["BucketKeyEnabled"] = true;
}

}  // namespace service_detail

using namespace service_detail;

const std::set<std::string>& known_operations() {
    static const std::set<std::string> operations = {
        "sts:AssumeRole",        "sts:AssumeRoleWithSAML",     "sts:AssumeRoleWithWebIdentity", "sts:GetSessionToken",
        "sts:GetFederationToken", "sts:GetCallerIdentity",     "iam:PutRolePolicy",             "iam:DeleteRolePolicy",
        "iam:PutUserPolicy",      "iam:DeleteUserPolicy",      "iam:UpdateAssumeRolePolicy",    "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",   "iam:AttachUserPolicy",      "iam:DetachUserPolicy",          "console:RevokeActiveSessions",
        "s3:GetObject",           "s3:PutObject",              "s3:CopyObject",                 "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy",  "s3:GetBucketPolicy",  "s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock",
        "s3:PutBucketEncryption", "s3:GetBucketEncryption", "s3:DeleteBucketEncryption",
        "s3:DeleteObject",        "s3:ListBucket",             "s3:HeadObject",                 "s3:HeadBucket",
        "s3:ListObjectsV2",       "s3:ListObjects",            "ec2:DescribeInstances",         "ec2:StopInstances",
        "ec2:TerminateInstances", "signin:GetSigninToken",   "signin:Login",                  "sso:GetRoleCredentials",
        "sts:DecodeAuthorizationMessage", "iam:TagRole",          "iam:UntagRole",                 "iam:TagUser",
        "iam:UntagUser",          "iam:PutGroupPolicy",        "iam:DeleteGroupPolicy",         "iam:AttachGroupPolicy",
        "iam:DetachGroupPolicy",  "iam:AddUserToGroup",        "iam:RemoveUserFromGroup",       "iam:PutRolePermissionsBoundary",
        "iam:DeleteRolePermissionsBoundary", "iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary",
        "iam:UpdateRole",         "iam:CreateAccessKey",       "iam:UpdateAccessKey",           "iam:DeleteAccessKey",
        "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:CreateRole",
        "iam:DeleteRole",         "iam:CreateUser",            "iam:DeleteUser",                "iam:CreateGroup",
        "iam:DeleteGroup",        "iam:CreatePolicy",          "iam:DeletePolicy",              "iam:DeactivateMFADevice",
        "sts:GetAccessKeyInfo",   "ec2:StartInstances",       "sts:AssumeRoot",                "sts:GetWebIdentityToken",
        "iam:EnableOutboundWebIdentityFederation", "iam:DisableOutboundWebIdentityFederation",
        "iam:GetOutboundWebIdentityFederationInfo",
    };
    return operations;
}

bool known_operation(const std::string& operation) { return known_operations().count(operation) > 0; }

bool authorization_only_operation(const std::string& operation) {
    const std::size_t colon = operation.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= operation.size() || known_operation(operation))
        return false;
    const std::string service = operation.substr(0, colon);
    for (const char* whole : {"sts", "signin", "sso", "console", "idp"})
        if (service == whole) return false;
    // A service prefix as the Service Authorization Reference writes them ("dynamodb", "execute-api"); an action in
    // upper camel case ("GetItem"), as every AWS API names its operations.
    const auto lower = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'; };
    const auto alnum = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
    return service.front() >= 'a' && service.front() <= 'z' && service.back() != '-' &&
           std::all_of(service.begin(), service.end(), lower) && std::isupper(static_cast<unsigned char>(operation[colon + 1])) &&
           std::all_of(operation.begin() + static_cast<std::ptrdiff_t>(colon) + 1, operation.end(), alnum);
}

const SandboxService* sandbox_service(std::string_view prefix) {
    static const SandboxService kServices[] = {
        {"sts", "STS", "sts.amazonaws.com"},          {"iam", "IAM", "iam.amazonaws.com"},
        {"console", "IAM", "iam.amazonaws.com"},      {"s3", "S3", "s3.amazonaws.com"},
        {"ec2", "EC2", "ec2.amazonaws.com"},          {"signin", "Sign-in", "signin.amazonaws.com"},
        {"sso", "SSO", "sso.amazonaws.com"},
    };
    for (const SandboxService& service : kServices)
        if (prefix == service.prefix) return &service;
    return nullptr;
}

OtherService other_service(const std::string& prefix) {
    // The services of AWS's JSON protocols refuse with AccessDeniedException (DynamoDB: "Status Code: 400; Error
    // Code: AccessDeniedException"; the JSON services' Common Errors: "AccessDeniedException - You do not have
    // sufficient access to perform this action."), SNS with AuthorizationError, the query protocols with AccessDenied.
    constexpr const char* kJson = "AccessDeniedException";
    static const std::map<std::string, OtherService> kServices = {
        {"acm", {"ACM", nullptr, kJson, 400}},
        {"apigateway", {"API Gateway", nullptr, kJson, 403}},
        {"athena", {"Athena", nullptr, kJson, 400}},
        {"autoscaling", {"Auto Scaling"}},
        {"cloudformation", {"CloudFormation"}},
        {"cloudtrail", {"CloudTrail", nullptr, kJson, 400}},
        {"cloudwatch", {"CloudWatch", "monitoring.amazonaws.com"}},
        {"codebuild", {"CodeBuild", nullptr, kJson, 400}},
        {"codecommit", {"CodeCommit", nullptr, kJson, 400}},
        {"codedeploy", {"CodeDeploy", nullptr, kJson, 400}},
        {"codepipeline", {"CodePipeline", nullptr, kJson, 400}},
        {"config", {"Config", nullptr, kJson, 400}},
        {"dynamodb", {"DynamoDB", nullptr, kJson, 400}},
        {"ecr", {"ECR", nullptr, kJson, 400}},
        {"ecs", {"ECS", nullptr, kJson, 400}},
        {"eks", {"EKS", nullptr, kJson, 403}},
        {"elasticloadbalancing", {"ELB"}},
        {"elasticmapreduce", {"EMR", nullptr, kJson, 400}},
        {"events", {"EventBridge", nullptr, kJson, 400}},
        {"execute-api", {"API Gateway"}},
        {"firehose", {"Firehose", nullptr, kJson, 400}},
        {"glue", {"Glue", nullptr, kJson, 400}},
        {"kinesis", {"Kinesis", nullptr, kJson, 400}},
        {"kms", {"KMS", nullptr, kJson, 400}},
        {"lambda", {"Lambda", nullptr, kJson, 403}},
        {"logs", {"CloudWatch Logs", nullptr, kJson, 400}},
        {"organizations", {"Organizations", nullptr, kJson, 400}},
        {"rds", {"RDS"}},
        {"route53", {"Route 53"}},
        {"sagemaker", {"SageMaker", nullptr, kJson, 400}},
        {"servicecatalog", {"Service Catalog", nullptr, kJson, 400}},
        {"secretsmanager", {"Secrets Manager", nullptr, kJson, 400}},
        {"sns", {"SNS", nullptr, "AuthorizationError", 403}},
        {"sqs", {"SQS"}},
        {"ssm", {"Systems Manager", nullptr, kJson, 400}},
        {"states", {"Step Functions", nullptr, kJson, 400}},
        {"tag", {"Resource Groups Tagging", "tagging.amazonaws.com"}},
    };
    const auto it = kServices.find(prefix);
    return it != kServices.end() ? it->second : OtherService{prefix};
}

const std::vector<const char*>* operation_parameters(const std::string& operation) {
    static const std::map<std::string, std::vector<const char*>> parameters = {
        {"sts:AssumeRole", {"RoleArn", "RoleSessionName", "Policy", "PolicyArns", "DurationSeconds", "Tags",
                            "TransitiveTagKeys", "ExternalId", "SerialNumber", "TokenCode", "SourceIdentity",
                            "ProvidedContexts"}},
        {"sts:AssumeRoleWithSAML", {"RoleArn", "PrincipalArn", "SAMLAssertion", "Policy", "PolicyArns", "DurationSeconds"}},
        {"sts:AssumeRoleWithWebIdentity", {"RoleArn", "RoleSessionName", "WebIdentityToken", "ProviderId", "Policy",
                                           "PolicyArns", "DurationSeconds"}},
        {"sts:GetSessionToken", {"DurationSeconds", "SerialNumber", "TokenCode"}},
        {"sts:GetCallerIdentity", {}},  // "Request Parameters: For information about the parameters that are common to all actions" only
        {"sts:GetFederationToken", {"Name", "Policy", "PolicyArns", "DurationSeconds", "Tags"}},
        {"sts:DecodeAuthorizationMessage", {"EncodedMessage"}},
        {"sts:GetAccessKeyInfo", {"AccessKeyId"}},
        {"sts:AssumeRoot", {"TargetPrincipal", "TaskPolicyArn", "DurationSeconds"}},
        {"sts:GetWebIdentityToken", {"Audience", "DurationSeconds", "SigningAlgorithm", "Tags"}},
        {"iam:EnableOutboundWebIdentityFederation", {}},
        {"iam:DisableOutboundWebIdentityFederation", {}},
        {"iam:GetOutboundWebIdentityFederationInfo", {}},
        {"iam:PutRolePolicy", {"RoleName", "PolicyName", "PolicyDocument"}},
        {"iam:DeleteRolePolicy", {"RoleName", "PolicyName"}},
        {"iam:PutUserPolicy", {"UserName", "PolicyName", "PolicyDocument"}},
        {"iam:DeleteUserPolicy", {"UserName", "PolicyName"}},
        {"iam:UpdateAssumeRolePolicy", {"RoleName", "PolicyDocument"}},
        {"iam:AttachRolePolicy", {"RoleName", "PolicyArn"}},
        {"iam:DetachRolePolicy", {"RoleName", "PolicyArn"}},
        {"iam:AttachUserPolicy", {"UserName", "PolicyArn"}},
        {"iam:DetachUserPolicy", {"UserName", "PolicyArn"}},
        {"iam:TagRole", {"RoleName", "Tags"}},
        {"iam:UntagRole", {"RoleName", "TagKeys"}},
        {"iam:TagUser", {"UserName", "Tags"}},
        {"iam:UntagUser", {"UserName", "TagKeys"}},
        {"iam:PutGroupPolicy", {"GroupName", "PolicyName", "PolicyDocument"}},
        {"iam:DeleteGroupPolicy", {"GroupName", "PolicyName"}},
        {"iam:AttachGroupPolicy", {"GroupName", "PolicyArn"}},
        {"iam:DetachGroupPolicy", {"GroupName", "PolicyArn"}},
        {"iam:AddUserToGroup", {"GroupName", "UserName"}},
        {"iam:RemoveUserFromGroup", {"GroupName", "UserName"}},
        {"iam:PutRolePermissionsBoundary", {"RoleName", "PermissionsBoundary"}},
        {"iam:DeleteRolePermissionsBoundary", {"RoleName"}},
        {"iam:PutUserPermissionsBoundary", {"UserName", "PermissionsBoundary"}},
        {"iam:DeleteUserPermissionsBoundary", {"UserName"}},
        {"iam:UpdateRole", {"RoleName", "Description", "MaxSessionDuration"}},
        {"iam:CreateAccessKey", {"UserName"}},
        {"iam:UpdateAccessKey", {"UserName", "AccessKeyId", "Status"}},
        {"iam:DeleteAccessKey", {"UserName", "AccessKeyId"}},
        {"iam:CreatePolicyVersion", {"PolicyArn", "PolicyDocument", "SetAsDefault"}},
        {"iam:SetDefaultPolicyVersion", {"PolicyArn", "VersionId"}},
        {"iam:DeletePolicyVersion", {"PolicyArn", "VersionId"}},
        {"iam:CreateRole", {"RoleName", "Path", "AssumeRolePolicyDocument", "Description", "MaxSessionDuration",
                            "PermissionsBoundary", "Tags"}},
        {"iam:DeleteRole", {"RoleName"}},
        {"iam:CreateUser", {"UserName", "Path", "PermissionsBoundary", "Tags"}},
        {"iam:DeleteUser", {"UserName"}},
        {"iam:CreateGroup", {"GroupName", "Path"}},
        {"iam:DeleteGroup", {"GroupName"}},
        {"iam:CreatePolicy", {"PolicyName", "Path", "PolicyDocument", "Description", "Tags"}},
        {"iam:DeletePolicy", {"PolicyArn"}},
        {"iam:DeactivateMFADevice", {"UserName", "SerialNumber"}},
        {"console:RevokeActiveSessions", {"RoleName"}},
        {"s3:PutObject", {"Body", "ACL", "ServerSideEncryption", "SSEKMSKeyId", "BucketKeyEnabled", "StorageClass", "Tagging",
                          "GrantFullControl", "GrantRead", "GrantReadACP", "GrantWriteACP"}},
        {"s3:CopyObject", {"CopySource", "ACL", "ServerSideEncryption", "SSEKMSKeyId", "BucketKeyEnabled", "StorageClass", "Tagging",
                           "MetadataDirective", "TaggingDirective", "GrantFullControl", "GrantRead", "GrantReadACP", "GrantWriteACP"}},
        {"s3:PutBucketPolicy", {"Policy"}},
        {"s3:DeleteBucketPolicy", {}},
        {"s3:GetBucketPolicy", {}},
        {"s3:PutBucketPublicAccessBlock", {"PublicAccessBlockConfiguration"}},
        {"s3:GetBucketPublicAccessBlock", {}},
        {"s3:PutBucketEncryption", {"ServerSideEncryptionConfiguration"}},
        {"s3:GetBucketEncryption", {}},
        {"s3:DeleteBucketEncryption", {}},
        {"s3:ListBucket", {"Prefix", "Delimiter", "MaxKeys", "StartAfter", "ContinuationToken", "EncodingType", "FetchOwner"}},
        {"s3:ListObjectsV2", {"Prefix", "Delimiter", "MaxKeys", "StartAfter", "ContinuationToken", "EncodingType", "FetchOwner"}},
        {"s3:ListObjects", {"Prefix", "Delimiter", "MaxKeys", "Marker", "EncodingType"}},
        {"s3:HeadObject", {"VersionId"}},
        {"s3:HeadBucket", {}},
        {"ec2:DescribeInstances", {"Region", "InstanceIds", "Filters", "DryRun"}},
        {"ec2:StopInstances", {"Region", "InstanceIds", "Force", "DryRun"}},
        {"ec2:StartInstances", {"Region", "InstanceIds", "AdditionalInfo", "DryRun"}},
        {"ec2:TerminateInstances", {"Region", "InstanceIds", "DryRun"}},
    };
    const auto it = parameters.find(operation);
    return it == parameters.end() ? nullptr : &it->second;
}

const char* parameter_in_other_case(const std::string& operation, const std::string& name) {
    if (const auto* known = operation_parameters(operation))
        for (const char* p : *known)
            if (name != p && equal_ignoring_case(name, p)) return p;
    return nullptr;
}

bool takes_parameter(const std::string& operation, std::string_view name) {
    const auto* known = operation_parameters(operation);
    return known && std::any_of(known->begin(), known->end(), [&](const char* p) { return name == p; });
}

bool unsigned_operation(const std::string& operation) {
    return operation == "sts:AssumeRoleWithSAML"sv || operation == "sts:AssumeRoleWithWebIdentity"sv ||
           operation == "signin:Login"sv || operation == "sso:GetRoleCredentials"sv;
}

bool is_service_principal(const std::string& name) {
    static const std::string kSuffix = ".amazonaws.com";
    if (name.size() <= kSuffix.size() || name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
        return false;
    const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; };
    return std::all_of(name.begin(), name.end(), allowed) && name.front() != '.' && name.find("..") == std::string::npos;
}

bool service_principal_may_call(const std::string& operation) {
    return operation == "sts:AssumeRole"sv || (known_operation(operation) && service_of(operation) == "s3"sv) ||
           authorization_only_operation(operation);
}

namespace {
std::string unauthenticated_region(ServiceContext& sc, const ApiCall& call, const Credential* credential);
}  // namespace

ApiResult call_service(ServiceContext& sc, const ApiCall& call) {
    ApiResult result;
    const bool simulated = known_operation(call.operation);
    const bool authorization_only_call = !simulated && authorization_only_operation(call.operation);
    if (!simulated && !authorization_only_call) {
        fail(result, "InvalidAction", "The action " + call.operation + " is not valid for this web service.", 400);
        return result;
    }
    const Credential* credential = nullptr;
    // An unsigned call's authentication is what it carries, and credentials sent along play no part
    // (API_AssumeRoleWithSAML: "does not require the use of AWS security credentials").
    const bool unsigned_call = unsigned_operation(call.operation);
    // An AWS service acting on a resource's behalf signs the call itself, with no key of anyone's.
    const bool by_service = call.access_key_id.empty() && !call.service_principal.empty() && !unsigned_call;
    if (!call.access_key_id.empty() && !unsigned_call) {
        credential = sc.credentials.find(call.access_key_id);
        // A key that was deleted or made inactive no longer authenticates: to AWS it is a key it does not know, and
        // each service says so in its own words.
        if (!credential || credential->status != KeyStatus::Active) {
            const std::string service = service_of(call.operation);
            if (service == "s3"sv)  // AmazonS3/latest/API/ErrorResponses, "InvalidAccessKeyId"
                fail(result, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403);
            else if (service == "ec2"sv)  // AWSEC2/latest/APIReference/errors-overview, "AuthFailure"
                fail(result, "AuthFailure", "AWS was not able to validate the provided access credentials", 401);
            else
                fail(result, "InvalidClientTokenId", "The security token included in the request is invalid.", 403);
            result.unknown_key = true;
            result.region = unauthenticated_region(sc, call, credential);
            return result;
        }
        if (credential->expired(sc.now)) {
            fail(result, "ExpiredToken", "The security token included in the request is expired", 403);
            result.region = unauthenticated_region(sc, call, credential);
            return result;
        }
    } else if (by_service) {
        if (!service_principal_may_call(call.operation)) {  // the loader refuses such a step: a guard, no lesson
            access_denied(result, call.service_principal + " makes only sts:AssumeRole, S3 calls and the calls the sandbox "
                                      "authorizes only, not " + call.operation);
            return result;
        }
    } else if (!unsigned_call && service_of(call.operation) != "s3"sv) {
        // S3 alone takes anonymous requests: a bucket policy granting Principal "*" lets them in (AmazonS3
        // example-bucket-policies, "Granting read-only permission to public anonymous users"); elsewhere a request
        // must be signed.
        fail(result, "MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        result.region = unauthenticated_region(sc, call, nullptr);
        return result;
    }
    Caller caller = caller_of(sc, credential);
    if (by_service) caller.principal = iam::Principal::from_arn(call.service_principal);
    const std::string service = service_of(call.operation);
    const std::string op = action_name(call.operation);

    // What the credentials may call at all (facts §2; id_credentials_temp_request, "Comparing the AWS STS API
    // operations").
    if (credential && credential->is_temporary()) {
        if (call.operation == "sts:GetSessionToken"sv || call.operation == "sts:GetFederationToken"sv) {
            access_denied(result, iam::session_credentials_message(op));
            return result;
        }
        // iam:PassRole is a permission checked inside another service's call (RunInstances, say), not an IAM call.
        const bool iam_call = (service == "iam"sv && op != "PassRole"sv) || service == "console"sv;
        if (credential->kind == CredentialKind::SessionToken && iam_call && !credential->mfa) {
            // No IAM calls without MFA in the GetSessionToken request; AWS answers with InvalidClientTokenId.
            fail(result, "InvalidClientTokenId", "The security token included in the request is invalid.", 403);
            return result;
        }
        // GetSessionToken's credentials "Cannot call AWS STS API operations except AssumeRole or GetCallerIdentity"
        // (id_credentials_temp_request). AWS publishes no message but for GetSessionToken and GetFederationToken,
        // refused above: the sandbox gives that one.
        if (credential->kind == CredentialKind::SessionToken && service == "sts"sv && op != "AssumeRole"sv &&
            op != "GetCallerIdentity"sv) {
            access_denied(result, iam::session_credentials_message(op));
            return result;
        }
        // Nor IAM: "Cannot call IAM operations using the AWS CLI or AWS API. This limitation does not apply to console
        // sessions" (id_credentials_sts-comparison, GetFederationToken).
        if (credential->kind == CredentialKind::FederationToken &&
            ((iam_call && !credential->from_console) || (service == "sts"sv && op != "GetCallerIdentity"sv))) {
            access_denied(result, iam::federated_user_message(caller.principal.arn, call.operation));
            return result;
        }
    }

    if (authorization_only_call) return authorization_only(sc, call, caller);
    if (call.operation == "sts:AssumeRole"sv) return sts_assume_role(sc, call, caller);
    if (call.operation == "sts:AssumeRoleWithSAML"sv) return sts_assume_role_with_saml(sc, call, caller);
    if (call.operation == "sts:AssumeRoleWithWebIdentity"sv) return sts_assume_role_with_web_identity(sc, call, caller);
    if (call.operation == "sts:GetSessionToken"sv) return sts_get_session_token(sc, call, caller);
    if (call.operation == "sts:GetFederationToken"sv) return sts_get_federation_token(sc, call, caller);
    if (call.operation == "sts:AssumeRoot"sv) return sts_assume_root(sc, call, caller);
    if (call.operation == "sts:GetWebIdentityToken"sv) return sts_get_web_identity_token(sc, call, caller);
    if (call.operation == "sts:GetCallerIdentity"sv) return sts_get_caller_identity(sc, call, caller);
    if (call.operation == "sts:DecodeAuthorizationMessage"sv) return sts_decode_authorization_message(sc, call, caller);
    if (call.operation == "sts:GetAccessKeyInfo"sv) return sts_get_access_key_info(sc, call, caller);
    if (call.operation == "sso:GetRoleCredentials"sv) return sso_get_role_credentials(sc, call, caller);
    if (call.operation == "signin:GetSigninToken"sv) return signin_get_signin_token(sc, call, caller);
    if (call.operation == "signin:Login"sv) return signin_login(sc, call, caller);
    if (service == "iam"sv && op.find("OutboundWebIdentityFederation") != std::string::npos)
        return iam_outbound_federation(sc, call, caller);
    if (service == "iam"sv || service == "console"sv) return iam_operation(sc, call, caller);
    if (service == "s3"sv) return s3_operation(sc, call, caller);
    if (service == "ec2"sv) return ec2_operation(sc, call, caller);
    fail(result, "InvalidAction", "The sandbox does not implement " + call.operation + " yet.", 400);
    return result;
}

// ---- S3 -----------------------------------------------------------------------------------------------------

namespace {

// ListBucket's answer, as ListObjectsV2 gives it: the keys under Prefix after StartAfter, with a Delimiter rolled up
// into CommonPrefixes ("keys that act like subdirectories"), at most MaxKeys entries (1,000 by default; keys and
// common prefixes both count), then IsTruncated and a NextContinuationToken that a ContinuationToken resumes from
// (API_ListObjectsV2). The token is the last entry given, in hexadecimal, and a digest of it and the bucket: "obfuscated
// and is not a real key", and S3 takes back only a token it gave. Contents only when there are keys. EncodingType
// "url" gives the keys, prefixes, delimiter and StartAfter URL-encoded, as the SDKs decode them (a space as "+"). False
// (and `result` failed) for a MaxKeys that is not a whole number from 0, another EncodingType or a token S3 did not give.
bool list_objects(const ApiCall& call, const std::string& bucket_name, const Bucket& bucket, ApiResult& result) {
    // ListObjects (version 1) resumes after a Marker, as StartAfter does, and has no continuation token (API_ListObjects).
    const bool v1 = call.operation == "s3:ListObjects"sv;
    const std::string list_prefix = param(call, "Prefix"), delimiter = param(call, "Delimiter");
    const std::string start_after = param(call, v1 ? "Marker" : "StartAfter"), token = v1 ? "" : param(call, "ContinuationToken");
    std::int64_t max_keys = 1000;
    if (const auto m = call.params.find("MaxKeys"); m != call.params.end() && !m->is_null()) {
        const std::string text = m->is_string() ? m->get<std::string>() : m->dump();
        if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
            fail(result, "InvalidArgument", "Provided max-keys not an integer or within integer range", 400);
            return false;
        }
        max_keys = std::stoll(text);
    }
    const std::string encoding = param(call, "EncodingType");
    if (!encoding.empty() && encoding != "url"sv) {  // "Valid Values: url" (API_ListObjectsV2, API_ListObjects)
        fail(result, "InvalidArgument", "Invalid Encoding Method specified in Request", 400);
        return false;
    }
    const auto digest = [&](const std::string& entry) { return to_hex(sha1("list/" + bucket_name + "\n" + entry)).substr(0, 16); };
    std::string resume;  // the token's entry: listing goes on after it
    const std::size_t dash = token.rfind('-');
    const std::string hex = token.substr(0, dash == std::string::npos ? 0 : dash);
    bool token_ok = token.empty() || (dash != std::string::npos && hex.size() % 2 == 0 &&
                                      hex.find_first_not_of("0123456789abcdef") == std::string::npos);
    for (std::size_t i = 0; token_ok && i < hex.size(); i += 2) resume += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    if (!token.empty() && (!token_ok || token.substr(dash + 1) != digest(resume))) {
        fail(result, "InvalidArgument", "The continuation token provided is incorrect", 400);
        return false;
    }
    // A key's slashes kept and a space as "+": the SDKs take the answer back with unquote_plus.
    const auto encoded = [&](const std::string& text) { return encoding.empty() ? text : percent_encoded(text, "/", '+'); };
    nlohmann::json contents = nlohmann::json::array(), common = nlohmann::json::array();
    std::string last_common, last_given;
    std::int64_t given = 0;
    bool truncated = false;
    for (const auto& [k, v] : bucket.objects) {
        if (k.compare(0, list_prefix.size(), list_prefix) != 0 || k <= start_after) continue;
        const std::size_t cut = delimiter.empty() ? std::string::npos : k.find(delimiter, list_prefix.size());
        const std::string entry = cut == std::string::npos ? k : k.substr(0, cut + delimiter.size());
        if (entry == last_common || (!token.empty() && entry <= resume)) continue;
        if (given == max_keys) {
            truncated = max_keys > 0;  // a listing of none is not a truncated one (S3 answers IsTruncated false)
            break;
        }
        if (cut == std::string::npos) {
            contents.push_back({{"Key", encoded(k)}, {"Size", v.content.size()}, {"StorageClass", "STANDARD"}});
        } else {
            common.push_back({{"Prefix", encoded(entry)}});
            last_common = entry;
        }
        last_given = entry;
        ++given;
    }
    nlohmann::json& out = result.response;
    out = {{"Name", bucket_name}, {"Prefix", encoded(list_prefix)}, {"MaxKeys", max_keys}, {"IsTruncated", truncated}};
    if (!encoding.empty()) out["EncodingType"] = encoding;
    if (!contents.empty()) out["Contents"] = std::move(contents);
    if (!delimiter.empty()) out["Delimiter"] = encoded(delimiter);
    if (!common.empty()) out["CommonPrefixes"] = std::move(common);
    if (v1) {
        // Marker always; NextMarker "only if you have the delimiter request parameter specified" (API_ListObjects).
        out["Marker"] = encoded(start_after);
        if (truncated && !delimiter.empty()) out["NextMarker"] = encoded(last_given);
        return true;
    }
    out["KeyCount"] = given;
    if (!start_after.empty()) out["StartAfter"] = encoded(start_after);
    if (!token.empty()) out["ContinuationToken"] = token;
    if (truncated) out["NextContinuationToken"] = to_hex(last_given) + "-" + digest(last_given);
    return true;
}

// A statement's Action / Resource members as a list (absent: empty).
std::vector<std::string> statement_strings(const nlohmann::json& statement, const char* key) {
    std::vector<std::string> out;
    if (!statement.is_object() || !statement.contains(key)) return out;
    const nlohmann::json& v = statement[key];
    for (const auto& one : v.is_array() ? v : nlohmann::json::array({v}))
        if (one.is_string()) out.push_back(one.get<std::string>());
    return out;
}

// What an S3 action acts on, for the actions a bucket policy most often names: its objects, or the bucket itself
// (the Service Authorization Reference's resource types, object or bucket). Unknown or wildcarded: nullptr.
const std::map<std::string, const char*>& s3_action_targets() {  // by the action's name in lower case
    static const std::map<std::string, const char*> kTargets = [] {
        std::map<std::string, const char*> m;
        for (const char* a : {"GetObject", "GetObjectVersion", "PutObject", "DeleteObject", "DeleteObjectVersion",
                              "GetObjectAcl", "PutObjectAcl", "GetObjectVersionAcl", "PutObjectVersionAcl",
                              "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", "GetObjectAttributes",
                              "RestoreObject", "AbortMultipartUpload", "ListMultipartUploadParts",
                              "GetObjectRetention", "PutObjectRetention", "GetObjectLegalHold", "PutObjectLegalHold"})
            m[ascii_lowered("s3:" + std::string(a))] = "object";
        for (const char* a : {"ListBucket", "ListBucketVersions", "ListBucketMultipartUploads", "GetBucketLocation",
                              "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketAcl", "PutBucketAcl",
                              "GetBucketVersioning", "PutBucketVersioning", "GetBucketTagging", "PutBucketTagging",
                              "GetBucketPublicAccessBlock", "PutBucketPublicAccessBlock", "GetBucketOwnershipControls",
                              "PutBucketOwnershipControls", "GetEncryptionConfiguration", "PutEncryptionConfiguration",
                              "GetLifecycleConfiguration", "PutLifecycleConfiguration", "DeleteBucket"})
            m[ascii_lowered("s3:" + std::string(a))] = "bucket";
        return m;
    }();
    return kTargets;
}
const char* s3_action_target(const std::string& action) {
    const auto it = s3_action_targets().find(ascii_lowered(action));
    return it == s3_action_targets().end() ? nullptr : it->second;
}

// An action a letter away from one of those, itself none ("s3:GetObjects"): a slip that names no action.
bool s3_action_slip(const std::string& action) {
    if (action.find_first_of("*?") != std::string::npos || s3_action_target(action)) return false;
    const auto& targets = s3_action_targets();
    return std::any_of(targets.begin(), targets.end(),
                       [&](const auto& known) { return edit_distance_ignoring_case(action, known.first) == 1; });
}

// S3 API operations that are no IAM action (the API name of a call whose permission has another name).
bool s3_api_name_only(const std::string& action) {
    static const std::set<std::string> kNames = {
        "s3:listobjects", "s3:listobjectsv2", "s3:headobject", "s3:headbucket", "s3:deleteobjects", "s3:copyobject",
        "s3:listbuckets", "s3:createmultipartupload", "s3:uploadpart", "s3:uploadpartcopy", "s3:completemultipartupload"};
    return kNames.count(ascii_lowered(action)) > 0;
}

// Whether a condition's value, or each of its values (at least one), passes `pass`.
template <class Pass>
bool every_value(const nlohmann::json& values, Pass pass) {
    if (!values.is_array()) return pass(values);
    return !values.empty() && std::all_of(values.begin(), values.end(), pass);
}

// A "fixed value (values that don't contain a wildcard or an AWS Identity and Access Management Policy Variable)"
// (access-control-block-public-access, "The meaning of public").
bool fixed_value(const nlohmann::json& v) {
    if (!v.is_string()) return v.is_number() || v.is_boolean();
    const std::string& s = v.get_ref<const std::string&>();
    return s.find_first_of("*?") == std::string::npos && s.find("${") == std::string::npos;
}

// An aws:SourceIp block narrow enough not to make a policy public: "values broader than /8 for IPv4 and /32 for
// IPv6 ... are evaluated as public" (the same page).
bool narrow_cidr(const nlohmann::json& v) {
    const auto cidr = v.is_string() ? iam::Cidr::parse(v.get_ref<const std::string&>()) : std::nullopt;
    return cidr && cidr->prefix >= (cidr->network.v6 ? 32u : 8u);
}

// An s3:DataAccessPointArn value that pins a statement though it names every access point of an account: "this value
// can contain a wildcard for the access point name without rendering the policy public, as long as the account ID is
// fixed" (the same page).
bool access_points_of_one_account(const nlohmann::json& v) {
    const auto arn = v.is_string() ? iam::Arn::parse(v.get_ref<const std::string&>()) : std::nullopt;
    return arn && fixed_value(arn->partition + ":" + arn->service + ":" + arn->region) &&
           iam::is_account_id(arn->account) && starts_with(arn->resource, "accesspoint/") &&
           arn->resource.find("${") == std::string::npos;
}

// Whether one condition of a statement for everyone pins it to "fixed values for one or more of" the keys S3 lists
// (the same page: an AWS principal (aws:PrincipalOrgID, and as the sandbox reads "An AWS principal, user, role",
// aws:PrincipalAccount and aws:PrincipalArn), a set of CIDR blocks with aws:SourceIp, aws:SourceArn, aws:SourceVpc,
// aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid,
// s3:DataAccessPointArn, s3:DataAccessPointAccount), with an operator that matches only those values: never a
// negated one, nor an ...IfExists or a ForAllValues: that an absent key passes ("If there is no context key in the
// request ... the condition also returns true", reference_policies_condition-single-vs-multi-valued-context-keys).
// In an access point's policy, s3:DataAccessPointArn pins a statement to one access point only: "An access point
// policy that grants access to a set of access points using s3:DataAccessPointArn is considered public" (the same
// page, "Access points").
bool pins_to_fixed_values(const nlohmann::json& conditions, bool access_point_policy) {
    static const std::set<std::string> kKeys = {"aws:principalorgid", "aws:principalaccount", "aws:principalarn",
                                                "aws:sourcearn",      "aws:sourcevpc",        "aws:sourcevpce",
                                                "aws:sourceowner",    "aws:sourceaccount",    "aws:userid",
                                                "s3:x-amz-server-side-encryption-aws-kms-key-id",
                                                "s3:dataaccesspointarn", "s3:dataaccesspointaccount"};
    if (!conditions.is_object()) return false;
    for (const auto& [written, by_key] : conditions.items()) {
        if (!by_key.is_object() || written.compare(0, 13, "ForAllValues:") == 0) continue;
        const std::string op = written.substr(written.find(':') == std::string::npos ? 0 : written.find(':') + 1);
        if (op.find("IfExists") != std::string::npos || op.find("Not") != std::string::npos) continue;
        const bool equality = op == "StringEquals" || op == "StringEqualsIgnoreCase" || op == "StringLike" ||
                              op == "ArnEquals" || op == "ArnLike";
        for (const auto& [key, values] : by_key.items()) {
            const std::string k = ascii_lowered(key);
            const auto fixed_or_access_points = [access_point_policy](const nlohmann::json& v) {
                return fixed_value(v) || (!access_point_policy && access_points_of_one_account(v));
            };
            const bool pinned = k == "aws:sourceip"            ? op == "IpAddress" && every_value(values, narrow_cidr)
                                : k == "s3:dataaccesspointarn" ? equality && every_value(values, fixed_or_access_points)
                                                               : equality && kKeys.count(k) && every_value(values, fixed_value);
            if (pinned) return true;
        }
    }
    return false;
}

bool policy_public(const nlohmann::json& document, bool access_point_policy) {
    const auto statements = document.find("Statement");
    if (statements == document.end()) return false;
    const auto is_public = [access_point_policy](const nlohmann::json& st) {
        if (!st.is_object() || st.value("Effect", "") != "Allow") return false;  // only a grant can open a bucket
        const auto principal = st.find("Principal");
        if (principal == st.end()) return false;
        // Everyone ("*", {"AWS": "*"}), or a web identity provider's users ("Federated": graph.facebook.com is public
        // in the S3 guide's earlier examples);
        // a fixed AWS principal, user, role or service principal is not public.
        bool everyone = *principal == "*" || principal->contains("Federated");
        if (const auto aws = principal->is_object() ? principal->find("AWS") : principal->end(); aws != principal->end())
            everyone = everyone || *aws == "*" || (aws->is_array() && std::find(aws->begin(), aws->end(), "*") != aws->end());
        const auto conditions = st.find("Condition");
        return everyone && (conditions == st.end() || !pins_to_fixed_values(*conditions, access_point_policy));
    };
    if (!statements->is_array()) return is_public(*statements);
    return std::any_of(statements->begin(), statements->end(), is_public);
}

}  // namespace

bool bucket_policy_public(const nlohmann::json& document) { return policy_public(document, false); }

bool access_point_policy_public(const AccessPoint& ap, const nlohmann::json& document) {
    return ap.vpc.empty() && policy_public(document, true);
}

bool public_access_restricted(const World& world, const iam::Principal& caller, const std::string& resource,
                              const iam::Policy* resource_policy) {
    constexpr std::string_view prefix = "arn:aws:s3:::";
    if (!world.public_buckets_restricted_anywhere || resource_policy == nullptr) return false;
    // An access point's policy, under its own settings and its account's (access-points-bpa-settings): its owner's
    // account and AWS services keep their access.
    if (const AccessPoint* ap = resource.find(":accesspoint/") != std::string::npos ? world.access_point(resource) : nullptr;
        ap && ap->policy && &*ap->policy == resource_policy)
        return world.public_access_block(*ap).restrict_public_buckets && caller.type != iam::PrincipalType::Service &&
               (caller.account.empty() || caller.account != ap->account) && access_point_policy_public(*ap, *resource_policy->document);
    if (resource.compare(0, prefix.size(), prefix) != 0) return false;
    const auto b = world.buckets.find(resource.substr(prefix.size(), resource.find('/', prefix.size()) - prefix.size()));
    if (b == world.buckets.end() || !b->second.policy || &*b->second.policy != resource_policy) return false;
    if (!world.public_access_block(b->second).restrict_public_buckets) return false;
    // "only AWS service principals and authorized users within the bucket owner's account" keep their access.
    if (caller.type == iam::PrincipalType::Service || (!caller.account.empty() && caller.account == b->second.account))
        return false;
    return bucket_policy_public(*resource_policy->document);
}

// What S3 refuses in a bucket policy as it is put, in S3's words (MalformedPolicy; the texts as users have recorded
// them, AWS's pages giving the rules): an action of another service, an API operation's name that is no action or an
// action a letter away from one ("Policy has invalid action"; "the bucket policy page lists only S3 actions"); a resource outside the bucket
// ("Policy has invalid resource": "the bucket policy applies to the bucket and the objects in it"); an action whose
// resources in its statement are all of the other kind, ListBucket on objects only or GetObject on the bucket only
// ("Action does not apply to any resource(s) in statement"). "" when S3 takes it.
std::string bucket_policy_fault(const nlohmann::json& document, const std::string& bucket) {
    const std::string arn = "arn:aws:s3:::" + bucket;
    const nlohmann::json& st = document.contains("Statement") ? document["Statement"] : nlohmann::json();
    const nlohmann::json statements = st.is_array() ? st : nlohmann::json::array({st});
    for (const auto& statement : statements)
        for (const char* key : {"Action", "NotAction"})
            for (const std::string& action : statement_strings(statement, key))
                if (action != "*"sv && (!equal_ignoring_case(action.substr(0, 3), "s3:") || s3_api_name_only(action) ||
                                        s3_action_slip(action)))
                    return "Policy has invalid action";
    for (const auto& statement : statements)
        for (const char* key : {"Resource", "NotResource"})
            for (const std::string& r : statement_strings(statement, key))
                if (r != arn && r.compare(0, arn.size() + 1, arn + "/") != 0) return "Policy has invalid resource";
    for (const auto& statement : statements) {
        const std::vector<std::string> resources = statement_strings(statement, "Resource");
        if (resources.empty()) continue;
        const auto reaches = [&](const char* target) {  // a resource of the statement that can be of this kind
            return std::any_of(resources.begin(), resources.end(), [&](const std::string& r) {
                return std::string_view(target) == "object"sv ? r.size() > arn.size() : r == arn;
            });
        };
        for (const std::string& action : statement_strings(statement, "Action"))
            if (const char* target = s3_action_target(action); target && !reaches(target))
                return "Action does not apply to any resource(s) in statement";
    }
    return "";
}

namespace {

// The note on a decision in which the bucket owner's root user got, put or deleted the bucket's policy, which then
// played no part (iam::bucket_owner_root_exempt).
void note_owner_root(const Bucket& bucket, ApiResult& result) {
    DecisionRecord& record = result.decisions.back();
    if (bucket.policy && record.decision.allowed() && iam::bucket_owner_root_exempt(record.request))
        record.label_note += " (by the bucket owner's root user, whom the bucket policy cannot lock out)";
}

// Get, Put and DeleteBucketPolicy, once authorized (AmazonS3 API_GetBucketPolicy, API_PutBucketPolicy,
// API_DeleteBucketPolicy): "If you have the correct permissions, but you're not using an identity that belongs to the
// bucket owner's account, Amazon S3 returns a 405 Method Not Allowed error"; a bucket with no policy answers Get with
// NoSuchBucketPolicy (AmazonS3 ErrorResponses: "The specified bucket does not have a bucket policy", 404); a policy S3
// cannot take is MalformedPolicy; "The maximum size of a bucket policy is 20 KB" (AmazonS3 bucket policies; the code
// for a larger one is the sandbox's). Deleting a policy the bucket does not have succeeds (204).
void bucket_policy_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller, Bucket& bucket,
                             ApiResult& result) {
    if (caller.principal.account != bucket.account)
        return fail(result, "MethodNotAllowed", "The specified method is not allowed against this resource.", 405);
    if (call.operation == "s3:GetBucketPolicy"sv) {
        if (!bucket.policy) return fail(result, "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
        result.response = {{"Policy", bucket.policy->document->dump()}};
        result.ok = true;
        return;
    }
    result.http_status = 204;
    if (call.operation == "s3:DeleteBucketPolicy"sv) {
        if (bucket.policy) result.changes.push_back({"deleted the bucket policy of s3://" + bucket.name, "s3://" + bucket.name + "의 버킷 정책 삭제"});
        bucket.policy.reset();
        result.ok = true;
        return;
    }
    // S3's own words for a policy that is not JSON, as users have recorded them: text that does not start as an
    // object, and text that starts as one but does not parse.
    const nlohmann::json document = document_param(call, "Policy");
    if (document.is_string()) {
        const std::string& text = document.get_ref<const std::string&>();
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos || text[first] != '{')
            return fail(result, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
        if (!nlohmann::json::accept(text)) return fail(result, "MalformedPolicy", "This policy contains invalid Json", 400);
    } else if (!document.is_object()) {
        return fail(result, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
    }
    std::optional<iam::Policy> policy =
        compile_document(document, iam::PolicyKind::Resource, "bucket policy of " + bucket.name, "MalformedPolicy", result);
    if (!policy) return;
    constexpr std::size_t kBucketPolicyLimit = 20 * 1024;
    if (policy->document->dump().size() > kBucketPolicyLimit)
        return fail(result, "MalformedPolicy", "Policy exceeds the maximum allowed document size of 20 KB.", 400);
    if (!missing_principal(sc.world, *policy).empty()) return fail(result, "MalformedPolicy", "Invalid principal in policy", 400);
    if (const std::string fault = bucket_policy_fault(*policy->document, bucket.name); !fault.empty())
        return fail(result, "MalformedPolicy", fault, 400);
    // "Setting this element to TRUE causes Amazon S3 to reject calls to PUT Bucket policy if the specified bucket
    // policy allows public access" (API_PublicAccessBlockConfiguration, BlockPublicPolicy): AccessDenied, in the
    // words S3 answers as users have recorded them. A policy already in place stays ("Enabling this setting doesn't
    // affect existing bucket policies").
    if (sc.world.public_access_block(bucket).block_public_policy && bucket_policy_public(*policy->document)) {
        result.decisions.back().label_note += " (then refused by S3 Block Public Access: the policy is public and BlockPublicPolicy is on)";
        const iam::Request& asked = result.decisions.back().request;
        return access_denied(result, "User: " + asked.principal.display() + " is not authorized to perform: " + asked.action +
                                         " on resource: " + asked.resource +
                                         " because public policies are blocked by the BlockPublicPolicy block public access setting");
    }
    bind_unique_ids(sc.world, *policy);
    bucket.policy = std::move(*policy);
    result.changes.push_back({"replaced the bucket policy of s3://" + bucket.name, "s3://" + bucket.name + "의 버킷 정책 교체"});
    result.ok = true;
}

// The bucket's Block Public Access settings (AmazonS3 API_PutPublicAccessBlock, API_GetPublicAccessBlock; IAM names
// their permissions s3:PutBucketPublicAccessBlock and s3:GetBucketPublicAccessBlock, as the calls are named here).
// Put takes params.PublicAccessBlockConfiguration, the four settings by name, an omitted one off; a configuration
// that is not that is MalformedXML, S3's code for a request body it cannot read. Get answers the configuration, or
// NoSuchPublicAccessBlockConfiguration (404) for a bucket that never had one. The account's settings still apply
// (World::public_access_block).
void public_access_block_operation(World& world, const ApiCall& call, Bucket& bucket, ApiResult& result) {
    if (call.operation == "s3:GetBucketPublicAccessBlock"sv) {
        if (!bucket.public_access_block)
            return fail(result, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
        nlohmann::json configuration = nlohmann::json::object();
        for (const auto& [name, setting] : kPublicAccessBlockSettings) configuration[name] = (*bucket.public_access_block).*setting;
        result.response = {{"PublicAccessBlockConfiguration", std::move(configuration)}};
        result.ok = true;
        return;
    }
    const auto given = call.params.find("PublicAccessBlockConfiguration");
    bool readable = given != call.params.end() && given->is_object();
    for (auto it = readable ? given->begin() : call.params.end(); readable && it != given->end(); ++it)
        readable = it->is_boolean() && std::any_of(std::begin(kPublicAccessBlockSettings), std::end(kPublicAccessBlockSettings),
                                                   [&](const auto& setting) { return it.key() == setting.first; });
    if (!readable)
        return fail(result, "MalformedXML",
                    "The XML you provided was not well-formed or did not validate against our published schema", 400);
    PublicAccessBlock settings;
    for (const auto& [name, setting] : kPublicAccessBlockSettings) settings.*setting = given->value(name, false);
    bucket.public_access_block = settings;
    world.public_buckets_restricted_anywhere |= settings.restrict_public_buckets;
    result.changes.push_back({"set the Block Public Access settings of s3://" + bucket.name,
                              "s3://" + bucket.name + "의 퍼블릭 액세스 차단 설정 변경"});
    result.ok = true;
}

// A bucket's default encryption (AmazonS3 API_PutBucketEncryption, API_GetBucketEncryption, API_DeleteBucketEncryption;
// their permissions s3:PutEncryptionConfiguration and s3:GetEncryptionConfiguration). "By default, all buckets have a
// default encryption configuration that uses server-side encryption with Amazon S3 managed keys (SSE-S3)", which Get
// answers for a bucket never configured, and Delete "resets the default encryption for the bucket" to it. Put takes
// params.ServerSideEncryptionConfiguration, {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm",
// "KMSMasterKeyID"}, "BucketKeyEnabled", "BlockedEncryptionTypes": {"EncryptionType": ["NONE" | "SSE-C"]}}]}, one rule
// with any of its three members (API_ServerSideEncryptionRule, API_BlockedEncryptionTypes): an algorithm other than
// "AES256 | aws:kms | aws:kms:dsse", or a configuration of another shape, is MalformedXML (S3's answer to a body its
// schema refuses, as an SDK user recorded it for SSEAlgorithm "SSE-KMS"); a KMSMasterKeyID is "allowed if and only if
// SSEAlgorithm is set to aws:kms or aws:kms:dsse" (API_ServerSideEncryptionByDefault), else InvalidArgument, in the
// sandbox's words. Blocked encryption types are kept and answered; the sandbox has no SSE-C to block. "Amazon S3 does not
// validate the KMS key ID provided in PutBucketEncryption requests": a key that does not exist fails the uploads that
// use it. The configuration applies to objects uploaded from then on; the objects stored keep their encryption.
void bucket_encryption_operation(const ApiCall& call, Bucket& bucket, ApiResult& result) {
    if (call.operation == "s3:GetBucketEncryption"sv) {
        nlohmann::json by_default = {{"SSEAlgorithm", bucket.encryption.algorithm}};
        if (!bucket.encryption.kms_key.empty()) by_default["KMSMasterKeyID"] = bucket.encryption.kms_key;
        nlohmann::json rule = {{"ApplyServerSideEncryptionByDefault", std::move(by_default)},
                               {"BucketKeyEnabled", bucket.encryption.bucket_key}};
        if (!bucket.encryption.blocked_types.empty())
            rule["BlockedEncryptionTypes"] = {{"EncryptionType", bucket.encryption.blocked_types}};
        result.response = {{"ServerSideEncryptionConfiguration", {{"Rules", nlohmann::json::array({std::move(rule)})}}}};
        result.ok = true;
        return;
    }
    if (call.operation == "s3:DeleteBucketEncryption"sv) {
        bucket.encryption = BucketEncryption{};
        result.changes.push_back({"reset the default encryption of s3://" + bucket.name + " to SSE-S3",
                                  "s3://" + bucket.name + "의 기본 암호화를 SSE-S3로 재설정"});
        result.http_status = 204;  // "the service sends back an HTTP 204 response with an empty HTTP body"
        result.ok = true;
        return;
    }
    const auto malformed = [&result] {
        fail(result, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
    };
    const auto given = call.params.find("ServerSideEncryptionConfiguration");
    const nlohmann::json* rules = given != call.params.end() && given->is_object() && given->size() == 1 && given->contains("Rules")
                                      ? &(*given)["Rules"] : nullptr;
    if (!rules || !rules->is_array() || rules->size() != 1 || !(*rules)[0].is_object()) return malformed();
    const nlohmann::json& rule = (*rules)[0];
    BucketEncryption configured;
    if (rule.empty()) return malformed();
    for (auto member = rule.begin(); member != rule.end(); ++member) {
        const nlohmann::json& v = *member;
        if (member.key() == "BucketKeyEnabled" && v.is_boolean()) {
            configured.bucket_key = v.get<bool>();
        } else if (member.key() == "ApplyServerSideEncryptionByDefault" && v.is_object() && v.contains("SSEAlgorithm")) {
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!it->is_string() || (it.key() != "SSEAlgorithm" && it.key() != "KMSMasterKeyID")) return malformed();
                (it.key() == "SSEAlgorithm" ? configured.algorithm : configured.kms_key) = it->get<std::string>();
            }
            if (!valid_sse_algorithm(configured.algorithm)) return malformed();
        } else if (member.key() == "BlockedEncryptionTypes" && v.is_object() && v.size() == 1 && v.contains("EncryptionType")) {
            const nlohmann::json& types = v["EncryptionType"];
            for (const nlohmann::json& t : types.is_array() ? types : nlohmann::json::array({types})) {
                if (!t.is_string() || (t != "NONE" && t != "SSE-C")) return malformed();
                configured.blocked_types.push_back(t.get<std::string>());
            }
        } else {
            return malformed();
        }
    }
    if (!configured.kms_key.empty() && configured.algorithm == "AES256")
        return fail(result, "InvalidArgument", "KMSMasterKeyID is allowed only when SSEAlgorithm is aws:kms or aws:kms:dsse", 400);
    bucket.encryption = std::move(configured);
    result.changes.push_back({"set the default encryption of s3://" + bucket.name + " to " + describe(bucket.encryption),
                              "s3://" + bucket.name + "의 기본 암호화를 " + describe(bucket.encryption) + "(으)로 설정"});
    result.ok = true;
}

// S3 explains a denial (the policy type and the reason) only to a caller in the bucket's own account or organization;
// anyone else reads "Access Denied" (AmazonS3 troubleshoot-403-errors).
void s3_denied(const ServiceContext& sc, const Caller& caller, const std::string& bucket_account, const iam::Decision& d,
               ApiResult& result) {
    const std::string& from = caller.principal.account;
    const bool insider = !from.empty() && (from == bucket_account || (sc.world.in_organization(from) &&
                                                                      sc.world.in_organization(bucket_account)));
    access_denied(result, insider ? d.message : "Access Denied");
}

// The S3 API operations that IAM authorizes under another action's name: "To use HEAD, you must have the s3:GetObject
// permission" (API_HeadObject); HeadBucket, ListObjects and ListObjectsV2 need s3:ListBucket (API_HeadBucket,
// API_ListObjects, API_ListObjectsV2); CopyObject writes with s3:PutObject (API_CopyObject); and, of the calls only
// authorized, the multipart upload's parts need s3:PutObject, ListObjectVersions s3:ListBucketVersions,
// ListMultipartUploads s3:ListBucketMultipartUploads, ListParts s3:ListMultipartUploadParts, SelectObjectContent
// s3:GetObject, and the public access block's calls the bucket's permissions (using-with-s3-policy-actions: "Not
// every S3 API operation is represented by a single permission"). The Service Authorization Reference has none of
// these API names as an action.
std::string s3_permission(const std::string& operation) {
    static const std::map<std::string, std::string, std::less<>> kPermissions = {
        {"s3:HeadObject", "s3:GetObject"},
        {"s3:CopyObject", "s3:PutObject"},  // and s3:GetObject on the source (copy_source)
        {"s3:HeadBucket", "s3:ListBucket"},
        {"s3:ListObjects", "s3:ListBucket"},
        {"s3:ListObjectsV2", "s3:ListBucket"},
        {"s3:CreateMultipartUpload", "s3:PutObject"},
        {"s3:UploadPart", "s3:PutObject"},
        {"s3:UploadPartCopy", "s3:PutObject"},
        {"s3:CompleteMultipartUpload", "s3:PutObject"},
        {"s3:ListObjectVersions", "s3:ListBucketVersions"},
        {"s3:ListMultipartUploads", "s3:ListBucketMultipartUploads"},
        {"s3:ListParts", "s3:ListMultipartUploadParts"},
        {"s3:SelectObjectContent", "s3:GetObject"},
        {"s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
        {"s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"},
        {"s3:DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
        // A bucket's configurations: read with a Get permission, written and deleted with the Put one (each API
        // page's "Permissions": DeleteBucketEncryption "requires the s3:PutEncryptionConfiguration permission", ...).
        {"s3:ListBuckets", "s3:ListAllMyBuckets"},
        {"s3:DeleteObjects", "s3:DeleteObject"},
        {"s3:PutBucketEncryption", "s3:PutEncryptionConfiguration"},
        {"s3:GetBucketEncryption", "s3:GetEncryptionConfiguration"},
        {"s3:DeleteBucketEncryption", "s3:PutEncryptionConfiguration"},
        {"s3:PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"},
        {"s3:PutBucketLifecycle", "s3:PutLifecycleConfiguration"},
        {"s3:GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"},
        {"s3:GetBucketLifecycle", "s3:GetLifecycleConfiguration"},
        {"s3:DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"},
        {"s3:PutBucketCors", "s3:PutBucketCORS"},
        {"s3:GetBucketCors", "s3:GetBucketCORS"},
        {"s3:DeleteBucketCors", "s3:PutBucketCORS"},
        {"s3:PutBucketReplication", "s3:PutReplicationConfiguration"},
        {"s3:GetBucketReplication", "s3:GetReplicationConfiguration"},
        {"s3:DeleteBucketReplication", "s3:PutReplicationConfiguration"},
        {"s3:DeleteBucketTagging", "s3:PutBucketTagging"},
        {"s3:PutBucketNotificationConfiguration", "s3:PutBucketNotification"},
        {"s3:GetBucketNotificationConfiguration", "s3:GetBucketNotification"},
        {"s3:PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"},
        {"s3:GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"},
        {"s3:PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration"},
        {"s3:GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration"},
        {"s3:DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"},
        {"s3:PutBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"},
        {"s3:GetBucketAnalyticsConfiguration", "s3:GetAnalyticsConfiguration"},
        {"s3:ListBucketAnalyticsConfigurations", "s3:GetAnalyticsConfiguration"},
        {"s3:DeleteBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"},
        {"s3:PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration"},
        {"s3:GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration"},
        {"s3:ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration"},
        {"s3:DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration"},
        {"s3:PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration"},
        {"s3:GetBucketMetricsConfiguration", "s3:GetMetricsConfiguration"},
        {"s3:ListBucketMetricsConfigurations", "s3:GetMetricsConfiguration"},
        {"s3:DeleteBucketMetricsConfiguration", "s3:PutMetricsConfiguration"},
        {"s3:PutBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"},
        {"s3:GetBucketIntelligentTieringConfiguration", "s3:GetIntelligentTieringConfiguration"},
        {"s3:ListBucketIntelligentTieringConfigurations", "s3:GetIntelligentTieringConfiguration"},
        {"s3:DeleteBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"},
    };
    const auto it = kPermissions.find(operation);
    return it == kPermissions.end() ? operation : it->second;
}

// The permission of a request on an object's version (a VersionId given): "To retrieve tags of any other version, use
// the versionId query parameter. You also need permission for the s3:GetObjectVersionTagging action"
// (API_GetObjectTagging); likewise an object's tags put or deleted, its ACL read or put, and its attributes
// (API_GetObjectAttributes: s3:GetObjectVersionAttributes). Other permissions are their own.
std::string s3_version_permission(const std::string& permission) {
    static const std::set<std::string, std::less<>> kVersioned = {
        "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging", "s3:GetObjectAcl", "s3:PutObjectAcl",
        "s3:GetObjectAttributes", "s3:GetObject", "s3:DeleteObject"};
    if (!kVersioned.count(permission)) return permission;
    const std::size_t at = permission.find("Object") + 6;
    return permission.substr(0, at) + "Version" + permission.substr(at);
}

// The keys S3 sets on every request to a bucket (list_amazons3's condition keys; the What's New of 2020-12-21, "The
// s3:ResourceAccount and s3:TLSVersion IAM condition keys"): the bucket owner's account, the TLS version (the
// sandbox's requests go over TLS 1.3, as CloudTrail's tlsDetails say), and for a signed request how it was signed.
void set_s3_request_keys(iam::RequestContext& ctx, const Caller& caller, const std::string& bucket_account) {
    ctx.set_default("s3:ResourceAccount", bucket_account);
    ctx.set_default("s3:TLSVersion", "1.3");
    if (caller.principal.type == iam::PrincipalType::Anonymous) return;
    ctx.set_default("s3:authType", "REST-HEADER");
    ctx.set_default("s3:signatureversion", "AWS4-HMAC-SHA256");
}

// A request through an access point names its ARN, or an object's through it: arn:aws:s3:REGION:ACCOUNT:accesspoint/
// NAME[/object/KEY] (access-points-naming). Sets `ap` and `key` ("" for the access point itself) for one; leaves `ap`
// null for any other resource. False, with `result` failed, for an access point the world does not have
// (NoSuchAccessPoint, a HEAD's NotFound) or an ARN whose object part is malformed.
bool through_access_point(const World& world, const std::string& resource, bool head, const AccessPoint*& ap, std::string& key,
                          ApiResult& result) {
    ap = nullptr;
    const std::size_t at = resource.find(":accesspoint/");
    if (!starts_with(resource, "arn:aws:s3:") || at == std::string::npos) return true;
    const std::string rest = resource.substr(at + 13);  // NAME[/object/KEY]
    const std::size_t slash = rest.find('/');
    ap = world.access_point(resource);
    if (!ap) {
        if (head) fail(result, "NotFound", "Not Found", 404);
        else fail(result, "NoSuchAccessPoint", "The specified access point does not exist.", 404);
        return false;
    }
    if (slash != std::string::npos && rest.compare(slash, 8, "/object/") != 0) {
        fail(result, "InvalidRequest", "An object through an access point is ACCESS_POINT_ARN/object/KEY", 400);
        return false;
    }
    key = slash == std::string::npos ? "" : rest.substr(slash + 8);
    return true;
}

// Whether an access point takes `operation` (on an object when `object`) from `caller`; if not, `result` failed.
// "You can only use access points to perform operations on objects. You can't use access points to perform other
// Amazon S3 operations, such as modifying or deleting buckets" (access-points); access-points-service-api-support lists
// the bucket calls it takes besides ("Supported" for an S3 bucket). "Access points don't support anonymous access"
// (access-points-restrictions-limitations-naming-rules). AWS documents no error for either: the sandbox's, and S3's
// generic refusal.
bool access_point_takes(const std::string& operation, bool object, const Caller& caller, bool head, ApiResult& result) {
    static const std::set<std::string, std::less<>> kBucketCalls = {
        "s3:GetBucketAcl", "s3:GetBucketCors", "s3:GetBucketLocation", "s3:GetBucketNotificationConfiguration",
        "s3:GetBucketPolicy", "s3:HeadBucket", "s3:ListMultipartUploads", "s3:ListObjects", "s3:ListObjectsV2",
        "s3:ListObjectVersions", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:DeleteObjects"};
    if (!object && !kBucketCalls.count(operation)) {
        fail(result, "InvalidRequest", operation + " cannot be made through an access point: only object calls, listings, "
                                                   "HeadBucket and reads of some bucket settings", 400);
        return false;
    }
    if (caller.principal.type == iam::PrincipalType::Anonymous) {
        access_denied(result, head ? "Forbidden" : "Access Denied");
        return false;
    }
    return true;
}

// Whether the caller's own policies (identity-based, permissions boundary, session policies) allow `action` on
// `resource` in the caller's account, with nothing else asked: an access point's caller, as the bucket sees it.
bool caller_policies_allow(const Caller& caller, const std::string& action, const std::string& resource,
                           const iam::RequestContext& ctx) {
    iam::Request request;
    request.principal = caller.principal;
    request.action = action;
    request.resource = resource;
    request.resource_account = caller.principal.account;
    request.context = ctx;
    iam::PolicySet own;
    own.identity = caller.identity;
    own.boundary = caller.boundary;
    own.session = caller.session;
    return iam::evaluate(request, own, iam::EvalDetail::Decision).allowed();
}

// The caller's own policies as the bucket sees them for a request through an access point that they allowed.
const iam::Policy& allowed_at_access_point() {
    static const iam::Policy policy = iam::compile_policy_text(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})", iam::PolicyKind::Identity,
        "the caller's own policies, which allowed this request at the access point");
    return policy;
}

// The last decision on an S3 request, and the account of the resource it was made on (a refusal's words depend on it).
struct S3Decision {
    const iam::Decision* decision;
    const std::string* account;
};

// An S3 request on `resource`, `bucket` or its object `key` ("" for the bucket), decided with the bucket policy
// `bucket_policy` (null: none, or one the call is exempt from). Through an access point `ap`, "both the access point and the underlying bucket
// ... must permit the request" (access-points-policies). The access point decides first, on its own ARN with its
// policy, as any resource with a resource-based policy: "The requesting principal's identity-based policy is evaluated
// against the access point resource. For same-account access, either the access point policy or the caller's IAM
// identity policy can grant access. For cross-account access, both must allow" (the FSx for ONTAP guide's S3 access
// points). Then the bucket, whose policy sees which access point the request came through (s3:DataAccessPointArn,
// s3:DataAccessPointAccount, s3:AccessPointNetworkOrigin): "Delegating access control to access points", a bucket
// policy that allows its account's access points; "Cross-account access points don't grant you access to data until
// you are granted permissions from the bucket owner".
S3Decision authorize_s3(ServiceContext& sc, const Caller& caller, const std::string& permission, const Bucket& bucket,
                        const std::string& resource, const AccessPoint* ap, const std::string& key,
                        const iam::Policy* bucket_policy, iam::RequestContext ctx, ApiResult& result) {
    if (!ap) return {&authorize(sc, caller, permission, resource, bucket.account, bucket_policy, std::move(ctx), result), &bucket.account};
    const std::string through = key.empty() ? ap->arn : ap->arn + "/object/" + key;
    ctx.set_default("s3:DataAccessPointArn", ap->arn);
    ctx.set_default("s3:DataAccessPointAccount", ap->account);
    ctx.set_default("s3:AccessPointNetworkOrigin", ap->network_origin());
    iam::RequestContext at_bucket = ctx;
    const bool own_policies_allow = caller_policies_allow(caller, permission, through, at_bucket);
    const iam::Decision& at_ap = authorize(sc, caller, permission, through, ap->account, ap->policy ? &*ap->policy : nullptr,
                                           std::move(ctx), result);
    result.decisions.back().label_note += " (at the access point " + ap->name + ")";
    if (!at_ap.allowed()) return {&at_ap, &ap->account};
    // At the bucket, the caller's own policies are not asked again of the bucket's ARN, which they need not name: they
    // stand as what they allowed at the access point, the bucket owner's grant when the caller is of the bucket's
    // account ("Permissions granted in an access point policy are effective only if the underlying bucket also allows
    // the same access": a grant of the access point policy alone needs the bucket policy's).
    Caller as_allowed = caller;
    as_allowed.identity.clear();
    if (own_policies_allow) as_allowed.identity.push_back(&allowed_at_access_point());
    as_allowed.boundary = nullptr;
    as_allowed.session.clear();
    const iam::Decision& d = authorize(sc, as_allowed, permission, resource, bucket.account, bucket_policy, std::move(at_bucket), result);
    result.decisions.back().label_note += " (at the bucket, for the access point " + ap->name + ")";
    return {&d, &bucket.account};
}

// A key the bucket does not have, once the read was allowed: with s3:ListBucket it is NoSuchKey (404), without it
// AccessDenied, so that keys cannot be probed (AmazonS3 API_GetObject, "Permissions"). The listing is authorized with
// the context of the read just allowed (the last decision).
void missing_object(ServiceContext& sc, const Caller& caller, const Bucket& bucket, const AccessPoint* ap, bool head, ApiResult& result) {
    const iam::Policy* policy = bucket.policy ? &*bucket.policy : nullptr;
    iam::RequestContext same = result.decisions.back().request.context;
    const iam::Decision& list =
        *authorize_s3(sc, caller, "s3:ListBucket", bucket, "arn:aws:s3:::" + bucket.name, ap, "", policy, std::move(same), result).decision;
    if (list.allowed() && head) fail(result, "NotFound", "Not Found", 404);
    else if (list.allowed()) fail(result, "NoSuchKey", "The specified key does not exist.", 404);
    else access_denied(result, head ? "Forbidden" : "Access Denied");
}

// A PutObject's tags (params.Tagging, the x-amz-tagging header: "k1=v1&k2=v2", URL-encoded) are
// s3:RequestObjectTag/K and s3:RequestObjectTagKeys ("useful when adding tags to objects using the PutObjectTagging
// and PutObject", tagging-and-policies), kept in `tags` for the object written. False, with `result` failed, for a tag
// that is not text, too long, or given twice.
bool add_object_tags(iam::RequestContext& ctx, const std::string& tagging, std::map<std::string, std::string>& tags,
                     ApiResult& result) {
    std::vector<std::string> keys;
    for (std::size_t at = 0; !tagging.empty() && at <= tagging.size();) {
        const std::size_t end = std::min(tagging.find('&', at), tagging.size());
        const std::string pair = tagging.substr(at, end - at);
        const std::size_t eq = pair.find('=');
        const std::string k = percent_decoded(pair.substr(0, eq));
        const std::string v = eq == std::string::npos ? "" : percent_decoded(pair.substr(eq + 1));
        if (!valid_utf8(k) || !valid_utf8(v)) {  // S3's answer for a tag that is not text
            fail(result, "InvalidTag", std::string("The ") + (valid_utf8(k) ? "TagValue" : "TagKey") + " you have provided is invalid", 400);
            return false;
        }
        // "Tags that are associated with an object must have unique tag keys. A tag key can be up to 128 Unicode
        // characters in length, and tag values can be up to 256" (tagging-managing), in S3's words for each.
        const char* fault = utf8_length(k) > 128                                        ? "The TagKey you have provided is too long, max 128"
                            : utf8_length(v) > 256                                      ? "The TagValue you have provided is too long, max 256"
                            : std::find(keys.begin(), keys.end(), k) != keys.end()      ? "Cannot provide multiple Tags with the same key"
                                                                                        : nullptr;
        if (fault) {
            fail(result, "InvalidTag", fault, 400);
            return false;
        }
        if (!k.empty()) {
            keys.push_back(k);
            ctx.set_default("s3:RequestObjectTag/" + k, v);
            tags[k] = v;
        }
        at = end + 1;
    }
    if (!keys.empty()) ctx.set_multi("s3:RequestObjectTagKeys", std::move(keys));
    return true;
}

// An object's tags, as s3:ExistingObjectTag/K of a call that acts on it ("verify that an existing object tag has the
// specific tag key and value", tagging-and-policies), but for one that writes or deletes it: "When granting
// permissions for the PUT Object and DELETE Object operations, this condition key is not supported".
void add_existing_object_tags(iam::RequestContext& ctx, const S3Object& object) {
    for (const auto& [k, v] : object.tags) ctx.set_default("s3:ExistingObjectTag/" + k, v);
}

// The sandbox's buckets never had versioning: their objects' one version is "null" (AmazonS3 versioning-workflows,
// "objects stored in your bucket before you set the versioning state have a version ID of null"); another is refused
// as S3 refuses a version id it cannot read (false, with `result` failed).
bool known_version(const std::string& version, ApiResult& result) {
    if (version == "null"sv) return true;
    fail(result, "InvalidArgument", "Invalid version id specified", 400);
    return false;
}

// ---- SSE-KMS: S3 uses the object's KMS key on the caller's behalf ----

// An upload's encryption headers, as S3 checks them: x-amz-server-side-encryption "Valid Values: AES256 | aws:kms |
// aws:kms:dsse" (API_PutObject), others refused as SDK users have reported it (InvalidArgument, "The encryption method
// specified is not supported"); a KMS key only with aws:kms or aws:kms:dsse ("If you specify
// x-amz-server-side-encryption with aws:kms or aws:kms:dsse", API_PutObject, SSEKMSKeyId), else InvalidArgument as the
// AWS CLI shows S3's answer to --ssekms-key-id alone. False, with `result` failed, when S3 refuses them.
bool encryption_headers_valid(const ApiCall& call, ApiResult& result) {
    const std::string sse = param(call, "ServerSideEncryption");
    if (!sse.empty() && !valid_sse_algorithm(sse)) {
        fail(result, "InvalidArgument", "The encryption method specified is not supported", 400);
        return false;
    }
    if (!param(call, "SSEKMSKeyId").empty() && !starts_with(sse, "aws:kms")) {
        fail(result, "InvalidArgument",
             "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms", 400);
        return false;
    }
    return true;
}

// KMS's default key policy of `account`'s keys (aws_managed.hpp), made once.
const iam::Policy& default_key_policy(World& world, const std::string& account) {
    const auto it = world.default_key_policies.find(account);
    if (it != world.default_key_policies.end()) return it->second;
    return world.default_key_policies.emplace(account, default_key_policy_for(account)).first->second;
}

// The key policy of the KMS key `kms_key` of `account`: the world's key's own, else KMS's default key policy.
const iam::Policy& key_policy(World& world, const std::string& kms_key, const std::string& account) {
    if (const KmsKey* key = world.kms_key(kms_key)) return key->policy;
    return default_key_policy(world, account);
}

// The AWS managed key aws/s3 of `account` in `region`: its key policy lets every principal of the account use it
// through S3, and no one else ("Allow access through S3 for all principals in the account that are authorized to use
// S3", with kms:CallerAccount and kms:ViaService; a key policy AWS manages and no one can change). So it serves no
// other account: "Use a customer managed key if you want to grant cross-account access to your S3 objects"
// (UsingKMSEncryption).
const iam::Policy& s3_managed_key_policy(World& world, const std::string& account, const std::string& region) {
    const std::string id = "aws/s3 " + account + " " + region;
    const auto it = world.default_key_policies.find(id);
    if (it != world.default_key_policies.end()) return it->second;
    const nlohmann::json document = {
        {"Version", "2012-10-17"},
        {"Id", "auto-s3-2"},
        {"Statement",
         {{{"Sid", "Allow access through S3 for all principals in the account that are authorized to use S3"},
           {"Effect", "Allow"}, {"Principal", {{"AWS", "*"}}},
           {"Action", {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}},
           {"Resource", "*"},
           {"Condition", {{"StringEquals", {{"kms:CallerAccount", account}, {"kms:ViaService", "s3." + region + ".amazonaws.com"}}}}}},
          {{"Sid", "Allow direct access to key metadata to the account"}, {"Effect", "Allow"},
           {"Principal", {{"AWS", "arn:aws:iam::" + account + ":root"}}},
           {"Action", {"kms:Describe*", "kms:Get*", "kms:List*"}}, {"Resource", "*"}}}}};
    return world.default_key_policies.emplace(id, iam::compile_policy(document, iam::PolicyKind::Resource, "aws/s3 key policy"))
        .first->second;
}

// The key ARN of the AWS managed key aws/s3 of `account` in `region`. KMS authorizes a key by its key ARN, never an
// alias ("To specify a KMS key in an IAM policy statement, you must use its key ARN", cmks-in-iam-policies), and S3
// answers the key's id (SSEKMSKeyId); AWS makes up its key id, and the sandbox draws one from the account and Region,
// the same every run.
std::string s3_managed_key_arn(const std::string& account, const std::string& region) {
    Rng rng = Rng::from_text("aws/s3 " + account + " " + region);
    const std::string hex = rng.chars("0123456789abcdef", 32);
    return "arn:aws:kms:" + region + ":" + account + ":key/" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) +
           "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

// The KMS key an SSE-KMS upload to `bucket` uses: the one SSEKMSKeyId names, its ARN, or its id or alias in the
// caller's account and the bucket's Region ("If the KMS key doesn't exist in the same account that's issuing the
// command, you must use the full Key ARN and not just the ID", API_PutObject); without one, the AWS managed key
// aws/s3 ("If you specify x-amz-server-side-encryption:aws:kms, but do not provide x-amz-server-side-encryption-aws-
// kms-key-id, Amazon S3 uses the AWS managed key (aws/s3)"), the bucket owner's.
std::string sse_kms_key(const ApiCall& call, const Caller& caller, const Bucket& bucket) {
    std::string given = param(call, "SSEKMSKeyId");
    // An upload that asks for no encryption gets the bucket's default, and its key, looked up as a key the upload named:
    // "If you are using encryption with cross-account or AWS service operations, you must use a fully qualified KMS
    // key ARN" (API_ServerSideEncryptionByDefault); S3 looks a bare id up in the uploader's account (users' records).
    if (given.empty() && param(call, "ServerSideEncryption").empty()) given = bucket.encryption.kms_key;
    if (given.empty() || given == "alias/aws/s3"sv) return s3_managed_key_arn(bucket.account, bucket.region);
    if (starts_with(given, "arn:")) return given;
    const std::string& account = iam::is_account_id(caller.principal.account) ? caller.principal.account : bucket.account;
    return "arn:aws:kms:" + bucket.region + ":" + account + ":" + (starts_with(given, "alias/") ? given : "key/" + given);
}

// Whether S3 may use `kms_key` for the caller, to encrypt (kms:GenerateDataKey) or decrypt (kms:Decrypt) `object`
// ("bucket/key"): "To upload or download an object encrypted with an AWS KMS key to or from Amazon S3, you need
// kms:GenerateDataKey and kms:Decrypt permissions on the key" (UsingKMSEncryption). KMS decides with the caller's
// policies and the key's policy (its account's default key policy, or aws/s3's), in a request S3 makes on the
// caller's behalf: kms:ViaService is S3's endpoint, kms:CallerAccount the caller's account, aws:ViaAWSService true,
// and the caller's aws:SourceIp goes with it ("The policy does not deny requests made by AWS services using Forward
// access sessions as the original requester's IP address is preserved", reference_policies_examples_aws_deny-ip),
// but not its VPC endpoint: S3 reaches KMS itself ("requests from integrated AWS services that use an AWS KMS
// resource on your behalf might fail" a condition on the VPC or endpoint, kms vpce-policy-condition). The encryption
// context is the object's ARN (kms:EncryptionContext:aws:s3:arn, UsingKMSEncryption). False, with `result` refused,
// when KMS refuses.
bool kms_allows(ServiceContext& sc, const ApiCall& call, const Caller& caller, const Bucket& bucket, const std::string& object,
                const char* action, const std::string& kms_key, ApiResult& result) {
    // KMS takes only signed requests: an anonymous one is refused before any policy, as S3 answers a public reader of
    // an SSE-KMS object (users' records of S3's InvalidArgument).
    if (caller.principal.type == iam::PrincipalType::Anonymous) {
        fail(result, "InvalidArgument", "Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.", 400);
        return false;
    }
    const auto arn = iam::Arn::parse(kms_key);
    const std::string key_account = arn && iam::is_account_id(arn->account) ? arn->account : bucket.account;
    // A key of another Region than the bucket's is none S3 can use (KMS.NotFoundException, "Key '...' does not exist", as
    // users have recorded S3's answer), nor is a key id the world declares elsewhere (another Region, or another account:
    // a bucket default's bare id, which S3 looks up in the uploader's account).
    bool elsewhere = false;
    if (arn && arn->resource.compare(0, 4, "key/") == 0 && !sc.world.kms_key(kms_key))
        for (const auto& [id, a] : sc.world.accounts) elsewhere = elsewhere || a.kms_keys.count(arn->resource.substr(4)) > 0;
    if (arn && ((!arn->region.empty() && arn->region != bucket.region) || elsewhere)) {
        fail(result, "KMS.NotFoundException", "Key '" + kms_key + "' does not exist", 400);
        return false;
    }
    const std::string region = arn && !arn->region.empty() ? arn->region : bucket.region;
    nlohmann::json extra = call.extra_context.is_object() ? call.extra_context : nlohmann::json::object();
    for (auto it = extra.begin(); it != extra.end();) {
        const bool endpoint_key = equal_ignoring_case(it.key(), "aws:SourceVpc") || equal_ignoring_case(it.key(), "aws:SourceVpce") ||
                                  equal_ignoring_case(it.key(), "aws:VpcSourceIp");
        it = endpoint_key ? extra.erase(it) : std::next(it);
    }
    iam::RequestContext ctx = request_context(sc, caller, extra);
    ctx.set("aws:ViaAWSService", "true");
    ctx.set("aws:RequestedRegion", region);
    ctx.set("kms:CallerAccount", caller.principal.account);
    ctx.set("kms:ViaService", "s3." + region + ".amazonaws.com");
    ctx.set("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::" + object);
    ctx.set_multi("kms:EncryptionContextKeys", {"aws:s3:arn"});
    const bool managed = kms_key == s3_managed_key_arn(key_account, region);
    const iam::Policy& policy = managed ? s3_managed_key_policy(sc.world, key_account, region) : key_policy(sc.world, kms_key, key_account);
    const iam::Decision& d = authorize(sc, caller, action, kms_key, key_account, &policy, std::move(ctx), result, managed);
    const bool decrypting = std::string_view(action) == "kms:Decrypt";
    result.decisions.back().label_note += std::string(" (S3 ") + (decrypting ? "decrypting" : "encrypting") + " s3://" + object +
                                          " with " + (managed ? "the AWS managed key aws/s3" : "its KMS key") + ")";
    result.kms_uses.push_back(KmsUse{decrypting ? "Decrypt" : "GenerateDataKey", kms_key, key_account, region,
                                     "arn:aws:s3:::" + object, d.allowed() ? "" : d.message});
    if (d.allowed()) return true;
    s3_denied(sc, caller, key_account, d, result);
    return false;
}

// CopyObject's source, params.CopySource ("bucket/key", a leading slash and percent-escapes allowed, as
// x-amz-copy-source is written), read as GetObject reads it: "If the source object is in a general purpose bucket,
// you must have s3:GetObject permission to read the source object that is being copied" (API_CopyObject). Its text,
// "bucket/key", is the s3:x-amz-copy-source key of the write (amazon-s3-policy-keys, example 3). The source object,
// or null with `result` failed.
const S3Object* copy_source(ServiceContext& sc, const ApiCall& call, const Caller& caller, std::string& source,
                            ApiResult& result) {
    std::string given = param(call, "CopySource");
    // "To copy a specific version of an object, append ?versionId=<version-id> to the value" (API_CopyObject): read
    // with s3:GetObjectVersion, as a GetObject naming a version is.
    std::string version;
    if (const std::size_t q = given.find("?versionId="); q != std::string::npos) {
        version = given.substr(q + 11);
        given.erase(q);
    }
    source = percent_decoded(std::string_view(given).substr(!given.empty() && given[0] == '/' ? 1 : 0));
    if (!valid_utf8(source)) {  // S3's keys are UTF-8
        fail(result, "InvalidArgument", "Invalid copy source encoding", 400);
        return nullptr;
    }
    // "For objects accessed through access points, specify the Amazon Resource Name (ARN) of the object as accessed
    // through the access point, in the format arn:aws:s3:<Region>:<account-id>:accesspoint/<access-point-name>/object/<key>"
    // (API_CopyObject, CopySource): read through the access point, as a GetObject through it is.
    const AccessPoint* ap = nullptr;
    std::string ap_key;
    if (!through_access_point(sc.world, source, false, ap, ap_key, result)) return nullptr;
    if (ap && ap_key.empty()) {
        fail(result, "InvalidArgument", "Copy Source must mention the source access point's object: ACCESS_POINT_ARN/object/KEY", 400);
        return nullptr;
    }
    if (ap) source = ap->bucket + "/" + ap_key;
    const std::size_t slash = source.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == source.size()) {
        fail(result, "InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", 400);
        return nullptr;
    }
    const auto b = sc.world.buckets.find(source.substr(0, slash));
    if (b == sc.world.buckets.end()) {
        fail(result, "NoSuchBucket", "The specified bucket does not exist", 404);
        return nullptr;
    }
    const Bucket& bucket = b->second;
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    set_s3_request_keys(ctx, caller, bucket.account);
    if (!version.empty()) ctx.set_default("s3:VersionId", version);
    const auto object = bucket.objects.find(source.substr(slash + 1));
    if (object != bucket.objects.end()) add_existing_object_tags(ctx, object->second);
    const S3Decision read = authorize_s3(sc, caller, version.empty() ? "s3:GetObject" : "s3:GetObjectVersion", bucket,
                                         "arn:aws:s3:::" + source, ap, source.substr(slash + 1),
                                         bucket.policy ? &*bucket.policy : nullptr, std::move(ctx), result);
    const iam::Decision& d = *read.decision;
    result.decisions.back().label_note += " (the source " + action_name(call.operation) + " reads)";
    if (!d.allowed()) {
        s3_denied(sc, caller, *read.account, d, result);
        return nullptr;
    }
    if (!version.empty() && !known_version(version, result)) return nullptr;
    if (object == bucket.objects.end()) {
        missing_object(sc, caller, bucket, ap, false, result);
        return nullptr;
    }
    // An SSE-KMS source is decrypted with its key, on the caller's behalf.
    if (!object->second.kms_key.empty() && !kms_allows(sc, call, caller, bucket, source, "kms:Decrypt", object->second.kms_key, result))
        return nullptr;
    return &object->second;
}

// What S3 checks of a PutObject (or CopyObject) once the write is allowed: its tags need s3:PutObjectTagging too
// ("To successfully set the tag-set with your PutObject request, you must have the s3:PutObjectTagging", API_PutObject),
// decided with the write's context; at most 10 ("You can associate up to 10 tags with an object", object-tagging);
// a storage class S3 has (ErrorResponses: InvalidStorageClass, "The storage class you specified is not valid"); and
// a copy onto its own source (`copy_source`, "bucket/key"; empty for a PutObject) changes something (S3's answer, as
// users have recorded it). False, with `result` failed, when the write must not happen.
bool put_object_checks(ServiceContext& sc, const ApiCall& call, const Caller& caller, const Bucket& bucket, const std::string& key,
                       std::size_t tag_count, const std::string& copy_source, ApiResult& result) {
    if (tag_count > 0) {
        iam::RequestContext same = result.decisions.back().request.context;
        const iam::Decision& d = authorize(sc, caller, "s3:PutObjectTagging", "arn:aws:s3:::" + bucket.name + "/" + key, bucket.account,
                                           bucket.policy ? &*bucket.policy : nullptr, std::move(same), result);
        result.decisions.back().label_note += " (the tags the write sets)";
        if (!d.allowed()) {
            s3_denied(sc, caller, bucket.account, d, result);
            return false;
        }
    }
    if (tag_count > 10) {
        fail(result, "InvalidTag", "Object tags cannot be greater than 10", 400);
        return false;
    }
    static const std::set<std::string, std::less<>> kStorageClasses = {
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
        "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE"};
    if (const std::string storage = param(call, "StorageClass"); !storage.empty() && !kStorageClasses.count(storage)) {
        fail(result, "InvalidStorageClass", "The storage class you specified is not valid", 400);
        return false;
    }
    if (!encryption_headers_valid(call, result)) return false;
    if (!copy_source.empty()) {
        const bool changes = !param(call, "StorageClass").empty() || !param(call, "ServerSideEncryption").empty() ||
                             param(call, "MetadataDirective") == "REPLACE"sv;
        if (copy_source == bucket.name + "/" + key && !changes) {
            fail(result, "InvalidRequest",
                 "This copy request is illegal because it is trying to copy an object to itself without changing the object's "
                 "metadata, storage class, website redirect location or encryption attributes.",
                 400);
            return false;
        }
    }
    return true;
}

}  // namespace

ApiResult s3_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    // What the operation does, by the action that authorizes it (a HEAD reads as a GET does, without the body).
    std::string permission = s3_permission(call.operation);
    const bool head = call.operation == "s3:HeadObject"sv || call.operation == "s3:HeadBucket"sv;
    const std::string op = call.operation == "s3:HeadBucket"sv ? "HeadBucket" : action_name(permission);
    // A version named: "If you include a versionId in your request header, you must have the s3:GetObjectVersion
    // permission ... The s3:GetObject permission is not required in this scenario" (API_GetObject; likewise
    // s3:DeleteObjectVersion, API_DeleteObject), with s3:VersionId (amazon-s3-policy-keys, example 4).
    const std::string version = param(call, "VersionId");
    const bool versioned = !version.empty() && (op == "GetObject"sv || op == "DeleteObject"sv);
    if (versioned) permission = s3_version_permission(permission);
    // A presigned URL is for one call on one object, with the headers and parameters its signer gave, "up to the
    // expiration date and time" (using-presigned-url). Used for another call or object, or without a header it signed
    // or with another value, its signature does not match (S3's SignatureDoesNotMatch); with a header it did not sign,
    // S3 answers AccessDenied "There were headers present in the request which were not signed"; used after it,
    // AccessDenied "Request has expired" (users' records of S3's answers). Each fails authentication, which CloudTrail
    // does not log. An upload's body is not signed.
    if (!call.presigned.is_null()) {
        nlohmann::json sent = call.params.is_object() ? call.params : nlohmann::json::object();
        sent.erase("Body");
        const nlohmann::json& signed_params = call.presigned.contains("params") ? call.presigned["params"] : nlohmann::json::object();
        bool unsigned_header = false;
        for (auto it = sent.begin(); it != sent.end(); ++it) unsigned_header = unsigned_header || !signed_params.contains(it.key());
        const bool other_call = call.presigned.value("operation", "") != call.operation || call.presigned.value("resource", "") != call.resource ||
                                (!unsigned_header && sent != signed_params);
        const SimTime signed_t = call.presigned.value("signed_t", SimTime{0});
        const bool expired = sc.now > signed_t + call.presigned.value("expires_in", SimTime{0}) * kSecond;
        if (other_call || unsigned_header || expired) {
            if (head) fail(result, "Forbidden", "Forbidden", 403);
            else if (other_call) fail(result, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you "
                                                                   "provided. Check your key and signing method.", 403);
            else if (unsigned_header) fail(result, "AccessDenied", "There were headers present in the request which were not signed", 403);
            else fail(result, "AccessDenied", "Request has expired", 403);
            result.failed_authentication = true;
            return result;
        }
    }
    // arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY, or through an access point, its ARN or
    // arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY (access-points-naming).
    std::string path = call.resource;
    const std::string prefix = "arn:aws:s3:::";
    if (path.compare(0, prefix.size(), prefix) == 0) path = path.substr(prefix.size());
    const AccessPoint* ap = nullptr;
    std::string ap_key;
    if (!through_access_point(sc.world, call.resource, head, ap, ap_key, result)) return result;
    if (ap) path = ap->bucket + (ap_key.empty() ? "" : "/" + ap_key);
    const std::string bucket_name = path.substr(0, path.find('/'));
    const std::string key = path.find('/') == std::string::npos ? std::string() : path.substr(path.find('/') + 1);
    const auto b = sc.world.buckets.find(bucket_name);
    if (b == sc.world.buckets.end()) {
        // A HEAD answer has no body, so no error code: the SDKs name it by its status.
        if (head) fail(result, "NotFound", "Not Found", 404);
        else fail(result, "NoSuchBucket", "The specified bucket does not exist", 404);
        return result;
    }
    Bucket& bucket = b->second;
    result.recipient_account = bucket.account;
    const bool policy_op = op == "PutBucketPolicy"sv || op == "DeleteBucketPolicy"sv || op == "GetBucketPolicy"sv;
    const bool block_op = op == "PutBucketPublicAccessBlock"sv || op == "GetBucketPublicAccessBlock"sv;
    const bool encryption_op = op == "PutEncryptionConfiguration"sv || op == "GetEncryptionConfiguration"sv;
    const bool object_op = op != "ListBucket"sv && op != "HeadBucket"sv && !policy_op && !block_op && !encryption_op;
    if (object_op && key.empty()) {
        fail(result, "InvalidRequest", "A key is required: use " + (ap ? ap->arn + "/object" : "arn:aws:s3:::" + bucket_name) + "/KEY", 400);
        return result;
    }
    if (ap && !access_point_takes(call.operation, object_op, caller, head, result)) return result;
    // "The object key name consists of a sequence of Unicode characters encoded in UTF-8, with a maximum length of
    // 1,024 bytes" (object-keys); S3's error list: KeyTooLongError, "Your key is too long".
    // A request S3 refuses for its form (400), before anything is authorized; a HEAD's answer has no body, only its
    // status, which the SDKs name BadRequest.
    const auto bad_request = [&](const char* code, const char* message) {
        if (head) fail(result, "BadRequest", "Bad Request", 400);
        else fail(result, code, message, 400);
        return result;
    };
    if (object_op && key.size() > 1024) return bad_request("KeyTooLongError", "Your key is too long");
    // A VersionId given empty names no version: "InvalidArgument: Version id cannot be the empty string", as the AWS
    // CLI shows S3's answer to `--version-id ""` (users' records).
    if (const auto v = call.params.find("VersionId");
        (op == "GetObject"sv || op == "DeleteObject"sv) && v != call.params.end() && v->is_string() && v->get_ref<const std::string&>().empty())
        return bad_request("InvalidArgument", "Version id cannot be the empty string");
    const std::string resource = object_op ? prefix + bucket_name + "/" + key : prefix + bucket_name;
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    // A presigned request authenticates in its query string, its signature as old as the URL (amazon-s3-policy-keys:
    // s3:authType REST-QUERY-STRING; s3:signatureAge in milliseconds).
    if (!call.presigned.is_null()) {
        ctx.set_default("s3:authType", "REST-QUERY-STRING");
        ctx.set_default("s3:signatureAge", std::to_string(sc.now - call.presigned.value("signed_t", SimTime{0})));
    }
    set_s3_request_keys(ctx, caller, bucket.account);
    // The call goes to the bucket's region (aws:RequestedRegion, CloudTrail's awsRegion), unless the step says.
    result.region = bucket.region;
    if (!call.extra_context.contains("aws:RequestedRegion")) ctx.set("aws:RequestedRegion", bucket.region);
    // A listing's Prefix is the s3:prefix condition key (the IAM User Guide's home-folder policy,
    // reference_policies_examples_s3_home-directory-console, allows ListBucket on "s3:prefix": "home/${aws:username}/*").
    // Likewise its Delimiter is s3:delimiter (the same page's "s3:delimiter": ["/"]), and its MaxKeys s3:max-keys (the
    // Service Authorization Reference's S3 keys: "by maximum number of keys returned in a ListBucket request"), as
    // the request gives it (list_objects checks it).
    // PutObject's headers are condition keys too: x-amz-acl and x-amz-server-side-encryption (amazon-s3-policy-keys;
    // the bucket policy examples "require bucket-owner-full-control" and "deny unencrypted uploads").
    if (op == "PutObject"sv)
        for (const auto& [name, key_name] : s3_put_headers())
            if (const auto it = call.params.find(name); it != call.params.end() && it->is_string())
                ctx.set_default(key_name, it->get<std::string>());
    std::map<std::string, std::string> tags;  // a write's tags: the request's, or a copy's source's
    if (op == "PutObject"sv && !add_object_tags(ctx, param(call, "Tagging"), tags, result)) return result;
    const std::size_t tag_count = tags.size();  // the request's own
    if (object_op && op != "PutObject"sv && op != "DeleteObject"sv && op != "DeleteObjectVersion"sv)
        if (const auto o = bucket.objects.find(key); o != bucket.objects.end()) add_existing_object_tags(ctx, o->second);
    if (versioned) ctx.set_default("s3:VersionId", version);
    const S3Object* copied = nullptr;  // CopyObject: the source, read before the copy is written
    std::string source;                // and its "bucket/key"
    if (call.operation == "s3:CopyObject"sv) {
        copied = copy_source(sc, call, caller, source, result);
        if (!copied) return result;
        ctx.set_default("s3:x-amz-copy-source", source);
        // "TaggingDirective: Specifies whether the object tag-set is copied from the source object or replaced with the
        // tag-set that's provided in the request", COPY by default (API_CopyObject).
        if (param(call, "TaggingDirective") != "REPLACE") tags = copied->tags;
    }
    if (op == "ListBucket"sv) {
        for (const auto& [name, key_name] : {std::pair{"Prefix", "s3:prefix"}, std::pair{"Delimiter", "s3:delimiter"}})
            if (const auto it = call.params.find(name); it != call.params.end() && it->is_string())
                ctx.set_default(key_name, it->get<std::string>());
        if (const auto m = call.params.find("MaxKeys"); m != call.params.end() && (m->is_string() || m->is_number_integer()))
            ctx.set_default("s3:max-keys", m->is_string() ? m->get<std::string>() : m->dump());
    }
    const iam::Policy* bucket_policy = bucket.policy ? &*bucket.policy : nullptr;
    static const std::string kBucketItself;
    const S3Decision decided =
        authorize_s3(sc, caller, permission, bucket, resource, ap, object_op ? key : kBucketItself, bucket_policy, std::move(ctx), result);
    const iam::Decision& d = *decided.decision;
    note_owner_root(bucket, result);
    if (!d.allowed()) {
        if (head) access_denied(result, "Forbidden");
        else s3_denied(sc, caller, *decided.account, d, result);
        return result;
    }
    if (op == "PutObject"sv && !put_object_checks(sc, call, caller, bucket, key, tag_count, source, result)) return result;
    if (versioned && !known_version(version, result)) return result;
    if (block_op) {
        public_access_block_operation(sc.world, call, bucket, result);
        return result;
    }
    if (encryption_op) {
        bucket_encryption_operation(call, bucket, result);
        return result;
    }
    if (policy_op) {
        bucket_policy_operation(sc, call, caller, bucket, result);
        return result;
    }
    if (op == "GetObject"sv) {
        const auto it = bucket.objects.find(key);
        if (it == bucket.objects.end()) {
            missing_object(sc, caller, bucket, ap, head, result);
            return result;
        }
        const S3Object& object = it->second;
        // Reading an SSE-KMS object decrypts it with its key; HeadObject reads no content.
        if (!head && !object.kms_key.empty() && !kms_allows(sc, call, caller, bucket, bucket_name + "/" + key, "kms:Decrypt", object.kms_key, result))
            return result;
        result.response = nlohmann::json::object();
        result.response["ContentLength"] = object.content.size();
        if (!head) result.response["Body"] = object.content;
        // "If the object is stored using server-side encryption ... the response includes this header" (API_GetObject).
        add_encryption_answer(object, result.response);
    } else if (op == "PutObject"sv) {
        // Every bucket is "Bucket owner enforced", S3's default: "All S3 PUT requests must either specify the
        // bucket-owner-full-control canned ACL or not specify an ACL, or these requests will fail"
        // (AmazonS3 object-ownership-error-responses), and "PUT requests that contain other ACLs (for example, custom
        // grants to certain AWS accounts) fail" (about-object-ownership): any grant header, the sandbox having no
        // canonical user ids to name the bucket owner by.
        const auto acl = call.params.find("ACL");
        const bool grants = std::any_of(s3_put_headers().begin(), s3_put_headers().end(), [&](const auto& header) {
            return starts_with(header.first, "Grant") && call.params.contains(header.first);
        });
        if (grants || (acl != call.params.end() && !(acl->is_string() && acl->get<std::string>() == "bucket-owner-full-control"sv))) {
            fail(result, "AccessControlListNotSupported", "The bucket does not allow ACLs", 400);
            return result;
        }
        const auto body = call.params.find("Body");
        const std::string content = copied                     ? copied->content
                                    : body == call.params.end() ? std::string()
                                    : body->is_string()         ? body->get<std::string>()
                                                                : body->dump();
        // "All new object uploads to Amazon S3 are automatically encrypted" (since January 5, 2023) with SSE-S3 unless
        // the request asks for KMS (a copy too: "if you don't specify encryption information in your copy request, the
        // encryption setting of the target object is set to the default encryption configuration of the destination
        // bucket", API_CopyObject), with a data key the object's KMS key makes for the caller.
        S3Object object{content, upload_encryption(call, bucket), "", false, std::move(tags)};
        if (starts_with(object.encryption, "aws:kms")) {
            object.kms_key = sse_kms_key(call, caller, bucket);
            if (!kms_allows(sc, call, caller, bucket, bucket_name + "/" + key, "kms:GenerateDataKey", object.kms_key, result)) return result;
            // An S3 Bucket Key as the request asks ("Setting this header to true causes Amazon S3 to use an S3 Bucket
            // Key for object encryption with SSE-KMS"), else as the bucket's default encryption says (API_PutObject).
            const auto asked = call.params.find("BucketKeyEnabled");
            object.bucket_key = asked != call.params.end() && !asked->is_null() ? (*asked == true || *asked == "true")
                                                                               : bucket.encryption.bucket_key;
        }
        // The answer "confirms the encryption algorithm that Amazon S3 used" and names the KMS key (API_PutObject,
        // ServerSideEncryption and SSEKMSKeyId), and whether it "uses an S3 Bucket Key".
        result.response = nlohmann::json::object();
        add_encryption_answer(object, result.response);
        bucket.objects[key] = std::move(object);
        result.changes.push_back({"wrote s3://" + bucket_name + "/" + key, "s3://" + bucket_name + "/" + key + " 기록"});
    } else if (op == "DeleteObject"sv) {
        if (bucket.objects.erase(key)) result.changes.push_back({"deleted s3://" + bucket_name + "/" + key, "s3://" + bucket_name + "/" + key + " 삭제"});
        result.http_status = 204;
    } else if (op == "ListBucket"sv) {
        if (!list_objects(call, bucket_name, bucket, result)) return result;
    } else if (op == "HeadBucket"sv) {
        result.response = {{"BucketRegion", bucket.region}};  // the x-amz-bucket-region header
    }
    result.ok = true;
    return result;
}

// ---- EC2 ----------------------------------------------------------------------------------------------------

namespace {

// {"Code", "Name"}: EC2's state codes (API_InstanceState: 0 pending, 16 running, 32 shutting-down, 48 terminated,
// 64 stopping, 80 stopped).
int instance_state_code(const std::string& name) {
    static const std::pair<const char*, int> kCodes[] = {{"pending", 0},     {"running", 16},  {"shutting-down", 32},
                                                         {"terminated", 48}, {"stopping", 64}, {"stopped", 80}};
    for (const auto& [n, c] : kCodes)
        if (name == n) return c;
    return 0;
}
nlohmann::json instance_state(const std::string& name) { return {{"Code", instance_state_code(name)}, {"Name", name}}; }

// The keys of a call on an existing instance: its tags (ec2:ResourceTag/K, aws:ResourceTag/K), its Availability
// Zone and its type when the file gives one (ec2:AvailabilityZone, ec2:InstanceType: the EC2 guide's resource-level
// permissions list them for Start, Stop and TerminateInstances, among keys of an instance the sandbox does not
// model: profile, tenancy, ...).
void add_instance_keys(iam::RequestContext& ctx, const Instance& inst) {
    add_resource_tags(ctx, "ec2", inst.tags);
    ctx.set_default("ec2:AvailabilityZone", inst.availability_zone());
    if (!inst.type.empty()) ctx.set_default("ec2:InstanceType", inst.type);
}

nlohmann::json instance_json(const Instance& i) {
    nlohmann::json out = {{"InstanceId", i.id}, {"State", instance_state(i.state)},
                          {"Placement", {{"AvailabilityZone", i.availability_zone()}}}};
    if (!i.type.empty()) out["InstanceType"] = i.type;  // API_Instance
    if (!i.vpc.empty()) out["VpcId"] = i.vpc;  // API_Instance: VpcId, PrivateIpAddress
    if (!i.private_ip.empty()) out["PrivateIpAddress"] = i.private_ip;
    for (const auto& [k, v] : i.tags) out["Tags"].push_back({{"Key", k}, {"Value", v}});  // no Tags when there are none
    return out;
}

// EC2's instance id: "i-" and 8 or 17 lower-case hexadecimal digits.
bool well_formed_instance_id(const std::string& id) {
    return (id.size() == 10 || id.size() == 19) && id.compare(0, 2, "i-") == 0 &&
           id.find_first_not_of("0123456789abcdef", 2) == std::string::npos;
}

// Fails `result` for instance ids EC2 cannot find in the caller's account and region. An id not in EC2's form that
// the world does not have under any account is InvalidInstanceID.Malformed, `Invalid id: "ID"` (as AWS answers
// DescribeInstances and StopInstances; a scenario may give its instances ids of any form); otherwise
// InvalidInstanceID.NotFound: "The instance ID 'i-1' does not exist", or "The instance IDs 'i-1, i-2' do not exist".
void fail_missing_instances(const World& world, const std::vector<std::string>& missing, ApiResult& result) {
    for (const std::string& id : missing)
        if (!well_formed_instance_id(id) && !world.instances.count(id))
            return fail(result, "InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"", 400);
    std::string list;
    for (const std::string& id : missing) list += (list.empty() ? "" : ", ") + id;
    fail(result, "InvalidInstanceID.NotFound",
         missing.size() > 1 ? "The instance IDs '" + list + "' do not exist" : "The instance ID '" + list + "' does not exist",
         400);
}

// One of DescribeInstances' Filters ([{"Name", "Values"}]): an instance passes when one of the values matches.
struct InstanceFilter {
    std::string name;
    std::vector<iam::Glob> values;  // "Wildcards can be included in filter values: * ... ? ..." (API_Filter)
};

// The names EC2 documents (API_DescribeInstances, Filters) for what the sandbox models: instance-id,
// instance-state-name, instance-state-code, availability-zone, vpc-id, private-ip-address, tag:KEY and tag-key. Reads
// them all; returns the first other name (EC2's InvalidParameterValue), if any.
std::optional<std::string> read_filters(const nlohmann::json& params, std::vector<InstanceFilter>& out) {
    const auto filters = params.find("Filters");
    if (filters == params.end() || !filters->is_array()) return std::nullopt;
    for (const auto& f : *filters) {
        InstanceFilter filter;
        filter.name = f.is_object() && f.contains("Name") && f["Name"].is_string() ? f["Name"].get<std::string>() : "";
        static const std::set<std::string> kNames = {"instance-id",       "instance-state-name", "instance-state-code",
                                                     "availability-zone", "vpc-id",              "private-ip-address",
                                                     "tag-key"};
        if (!kNames.count(filter.name) && !starts_with(filter.name, "tag:")) return filter.name;
        if (f.contains("Values") && f["Values"].is_array())
            for (const auto& v : f["Values"])
                if (v.is_string()) filter.values.push_back(iam::Glob::compile(v.get<std::string>()));
        out.push_back(std::move(filter));
    }
    return std::nullopt;
}

// The region an EC2 call goes to: its endpoint's. EC2 condition keys name it twice: aws:RequestedRegion and
// ec2:Region ("the Region for the request": reference_policies_examples_ec2_region uses the latter).
void set_ec2_region(iam::RequestContext& ctx, const ApiCall& call, const std::string& region) {
    for (const char* key : {"aws:RequestedRegion", "ec2:Region"})
        if (!call.extra_context.contains(key)) ctx.set(key, region);  // a step's context keeps its value
}

// The region an EC2 call goes to: its resource ARN's, else params.Region, else `otherwise`.
std::string ec2_endpoint_region(const ApiCall& call, const std::string& otherwise) {
    const std::optional<iam::Arn> arn = iam::Arn::parse(call.resource);
    if (arn && !arn->region.empty()) return arn->region;
    const std::string region = param(call, "Region");
    return region.empty() ? otherwise : region;
}

// DryRun: "Checks whether you have the required permissions for the action, without actually making the request,
// and provides an error response. If you have the required permissions, the error response is DryRunOperation.
// Otherwise, it is UnauthorizedOperation" (API_StopInstances, API_DescribeInstances, ...). Called once the call is
// authorized: true (and `result` failed with DryRunOperation) when it must not go on.
bool dry_run(const ApiCall& call, ApiResult& result) {
    const auto it = call.params.find("DryRun");
    if (it == call.params.end() || *it == false || *it == "false"sv) return false;
    if (*it != true && *it != "true"sv) {  // a value EC2 cannot read as a boolean: the call must not run
        fail(result, "InvalidParameterValue", "Value (" + (it->is_string() ? it->get<std::string>() : it->dump()) +
                                                   ") for parameter DryRun is invalid. Expected a boolean.", 400);
        return true;
    }
    fail(result, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    return true;
}

bool passes_filters(const Instance& i, const std::vector<InstanceFilter>& filters) {
    for (const InstanceFilter& f : filters) {
        auto any = [&](const std::string& x) {
            return std::any_of(f.values.begin(), f.values.end(), [&](const iam::Glob& v) { return v.matches(x); });
        };
        const bool ok = f.name == "instance-id"sv           ? any(i.id)
                        : f.name == "instance-state-name"sv ? any(i.state)
                        : f.name == "instance-state-code"sv ? any(std::to_string(instance_state_code(i.state)))
                        : f.name == "availability-zone"sv   ? any(i.availability_zone())
                        : f.name == "vpc-id"sv              ? !i.vpc.empty() && any(i.vpc)
                        : f.name == "private-ip-address"sv  ? !i.private_ip.empty() && any(i.private_ip)
                        : f.name == "tag-key"sv ? std::any_of(i.tags.begin(), i.tags.end(), [&](const auto& t) { return any(t.first); })
                                              : i.tags.count(f.name.substr(4)) && any(i.tags.at(f.name.substr(4)));
        if (!ok) return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> ec2_instance_ids(const ApiCall& call) {
    std::vector<std::string> ids;
    // "*" (how an IAM policy names DescribeInstances' resource) names no instance in particular.
    if (std::string id = call.resource.substr(call.resource.rfind('/') + 1); !id.empty() && call.resource != "*"sv) {
        ids.push_back(std::move(id));
    } else if (const auto list = call.params.find("InstanceIds"); list != call.params.end() && list->is_array()) {
        for (const auto& e : *list)
            if (e.is_string()) ids.push_back(e.get<std::string>());
    }
    return ids;
}

namespace {

constexpr std::string_view kEncodedMessageCharacters =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A decision as sts:DecodeAuthorizationMessage gives it back, in the shape of AWS's decoded messages:
// {"allowed", "explicitDeny", "matchedStatements": {"items": [the Deny statements that matched]}, "failures":
// {"items": []}, "context": {"principal": {"id", "name", "arn"}, "action", "resource", "conditions": {"items":
// [{"key", "values": {"items": [{"value"}]}}]}}}. API_DecodeAuthorizationMessage: "Whether the request was denied
// due to an explicit deny or due to the absence of an explicit allow ... The principal who made the request. The
// requested action. The requested resource. The values of condition keys in the context of the user's request."
std::string decoded_authorization_message(const DecisionRecord& record) {
    using Ordered = nlohmann::ordered_json;  // AWS's member order
    const auto items = [](Ordered list) { return Ordered{{"items", std::move(list)}}; };
    const auto value = [](const nlohmann::json& v) { return Ordered{{"value", v.is_string() ? v.get<std::string>() : v.dump()}}; };
    const auto values = [&](const nlohmann::json& written) {  // a policy element or context value: a string or a list
        Ordered list = Ordered::array();
        if (written.is_array()) {
            for (const auto& v : written) list.push_back(value(v));
        } else if (!written.is_null()) {
            list.push_back(value(written));
        }
        return items(std::move(list));
    };
    const iam::Request& request = record.request;
    const iam::Principal& who = request.principal;
    const std::string principal_id = who.id.substr(0, who.id.find(':'));  // a role session's statements name its role
    Ordered matched = Ordered::array();
    if (record.decision.outcome == iam::Outcome::ExplicitDeny) {
        for (const iam::MatchedStatement& m : record.decision.matched) {
            const iam::Statement& s = m.policy->statements[m.statement];
            if (s.effect != iam::Effect::Deny || !m.policy->document) continue;
            const nlohmann::json& all = m.policy->document->at("Statement");
            const nlohmann::json& written = all.is_array() ? all.at(s.index) : all;
            Ordered conditions = Ordered::array();
            if (const auto c = written.find("Condition"); c != written.end() && c->is_object())
                for (const auto& [op, keys] : c->items())
                    for (const auto& [key, v] : keys.items()) conditions.push_back({{"key", key}, {"values", values(v)}});
            matched.push_back({{"statementId", written.value("Sid", "")},
                               {"effect", "DENY"},
                               {"principals", items(Ordered::array({{{"value", principal_id}}}))},
                               {"principalGroups", items(Ordered::array())},
                               {"actions", values(written.contains("Action") ? written["Action"] : written.value("NotAction", nlohmann::json()))},
                               {"resources", values(written.contains("Resource") ? written["Resource"] : written.value("NotResource", nlohmann::json()))},
                               {"conditions", items(std::move(conditions))}});
        }
    }
    Ordered principal = {{"id", who.id}};
    if (who.type == iam::PrincipalType::IAMUser) principal["name"] = who.name;
    principal["arn"] = who.arn;
    std::vector<const iam::ContextEntry*> keys;
    for (const auto& e : request.context.entries()) keys.push_back(&e);
    std::sort(keys.begin(), keys.end(), [](const auto* a, const auto* b) { return a->key < b->key; });
    Ordered conditions = Ordered::array();
    for (const iam::ContextEntry* e : keys) conditions.push_back({{"key", e->key}, {"values", values(e->values)}});
    const Ordered decoded = {{"allowed", false},
                             {"explicitDeny", record.decision.outcome == iam::Outcome::ExplicitDeny},
                             {"matchedStatements", items(std::move(matched))},
                             {"failures", items(Ordered::array())},
                             {"context", {{"principal", std::move(principal)},
                                          {"action", request.action},
                                          {"resource", request.resource},
                                          {"conditions", items(std::move(conditions))}}}};
    return decoded.dump();
}

// EC2 answers UnauthorizedOperation where other services say AccessDenied, and adds the decision encoded for
// sts:DecodeAuthorizationMessage (ec2-not-auth-launch): an opaque token, which only that call, allowed by policy,
// turns back into the decision (the last one `result` records). "Only certain AWS operations return an encoded
// authorization message" (API_DecodeAuthorizationMessage): EC2's Describe calls answer without one, as users have
// recorded them ("... is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows
// the ec2:DescribeInstances action").
void ec2_denied(ServiceContext& sc, const iam::Decision& d, ApiResult& result) {
    std::string message = "You are not authorized to perform this operation. " + d.message;
    const iam::Request& request = result.decisions.back().request;
    if (!starts_with(request.action, "ec2:Describe")) {
        std::string encoded = sc.rng.chars(kEncodedMessageCharacters, 96);
        sc.world.authorization_messages[encoded] = decoded_authorization_message(result.decisions.back());
        message += ". Encoded authorization failure message: " + encoded;
    }
    fail(result, "UnauthorizedOperation", message, 403);
}

// The instance `id` of the caller's account, if the world has it and it has not gone; else null.
Instance* callers_instance(ServiceContext& sc, const Caller& caller, const std::string& id) {
    const auto it = sc.world.instances.find(id);
    return it == sc.world.instances.end() || it->second.account != caller.principal.account || it->second.gone(sc.now)
               ? nullptr
               : &it->second;
}

// The region whose endpoint an EC2 call naming instances goes to: its resource ARN's, else params.Region, else (the
// sandbox's shorthand for a client's configured region) the first named instance's, else us-east-1. An instance of
// another region is not found there.
std::string instances_region(ServiceContext& sc, const ApiCall& call, const Caller& caller, const std::vector<std::string>& ids) {
    std::string region = ec2_endpoint_region(call, "");
    for (std::size_t i = 0; region.empty() && i < ids.size(); ++i)
        if (const Instance* inst = callers_instance(sc, caller, ids[i])) region = inst->region;
    return region.empty() ? "us-east-1" : region;
}

// CloudTrail's awsRegion is "the AWS Region that the request was made to" (cloudtrail-event-reference-record-contents),
// refused before authentication or not: the endpoint's region, found as for an authenticated call, the instances of
// the key's own account standing for the client's configured region.
std::string unauthenticated_region(ServiceContext& sc, const ApiCall& call, const Credential* credential) {
    if (service_of(call.operation) == "ec2"sv)
        return known_operation(call.operation) ? instances_region(sc, call, caller_of(sc, credential), ec2_instance_ids(call))
                                               : ec2_endpoint_region(call, "us-east-1");
    const std::optional<iam::Arn> arn = iam::Arn::parse(call.resource);
    return arn ? arn->region : std::string();
}

// The instances a call names, each authorized on its own with its tags; false, with `result` failed, when one is
// missing or refused. They are the resource ARN's (…:instance/ID), or params.InstanceIds. The call goes to the
// region of the first one found; EC2 looks in the caller's own account and in that region, so another account's or
// another region's instance "does not exist" for it. Either every instance is acted on or none is: "If you specify
// multiple instances and the request fails (for example, because of a single incorrect instance ID), none of the
// instances are terminated" (API_TerminateInstances).
bool authorize_instances(ServiceContext& sc, const ApiCall& call, const Caller& caller, iam::RequestContext ctx,
                         ApiResult& result, std::vector<Instance*>& targets) {
    const std::vector<std::string> ids = ec2_instance_ids(call);
    const std::string region = instances_region(sc, call, caller, ids);
    std::vector<std::string> missing;
    for (const std::string& id : ids) {
        Instance* inst = callers_instance(sc, caller, id);
        if (inst && inst->region != region) inst = nullptr;
        if (inst) {
            targets.push_back(inst);
        } else {
            missing.push_back(id);
        }
    }
    result.region = region;  // CloudTrail's awsRegion, failed calls' too
    if (ids.empty()) {  // "InstanceIds ... Required: Yes" (API_StopInstances, API_TerminateInstances)
        fail(result, "MissingParameter", "The request must contain the parameter InstanceId", 400);
        return false;
    }
    if (!missing.empty()) {
        fail_missing_instances(sc.world, missing, result);
        return false;
    }
    set_ec2_region(ctx, call, region);
    for (const Instance* inst : targets) {
        iam::RequestContext instance_ctx = ctx;
        add_instance_keys(instance_ctx, *inst);
        const iam::Decision& d =
            authorize(sc, caller, call.operation, inst->arn(), inst->account, nullptr, std::move(instance_ctx), result);
        if (!d.allowed()) {
            ec2_denied(sc, d, result);
            return false;
        }
    }
    return !dry_run(call, result);
}

}  // namespace

ApiResult ec2_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    const std::string account = caller.principal.account;
    result.recipient_account = account;
    const std::string op = action_name(call.operation);
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    if (op == "DescribeInstances"sv) {
        // EC2 is regional: a call goes to one region's endpoint (params.Region, else the first named instance's, else
        // us-east-1) and sees that region's instances.
        const std::vector<std::string> ids = ec2_instance_ids(call);
        const std::string region = instances_region(sc, call, caller, ids);
        result.region = region;
        set_ec2_region(ctx, call, region);
        const iam::Decision& d = authorize(sc, caller, call.operation, "*", account, nullptr, std::move(ctx), result);
        if (!d.allowed()) {
            ec2_denied(sc, d, result);
            return result;
        }
        if (dry_run(call, result)) return result;
        std::vector<InstanceFilter> filters;
        if (const auto invalid = read_filters(call.params, filters)) {
            fail(result, "InvalidParameterValue", "The filter '" + *invalid + "' is invalid", 400);
            return result;
        }
        // The instances named, or all of them; then the filters. "If you specify an instance ID that is not valid, an
        // error is returned. If you specify an instance that you do not own, it is not included in the output"
        // (API_DescribeInstances): another account's is left out, one of the caller's in another region (or gone)
        // is not found.
        std::vector<const Instance*> listed;
        std::vector<std::string> missing;
        auto here = [&](const Instance& i) { return i.account == account && i.region == region && !i.gone(sc.now); };
        for (const std::string& id : ids) {
            const auto it = sc.world.instances.find(id);
            if (it != sc.world.instances.end() && here(it->second)) listed.push_back(&it->second);
            else if (it == sc.world.instances.end() || it->second.account == account) missing.push_back(id);
        }
        if (!missing.empty()) {
            fail_missing_instances(sc.world, missing, result);
            return result;
        }
        if (ids.empty())
            for (const auto& [id, i] : sc.world.instances)
                if (here(i)) listed.push_back(&i);
        // A reservation is one launch request (API_Reservation); the sandbox's instances were each launched alone,
        // so each has a reservation of its own, with an id drawn from the instance's.
        nlohmann::json reservations = nlohmann::json::array();
        for (const Instance* i : listed) {
            if (!passes_filters(*i, filters)) continue;
            reservations.push_back({{"ReservationId", "r-" + to_hex(sha1(i->id)).substr(0, 17)},
                                    {"OwnerId", i->account},
                                    {"Instances", nlohmann::json::array({instance_json(*i)})}});
        }
        result.response = {{"Reservations", std::move(reservations)}};
        result.ok = true;
        return result;
    }
    std::vector<Instance*> targets;
    if (!authorize_instances(sc, call, caller, std::move(ctx), result, targets)) return result;
    // Stop and start move an instance between running and stopped (API_StartInstances: "Starts an Amazon EBS-backed
    // instance that you've previously stopped"), and leave one already there as it is, the call succeeding (as
    // EC2's answers do; its PreviousState and CurrentState are then the same); neither acts on a terminated one:
    // IncorrectInstanceState, "The instance 'i-...' is not in a state from which it can be started." (the words
    // boto3 users quote) and "This instance 'i-...' is not in a state from which it can be stopped." (a real
    // StopInstances record's errorMessage; CloudFormation's UPDATE_FAILED reason). Terminate ends an instance for good.
    const bool stop = op == "StopInstances"sv, start = op == "StartInstances"sv;
    if (stop || start) {
        for (const Instance* inst : targets) {
            if (inst->state == "terminated"sv) {
                fail(result, "IncorrectInstanceState",
                     (stop ? "This instance '" : "The instance '") + inst->id + "' is not in a state from which it can be " +
                         (stop ? "stopped." : "started."),
                     400);
                return result;
            }
        }
    }
    nlohmann::json items = nlohmann::json::array();
    for (Instance* inst : targets) {
        const std::string previous = inst->state;
        inst->state = stop ? "stopped" : start ? "running" : "terminated";
        if (!stop && !start && previous != "terminated"sv) inst->terminated_at = sc.now;
        // The state the answer shows is the transition under way: stopping, pending, shutting-down.
        const char* current = previous == inst->state ? inst->state.c_str() : stop ? "stopping" : start ? "pending" : "shutting-down";
        items.push_back({{"InstanceId", inst->id},
                         {"CurrentState", instance_state(current)},
                         {"PreviousState", instance_state(previous)}});
        if (previous != inst->state)
            result.changes.push_back({"instance " + inst->id + ": " + previous + " -> " + inst->state,
                                      "인스턴스 " + inst->id + ": " + previous + " -> " + inst->state});
    }
    result.response = {{stop ? "StoppingInstances" : start ? "StartingInstances" : "TerminatingInstances", items}};
    result.ok = true;
    return result;
}

// ---- Calls authorized, not carried out ------------------------------------------------------------------------

namespace {


// The resource a call that names none (or "*") is authorized on. "When the action doesn't act on a named resource
// ... the value of the resource in the policy is a wildcard (*)", as for ec2:DescribeInstances. But S3's
// ListAllMyBuckets acts on all the account's buckets, arn:aws:s3:::*, which AWS's own example grants ("Resource":
// "arn:aws:s3:::*" "allows Carlos to view a list of all of the buckets in the account":
// reference_policies_evaluation-logic); "*" matches it too. And IAM lists the users or roles under a path of the
// caller's account: AWS refuses "iam:ListUsers on resource: arn:aws:iam::ACCOUNT:user/" and "iam:ListRoles on
// resource: arn:aws:iam::ACCOUNT:role/" (with the PathPrefix asked for after the slash), as users have recorded it
// many times.
// IAM's calls on a user's credentials that act on the caller's own user without UserName.
bool user_credential_call(const std::string& operation) {
    static const std::set<std::string, std::less<>> kUserCalls = {
        "iam:GetUser", "iam:ListAccessKeys", "iam:ListSigningCertificates", "iam:UploadSigningCertificate",
        "iam:UpdateSigningCertificate", "iam:DeleteSigningCertificate", "iam:ListMFADevices", "iam:GetLoginProfile",
        "iam:CreateLoginProfile", "iam:DeleteLoginProfile", "iam:UpdateLoginProfile", "iam:ChangePassword",
        "iam:ListSSHPublicKeys", "iam:ListServiceSpecificCredentials"};
    return kUserCalls.count(operation) > 0;
}

std::string unnamed_resource(const ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    if (s3_permission(call.operation) == "s3:ListAllMyBuckets"sv) return "arn:aws:s3:::*";
    // IAM's calls on a user's credentials act on the user UserName names, and without it on the caller's own: "If
    // no user name is included, it defaults to the principal making the request. When you make this request with root
    // user credentials, you must use an AssumeRoot session to omit the user name" (API_GetLoginProfile; likewise
    // ListAccessKeys, ListMFADevices, ListSigningCertificates, GetUser, ...). The Service Authorization Reference
    // authorizes them on the user. GetAccessKeyLastUsed's is the key's owner.
    if (call.operation == "iam:GetAccessKeyLastUsed"sv) {
        const Credential* key = sc.credentials.find(param(call, "AccessKeyId"));
        if (key && !key->is_temporary()) return key->principal.arn;
    } else if (user_credential_call(call.operation)) {
        const std::string name = call.operation == "iam:ChangePassword"sv ? "" : param(call, "UserName");
        if (name.empty())
            return caller.principal.type == iam::PrincipalType::IAMUser || caller.principal.type == iam::PrincipalType::Root
                       ? caller.principal.arn
                       : "*";
        const Account* account = sc.world.account(caller.principal.account);
        const auto user = account ? account->users.find(name) : decltype(account->users.end()){};
        return account && user != account->users.end() ? user->second.arn  // with its path
                                                       : "arn:aws:iam::" + caller.principal.account + ":user/" + name;
    }
    if (call.operation == "iam:ListUsers"sv || call.operation == "iam:ListRoles"sv) {
        const auto path = call.params.find("PathPrefix");
        std::string prefix = path != call.params.end() && path->is_string() ? path->get<std::string>() : "/";
        if (prefix.rfind('/', 0) == 0) prefix.erase(0, 1);
        return "arn:aws:iam::" + caller.principal.account + (call.operation == "iam:ListUsers"sv ? ":user/" : ":role/") + prefix;
    }
    return "*";
}

// iam:PassRole on `role_arn` for `service` (iam:PassedToService), with the role's tags when the world has it, in the
// role's account; `why` is the decision's note. `associated`, when known, is iam:AssociatedResourceArn: "the ARN of
// the resource to which this role will be associated at the destination service" (reference_policies_iam-condition-keys).
const iam::Decision& authorize_pass_role(ServiceContext& sc, const ApiCall& call, const Caller& caller, const std::string& role_arn,
                                         const char* service, const std::string& why, ApiResult& result,
                                         const std::string& associated = "") {
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    ctx.set("iam:PassedToService", service);
    if (!associated.empty()) ctx.set_default("iam:AssociatedResourceArn", associated);  // a step's context keeps its value
    if (const Role* role = sc.world.role(role_arn)) add_resource_tags(ctx, "iam", role->tags);
    const std::optional<iam::Arn> arn = iam::Arn::parse(role_arn);
    const std::string account = arn && iam::is_account_id(arn->account) ? arn->account : caller.principal.account;
    const iam::Decision& d = authorize(sc, caller, "iam:PassRole", role_arn, account, nullptr, std::move(ctx), result);
    result.decisions.back().label_note += why;
    return d;
}

// An EC2 call with an instance profile (RunInstances, AssociateIamInstanceProfile, ReplaceIamInstanceProfileAssociation)
// hands its role to EC2: "To pass a role (and its permissions) to an AWS service, a user must have permissions to pass
// the role to the service" (id_roles_use_passrole; the EC2 guide's permission-to-pass-iam-roles names launching,
// attaching and replacing), iam:PassRole on the role with iam:PassedToService ec2.amazonaws.com. Refused, EC2 answers
// UnauthorizedOperation, whose encoded message decodes to iam:PassRole (Knowledge Center ec2-not-auth-launch). The
// profile is named by `Name` or `Arn` (params.IamInstanceProfile); the sandbox's instance profiles are its roles', one
// each under the role's name, as the IAM console makes them. True for a call without one; false, with `result`
// failed, when the call must stop.
bool pass_instance_profile_role(ServiceContext& sc, const ApiCall& call, const Caller& caller, ApiResult& result) {
    const auto profile = call.params.find("IamInstanceProfile");
    if (profile == call.params.end()) return true;
    const bool arn_given = profile->is_object() && profile->contains("Arn");
    const auto named = profile->is_object() ? profile->find(arn_given ? "Arn" : "Name") : profile->end();
    const std::string given = named != profile->end() && named->is_string() ? named->get<std::string>() : "";
    const std::string prefix = "arn:aws:iam::" + caller.principal.account + ":instance-profile/";
    const std::string name = !arn_given ? given : starts_with(given, prefix) ? given.substr(given.rfind('/') + 1) : "";
    const Role* role = nullptr;
    if (const Account* account = sc.world.account(caller.principal.account); account && !name.empty())
        if (const auto it = account->roles.find(name); it != account->roles.end()) role = &it->second;
    if (!role) {
        fail(result, "InvalidParameterValue",
             "Value (" + (given.empty() ? profile->dump() : given) + ") for parameter iamInstanceProfile." +
                 (arn_given ? "arn is invalid. Invalid IAM Instance Profile ARN" : "name is invalid. Invalid IAM Instance Profile name"),
             400);
        return false;
    }
    // The instance the role goes to (iam:AssociatedResourceArn, whose example is an EC2 instance's ARN): the one the
    // call names, or for RunInstances the one it creates, as its own authorization names it (instance/*).
    const std::string id = call.operation == "ec2:RunInstances"sv ? "*" : param(call, "InstanceId");
    const std::string region = instances_region(sc, call, caller, id == "*" || id.empty() ? std::vector<std::string>{} : std::vector<std::string>{id});
    const std::string associated = id.empty() ? "" : "arn:aws:ec2:" + region + ":" + caller.principal.account + ":instance/" + id;
    const iam::Decision& d = authorize_pass_role(sc, call, caller, role->arn, "ec2.amazonaws.com",
                                                 " (the instance profile's role, which " + action_name(call.operation) + " hands to EC2)",
                                                 result, associated);
    if (d.allowed()) return true;
    ec2_denied(sc, d, result);
    return false;
}

// EC2 calls that name their resources by id in other parameters: CreateTags' and DeleteTags' Resources (any kind, by
// its id's prefix), and any call's InstanceId and VolumeId (AttachVolume, GetConsoleOutput, ...). Each is authorized on its own, an
// instance with its tags, as the EC2 guide's policies grant them (ExamplePolicies_EC2: "Attaching and detaching
// volumes" allows ec2:AttachVolume on instance/* with ec2:ResourceTag and on volume/*; the tagging examples allow
// ec2:CreateTags on the resources tagged, with aws:RequestTag). The ids, in the parameters' order; none when the call
// names none this way.
std::vector<std::string> ec2_named_ids(const ApiCall& call) {
    std::vector<std::string> ids;
    if (const auto list = call.params.find("Resources"); list != call.params.end() && list->is_array())
        for (const auto& e : *list)
            if (e.is_string()) ids.push_back(e.get<std::string>());
    for (const char* single : {"InstanceId", "VolumeId"})
        if (std::string id = param(call, single); !id.empty()) ids.push_back(std::move(id));
    return ids;
}

// The kind of EC2 resource an id names, by its prefix ("i-0123..." an instance); "" for none EC2 has.
std::string ec2_resource_type(const std::string& id) {
    static const std::pair<const char*, const char*> kinds[] = {
        {"i-", "instance"},   {"vol-", "volume"},          {"sg-", "security-group"},   {"subnet-", "subnet"},
        {"vpc-", "vpc"},      {"ami-", "image"},           {"snap-", "snapshot"},       {"eni-", "network-interface"},
        {"igw-", "internet-gateway"}, {"rtb-", "route-table"}, {"lt-", "launch-template"}, {"nat-", "natgateway"},
    };
    for (const auto& [prefix, kind] : kinds)
        if (starts_with(id, prefix) && id.size() > std::strlen(prefix)) return kind;
    return "";
}

// Authorizes such a call on each resource it names; false, with `result` failed, when one is unknown or refused
// (an instance the caller's account does not have: InvalidInstanceID.NotFound; an id of no kind: InvalidID).
bool authorize_named_resources(ServiceContext& sc, const ApiCall& call, const Caller& caller, const std::vector<std::string>& ids,
                               ApiResult& result) {
    std::vector<std::string> instance_ids;
    for (const std::string& id : ids)
        if (ec2_resource_type(id) == "instance") instance_ids.push_back(id);
    const std::string region = instances_region(sc, call, caller, instance_ids);
    result.region = region;
    result.recipient_account = caller.principal.account;
    for (const std::string& id : ids) {
        const std::string kind = ec2_resource_type(id);
        if (kind.empty()) {
            fail(result, "InvalidID", "The ID '" + id + "' is not valid", 400);
            return false;
        }
        iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
        add_request_tags(ctx, call);
        set_ec2_region(ctx, call, region);
        std::string arn = "arn:aws:ec2:" + region + ":" + (kind == "image" ? "" : caller.principal.account) + ":" + kind + "/" + id;
        if (kind == "instance") {
            const Instance* inst = callers_instance(sc, caller, id);
            if (!inst || inst->region != region) {
                fail_missing_instances(sc.world, {id}, result);
                return false;
            }
            add_instance_keys(ctx, *inst);
        }
        const iam::Decision& d = authorize(sc, caller, call.operation, arn, caller.principal.account, nullptr, std::move(ctx), result);
        if (!d.allowed()) {
            ec2_denied(sc, d, result);
            return false;
        }
    }
    return !dry_run(call, result);
}

// Calls of other services that hand a role to their service, and the parameters that name it: the caller needs
// iam:PassRole on the role, with iam:PassedToService the service's principal ("To pass a role (and its permissions)
// to an AWS service, a user must have permissions to pass the role to the service", id_roles_use_passrole; the
// role parameters as the services' APIs name them: Lambda's CreateFunction and UpdateFunctionConfiguration Role,
// ECS's RegisterTaskDefinition taskRoleArn and executionRoleArn, Glue's CreateJob Role, CloudFormation's CreateStack
// and UpdateStack RoleARN, SageMaker's CreateTrainingJob and CreateNotebookInstance RoleArn, Step Functions'
// CreateStateMachine roleArn, CodeBuild's CreateProject serviceRole).
struct RolePassingCall {
    const char* operation;
    std::vector<const char*> parameters;
    const char* service;
};
const std::vector<RolePassingCall>& role_passing_calls() {
    static const std::vector<RolePassingCall> calls = {
        {"lambda:CreateFunction", {"Role"}, "lambda.amazonaws.com"},
        {"lambda:UpdateFunctionConfiguration", {"Role"}, "lambda.amazonaws.com"},
        {"ecs:RegisterTaskDefinition", {"taskRoleArn", "executionRoleArn"}, "ecs-tasks.amazonaws.com"},
        {"glue:CreateJob", {"Role"}, "glue.amazonaws.com"},
        {"cloudformation:CreateStack", {"RoleARN"}, "cloudformation.amazonaws.com"},
        {"cloudformation:UpdateStack", {"RoleARN"}, "cloudformation.amazonaws.com"},
        {"sagemaker:CreateTrainingJob", {"RoleArn"}, "sagemaker.amazonaws.com"},
        {"sagemaker:CreateNotebookInstance", {"RoleArn"}, "sagemaker.amazonaws.com"},
        {"states:CreateStateMachine", {"roleArn"}, "states.amazonaws.com"},
        {"codebuild:CreateProject", {"serviceRole"}, "codebuild.amazonaws.com"},
    };
    return calls;
}

// The iam:PassRole checks of such a call, or of an EC2 call's instance profile (pass_instance_profile_role), once the
// call itself is allowed: false, with `result` failed as the service refuses (Lambda's AccessDeniedException naming
// iam:PassRole, EC2's UnauthorizedOperation), when one is refused.
bool pass_roles(ServiceContext& sc, const ApiCall& call, const Caller& caller, ApiResult& result) {
    if (service_of(call.operation) == "ec2"sv) return pass_instance_profile_role(sc, call, caller, result);
    // A Lambda function's role is associated with the function (iam:AssociatedResourceArn): its ARN, from the step's
    // resource or params.FunctionName (a name, or an ARN), in the resource's Region, else us-east-1.
    std::string associated;
    if (service_of(call.operation) == "lambda"sv) {
        const std::optional<iam::Arn> resource = iam::Arn::parse(call.resource);
        const std::string function = param(call, "FunctionName");
        if (resource && resource->service == "lambda"sv) associated = call.resource;
        else if (starts_with(function, "arn:")) associated = function;
        else if (!function.empty()) associated = "arn:aws:lambda:us-east-1:" + caller.principal.account + ":function:" + function;
    }
    for (const RolePassingCall& passing : role_passing_calls()) {
        if (call.operation != passing.operation) continue;
        for (const char* parameter : passing.parameters) {
            const std::string role_arn = param(call, parameter);
            if (role_arn.empty()) continue;
            const iam::Decision& d = authorize_pass_role(
                sc, call, caller, role_arn, passing.service,
                std::string(" (") + parameter + ": the role " + action_name(call.operation) + " hands to " + passing.service + ")", result,
                associated);
            if (!d.allowed()) {
                const OtherService other = other_service(service_of(call.operation));
                fail(result, other.denial_code, d.message, other.denial_status);
                return false;
            }
        }
    }
    return true;
}

// RunInstances: "the parameters that you specify in the request determine the required permissions for your EC2
// resources" (ec2-api-permissions), and the call is authorized on each resource they name, one by one, as the EC2
// guide's launch policies grant them (ExamplePolicies_EC2, "Launch instances"): the instance it creates
// (arn:aws:ec2:REGION:ACCT:instance/*, with ec2:InstanceType, m1.small unless given (API_RunInstances), and the
// instance's tags from TagSpecifications as aws:RequestTag/K, aws:TagKeys and, the instance being created with them,
// aws:ResourceTag/K), the AMI (arn:aws:ec2:REGION::image/ID),
// and the subnet, security groups and key pair it names; a step's `resource` is the one resource instead. The sandbox
// has no VPCs or volumes: the default subnet and security group, the network interface and the volumes AWS also
// authorizes are not. Tags given at launch are then authorized as ec2:CreateTags on each kind of resource they are for,
// with ec2:CreateAction RunInstances: "If tags are specified in the resource-creating action, Amazon performs
// additional authorization on the ec2:CreateTags action" (supported-iam-actions-tagging). False, with `result`
// failed, when refused.
// The keys of the instance a RunInstances call creates, from its parameters, as the EC2 guide's launch policies test
// them: the instance profile's ARN (ec2:InstanceProfile, "arn:aws:iam::ACCT:instance-profile/NAME" for a Name) and the
// instance metadata options (ec2:MetadataHttpTokens, ec2:MetadataHttpPutResponseHopLimit, ec2:MetadataHttpEndpoint:
// ExamplePolicies_EC2, "Require the use of IMDSv2"). A key the call does not give is absent.
void add_launch_keys(iam::RequestContext& ctx, const ApiCall& call, const Caller& caller) {
    if (const auto profile = call.params.find("IamInstanceProfile"); profile != call.params.end() && profile->is_object()) {
        if (const auto arn = profile->find("Arn"); arn != profile->end() && arn->is_string())
            ctx.set_default("ec2:InstanceProfile", arn->get<std::string>());
        else if (const auto name = profile->find("Name"); name != profile->end() && name->is_string())
            ctx.set_default("ec2:InstanceProfile",
                            "arn:aws:iam::" + caller.principal.account + ":instance-profile/" + name->get<std::string>());
    }
    const auto options = call.params.find("MetadataOptions");
    if (options == call.params.end() || !options->is_object()) return;
    for (const auto& [member, key] : {std::pair<const char*, const char*>{"HttpTokens", "ec2:MetadataHttpTokens"},
                                      {"HttpPutResponseHopLimit", "ec2:MetadataHttpPutResponseHopLimit"},
                                      {"HttpEndpoint", "ec2:MetadataHttpEndpoint"}})
        if (const auto value = options->find(member); value != options->end() && (value->is_string() || value->is_number_integer()))
            ctx.set_default(key, value->is_string() ? value->get<std::string>() : value->dump());
}

bool authorize_launch(ServiceContext& sc, const ApiCall& call, const Caller& caller, ApiResult& result) {
    const std::string region = ec2_endpoint_region(call, "us-east-1");
    const std::string in_account = "arn:aws:ec2:" + region + ":" + caller.principal.account + ":";
    std::vector<std::string> resources;  // the instance first: the replay draws the call to what it launches
    if (!call.resource.empty()) {
        resources.push_back(call.resource);
    } else {
        resources.push_back(in_account + "instance/*");
        if (const std::string image = param(call, "ImageId"); !image.empty())
            resources.push_back("arn:aws:ec2:" + region + "::image/" + image);
        if (const std::string subnet = param(call, "SubnetId"); !subnet.empty()) resources.push_back(in_account + "subnet/" + subnet);
        if (const auto groups = call.params.find("SecurityGroupIds"); groups != call.params.end() && groups->is_array())
            for (const auto& group : *groups)
                if (group.is_string()) resources.push_back(in_account + "security-group/" + group.get<std::string>());
        if (const std::string key = param(call, "KeyName"); !key.empty()) resources.push_back(in_account + "key-pair/" + key);
    }
    // The tags given for each kind of resource the launch creates (TagSpecifications' ResourceType: instance, volume, ...).
    std::map<std::string, nlohmann::json> tags_for;
    if (const auto specs = call.params.find("TagSpecifications"); specs != call.params.end() && specs->is_array())
        for (const auto& spec : *specs)
            if (spec.is_object() && spec.contains("ResourceType") && spec["ResourceType"].is_string() && spec.contains("Tags") &&
                spec["Tags"].is_array() && !spec["Tags"].empty()) {
                nlohmann::json& tags = tags_for[spec["ResourceType"].get<std::string>()];
                if (!tags.is_array()) tags = nlohmann::json::array();
                tags.insert(tags.end(), spec["Tags"].begin(), spec["Tags"].end());
            }
    const auto is_instance = [](const std::string& arn) {
        const std::optional<iam::Arn> parsed = iam::Arn::parse(arn);
        return parsed && starts_with(parsed->resource, "instance/");
    };
    const auto decide = [&](const std::string& action, const std::string& resource, iam::RequestContext ctx) {
        const iam::Decision& d = authorize(sc, caller, action, resource, caller.principal.account, nullptr, std::move(ctx), result);
        if (!d.allowed()) ec2_denied(sc, d, result);
        return d.allowed();
    };
    const auto base_context = [&] {
        iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
        set_ec2_region(ctx, call, region);
        return ctx;
    };
    result.region = region;
    for (const std::string& resource : resources) {
        iam::RequestContext ctx = base_context();
        if (is_instance(resource)) {
            const std::string type = param(call, "InstanceType");
            ctx.set_default("ec2:InstanceType", type.empty() ? "m1.small" : type);
            const nlohmann::json& tags = tags_for.count("instance") ? tags_for["instance"] : nlohmann::json();
            add_request_tags(ctx, call, tags);
            // "aws:ResourceTag ... is included in the request context when the requested resource already has
            // attached tags or in requests that create a resource with an attached tag" (reference_policies_condition-keys).
            if (tags.is_array())
                for (const auto& tag : tags)
                    if (tag.is_object() && tag.contains("Key") && tag["Key"].is_string() && tag.contains("Value") && tag["Value"].is_string())
                        ctx.set_default("aws:ResourceTag/" + tag["Key"].get<std::string>(), tag["Value"].get<std::string>());
            add_launch_keys(ctx, call, caller);
        }
        if (!decide(call.operation, resource, std::move(ctx))) return false;
    }
    for (const auto& [type, tags] : tags_for) {
        iam::RequestContext ctx = base_context();
        ctx.set_default("ec2:CreateAction", "RunInstances");
        add_request_tags(ctx, call, tags);
        if (!decide("ec2:CreateTags", in_account + type + "/*", std::move(ctx))) return false;
    }
    return true;
}

}  // namespace

// S3's DeleteObjects, only authorized: each key it lists ({"Delete": {"Objects": [{"Key", "VersionId"?}]}}) is
// authorized as s3:DeleteObject (s3:DeleteObjectVersion for a version) on its own object ("you must always specify
// the s3:DeleteObject permission", API_DeleteObjects; using-with-s3-policy-actions files it among the object
// operations), and the answer goes key by key: {"Deleted": [{"Key"}], "Errors": [{"Key", "Code", "Message"}]}, a
// refused key an AccessDenied among the others' successes; in quiet mode ("Quiet": true) only the errors ("In quiet
// mode the response includes only keys where the delete operation encountered an error"). A request that lists no
// key, or more than 1,000 ("up to 1000 keys"), is MalformedXML.
ApiResult delete_objects(ServiceContext& sc, const ApiCall& call, const Caller& caller, const std::string& bucket_name,
                         const AccessPoint* ap, const iam::RequestContext& ctx, const std::string& account,
                         const iam::Policy* bucket_policy, ApiResult& result) {
    const auto del = call.params.find("Delete");
    const nlohmann::json* objects = del != call.params.end() && del->is_object() && del->contains("Objects") ? &(*del)["Objects"] : nullptr;
    if (!objects || !objects->is_array() || objects->empty() || objects->size() > 1000) {
        fail(result, "MalformedXML",
             "The XML you provided was not well-formed or did not validate against our published schema", 400);
        return result;
    }
    nlohmann::json deleted = nlohmann::json::array(), errors = nlohmann::json::array();
    for (const nlohmann::json& entry : *objects) {
        const std::string key = entry.is_object() && entry.contains("Key") && entry["Key"].is_string() ? entry["Key"].get<std::string>() : "";
        const std::string version = entry.is_object() && entry.contains("VersionId") && entry["VersionId"].is_string()
                                        ? entry["VersionId"].get<std::string>() : "";
        iam::RequestContext one = ctx;
        if (!version.empty()) one.set_default("s3:VersionId", version);
        const char* action = version.empty() ? "s3:DeleteObject" : "s3:DeleteObjectVersion";
        const std::string object = "arn:aws:s3:::" + bucket_name + "/" + key;
        const iam::Decision& d =
            ap ? *authorize_s3(sc, caller, action, sc.world.buckets.at(ap->bucket), object, ap, key, bucket_policy, std::move(one), result).decision
               : authorize(sc, caller, action, object, account, bucket_policy, std::move(one), result);
        result.decisions.back().label_note += " (a key DeleteObjects lists; authorized only: the sandbox does not delete it)";
        nlohmann::json item = {{"Key", key}};
        if (!version.empty()) item["VersionId"] = version;
        if (d.allowed()) {
            deleted.push_back(std::move(item));
        } else {
            item["Code"] = "AccessDenied";
            item["Message"] = "Access Denied";
            errors.push_back(std::move(item));
        }
    }
    const auto quiet = del->find("Quiet");
    const bool quiet_mode = quiet != del->end() && (*quiet == true || *quiet == "true");
    result.response = nlohmann::json::object();
    if (!deleted.empty() && !quiet_mode) result.response["Deleted"] = std::move(deleted);
    if (!errors.empty()) result.response["Errors"] = std::move(errors);
    result.ok = true;
    return result;
}

ApiResult authorization_only(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    // Without UserName such a call is the caller's own, which only a user (or the root user) has: "If a temporary
    // access key is used, then UserName is required" (API_ListAccessKeys); IAM's answer to a role's GetUser, as
    // LocalStack's test validated against AWS records it, as the simulated IAM calls give it (iam_service.cpp).
    if (user_credential_call(call.operation) && !call.params.contains("UserName") && call.operation != "iam:ChangePassword"sv &&
        caller.principal.type != iam::PrincipalType::IAMUser && caller.principal.type != iam::PrincipalType::Root &&
        caller.principal.type != iam::PrincipalType::Anonymous) {
        fail(result, "ValidationError", kNonUserCredentials, 400);
        return result;
    }
    const std::string service = service_of(call.operation);
    const bool lists_buckets = s3_permission(call.operation) == "s3:ListAllMyBuckets"sv;  // ListAllMyBuckets or ListBuckets
    const bool unnamed = call.resource.empty() || (call.resource == "*"sv && lists_buckets);
    const std::string resource = unnamed ? unnamed_resource(sc, call, caller) : call.resource;
    const bool all_buckets = lists_buckets && unnamed;
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    add_request_tags(ctx, call);
    const std::optional<iam::Arn> arn = iam::Arn::parse(resource);
    // EC2 instances named (by their ARN, or params.InstanceIds) are found and authorized one by one, as for the
    // simulated EC2 calls: another account's, or one the world does not have, is InvalidInstanceID.NotFound.
    const bool names_instances = service == "ec2"sv && (resource == "*"sv ? !ec2_instance_ids(call).empty()
                                                      : arn && arn->resource.compare(0, 9, "instance/") == 0 &&
                                                            arn->resource != "instance/*"sv);
    const auto allowed = [&result, &call] {
        // The call's own decision (the last of its instances'), not a check it made besides (RunInstances' iam:PassRole).
        auto own = std::find_if(result.decisions.rbegin(), result.decisions.rend(),
                                [&](const DecisionRecord& r) { return r.request.action == call.operation; });
        (own != result.decisions.rend() ? *own : result.decisions.back()).label_note +=
            " (authorized only: the sandbox does not carry out this call)";
        result.ok = true;
        return result;
    };
    if (call.operation == "ec2:RunInstances"sv) {
        if (!authorize_launch(sc, call, caller, result) || !pass_roles(sc, call, caller, result) ||
            dry_run(call, result))
            return result;
        return allowed();
    }
    if (const std::vector<std::string> ids = service == "ec2"sv && call.resource.empty() ? ec2_named_ids(call) : std::vector<std::string>();
        !ids.empty()) {
        if (!authorize_named_resources(sc, call, caller, ids, result) || !pass_roles(sc, call, caller, result))
            return result;
        return allowed();
    }
    if (names_instances) {
        std::vector<Instance*> instances;
        result.recipient_account = caller.principal.account;
        if (!authorize_instances(sc, call, caller, std::move(ctx), result, instances)) return result;  // DryRun too
        return allowed();
    }
    // The resource's account, from its ARN; a resource of no account ("*", an AWS managed policy's "aws") is the
    // caller's own, and an S3 bucket's is its owner's.
    std::string account = arn && iam::is_account_id(arn->account) ? arn->account : caller.principal.account;
    const iam::Policy* resource_policy = nullptr;
    const Bucket* bucket = nullptr;  // the bucket acted on
    // Through an access point (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME[/object/KEY]): decided at the access point and
    // at its bucket, as the simulated S3 calls are (authorize_s3).
    const AccessPoint* ap = nullptr;
    std::string ap_key;
    // Not the calls on the access point itself (S3 Control's CreateAccessPoint, GetAccessPointPolicy, ...).
    if (service == "s3"sv && call.operation.find("AccessPoint") == std::string::npos &&
        !through_access_point(sc.world, resource, false, ap, ap_key, result))
        return result;
    if (ap && !access_point_takes(call.operation, !ap_key.empty(), caller, false, result)) return result;
    if (service == "s3"sv && !all_buckets && arn && arn->service == "s3"sv && (ap || (arn->region.empty() && arn->account.empty()))) {
        // A bucket or an object (arn:aws:s3:::BUCKET[/KEY], or the access point's): the bucket policy is the
        // resource's policy, as for the simulated S3 calls.
        const auto b = sc.world.buckets.find(ap ? ap->bucket : arn->resource.substr(0, arn->resource.find('/')));
        if (b != sc.world.buckets.end()) {
            account = b->second.account;
            result.recipient_account = account;
            result.region = b->second.region;
            if (!call.extra_context.contains("aws:RequestedRegion")) ctx.set("aws:RequestedRegion", b->second.region);
            set_s3_request_keys(ctx, caller, account);
            bucket = &b->second;
            if (b->second.policy) resource_policy = &*b->second.policy;
        } else if (!starts_with(action_name(call.operation), "Create")) {  // CreateBucket's bucket is yet to be
            fail(result, "NoSuchBucket", "The specified bucket does not exist", 404);
            return result;
        }
    }
    // A KMS key always has a key policy, which must allow the call (the policy evaluation's exception for KMS):
    // its own, when the world declares the key, else its default one, which lets the key's account's IAM policies decide.
    if (arn && arn->service == "kms"sv && arn->resource.compare(0, 4, "key/") == 0 && iam::is_account_id(arn->account)) {
        resource_policy = &key_policy(sc.world, resource, arn->account);
        // Every operation on a key carries the caller's account (kms-api-permissions-reference: kms:CallerAccount among
        // the "Conditions for KMS key operations"; conditions-kms).
        if (!caller.principal.account.empty()) ctx.set_default("kms:CallerAccount", caller.principal.account);
    }
    if (arn && !arn->region.empty()) {
        result.region = arn->region;
        if (!call.extra_context.contains("aws:RequestedRegion")) ctx.set("aws:RequestedRegion", arn->region);
    }
    if (service == "ec2"sv) {  // every EC2 call goes to one region's endpoint: its ARN's, else params.Region, else us-east-1
        result.region = ec2_endpoint_region(call, "us-east-1");
        set_ec2_region(ctx, call, result.region);
    }
    // The tags of a role or a user the ARN names, as IAM gives them to conditions.
    if (const Role* role = sc.world.role(resource)) add_resource_tags(ctx, "iam", role->tags);
    else if (const User* user = sc.world.user(resource)) add_resource_tags(ctx, "iam", user->tags);
    if (call.operation == "s3:DeleteObjects"sv && arn && arn->service == "s3"sv)
        return delete_objects(sc, call, caller, ap ? ap->bucket : arn->resource.substr(0, arn->resource.find('/')), ap, ctx, account,
                              resource_policy, result);
    // The decision on `act`: through an access point at it and at its bucket, else on the resource named.
    const auto decide = [&](const std::string& act, iam::RequestContext c) -> S3Decision {
        if (ap)
            return authorize_s3(sc, caller, act, sc.world.buckets.at(ap->bucket),
                                "arn:aws:s3:::" + ap->bucket + (ap_key.empty() ? "" : "/" + ap_key), ap, ap_key, resource_policy,
                                std::move(c), result);
        return {&authorize(sc, caller, act, resource, account, resource_policy, std::move(c), result), &account};
    };
    // An S3 API name is authorized as its permission (s3_permission: ListObjectVersions as s3:ListBucketVersions, ...),
    // an object's version as the version's (s3_version_permission).
    std::string action = service == "s3"sv ? s3_permission(call.operation) : call.operation;
    const std::string version = service == "s3"sv ? param(call, "VersionId") : std::string();
    if (!version.empty()) {
        action = s3_version_permission(action);
        ctx.set_default("s3:VersionId", version);
    }
    // GetObjectAttributes needs two permissions: "If you do not pass a version ID in your request, you need the
    // s3:GetObject and s3:GetObjectAttributes permissions" (with one, s3:GetObjectVersion and
    // s3:GetObjectVersionAttributes; API_GetObjectAttributes). The read is decided first, with the same context.
    if (call.operation == "s3:GetObjectAttributes"sv) {
        const S3Decision read = decide(version.empty() ? "s3:GetObject" : "s3:GetObjectVersion", ctx);
        if (!read.decision->allowed()) {
            s3_denied(sc, caller, *read.account, *read.decision, result);
            return result;
        }
    }
    const S3Decision decided = decide(action, std::move(ctx));
    const iam::Decision& d = *decided.decision;
    if (bucket) note_owner_root(*bucket, result);
    if (!d.allowed()) {
        if (service == "s3"sv) {
            s3_denied(sc, caller, *decided.account, d, result);
        } else if (service == "ec2"sv) {
            ec2_denied(sc, d, result);
        } else {
            const OtherService other = other_service(service);
            fail(result, other.denial_code, d.message, other.denial_status);
        }
        return result;
    }
    if (!pass_roles(sc, call, caller, result) || (service == "ec2"sv && dry_run(call, result))) return result;
    // UploadPartCopy reads its source as CopyObject does: "If the source object is in a general purpose bucket, you must
    // have the s3:GetObject permission to read the source object that is being copied" (API_UploadPartCopy).
    if (call.operation == "s3:UploadPartCopy"sv) {
        std::string source;
        if (!copy_source(sc, call, caller, source, result)) return result;
    }
    // A multipart upload encrypted with KMS: "The requester must also have permissions for the kms:GenerateDataKey
    // action for the CreateMultipartUpload API" (API_CreateMultipartUpload), its headers checked as PutObject's are.
    if (call.operation == "s3:CreateMultipartUpload"sv && arn) {
        const std::string object = arn->resource;
        const auto b = sc.world.buckets.find(object.substr(0, object.find('/')));
        if (!encryption_headers_valid(call, result)) return result;
        if (b != sc.world.buckets.end() && starts_with(upload_encryption(call, b->second), "aws:kms") &&
            !kms_allows(sc, call, caller, b->second, object, "kms:GenerateDataKey", sse_kms_key(call, caller, b->second), result))
            return result;
    }
    // With ACLs disabled (every bucket is "Bucket owner enforced"), "Requests to set ACLs or update ACLs fail with a 400
    // error and return the AccessControlListNotSupported error code", but for the ACL that leaves the owner full control
    // (AmazonS3 object-ownership-error-responses): an object's bucket-owner-full-control, a bucket's private.
    if (call.operation == "s3:PutObjectAcl"sv || call.operation == "s3:PutBucketAcl"sv) {
        const auto acl = call.params.find("ACL");
        const char* owners = call.operation == "s3:PutObjectAcl"sv ? "bucket-owner-full-control" : "private";
        if (acl == call.params.end() || !acl->is_string() || acl->get<std::string>() != owners) {
            fail(result, "AccessControlListNotSupported", "The bucket does not allow ACLs", 400);
            return result;
        }
    }
    return allowed();
}

}  // namespace stslab::aws
