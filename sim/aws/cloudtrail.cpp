#include "aws/cloudtrail.hpp"

#include "aws/services.hpp"
#include "aws/services_internal.hpp"
#include "core/json_parse.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

namespace stslab::aws {

using namespace std::string_view_literals;  // `s == "text"sv` compares lengths first: no strlen, no call
namespace {


std::string iso_seconds(const ServiceContext& sc, SimTime t) { return format_iso8601_seconds(sc.start + t); }

// AWS writes request parameters and response elements with a lower-case first letter ("roleArn"), an initialism
// as it is ("SAMLAssertion").
std::string camel_key(std::string k) {
    if (!k.empty() && !(k.size() > 1 && std::isupper(static_cast<unsigned char>(k[1]))))
        k[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(k[0])));
    return k;
}

nlohmann::json camel(const nlohmann::json& j) {
    if (j.is_object()) {
        // Inserted at the end, where nearly every key belongs (re-casing the first letter keeps most keys' order):
        // no search, and no null member made first and then assigned, as out[key] = value would. (A later key that
        // re-cases alike replaces the earlier, as it did.)
        nlohmann::json out = nlohmann::json::object();
        auto& members = out.get_ref<nlohmann::json::object_t&>();
        for (const auto& [key, value] : j.get_ref<const nlohmann::json::object_t&>())
            members.insert_or_assign(members.end(), camel_key(key), camel(value));
        return out;
    }
    if (j.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : j) out.push_back(camel(e));
        return out;
    }
    return j;
}

// A time as CloudTrail writes it in responseElements: STS's expiration "Jul 18, 2023, 4:07:39 PM" (IAM User Guide,
// cloudtrail-integration, the AssumeRole and GetFederationToken examples), IAM's createDate "Mar 25, 2014 8:17:37 PM"
// with no comma after the year (cloudtrail-log-file-examples, CreateUser and CreateRole).
enum class TrailDate { Sts, Iam };
std::string trail_date(const std::string& iso, TrailDate form) {
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    // The layout the simulator writes ("2026-12-01T07:00:00Z") is read digit by digit (sscanf and snprintf were a
    // tenth of an AssumeRole's CloudTrail record); any other goes through sscanf, which reads it the same way.
    const auto digits = [&iso](std::size_t at, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (iso[i] < '0' || iso[i] > '9') return false;
            out = out * 10 + (iso[i] - '0');
        }
        return true;
    };
    const bool laid_out = iso.size() >= 19 && iso[4] == '-' && iso[7] == '-' && iso[10] == 'T' && iso[13] == ':' &&
                          iso[16] == ':' && digits(0, 4, year) && digits(5, 2, month) && digits(8, 2, day) &&
                          digits(11, 2, hour) && digits(14, 2, minute) && digits(17, 2, second);
    if (!laid_out &&
        std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &year, &month, &day, &hour, &minute, &second) != 6)
        return iso;
    if (month < 1 || month > 12) return iso;
    const auto two = [](int n) { return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n); };  // as %02d
    return std::string(kMonths[month - 1]) + ' ' + std::to_string(day) + ", " + std::to_string(year) +
           (form == TrailDate::Sts ? ", " : " ") + std::to_string(hour % 12 == 0 ? 12 : hour % 12) + ':' + two(minute) +
           ':' + two(second) + (hour < 12 ? " AM" : " PM");
}

// An upload's SSEApplied (see its use), or nullptr.
const char* sse_applied(const ServiceContext& sc, const ApiCall& call, const ApiResult& result) {
    if (!result.ok || (call.operation != "s3:PutObject"sv && call.operation != "s3:CopyObject"sv &&
                       call.operation != "s3:CreateMultipartUpload"sv))
        return nullptr;
    const bool by_header = !service_detail::param(call, "ServerSideEncryption").empty();
    const std::string path = starts_with(call.resource, "arn:aws:s3:::") ? call.resource.substr(13) : call.resource;
    const auto bucket = sc.world.buckets.find(path.substr(0, path.find('/')));
    const std::string algorithm = bucket != sc.world.buckets.end() ? service_detail::upload_encryption(call, bucket->second) : "AES256";
    if (algorithm == "AES256") return by_header ? "SSE_S3" : "Default_SSE_S3";
    if (algorithm == "aws:kms") return by_header ? "SSE_KMS" : "Default_SSE_KMS";
    return nullptr;
}

nlohmann::json response_elements(const ApiCall& call, const ApiResult& result, bool authorized_only) {
    if (!result.ok) return nullptr;
    // A web identity token is logged by its id, never itself: "webIdentityTokenId appears under responseElements"
    // (id_roles_providers_outbound_cross_partition_auditing); the sandbox's id is the token's jti.
    if (call.operation == "sts:GetWebIdentityToken"sv) {
        const nlohmann::json& token = result.response["WebIdentityToken"];
        return {{"expiration", trail_date(result.response.value("Expiration", ""), TrailDate::Sts)},
                {"webIdentityTokenId", token["claims"].value("jti", "")}};
    }
    // The decoded decision is privileged (API_DecodeAuthorizationMessage): not copied into the trail.
    if (call.operation.compare(0, 4, "sts:") == 0 && call.operation != "sts:GetCallerIdentity"sv &&
        call.operation != "sts:DecodeAuthorizationMessage"sv) {
        nlohmann::json r = camel(result.response);
        if (const auto c = r.find("credentials"); c != r.end() && c->is_object()) {
            c->erase("secretAccessKey");
            if (const auto e = c->find("expiration"); e != c->end() && e->is_string())
                *e = trail_date(e->get<std::string>(), TrailDate::Sts);
        }
        return r;
    }
    // IAM's calls that make something log it as they answer, the secret left out and the date in CloudTrail's form:
    // {"accessKey": {"accessKeyId", "status", "userName", "createDate"}}, {"role": {...}}, {"policyVersion": {...}}.
    static const std::set<std::string> kIamCreates = {"iam:CreateAccessKey", "iam:CreatePolicyVersion", "iam:CreateRole",
                                                      "iam:CreateUser",      "iam:CreateGroup",         "iam:CreatePolicy"};
    if (kIamCreates.count(call.operation)) {
        nlohmann::json r = camel(result.response);
        for (auto& [member, made] : r.items()) {
            made.erase("secretAccessKey");
            for (const char* date : {"createDate", "updateDate"})
                if (const auto d = made.find(date); d != made.end() && d->is_string()) *d = trail_date(d->get<std::string>(), TrailDate::Iam);
        }
        return r;
    }
    if (call.operation.compare(0, 4, "ec2:") == 0 && call.operation != "ec2:DescribeInstances"sv && !authorized_only) {
        // EC2 logs its query API's shape: {"instancesSet": {"items": [{"instanceId", "currentState": {"code",
        // "name"}, "previousState"}]}} (cloudtrail-log-file-examples, StopInstances).
        nlohmann::json items = nlohmann::json::array();
        for (const auto& [key, list] : result.response.items())
            for (const auto& i : list)
                items.push_back({{"instanceId", i.at("InstanceId")},
                                 {"currentState", camel(i.at("CurrentState"))},
                                 {"previousState", camel(i.at("PreviousState"))}});
        return {{"instancesSet", {{"items", items}}}};
    }
    // An upload logs the encryption S3 gave the object, as its answer's headers: "The automatic encryption status ...
    // for new object uploads is available in CloudTrail logs" (cloudtrail-logging-s3-info; S3's PutObject record,
    // cloudtrail-logging-understanding-s3-entries: "x-amz-server-side-encryption" in responseElements).
    if (call.operation == "s3:PutObject"sv || call.operation == "s3:CopyObject"sv) {
        nlohmann::json r = nlohmann::json::object();
        if (const auto sse = result.response.find("ServerSideEncryption"); sse != result.response.end())
            r["x-amz-server-side-encryption"] = *sse;
        if (const auto key = result.response.find("SSEKMSKeyId"); key != result.response.end())
            r["x-amz-server-side-encryption-aws-kms-key-id"] = *key;
        return r;
    }
    return nullptr;  // reads and S3's other object calls carry no response elements
}

// EC2 logs its query API's request shape, whatever form the call was given in: {"instancesSet": {"items":
// [{"instanceId"}]}}, StopInstances with "force" (cloudtrail-log-file-examples, StopInstances), DescribeInstances
// with its filters as filterSet (real records: {"filterSet": {"items": [{"name", "valueSet": {"items": [{"value"}]}}]}}),
// and an empty instancesSet and filterSet when it names no instance and no filter. The sandbox's Region parameter (which
// endpoint the call goes to) is not one of EC2's.
nlohmann::json ec2_request_parameters(const ApiCall& call) {
    nlohmann::json items = nlohmann::json::array();
    for (const std::string& id : ec2_instance_ids(call)) items.push_back({{"instanceId", id}});
    nlohmann::json p = {{"instancesSet", items.empty() ? nlohmann::json::object() : nlohmann::json{{"items", items}}}};
    if (call.operation == "ec2:DescribeInstances"sv) {
        // Its Filters as EC2 logs them: {"items": [{"name", "valueSet": {"items": [{"value"}]}}]}.
        nlohmann::json filters = nlohmann::json::array();
        if (const auto f = call.params.find("Filters"); f != call.params.end() && f->is_array())
            for (const nlohmann::json& filter : *f) {
                if (!filter.is_object()) continue;
                nlohmann::json values = nlohmann::json::array();
                if (const auto v = filter.find("Values"); v != filter.end() && v->is_array())
                    for (const nlohmann::json& value : *v) values.push_back({{"value", value}});
                filters.push_back({{"name", filter.value("Name", nlohmann::json())}, {"valueSet", {{"items", values}}}});
            }
        p["filterSet"] = filters.empty() ? nlohmann::json::object() : nlohmann::json{{"items", filters}};
    }
    if (call.operation == "ec2:StopInstances"sv) {
        const auto force = call.params.find("Force");
        p["force"] = force != call.params.end() && force->is_boolean() && force->get<bool>();
    }
    return p;
}

// An EC2 call the sandbox only authorizes, in EC2's query shape as its records show it: named instances as
// instancesSet (a real RebootInstances record: {"instancesSet": {"items": [{"instanceId"}]}}), resources and tags as
// resourcesSet and tagSet (real CreateTags records); RunInstances with its
// image, key and counts in instancesSet's one item, its security groups as groupSet and its tags as
// tagSpecificationSet (real RunInstances records: {"instancesSet": {"items": [{"imageId", "keyName", "minCount",
// "maxCount"}]}, "instanceType", "groupSet": {"items": [{"groupId"}]}, "tagSpecificationSet": {"items":
// [{"resourceType", "tags": [{"key", "value"}]}]}}), and its user data never in the clear: "<sensitiveDataRemoved>".
// The rest as given, re-cased. `params` are the re-cased parameters, without the sandbox's own Region.
nlohmann::json ec2_authorized_only_parameters(const ApiCall& call, nlohmann::json params) {
    const auto move_out = [&params](const char* key) {
        nlohmann::json value;
        if (const auto it = params.find(key); it != params.end()) {
            value = std::move(*it);
            params.erase(it);
        }
        return value;
    };
    // A list parameter is a set of items, each named for what it holds (CreateTags' Resources: real records'
    // {"resourcesSet": {"items": [{"resourceId"}]}, "tagSet": {"items": [{"key", "value"}]}}).
    const auto as_set = [&](const char* list, const char* set, const char* member) {
        if (nlohmann::json values = move_out(list); values.is_array()) {
            nlohmann::json items = nlohmann::json::array();
            for (auto& v : values) items.push_back(member ? nlohmann::json{{member, std::move(v)}} : std::move(v));
            params[set] = {{"items", std::move(items)}};
        }
    };
    as_set("instanceIds", "instancesSet", "instanceId");
    as_set("resources", "resourcesSet", "resourceId");
    as_set("tags", "tagSet", nullptr);
    if (call.operation != "ec2:RunInstances"sv) return params;
    nlohmann::json item = nlohmann::json::object();
    for (const char* key : {"imageId", "keyName", "minCount", "maxCount"})
        if (nlohmann::json v = move_out(key); !v.is_null()) item[key] = std::move(v);
    if (!item.empty()) params["instancesSet"] = {{"items", nlohmann::json::array({std::move(item)})}};
    as_set("securityGroupIds", "groupSet", "groupId");
    as_set("tagSpecifications", "tagSpecificationSet", nullptr);
    if (params.contains("userData")) params["userData"] = "<sensitiveDataRemoved>";
    return params;
}

const char* event_source(const std::string& operation) {
    const std::string service = operation.substr(0, operation.find(':'));
    if (const SandboxService* own = sandbox_service(service)) return own->endpoint;
    // A call only authorized (services.hpp): the endpoint its service's entry names (CloudWatch's is monitoring), else
    // PREFIX.amazonaws.com, kept once for the whole program.
    if (const char* endpoint = other_service(service).endpoint) return endpoint;
    static std::mutex mutex;
    static std::set<std::string> others;
    const std::lock_guard<std::mutex> lock(mutex);
    return others.insert(service + ".amazonaws.com").first->c_str();
}

// AssumeRole and its federated forms are logged as read-only, as AWS's own records show them.
bool read_only(const std::string& op, bool authorized_only) {
    // A call only authorized is read-only when its name says it reads (Get, List, Describe, Head, Lookup, BatchGet,
    // DynamoDB's Query and Scan), and for KMS's cryptographic operations, which CloudTrail logs as reads (the KMS
    // guide's ct-encrypt and ct-decrypt examples).
    if (authorized_only) {
        const std::string action = op.substr(op.find(':') + 1);
        for (const char* reads : {"Get", "List", "Describe", "Head", "Lookup", "BatchGet"})
            if (starts_with(action, reads)) return true;
        if (starts_with(op, "kms:"))
            for (const char* crypto : {"Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateRandom", "GenerateMac",
                                       "Sign", "Verify"})
                if (starts_with(action, crypto)) return true;
        return action == "Query"sv || action == "Scan"sv;
    }
    return op == "sts:GetCallerIdentity"sv || op == "sts:DecodeAuthorizationMessage"sv || op == "sts:GetAccessKeyInfo"sv ||
           op == "sts:AssumeRole"sv ||
           op == "sts:AssumeRoleWithSAML"sv || op == "sts:AssumeRoleWithWebIdentity"sv || op == "s3:GetObject"sv ||
           op == "s3:ListBucket"sv || op == "s3:ListObjectsV2"sv || op == "s3:ListObjects"sv || op == "s3:HeadObject"sv ||
           op == "s3:HeadBucket"sv ||
           op == "s3:GetBucketPolicy"sv || op == "s3:GetBucketPublicAccessBlock"sv || op == "s3:GetBucketEncryption"sv ||
           op == "ec2:DescribeInstances"sv || op == "iam:GetOutboundWebIdentityFederationInfo"sv;
}

}  // namespace

TrailIdentity user_identity(const ServiceContext& sc, const Credential& c) {
    const iam::Principal& p = c.principal;
    // "If the userIdentity type is Root and you set an alias for your account, the userName field contains your
    // account alias" (cloudtrail-event-reference-user-identity).
    const auto root_name = [&] {
        const Account* account = sc.world.account(p.account);
        return account ? account->alias : std::string();
    };
    TrailIdentity id;
    id.access_key_id = c.access_key_id;
    id.account_id = p.account;
    id.arn = p.arn;
    id.has_principal_id = true;
    id.principal_id = p.id;
    // Temporary credentials: "an element that provides information about the session" (the same page), for a
    // user's or the root user's GetSessionToken credentials too.
    id.has_session = c.is_temporary();
    id.creation_date = iso_seconds(sc, c.issued_at);
    id.mfa = c.mfa;
    // "ec2RoleDelivery - The value is 1.0 if the credentials were provided by Amazon EC2 Instance Metadata Service
    // Version 1 (IMDSv1). The value is 2.0 if the credentials were provided using the new IMDS scheme."
    // (cloudtrail-event-reference-user-identity); IMDSv2 is what new instances require.
    if (c.instance_role) id.ec2_role_delivery = "2.0";
    switch (p.type) {
        case iam::PrincipalType::Root:
            id.type = "Root";
            id.principal_id = p.account;
            id.user_name = root_name();
            break;
        case iam::PrincipalType::IAMUser:
            id.type = "IAMUser";
            id.user_name = p.name;
            break;
        case iam::PrincipalType::AssumedRole: {
            id.type = "AssumedRole";
            // The role as the session knows it (it may have been deleted since): its name ends its ARN.
            id.issuer = TrailIdentity::Issuer{"Role", c.role_id, c.role_arn, p.account, c.role_arn.substr(c.role_arn.rfind('/') + 1)};
            id.source_identity = c.source_identity;
            if (!c.web_identity_data.is_null()) id.web_id_data = std::make_shared<const nlohmann::json>(c.web_identity_data);
            break;
        }
        case iam::PrincipalType::FederatedUser: {
            id.type = "FederatedUser";
            // The IAM user (or root) whose keys called GetFederationToken, as those keys know it; for a console session
            // (signin:Login), whose parent is the federated user's own credentials, the keys behind those.
            const Credential* keys = sc.credentials.find(c.parent);
            for (int hop = 0; hop < 4 && keys && keys->principal.type == iam::PrincipalType::FederatedUser; ++hop)
                keys = sc.credentials.find(keys->parent);
            const bool root = keys && keys->principal.type == iam::PrincipalType::Root;
            id.issuer = TrailIdentity::Issuer{root ? "Root" : "IAMUser", keys && !root ? keys->principal.id : p.account, c.user_arn,
                                              p.account, root ? root_name() : c.user_arn.substr(c.user_arn.rfind('/') + 1)};
            break;
        }
        default:
            id = TrailIdentity{};  // {"type": "Unknown"}
    }
    return id;
}

namespace {

// Appends `r`, a call made with `credential` on a resource of another account, `owner_account`, as CloudTrail
// delivers it: one record in each account, sharing an event id, the owner's naming the caller only by its account
// and principal id (facts §7; cloudtrail-event-reference-user-identity, AWSAccount).
void in_both_accounts(ServiceContext& sc, TrailRecord r, const Credential& credential, const std::string& owner_account,
                      std::vector<TrailRecord>& records) {
    r.shared_event_id = make_uuid(sc.rng);
    r.recipient_account = credential.principal.account;
    TrailRecord other = r;
    other.event_id = make_uuid(sc.rng);
    other.recipient_account = owner_account;
    other.user_identity = TrailIdentity{};
    other.user_identity.type = "AWSAccount";
    other.user_identity.has_principal_id = true;
    other.user_identity.principal_id = credential.principal.id.empty() ? credential.principal.account : credential.principal.id;
    other.user_identity.account_id = credential.principal.account;
    records.push_back(std::move(r));
    records.push_back(std::move(other));
}

}  // namespace

std::vector<TrailRecord> cloudtrail_records(ServiceContext& sc, const ApiCall& call, const ApiResult& result,
                                            const Credential* credential) {
    // iam:PassRole is a permission only, checked inside another call: CloudTrail has no event for it.
    if (call.operation == "iam:PassRole"sv) return {};
    const bool s3 = starts_with(call.operation, "s3:"), ec2 = starts_with(call.operation, "ec2:");
    // "CloudTrail does not deliver logs for requests that fail authentication (in which the provided credentials are
    // not valid). However, it does include logs for requests in which authorization fails (AccessDenied)" (Amazon S3
    // User Guide, cloudtrail-logging): an S3 request signed with expired credentials leaves no record, as one with a
    // deleted key leaves none anywhere (below).
    if (s3 && !result.ok && (result.error_code == "ExpiredToken"sv || result.failed_authentication)) return {};
    // "To protect your VPC, requests that are denied by a VPC endpoint policy, but otherwise would have been allowed,
    // are not recorded in AWS CloudTrail" (the KMS Developer Guide, vpce-logging): a KMS request its endpoint refused.
    if (starts_with(call.operation, "kms:") && !result.ok &&
        std::any_of(result.decisions.begin(), result.decisions.end(), [](const DecisionRecord& d) {
            return !d.decision.allowed() && d.decision.decided_by == iam::PolicyKind::Endpoint;
        }))
        return {};
    const bool authorized_only = !known_operation(call.operation);  // services.hpp: authorized, not carried out
    TrailRecord r;
    // AssumeRoleWithSAML / WithWebIdentity are unsigned: their identity is the federated user (CloudTrail userIdentity
    // element: SAMLUser, WebIdentityUser), whatever credentials came along.
    const bool federation = call.operation == "sts:AssumeRoleWithSAML"sv || call.operation == "sts:AssumeRoleWithWebIdentity"sv;
    if (unsigned_operation(call.operation)) credential = nullptr;
    if (call.operation == "signin:Login"sv) credential = result.ok ? sc.credentials.find(result.issued_key) : nullptr;
    if (result.trail_identity) {
        r.user_identity = *result.trail_identity;
    } else if (federation) {
        r.user_identity.type = call.operation == "sts:AssumeRoleWithSAML"sv ? "SAMLUser" : "WebIdentityUser";
    } else if (credential) {
        r.user_identity = user_identity(sc, *credential);
    } else if (!call.service_principal.empty()) {
        // An AWS service acting on a resource's behalf: {"type": "AWSService", "invokedBy": its principal}, and the
        // service's name as the source address and as the agent (cloudtrail-event-reference-user-identity, AWSService;
        // cloudtrail-event-reference-record-contents: a request an AWS service made has the service's name in
        // sourceIPAddress, and in userAgent, as "lambda.amazonaws.com" for Lambda).
        r.user_identity.type = "AWSService";
        r.user_identity.invoked_by = call.service_principal;
        r.source_ip = call.service_principal;
        r.user_agent = call.service_principal;
    } else if (s3) {  // an anonymous S3 request, as S3's data events show it: "userIdentity.accountId='ANONYMOUS_PRINCIPAL'"
        // (AmazonS3 cloudtrail-request-identification, "Identifying requests made by anonymous users")
        r.user_identity.type = "AWSAccount";
        r.user_identity.has_principal_id = true;
        r.user_identity.account_id = "ANONYMOUS_PRINCIPAL";
    }
    // The AssumeRoot event marks its caller's session: "sessionContext": {..., "assumedRoot": "true"}, as the example
    // record in cloudtrail-track-privileged-tasks shows it.
    if (call.operation == "sts:AssumeRoot"sv) r.user_identity.assumed_root = r.user_identity.has_session;
    // "sessionCredentialFromConsole ... whether or not an event originated from an AWS Management Console session.
    // This field is not shown unless the value is true" (cloudtrail-event-reference-record-contents).
    // The sign-in itself is the console's own event (ConsoleLogin), not a call made from a console session.
    r.from_console = credential && credential->from_console && call.operation != "signin:Login"sv;
    r.event_time = iso_seconds(sc, sc.now);
    r.event_source = event_source(call.operation);
    // s3:ListBucket is the permission; the API call is ListObjects (cloudtrail-logging-s3-info), and S3 logs a
    // ListObjectsV2 as a ListObjects with "list-type": "2".
    const bool listing = call.operation == "s3:ListBucket"sv || call.operation == "s3:ListObjectsV2"sv ||
                         call.operation == "s3:ListObjects"sv;
    // S3 logs a few API operations under older names: "Amazon S3 bucket-level API actions tracked by CloudTrail logging
    // appear as the following event names: ... GetBucketLifecycle ... PutBucketLifecycle ... PutBucketNotification ...
    // PutBucketPublicAccessBlock ... DeleteBucketPublicAccessBlock" (cloudtrail-logging-s3-info).
    static const std::map<std::string, const char*, std::less<>> kS3EventNames = {
        {"s3:ListAllMyBuckets", "ListBuckets"},
        {"s3:PutBucketLifecycleConfiguration", "PutBucketLifecycle"},
        {"s3:GetBucketLifecycleConfiguration", "GetBucketLifecycle"},
        {"s3:PutBucketNotificationConfiguration", "PutBucketNotification"},
        {"s3:GetBucketNotificationConfiguration", "GetBucketNotification"},
        {"s3:PutPublicAccessBlock", "PutBucketPublicAccessBlock"},
        {"s3:GetPublicAccessBlock", "GetBucketPublicAccessBlock"},
        {"s3:DeletePublicAccessBlock", "DeleteBucketPublicAccessBlock"}};
    const auto renamed = kS3EventNames.find(call.operation);
    r.event_name = call.operation == "console:RevokeActiveSessions"sv ? "PutRolePolicy"
                   : call.operation == "signin:Login"sv                 ? "ConsoleLogin"
                   : listing                                          ? "ListObjects"
                   : renamed != kS3EventNames.end()                   ? renamed->second
                                                                      : call.operation.substr(call.operation.find(':') + 1);
    r.region = result.region.empty() ? "us-east-1" : result.region;
    if (const auto ip = call.extra_context.find("aws:SourceIp"); ip != call.extra_context.end() && ip->is_string())
        r.source_ip = ip->get<std::string>();
    // A request through a VPC endpoint: "vpcEndpointId: Identifies the VPC endpoint in which requests were made from a
    // VPC to another AWS service, such as Amazon S3" (cloudtrail-event-reference-record-contents), and its address is
    // the caller's private one, aws:VpcSourceIp, when the step gives it.
    if (const auto vpce = call.extra_context.find("aws:SourceVpce"); vpce != call.extra_context.end() && vpce->is_string()) {
        r.vpc_endpoint_id = vpce->get<std::string>();
        if (const auto ip = call.extra_context.find("aws:VpcSourceIp"); !r.source_ip && ip != call.extra_context.end() && ip->is_string())
            r.source_ip = ip->get<std::string>();
    }
    // What the service took from the request: a parameter that is not the operation's own was ignored, not logged
    // (a case variant of one of its own is refused when the file loads, so no two keys camel-case alike).
    nlohmann::json params = camel(call.params);
    if (const auto* known = operation_parameters(call.operation))
        for (auto it = call.params.begin(); it != call.params.end(); ++it)
            if (std::none_of(known->begin(), known->end(), [&](const char* p) { return it.key() == p; }))
                params.erase(camel_key(it.key()));
    // A duration the step wrote as text ("900") is logged as the number STS read from it, as AWS's records show it.
    if (const auto d = params.find("durationSeconds"); d != params.end() && d->is_string()) {
        const std::string& text = d->get_ref<const std::string&>();
        if (!text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos)
            *d = std::stoll(text);
    }
    // A managed session policy given by its ARN alone (the sandbox's shorthand) is logged as AWS logs every one, a
    // PolicyDescriptorType: {"arn": ARN} (cloudtrail-integration, the AssumeRole example's "policyArns").
    if (const auto arns = params.find("policyArns"); arns != params.end() && arns->is_array())
        for (auto& e : *arns)
            if (e.is_string()) e = nlohmann::json::object({{"arn", std::move(e.get_ref<std::string&>())}});
    // A policy document is logged as the text that was sent, never re-cased (cloudtrail-log-file-examples).
    for (const auto& [document, logged] : {std::pair{"Policy", "policy"}, std::pair{"PolicyDocument", "policyDocument"},
                                           std::pair{"AssumeRolePolicyDocument", "assumeRolePolicyDocument"}})
        if (const auto it = call.params.find(document); it != call.params.end() && !it->is_string() && !it->is_null())
            params[logged] = it->dump();
    // An assertion or token itself is never logged, only what the service read from it; nor is an object's content.
    // Nor is an MFA code: AWS's AssumeRole example with MFA logs the serialNumber alone (cloudtrail-integration).
    for (const char* secret : {"SAMLAssertion", "webIdentityToken", "accessToken", "body", "tokenCode"}) params.erase(secret);
    // Nor a password or a secret's value, which only calls the sandbox authorizes may carry: a real CreateLoginProfile
    // record has userName and passwordResetRequired alone, and Secrets Manager's SecretString and SecretBinary are
    // "Sensitive: ... the service does not include it in CloudTrail log entries" (the SDKs' API reference).
    if (authorized_only)
        for (const char* secret : {"password", "oldPassword", "newPassword", "secretString", "secretBinary"}) params.erase(secret);
    // S3 logs a request's headers by their names ("x-amz-server-side-encryption": "aws:kms"; CopyObject's
    // "x-amz-copy-source": "bucket/key", as S3's CopyObject records show it; the object's tags, x-amz-tagging).
    if (call.operation == "s3:PutObject"sv || call.operation == "s3:CopyObject"sv) {
        for (const auto& [param, header] : {std::pair{"copySource", "x-amz-copy-source"}, std::pair{"tagging", "x-amz-tagging"}})
            if (const auto it = params.find(param); it != params.end()) {
                params[header] = std::move(*it);
                params.erase(param);
            }
        for (const auto& [name, key] : service_detail::s3_put_headers())
            if (const auto it = params.find(camel_key(name)); it != params.end()) {
                params[std::string(key).substr(3)] = *it;
                params.erase(it);
            }
    }
    // A chained AssumeRole inherits the calling session's transitive tags: logged as incomingTransitiveTags
    // (cloudtrail-integration, "Example AWS STS role chaining API event").
    if (call.operation == "sts:AssumeRole"sv && credential && credential->is_role_session()) {
        nlohmann::json incoming = nlohmann::json::object();
        for (const std::string& k : credential->transitive_tag_keys)
            for (const auto& [key, value] : credential->session_tags)
                if (equal_ignoring_case(key, k)) incoming[key] = value;
        if (!incoming.empty()) params["incomingTransitiveTags"] = incoming;
        // So does its source identity, passed again or not: "sourceIdentity is found in the requestParameters block of
        // the AWS STS calls" a role session makes to assume another role (cloudtrail-event-reference-user-identity).
        if (!credential->source_identity.empty() && !params.contains("sourceIdentity"))
            params["sourceIdentity"] = credential->source_identity;
    }
    if (!result.trail_parameters.is_null()) params = result.trail_parameters;
    // A bucket's policy calls go to its ?policy subresource, which S3 logs as "policy": "" (real records of Get, Put and
    // DeleteBucketPolicy); the document PutBucketPolicy sent is "bucketPolicy", an object (cloudtrail-logging-s3-info),
    // whether S3 took it or not.
    if (call.operation == "s3:GetBucketPolicy"sv || call.operation == "s3:PutBucketPolicy"sv || call.operation == "s3:DeleteBucketPolicy"sv) {
        const auto sent = call.params.find("Policy");
        params = {{"policy", ""}};
        if (call.operation == "s3:PutBucketPolicy"sv && sent != call.params.end() && !sent->is_null()) {
            nlohmann::json document = sent->is_string() ? parse_json_or_discard(sent->get_ref<const std::string&>()) : *sent;
            params["bucketPolicy"] = document.is_discarded() ? *sent : std::move(document);  // not JSON: as sent
        }
    }
    // Likewise the ?publicAccessBlock subresource (a real GetBucketPublicAccessBlock record: "publicAccessBlock": ""),
    // and the configuration Put sent, its XML body's names and namespace kept (a real PutBucketPublicAccessBlock
    // record, Panther's sample).
    // And the ?encryption subresource, with the ServerSideEncryptionConfiguration Put sent (cloudtrail-logging-s3-info
    // lists Put, Get and DeleteBucketEncryption as bucket-level, management events).
    const bool block_call = call.operation == "s3:PutBucketPublicAccessBlock"sv || call.operation == "s3:GetBucketPublicAccessBlock"sv;
    const bool encryption_call = call.operation == "s3:PutBucketEncryption"sv || call.operation == "s3:GetBucketEncryption"sv ||
                                 call.operation == "s3:DeleteBucketEncryption"sv;
    for (const auto& [on, subresource, body_name] : {std::tuple{block_call, "publicAccessBlock", "PublicAccessBlockConfiguration"},
                                                     std::tuple{encryption_call, "encryption", "ServerSideEncryptionConfiguration"}}) {
        if (!on) continue;
        const auto sent = call.params.find(body_name);
        params = {{subresource, ""}};
        if (sent != call.params.end()) {
            nlohmann::json& body = params[body_name] = *sent;
            if (body.is_object()) body["xmlns"] = "http://s3.amazonaws.com/doc/2006-03-01/";
        }
    }
    // The resource acted on, as the service writes it: S3's bucketName and key; EC2's own shape. A request through an
    // access point names the bucket's object, the bucket and the access point: "CloudTrail log entries for requests made
    // through access points include the access point ARN in the resources section of the log" (access-points-monitoring-
    // logging, whose example lists the object by its bucket's ARN), and went to the access point's host,
    // "access_point_name-account_id.s3-accesspoint.Region.amazonaws.com".
    const AccessPoint* ap =
        s3 && call.resource.find(":accesspoint/") != std::string::npos ? sc.world.access_point(call.resource) : nullptr;
    const std::size_t object_at = ap ? call.resource.find("/object/") : std::string::npos;
    const std::string through_ap =
        ap ? "arn:aws:s3:::" + ap->bucket + (object_at == std::string::npos ? "" : "/" + call.resource.substr(object_at + 8)) : "";
    const std::string& res = ap ? through_ap : call.resource;
    if (s3 && starts_with(res, "arn:aws:s3:::")) {
        const std::string path = res.substr(13);
        const std::size_t slash = path.find('/');
        params["bucketName"] = path.substr(0, slash);
        // The virtual-hosted endpoint the request went to, as S3's records name it ("Host":
        // "amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com").
        params["Host"] = ap ? ap->name + "-" + ap->account + ".s3-accesspoint." + ap->region + ".amazonaws.com"
                            : path.substr(0, slash) + ".s3." + r.region + ".amazonaws.com";
        // A data event names the object and its bucket, the bucket with its owner's account (AmazonS3
        // cloudtrail-logging-understanding-s3-entries: "resources": [{"type": "AWS::S3::Object", "ARN": ...},
        // {"accountId": ..., "type": "AWS::S3::Bucket", "ARN": ...}]); a bucket that does not exist has no owner.
        if (slash != std::string::npos) {
            params["key"] = path.substr(slash + 1);
            r.resources.push_back({res, "", "AWS::S3::Object"});
        } else if (call.operation == "s3:DeleteObjects"sv) {
            // DeleteObjects names the objects by their bucket's prefix and logs its ?delete subresource, not the keys
            // ("delete": "", a real record's; it "does not indicate the list of files deleted").
            params.erase("delete");
            params["delete"] = "";
            r.resources.push_back({res + "/", "", "AWS::S3::Object", true});
        } else if (listing) {
            if (call.operation == "s3:ListObjectsV2"sv) params["list-type"] = "2";
            // Its query string as sent, by S3's names and as text ("encoding-type": "url", "max-keys": "100"; a real
            // ListObjects record's "list-type", "prefix", "delimiter", "encoding-type").
            for (const auto& [given, query] : {std::pair{"maxKeys", "max-keys"}, std::pair{"encodingType", "encoding-type"},
                                               std::pair{"continuationToken", "continuation-token"},
                                               std::pair{"startAfter", "start-after"}, std::pair{"fetchOwner", "fetch-owner"},
                                               std::pair{"prefix", "prefix"}, std::pair{"delimiter", "delimiter"},
                                               std::pair{"marker", "marker"}}) {
                const auto it = params.find(given);
                if (it == params.end()) continue;
                nlohmann::json text = it->is_string() ? std::move(*it) : nlohmann::json(it->dump());
                params.erase(it);
                params[query] = std::move(text);
            }
            // A listing names the objects it covers by their prefix: {"type": "AWS::S3::Object", "ARNPrefix":
            // "arn:aws:s3:::bucket/"} (ListObjects data events as S3 writes them).
            const auto prefix = call.params.find("Prefix");
            r.resources.push_back({res + "/" + (prefix != call.params.end() && prefix->is_string() ? prefix->get<std::string>() : ""),
                                   "", "AWS::S3::Object", true});
        }
        r.resources.push_back({"arn:aws:s3:::" + path.substr(0, slash), result.recipient_account, "AWS::S3::Bucket"});
        if (ap) r.resources.push_back({ap->arn, ap->account, "AWS::S3::AccessPoint"});
    } else if (ec2 && !authorized_only) {
        params = ec2_request_parameters(call);
    } else if (ec2) {
        params.erase("region");  // the sandbox's own parameter: which endpoint the call goes to
        params = ec2_authorized_only_parameters(call, std::move(params));
    }
    // How the request reached its endpoint, which IAM, STS, EC2 and S3 log (cloudtrail-supported-tls-details): TLS 1.3
    // and the host the client named, as AWS's examples show them ("clientProvidedHostHeader": "iam.amazonaws.com"). An
    // AWS service's own call and the federation endpoint's have none.
    if (r.user_identity.type != std::string_view("AWSService")) {
        const std::string_view source = r.event_source;  // IAM's and STS's global endpoints are their event sources
        // "The AWS STS global endpoint is not supported for AssumeRoot. You must send this request to a Regional AWS
        // STS endpoint" (API_AssumeRoot); "The GetWebIdentityToken API is not available on the STS Global endpoint"
        // (API_GetWebIdentityToken).
        if (call.operation == "sts:AssumeRoot"sv || call.operation == "sts:GetWebIdentityToken"sv)
            r.tls_host = "sts." + r.region + ".amazonaws.com";
        else if (source == "iam.amazonaws.com"sv || source == "sts.amazonaws.com"sv) r.tls_host = source;
        else if (ec2) r.tls_host = "ec2." + r.region + ".amazonaws.com";
        else if (s3) r.tls_host = params.contains("Host") ? params["Host"].get<std::string>() : source;
    }
    const bool login = call.operation == "signin:Login"sv;
    // The sign-in token is a secret: never logged.
    if (!params.empty() && !login) r.request_parameters = std::make_shared<const nlohmann::json>(std::move(params));
    r.request_id = make_uuid(sc.rng);
    if (login) {
        r.response_elements = std::make_shared<const nlohmann::json>(
            nlohmann::json{{"ConsoleLogin", result.ok ? "Success" : "Failure"}});
    } else if (call.operation != "signin:GetSigninToken"sv) {
        if (nlohmann::json elements = response_elements(call, result, authorized_only); !elements.is_null()) {
            // EC2 answers with its request's id too (cloudtrail-log-file-examples, StartInstances and StopInstances).
            if (ec2) elements["requestId"] = r.request_id;
            r.response_elements = std::make_shared<const nlohmann::json>(std::move(elements));
        }
    }
    if (!result.ok) {  // EC2 logs its errors as Client.CODE (a real record: "Client.UnauthorizedOperation")
        r.failed = true;
        // A failed console sign-in has an errorMessage and no errorCode (cloudtrail-integration's examples of
        // ConsoleLogin failures: "errorMessage": "Failed authentication", "ConsoleLogin": "Failure").
        if (!login) r.error_code = (ec2 ? "Client." : "") + result.error_code;
        r.error_message = result.error_message;
    }
    r.event_id = make_uuid(sc.rng);
    r.read_only = read_only(call.operation, authorized_only);
    if (s3) {
        // How S3 took the request and what it carried (AmazonS3 cloudtrail-logging-understanding-s3-entries: "CloudTrail
        // events for Amazon S3 include the signature version ... under the key name of additionalEventData"), for its
        // management events as for its data events: a signed request's signature and authentication method, the TLS
        // cipher suite, and the bytes in (an object's, a bucket policy's) and out. Its random x-amz-id-2 is left out.
        nlohmann::json data = nlohmann::json::object();  // member by member: a braced list makes each pair an array first
        data["CipherSuite"] = kTlsCipherSuite;
        data["bytesTransferredIn"] = 0;
        data["bytesTransferredOut"] = 0;
        if (credential || !call.service_principal.empty()) {
            data["SignatureVersion"] = "SigV4";
            // A presigned URL signs in its query string (cloudtrail-logging-understanding-s3-entries: AuthHeader or
            // QueryString).
            data["AuthenticationMethod"] = call.presigned.is_null() ? "AuthHeader" : "QueryString";
        }
        const char* sent = call.operation == "s3:PutObject"sv ? "Body" : call.operation == "s3:PutBucketPolicy"sv ? "Policy" : nullptr;
        if (const auto body = sent ? call.params.find(sent) : call.params.end(); body != call.params.end())
            data["bytesTransferredIn"] = body->is_string() ? body->get_ref<const std::string&>().size() : body->dump().size();
        // A HEAD answer has no body: nothing goes out (real HeadObject records: "bytesTransferredOut": 0).
        if (const auto length = result.response.find("ContentLength");
            result.ok && length != result.response.end() && call.operation != "s3:HeadObject"sv)
            data["bytesTransferredOut"] = *length;
        // Which encryption an upload got, and whether from its header or the bucket's default: "SSE_S3", "SSE_KMS",
        // "Default_SSE_S3", "Default_SSE_KMS" (UsingServerSideEncryption, "Monitoring default encryption with CloudTrail";
        // for a multipart upload, on its initiation). DSSE has no value there, and none is written.
        if (const char* applied = sse_applied(sc, call, result)) data["SSEApplied"] = applied;
        r.additional_event_data = std::make_shared<const nlohmann::json>(std::move(data));
    }
    // An OIDC provider of IAM's: "The CloudTrail log entry also contains an additionalEventData field with an
    // identityProviderConnectionVerificationMethod attribute ... either IAMTrustStore or Thumbprint"
    // (cloudtrail-integration, AssumeRoleWithWebIdentity); IAMTrustStore: verified with AWS's trusted root CAs.
    if (call.operation == "sts:AssumeRoleWithWebIdentity"sv && result.ok && starts_with(result.response.value("Provider", ""), "arn:aws:iam::"))
        r.additional_event_data = std::make_shared<const nlohmann::json>(
            nlohmann::json{{"identityProviderConnectionVerificationMethod", "IAMTrustStore"}});
    if (login) r.event_type = "AwsConsoleSignIn";
    // As AWS's record of a role session's console sign-in through the federation endpoint shows it (the AWS CLI
    // reference's lookup-events example): {"MobileVersion": "No", "MFAUsed": "No"}; the federation endpoint's
    // GetSigninToken that made its link carries the same (a real pair of records in Datadog Security Labs' account of
    // a console takeover).
    if (login || call.operation == "signin:GetSigninToken"sv)
        r.additional_event_data = std::make_shared<const nlohmann::json>(
            nlohmann::json{{"MFAUsed", credential && credential->mfa ? "Yes" : "No"}, {"MobileVersion", "No"}});
    // Every S3 object call here, ListObjects too, is a data event; a bucket's configuration (its policy) and
    // HeadBucket are management events (cloudtrail-logging-s3-info, "Amazon S3 bucket-level actions tracked by
    // CloudTrail logging").
    // An S3 call only authorized is a data event when it acts on an object (arn:aws:s3:::BUCKET/KEY).
    const bool data_event = s3 && (authorized_only
                                       ? (starts_with(res, "arn:aws:s3:::") && res.find('/') != std::string::npos) ||
                                             call.operation == "s3:DeleteObjects"sv
                                       : call.operation != "s3:PutBucketPolicy"sv && call.operation != "s3:DeleteBucketPolicy"sv &&
                                             call.operation != "s3:GetBucketPolicy"sv && call.operation != "s3:HeadBucket"sv &&
                                             !block_call && !encryption_call);
    r.management_event = !data_event;
    r.event_category = data_event ? "Data" : "Management";
    const std::string caller_account = credential ? credential->principal.account : std::string();
    r.recipient_account = result.recipient_account.empty() ? caller_account : result.recipient_account;

    // S3's calls to KMS for this call's objects, made on the caller's behalf: "AWS KMS writes entries to your
    // CloudTrail log ... when an AWS service calls an operation on your behalf" (understanding-kms-entries), as the
    // caller's call invoked by the service, with the service's name as its source address and agent (Lambda's example
    // of its Decrypt, security-encryption-at-rest; a real record of AWS Config's refused Decrypt). A Decrypt's
    // parameters always name its algorithm (ct-decrypt), a GenerateDataKey's its key spec (ct-generatedatakey).
    std::vector<TrailRecord> kms;
    for (const KmsUse& use : result.kms_uses) {
        TrailRecord k;
        k.user_identity = r.user_identity;
        if (k.user_identity.invoked_by.empty()) k.user_identity.invoked_by = "s3.amazonaws.com";
        k.event_time = r.event_time;
        k.event_source = "kms.amazonaws.com";
        k.event_name = use.operation;
        k.region = use.region;
        k.source_ip = k.user_agent = "s3.amazonaws.com";
        const bool decrypt = use.operation == "Decrypt"sv;
        k.request_parameters = std::make_shared<const nlohmann::json>(nlohmann::json{
            {"encryptionContext", {{"aws:s3:arn", use.object_arn}}},
            {"keyId", use.key_arn},
            {decrypt ? "encryptionAlgorithm" : "keySpec", decrypt ? "SYMMETRIC_DEFAULT" : "AES_256"}});
        k.request_id = make_uuid(sc.rng);
        if (!use.denial.empty()) {
            k.failed = true;
            k.error_code = "AccessDenied";
            k.error_message = use.denial;
        }
        k.event_id = make_uuid(sc.rng);
        k.read_only = true;
        k.resources.push_back({use.key_arn, use.key_account, "AWS::KMS::Key"});
        // "Cross-account operations on KMS keys are logged in both the caller account and the KMS key owner account.
        // However, cross-account AWS KMS requests that are rejected because access is denied are logged only in the
        // caller's account" (logging-using-cloudtrail).
        if (credential && use.denial.empty() && use.key_account != caller_account) {
            in_both_accounts(sc, std::move(k), *credential, use.key_account, kms);
        } else {
            k.recipient_account = caller_account.empty() ? use.key_account : caller_account;
            kms.push_back(std::move(k));
        }
    }

    std::vector<TrailRecord> records;
    std::string owner_account;
    if (call.operation == "sts:AssumeRole"sv || federation) {
        const auto arn = call.params.find("RoleArn");
        if (arn != call.params.end() && arn->is_string()) {
            const std::string& a = arn->get_ref<const std::string&>();
            if (const Role* role = sc.world.role(a)) {
                owner_account = role->account;
                r.resources.push_back({a, role->account, "AWS::IAM::Role"});
                const auto provider = call.params.find("PrincipalArn");
                if (provider != call.params.end() && provider->is_string())
                    if (const SamlProvider* p = sc.world.saml_provider(provider->get<std::string>()))
                        r.resources.push_back({p->arn, owner_account, "AWS::IAM::SAMLProvider"});
            }
        }
    }
    // A cross-account S3 data event goes to the requester and to the bucket owner, which in the sandbox owns every
    // object in its bucket (cloudtrail-logging-s3-info, "Object-level actions in cross-account scenarios").
    if (s3) owner_account = result.recipient_account;
    // A refused cross-account role assumption stays in the caller's account: "For cross-account role assumption
    // requests, CloudTrail does not log denied AWS STS requests in the target account's CloudTrail" (IAM User Guide,
    // cloudtrail-integration, "Logging IAM and AWS STS API requests").
    if (!owner_account.empty() && owner_account != caller_account && credential && (s3 || result.ok)) {
        in_both_accounts(sc, std::move(r), *credential, owner_account, records);
    } else {
        // An unsigned federation call that failed before it named an account goes to the role's account, if its
        // RoleArn names one; a request that names no account at all is in no account's trail ("some
        // non-authenticated AWS STS requests might not be logged", cloudtrail-integration).
        if (r.recipient_account.empty()) r.recipient_account = owner_account;
        // A service assuming a role works from the service's own account, which receives the event too: CloudTrail
        // gives such an event a sharedEventID, "present only when CloudTrail events are delivered to multiple
        // accounts" (cloudtrail-event-reference-record-contents), as real EC2 instance-profile AssumeRole records
        // show. The sandbox has the role's account's copy only.
        if (!credential && !call.service_principal.empty() && call.operation == "sts:AssumeRole"sv && result.ok)
            r.shared_event_id = make_uuid(sc.rng);
        if (!r.recipient_account.empty()) records.push_back(std::move(r));
    }
    records.insert(records.end(), std::make_move_iterator(kms.begin()), std::make_move_iterator(kms.end()));
    records.insert(records.end(), result.more_trail.begin(), result.more_trail.end());
    return records;
}

}  // namespace stslab::aws
