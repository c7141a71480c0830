// IAM's calls that change the world, each validated, then authorized like any other call, then carried out as IAM
// does it (the IAM API Reference's API_<Operation>): the inline and managed policies of users, groups and roles, a
// role's trust policy and maximum session duration, tags, permissions boundaries, group membership, access keys,
// the versions of a customer managed policy, and the console's "Revoke active sessions".
#include "aws/services_internal.hpp"

#include "aws/validation.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>

namespace stslab::aws {
namespace {

using namespace service_detail;

// TagRole's and TagUser's Tags: at most 50 {"Key", "Value"} of API_Tag's form, no key beginning with "aws:" (reserved
// for AWS); UntagRole's and UntagUser's TagKeys: at most 50 keys (API_TagRole, API_UntagRole: "Maximum number of 50
// items. Required: Yes"). The tags in request order (an untagging call's with empty values); violations go to `v`.
std::vector<std::pair<std::string, std::string>> read_iam_tags(const ApiCall& call, bool untag, ParamValidator& v) {
    std::vector<std::pair<std::string, std::string>> out;
    const char* name = untag ? "TagKeys" : "Tags";
    const std::string member = untag ? "tagKeys" : "tags";
    const auto it = call.params.find(name);
    if (it == call.params.end() || it->is_null()) {
        v.missing(member);
        return out;
    }
    if (!it->is_array()) {
        v.add("Value '" + it->dump() + "' at '" + member + "' failed to satisfy constraint: Member must be a list");
        return out;
    }
    if (it->size() > 50)
        v.add("Value '" + it->dump() + "' at '" + member + "' failed to satisfy constraint: Member must have length less than or equal to 50");
    std::size_t n = 0;
    for (const auto& e : *it) {
        ++n;
        if (untag) {
            if (!e.is_string()) {
                v.add("Value '" + e.dump() + "' at '" + list_member("tagKeys", n) + "' failed to satisfy constraint: Member must be a string");
            } else if (check_tag_key(e.get<std::string>(), list_member("tagKeys", n), v)) {
                out.emplace_back(e.get<std::string>(), "");
            }
            continue;
        }
        if (!e.is_object() || !e.contains("Key") || !e["Key"].is_string() || !e.contains("Value") || !e["Value"].is_string()) {
            v.add("Value '" + e.dump() + "' at 'tags' failed to satisfy constraint: Member must be {\"Key\", \"Value\"}");
            continue;
        }
        const std::string key = e["Key"].get<std::string>(), value = e["Value"].get<std::string>();
        check_tag(key, value, n, v);
        out.emplace_back(key, value);
    }
    return out;
}

// {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["*"], "Resource": ["*"],
//  "Condition": {"DateLessThan": {"aws:TokenIssueTime": NOW}}}]} (id_roles_use_revoke-sessions).
nlohmann::json revoke_older_sessions_policy(const std::string& now) {
    return {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Effect", "Deny"},
               {"Action", {"*"}},
               {"Resource", {"*"}},
               {"Condition", {{"DateLessThan", {{"aws:TokenIssueTime", now}}}}}}}}};
}

using namespace iam_quota;

// Their size together once `name` holds `added` (replacing a policy of that name, if any).
std::size_t inline_size_with(const PolicyMap& policies, const std::string& name, const iam::Policy& added) {
    std::size_t size = added.document ? policy_size(*added.document) : 0;
    for (const auto& [n, p] : policies) size += n != name && p.document ? policy_size(*p.document) : 0;
    return size;
}

// A text's length outside 1..max, in the words AWS's validation gives each bound ("Value 'x...' at 'roleName' failed to
// satisfy constraint: Member must have length less than or equal to 64", as users have recorded IAM's answer).
std::string length_fault(std::size_t length, std::size_t max) {
    if (length == 0) return "Member must have length greater than or equal to 1";
    if (length > max) return "Member must have length less than or equal to " + std::to_string(max);
    return "";
}

// An IAM name parameter (RoleName, UserName: 1 to 64; PolicyName, GroupName: 1 to 128) of [\w+=,.@-]+
// (API_PutRolePolicy, API_PutUserPolicy, API_PutGroupPolicy, API_AttachRolePolicy, ...). Adds its violation to `v`,
// if any.
void check_name(const ApiCall& call, const char* name, const char* member, std::size_t max, ParamValidator& v) {
    const auto it = call.params.find(name);
    if (it == call.params.end() || it->is_null()) {
        v.missing(member);
        return;
    }
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    const auto at = "Value '" + text + "' at '" + member + "' failed to satisfy constraint: ";
    if (!it->is_string()) return v.add(at + "Member must be a string");
    if (const std::string fault = length_fault(utf8_length(text), max); !fault.empty()) return v.add(at + fault);
    for (const char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_+=,.@-").find(c) != std::string_view::npos))
            return v.add(at + "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
}

// A PolicyDocument parameter (CreateRole's AssumeRolePolicyDocument): present, and as text 1 to 131,072 characters
// of [\u0009\u000A\u000D\u0020-\u00FF] (API_PutRolePolicy, API_UpdateAssumeRolePolicy, API_CreateRole). A document given as a JSON object is the scenario's shorthand
// for its text.
void check_document(const ApiCall& call, ParamValidator& v, const char* name = "PolicyDocument",
                    const char* member = "policyDocument") {
    const auto it = call.params.find(name);
    if (it == call.params.end() || it->is_null()) {
        v.missing(member);
        return;
    }
    if (!(it->is_string() || it->is_object()))
        return v.add("Value '" + it->dump() + "' at '" + member + "' failed to satisfy constraint: Member must be a policy document");
    if (!it->is_string()) return;
    const std::string& text = it->get_ref<const std::string&>();
    const auto at = "Value '" + text + "' at '" + member + "' failed to satisfy constraint: ";
    if (const std::string fault = length_fault(utf8_length(text), 131072); !fault.empty()) return v.add(at + fault);
    if (!policy_characters(text)) v.add(at + "Member must satisfy regular expression pattern: " + kPolicyPattern);
}

// What an IAM call acts on, and so is authorized on: a user (and a user's access keys and MFA device), a role, a group
// (AddUserToGroup too), or a customer managed policy (its versions too).
enum class IamTarget { User, Role, Group, Policy };

// (Only the simulated IAM calls come here: services.cpp's known_operations.)
IamTarget iam_target(const std::string& op) {
    if (op == "CreatePolicy" || op == "DeletePolicy" || op.find("PolicyVersion") != std::string::npos) return IamTarget::Policy;
    if (op.find("Group") != std::string::npos) return IamTarget::Group;
    if (op.find("User") != std::string::npos || op.find("AccessKey") != std::string::npos || op == "DeactivateMFADevice")
        return IamTarget::User;
    return IamTarget::Role;
}

bool iam_op_in(const std::string& op, std::initializer_list<const char*> ops) {
    return std::any_of(ops.begin(), ops.end(), [&](const char* o) { return op == o; });
}

template <class Map>
auto* find_named(Map* map, const std::string& name) {
    using Value = typename Map::mapped_type;
    if (!map) return static_cast<Value*>(nullptr);
    const auto it = map->find(name);
    return it == map->end() ? static_cast<Value*>(nullptr) : &it->second;
}

// The customer managed policy with this ARN, in the world's account it names; nullptr when there is none.
ManagedPolicy* customer_policy(World& world, const std::string& arn) {
    const auto parsed = iam::Arn::parse(arn);
    const auto acct = parsed ? world.accounts.find(parsed->account) : world.accounts.end();
    if (acct == world.accounts.end()) return nullptr;
    for (auto& [name, m] : acct->second.managed_policies)
        if (m.arn == arn) return &m;
    return nullptr;
}

// A managed policy's document as a permissions boundary (the policy type the evaluation and its explanation name).
iam::Policy as_boundary(const iam::Policy& policy) {
    iam::Policy boundary = policy;
    boundary.kind = iam::PolicyKind::Boundary;
    return boundary;
}

// Makes `version` the policy's default: in force at once wherever the policy is attached, and as the boundary of
// every user and role that has it as one.
void set_default_version(World& world, ManagedPolicy& m, const PolicyVersion& version) {
    m.default_version = version.id;
    m.policy = version.policy;
    Account& a = world.accounts.at(m.account);
    for (auto& [n, u] : a.users)
        if (u.boundary_arn == m.arn) u.boundary = as_boundary(m.policy);
    for (auto& [n, r] : a.roles)
        if (r.boundary_arn == m.arn) r.boundary = as_boundary(m.policy);
}

// A VersionId: "v" and a number from 1, optionally "." and letters, digits and hyphens (API_SetDefaultPolicyVersion).
bool policy_version_id(const std::string& id) {
    std::size_t i = 1;
    if (id.size() < 2 || id[0] != 'v' || id[1] < '1' || id[1] > '9') return false;
    while (i < id.size() && std::isdigit(static_cast<unsigned char>(id[i]))) ++i;
    if (i == id.size()) return true;
    return id[i] == '.' && std::all_of(id.begin() + static_cast<std::ptrdiff_t>(i) + 1, id.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
           });
}

// An IAM path (API_CreateRole, API_CreateUser, ...): "/" or "/" + printable ASCII + "/", at most 512 characters.
void check_path(const ApiCall& call, ParamValidator& v) {
    const auto it = call.params.find("Path");
    if (it == call.params.end() || it->is_null()) return;
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    const auto at = "Value '" + text + "' at 'path' failed to satisfy constraint: ";
    if (const std::string fault = length_fault(text.size(), 512); !fault.empty()) return v.add(at + fault);
    if (call.operation == "iam:CreatePolicy"sv) {
        // A policy's path is narrower: "You cannot use an asterisk (*) in the path name" (API_CreatePolicy), pattern
        // ((/[A-Za-z0-9\.,\+@=_-]+)*)/: segments of letters, digits and .,+@=_- between slashes.
        const auto segment_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::string_view(".,+@=_-").find(c) != std::string_view::npos; };
        bool ok = text.front() == '/' && text.back() == '/';
        for (std::size_t i = 1; ok && i < text.size(); ++i) ok = text[i] == '/' ? text[i - 1] != '/' : segment_char(text[i]);
        if (!ok) v.add(at + "Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
        return;
    }
    const bool printable = std::all_of(text.begin(), text.end(), [](char c) { return c >= '!' && c <= '~'; });
    if (text.front() != '/' || text.back() != '/' || text.size() == 2 || !printable)
        v.add(at + "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
}

// What IAM checks of a trust policy it saves (UpdateAssumeRolePolicy, CreateRole): every user and role it names
// exists, an identity pool is trusted only under a condition, and it is at most 2,048 characters without white space
// ("Role trust policy length", reference_iam-quotas). False once `result` has failed.
bool trust_policy_fits(const World& world, const iam::Policy& trust, ApiResult& result) {
    if (const std::string missing = missing_principal(world, trust); !missing.empty()) {
        fail(result, iam::MalformedPolicyDocument::kCode, "Invalid principal in policy: \"AWS\":\"" + missing + "\"", 400);
        return false;
    }
    if (trusts_any_identity_pool(trust)) {
        fail(result, iam::MalformedPolicyDocument::kCode, kIdentityPoolTrustMessage, 400);
        return false;
    }
    if (policy_size(*trust.document) > kTrustPolicyLimit) {
        fail(result, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: " + std::to_string(kTrustPolicyLimit), 409);
        return false;
    }
    return true;
}

// Whether two of the tags have keys that differ only in case: IAM takes them as one key.
bool duplicate_tag_keys(const std::vector<std::pair<std::string, std::string>>& tags) {
    for (std::size_t i = 0; i < tags.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (equal_ignoring_case(tags[i].first, tags[j].first)) return true;
    return false;
}

// What must go before IAM deletes a user, group or role (API_DeleteUser, API_DeleteGroup, API_DeleteRole), in
// IAM's words: "Cannot delete entity, must ..."; "" when nothing is in the way.
std::string delete_conflict(const Account& a, const User* user, const Group* group, const PolicyMap& policies,
                            const std::vector<std::string>& attached) {
    if (user && !user->access_keys.empty()) return "must delete access keys first.";
    if (user && user->mfa) return "must delete MFA device first.";
    const bool members = group && std::any_of(a.users.begin(), a.users.end(), [&](const auto& u) {
                             return std::find(u.second.groups.begin(), u.second.groups.end(), group->name) != u.second.groups.end();
                         });
    if ((user && !user->groups.empty()) || members) return "must remove users from group first.";
    if (!policies.empty()) return "must delete policies first.";
    if (!attached.empty()) return "must detach all policies first.";
    return "";
}

// A user or role that CreateUser or CreateRole makes: where it is, what it is called, its unique id.
template <class Entity>
Entity new_principal(const std::string& account, const std::string& name, const std::string& path, const std::string& arn,
                     std::string id) {
    Entity p;
    p.account = account;
    p.name = name;
    p.path = path;
    p.arn = arn;
    p.id = std::move(id);
    return p;
}

// Whether a managed policy is attached to anything of its account, or is a user's or role's permissions boundary.
bool policy_in_use(const Account& a, const std::string& arn) {
    const auto has = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), arn) != list.end(); };
    for (const auto& [n, u] : a.users)
        if (has(u.attached) || u.boundary_arn == arn) return true;
    for (const auto& [n, g] : a.groups)
        if (has(g.attached)) return true;
    for (const auto& [n, r] : a.roles)
        if (has(r.attached) || r.boundary_arn == arn) return true;
    return false;
}

}  // namespace

ApiResult iam_outbound_federation(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    const std::string& account = caller.principal.account;
    result.recipient_account = account;
    const iam::Decision& d = authorize(sc, caller, call.operation, "*", account, nullptr,
                                       request_context(sc, caller, call.extra_context), result);
    if (!d.allowed()) {
        access_denied(result, d.message);
        return result;
    }
    Account* acct = sc.world.accounts.count(account) ? &sc.world.accounts.at(account) : nullptr;
    if (acct == nullptr) {  // a caller of an account the scenario does not describe: a guard, no lesson
        fail(result, "NoSuchEntity", "The account " + account + " is not in the scenario.", 404);
        return result;
    }
    const std::string op = action_name(call.operation);
    // API_DisableOutboundWebIdentityFederation's text, which API_GetOutboundWebIdentityFederationInfo's FeatureDisabled
    // shares; AWS does not say when Get answers it rather than JwtVendingEnabled false: the sandbox, before the feature
    // was ever enabled (there is no issuer URL yet).
    const auto disabled = [&] {
        fail(result, "FeatureDisabled", "The request failed because outbound identity federation is already disabled for your "
                                        "AWS account. You cannot disable the feature multiple times", 404);
        return result;
    };
    if (op == "EnableOutboundWebIdentityFederation") {
        if (acct->outbound_federation) {
            fail(result, "FeatureEnabled", "The request failed because outbound identity federation is already enabled for "
                                           "your AWS account. You cannot enable the feature multiple times. To fetch the "
                                           "current configuration (including the unique issuer URL), use the "
                                           "GetOutboundWebIdentityFederationInfo operation.", 409);
            return result;
        }
        acct->outbound_federation = true;
        acct->outbound_issuer = outbound_issuer_url(account);  // the same URL each time: the sandbox derives it
        result.changes.push_back({"enabled outbound identity federation for " + account + " (issuer " + acct->outbound_issuer + ")",
                                  account + "의 아웃바운드 자격 증명 페더레이션 활성화 (발급자 " + acct->outbound_issuer + ")"});
        result.response = {{"IssuerIdentifier", acct->outbound_issuer}};
    } else if (op == "DisableOutboundWebIdentityFederation") {
        if (!acct->outbound_federation) return disabled();
        // "This operation does not affect tokens that were issued before the feature was disabled."
        acct->outbound_federation = false;
        result.changes.push_back({"disabled outbound identity federation for " + account + " (tokens issued before stay valid)",
                                  account + "의 아웃바운드 자격 증명 페더레이션 비활성화 (이미 발급된 토큰은 유효)"});
    } else {
        if (acct->outbound_issuer.empty()) return disabled();
        result.response = {{"IssuerIdentifier", acct->outbound_issuer}, {"JwtVendingEnabled", acct->outbound_federation}};
    }
    result.ok = true;
    return result;
}

ApiResult iam_operation(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    const std::string account = caller.principal.account;
    result.recipient_account = account;
    Account* acct = sc.world.accounts.count(account) ? &sc.world.accounts.at(account) : nullptr;
    const std::string op = action_name(call.operation);
    const bool revoke = call.operation == "console:RevokeActiveSessions";
    const IamTarget target = iam_target(op);
    const bool tag = op == "TagRole" || op == "TagUser", untag = op == "UntagRole" || op == "UntagUser";
    const bool attach = iam_op_in(op, {"AttachRolePolicy", "AttachUserPolicy", "AttachGroupPolicy"});
    const bool detach = iam_op_in(op, {"DetachRolePolicy", "DetachUserPolicy", "DetachGroupPolicy"});
    const bool put_inline = iam_op_in(op, {"PutRolePolicy", "PutUserPolicy", "PutGroupPolicy"});
    const bool delete_inline = iam_op_in(op, {"DeleteRolePolicy", "DeleteUserPolicy", "DeleteGroupPolicy"});
    const bool put_boundary = op == "PutRolePermissionsBoundary" || op == "PutUserPermissionsBoundary";
    const bool delete_boundary = op == "DeleteRolePermissionsBoundary" || op == "DeleteUserPermissionsBoundary";
    const bool membership = op == "AddUserToGroup" || op == "RemoveUserFromGroup";
    const bool access_key = op.find("AccessKey") != std::string::npos;
    const bool create = iam_op_in(op, {"CreateRole", "CreateUser", "CreateGroup", "CreatePolicy"});
    const bool remove = iam_op_in(op, {"DeleteRole", "DeleteUser", "DeleteGroup", "DeletePolicy"});
    // A key or MFA call without UserName acts on the caller's own: an IAM user's, or the root user's
    // (API_CreateAccessKey: "IAM determines the user name implicitly based on the Amazon Web Services access key ID
    // signing the request"; API_DeactivateMFADevice: "it defaults to the principal making the request").
    const bool implicit_user = (access_key || op == "DeactivateMFADevice") && !call.params.contains("UserName");
    const bool root_keys = implicit_user && caller.principal.type == iam::PrincipalType::Root;

    // The parameters' form first: AWS checks it before it authorizes the call.
    ParamValidator v(call.params);
    if (target == IamTarget::Group) check_name(call, "GroupName", "groupName", 128, v);
    // A user being created, or attached to, takes IAM's userNameType (64 characters); one that must exist already,
    // existingUserNameType (128: API_CreateAccessKey, API_PutUserPolicy, ...), so a longer name is NoSuchEntity.
    const bool user_name_type = iam_op_in(op, {"CreateUser", "AttachUserPolicy", "DetachUserPolicy", "PutUserPermissionsBoundary",
                                               "DeleteUserPermissionsBoundary"});
    if ((target == IamTarget::User || membership) && !implicit_user)
        check_name(call, "UserName", "userName", user_name_type ? 64 : 128, v);
    if (target == IamTarget::Role) check_name(call, "RoleName", "roleName", 64, v);
    if (put_inline || delete_inline || op == "CreatePolicy") check_name(call, "PolicyName", "policyName", 128, v);
    if (put_inline || op == "UpdateAssumeRolePolicy" || op == "CreatePolicyVersion" || op == "CreatePolicy") check_document(call, v);
    if (op == "CreateRole") check_document(call, v, "AssumeRolePolicyDocument", "assumeRolePolicyDocument");
    if (create) check_path(call, v);
    std::optional<std::string> policy_arn, boundary_arn;
    if (attach || detach || (target == IamTarget::Policy && op != "CreatePolicy"))
        policy_arn = v.string("PolicyArn", "policyArn", true, 20, 2048);
    if (put_boundary || op == "CreateRole" || op == "CreateUser")
        boundary_arn = v.string("PermissionsBoundary", "permissionsBoundary", put_boundary, 20, 2048);
    std::vector<std::pair<std::string, std::string>> tags;
    const auto given = call.params.find("Tags");
    if (tag || untag || (create && op != "CreateGroup" && given != call.params.end() && !given->is_null()))
        tags = read_iam_tags(call, untag, v);
    std::optional<std::int64_t> max_session;
    if (op == "UpdateRole" || op == "CreateRole") {
        max_session = v.integer("MaxSessionDuration", "maxSessionDuration", false, 3600, 43200);
        v.string("Description", "description", false, 0, 1000, Pattern::RoleDescription);
    }
    if (op == "CreatePolicy") v.string("Description", "description", false, 0, 1000);  // API_CreatePolicy
    std::optional<std::string> key_id;
    if (op == "UpdateAccessKey" || op == "DeleteAccessKey") {
        key_id = v.string("AccessKeyId", "accessKeyId", true, 16, 128);
        if (key_id && !std::all_of(key_id->begin(), key_id->end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
            v.add("Value '" + *key_id + "' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+");
    }
    if (op == "UpdateAccessKey") check_enum(call.params, "Status", "status", {"Active", "Inactive"}, v);
    if (op == "DeactivateMFADevice") v.string("SerialNumber", "serialNumber", true, 9, 256, Pattern::SerialNumber);
    std::optional<std::string> version_id;
    if (op == "SetDefaultPolicyVersion" || op == "DeletePolicyVersion") {
        version_id = v.string("VersionId", "versionId", true, 0, 1000);
        if (version_id && !policy_version_id(*version_id))
            v.add("Value '" + *version_id + "' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    }
    bool set_as_default = false;
    if (const auto d = call.params.find("SetAsDefault"); op == "CreatePolicyVersion" && d != call.params.end() && !d->is_null()) {
        if (d->is_boolean()) set_as_default = d->get<bool>();
        else if (d->is_string() && (*d == "true" || *d == "false")) set_as_default = *d == "true";
        else v.add("Value '" + d->dump() + "' at 'setAsDefault' failed to satisfy constraint: Member must be a boolean");
    }
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    for (const auto* arn : {&policy_arn, &boundary_arn})
        if (*arn && !iam::Arn::parse(**arn)) {  // API_AttachRolePolicy, InvalidInput (HTTP 400)
            fail(result, "InvalidInput", "ARN " + **arn + " is not valid.", 400);
            return result;
        }
    // UpdateAccessKey: "If a temporary access key is used, then UserName is required" (API_UpdateAccessKey), even a
    // user's own (a GetSessionToken session).
    const bool temporary = caller.credential != nullptr && caller.credential->expires_at.has_value();
    if (implicit_user && ((!root_keys && caller.principal.type != iam::PrincipalType::IAMUser) || (op == "UpdateAccessKey" && temporary))) {
        fail(result, "ValidationError", kNonUserCredentials, 400);
        return result;
    }

    // What the call acts on, found by name in the caller's account (a managed policy by its ARN, in any account).
    // (What a Create call makes is named by its path and name.)
    const std::string name = implicit_user ? caller.principal.name
                             : target == IamTarget::User ? param(call, "UserName")
                             : target == IamTarget::Role ? param(call, "RoleName")
                             : target == IamTarget::Group ? param(call, "GroupName")
                                                          : param(call, "PolicyName");
    const std::string given_path = create ? param(call, "Path") : std::string();
    const std::string path = given_path.empty() ? "/" : given_path;
    User* user = target == IamTarget::User && !root_keys ? find_named(acct ? &acct->users : nullptr, name) : nullptr;
    Role* role = target == IamTarget::Role ? find_named(acct ? &acct->roles : nullptr, name) : nullptr;
    Group* group = target == IamTarget::Group ? find_named(acct ? &acct->groups : nullptr, name) : nullptr;
    ManagedPolicy* managed = target != IamTarget::Policy ? nullptr
                             : policy_arn                ? customer_policy(sc.world, *policy_arn)
                                                         : find_named(acct ? &acct->managed_policies : nullptr, name);
    const std::string base = "arn:aws:iam::" + account + ":";
    std::string target_arn;
    std::string resource_account = account;
    switch (target) {
        case IamTarget::User: target_arn = root_keys ? base + "root" : user ? user->arn : base + "user" + path + name; break;
        case IamTarget::Role: target_arn = role ? role->arn : base + "role" + path + name; break;
        case IamTarget::Group: target_arn = group ? group->arn : base + "group" + path + name; break;
        case IamTarget::Policy:
            target_arn = policy_arn ? *policy_arn : managed ? managed->arn : base + "policy" + path + name;
            resource_account = iam::Arn::parse(target_arn)->account;
            break;
    }
    const std::string kind = target == IamTarget::User ? "user" : target == IamTarget::Role ? "role" : target == IamTarget::Group ? "group" : "policy";
    const std::string kind_ko = target == IamTarget::User ? "사용자" : target == IamTarget::Role ? "역할" : target == IamTarget::Group ? "그룹" : "정책";
    const std::string kind_title = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0]))) + kind.substr(1);

    // The console's "Revoke active sessions" button calls PutRolePolicy.
    const std::string action = revoke ? "iam:PutRolePolicy" : call.operation;
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    // The user's or role's tags (iam:ResourceTag, "the tag attached to the identity resource (user or role)":
    // reference_policies_iam-condition-keys), and the managed policy a call attaches or detaches (iam:PolicyARN).
    if (user || role) add_resource_tags(ctx, "iam", user ? user->tags : role->tags);
    if (attach || detach) ctx.set("iam:PolicyARN", *policy_arn);
    if (tag || untag || !tags.empty()) add_request_tags(ctx, call);  // aws:RequestTag/K, aws:TagKeys
    // iam:PermissionsBoundary: the boundary a call sets, or the one the user or role has, for the calls that change
    // what a bounded entity may do (the Service Authorization Reference's list; access_policies_boundaries,
    // "delegating responsibility to others").
    if (boundary_arn) {
        ctx.set("iam:PermissionsBoundary", *boundary_arn);
    } else if (put_inline || delete_inline || attach || detach || delete_boundary) {
        const std::string& current = user ? user->boundary_arn : role ? role->boundary_arn : std::string();
        if (!current.empty()) ctx.set("iam:PermissionsBoundary", current);
    }
    // Made with tags, a role, user or policy is also tagged: that needs iam:TagRole, iam:TagUser or iam:TagPolicy on
    // it as well (reference_policies_examples_iam-new-user-tag allows "iam:CreateUser" and "iam:TagUser" together;
    // a CreateRole with tags refused "not authorized to perform: iam:TagRole on resource: arn:aws:iam::...:role/...",
    // as users have recorded it).
    const char* tag_action = !create || tags.empty() ? nullptr
                             : op == "CreateRole"    ? "iam:TagRole"
                             : op == "CreateUser"    ? "iam:TagUser"
                             : op == "CreatePolicy"  ? "iam:TagPolicy"
                                                     : nullptr;
    std::optional<iam::RequestContext> tag_ctx;
    if (tag_action) tag_ctx = ctx;
    const iam::Decision& d = authorize(sc, caller, action, target_arn, resource_account, nullptr, std::move(ctx), result);
    if (!d.allowed()) {
        // IAM's refusal names a role, user or group it acts on by kind and name, a policy by its ARN, and one
        // CreatePolicy would make by its name ("... iam:PutRolePolicy on resource: role lambda_execution_role", "...
        // iam:CreateAccessKey on resource: user ...", "... iam:CreatePolicy on resource: policy eks-S3upload", as users
        // have recorded them); what CreateRole, CreateUser or CreateGroup would make, by its ARN.
        const bool made = iam_op_in(op, {"CreateRole", "CreateUser", "CreateGroup"});
        const std::string named = made ? target_arn : kind + " " + (op == "CreatePolicy" || target != IamTarget::Policy ? name : target_arn);
        std::string message = d.message;
        const std::string arn_words = "on resource: " + target_arn;
        // The root user's own keys or MFA device (no UserName) are named by the root user's ARN.
        if (const std::size_t at = message.find(arn_words); at != std::string::npos && !revoke && !root_keys)
            message.replace(at, arn_words.size(), "on resource: " + named);
        access_denied(result, message);
        return result;
    }
    if (tag_action) {
        const iam::Decision& t = authorize(sc, caller, tag_action, target_arn, resource_account, nullptr, std::move(*tag_ctx), result);
        if (!t.allowed()) {
            access_denied(result, t.message);
            return result;
        }
    }
    // "IAM user, group, role, and policy names must be unique within the account. Names are not distinguished by case"
    // (API_CreateUser, API_CreateRole): a name that differs only in case from one in use is taken.
    const auto name_taken = [&](const auto& map) {
        return std::any_of(map.begin(), map.end(), [&](const auto& e) { return equal_ignoring_case(e.first, name); });
    };
    const bool exists = !create ? (target == IamTarget::Policy ? managed != nullptr : (user || role || group || root_keys))
                        : !acct ? false
                        : target == IamTarget::User   ? name_taken(acct->users)
                        : target == IamTarget::Role   ? name_taken(acct->roles)
                        : target == IamTarget::Group  ? name_taken(acct->groups)
                                                      : name_taken(acct->managed_policies);
    if (create && exists) {
        fail(result, "EntityAlreadyExists",
             target == IamTarget::Policy ? "A policy called " + name + " already exists. Duplicate names are not allowed."
                                         : kind_title + " with name " + name + " already exists.",
             409);
        return result;
    }
    // The account's quota of the kind made: IAM answers "Cannot exceed quota for RolesPerAccount: 1000" (409), as
    // users have recorded it for each of the four.
    if (create && acct) {
        const auto [count, quota, name] =
            target == IamTarget::User    ? std::tuple(acct->users.size(), kUsersPerAccount, "UsersPerAccount")
            : target == IamTarget::Role  ? std::tuple(acct->roles.size(), kRolesPerAccount, "RolesPerAccount")
            : target == IamTarget::Group ? std::tuple(acct->groups.size(), kGroupsPerAccount, "GroupsPerAccount")
                                         : std::tuple(acct->managed_policies.size(), kPoliciesPerAccount, "PoliciesPerAccount");
        if (count >= quota) {
            fail(result, "LimitExceeded", "Cannot exceed quota for " + std::string(name) + ": " + std::to_string(quota), 409);
            return result;
        }
    }
    if (!create && !exists) {
        fail(result, "NoSuchEntity",
             target == IamTarget::Policy ? "Policy " + target_arn + " was not found."
                                         : "The " + kind + " with name " + name + " cannot be found.",
             404);
        return result;
    }
    // Service-linked roles are made by their services (iam:CreateServiceLinkedRole), and Identity Center's roles by
    // Identity Center: IAM keeps their paths for them (id_roles_terms-and-concepts; the sandbox's words).
    if (op == "CreateRole" && (starts_with(path, "/aws-service-role/") || starts_with(path, "/aws-reserved/"))) {
        fail(result, "InvalidInput", "The path " + path + " is reserved for roles that AWS services create", 400);
        return result;
    }
    if (!acct && (create || root_keys)) {  // an account the scenario does not describe: nothing of it can change
        fail(result, "NoSuchEntity", "The account " + account + " is not in this scenario.", 404);
        return result;
    }
    // Only the service a service-linked role belongs to may change it, and its sessions cannot be revoked
    // (API_PutRolePolicy "UnmodifiableEntity"; id_roles_use_revoke-sessions). Nor can a role IAM Identity Center
    // made for a permission set be changed in IAM ("You can't edit IAM roles created from IAM Identity Center
    // permission sets", id_credentials_temp_control-access_disable-perms): AWS answers with the same error. A
    // service-linked role's tags and description are its account's to change, though: "The role can be a regular
    // role or a service-linked role" (API_TagRole, API_UntagRole), "You can edit the description of any role"
    // (id_roles_update-service-linked-role).
    const bool service_linked = role && starts_with(role->path, "/aws-service-role/");
    const bool customers_part = service_linked && (op == "TagRole" || op == "UntagRole" ||
                                                   (op == "UpdateRole" && !call.params.contains("MaxSessionDuration")));
    if (role && !customers_part && (service_linked || starts_with(role->path, "/aws-reserved/sso.amazonaws.com/"))) {
        fail(result, "UnmodifiableEntity",
             "Cannot perform the operation on the protected role '" + role->name + "' - this role is only modifiable by AWS",
             400);
        return result;
    }
    PolicyMap* inline_policies = user ? &user->policies : role ? &role->policies : group ? &group->policies : nullptr;
    std::vector<std::string>* attached = user ? &user->attached : role ? &role->attached : group ? &group->attached : nullptr;
    auto compile = [&](const nlohmann::json& doc, iam::PolicyKind policy_kind, const std::string& policy_name) {
        return compile_document(doc, policy_kind, policy_name, iam::MalformedPolicyDocument::kCode, result);
    };
    const std::string now = format_iso8601_seconds(sc.start + sc.now);
    // IAM's answer to two tags whose keys differ only in case (users report it; API_TagRole lists InvalidInput
    // without its text).
    if (!untag && duplicate_tag_keys(tags)) {
        fail(result, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", 400);
        return result;
    }
    // A boundary a call sets is a managed policy of the account, or AWS's.
    // "PolicyNotAttachable: The request failed because AWS service role policies can only be attached to the
    // service-linked role for that service." (API_AttachRolePolicy, API_PutRolePermissionsBoundary,
    // API_PutUserPermissionsBoundary); the sandbox has no service-linked roles.
    for (const auto* arn : {&boundary_arn, attach ? &policy_arn : nullptr})
        if (arn && *arn && starts_with(**arn, "arn:aws:iam::aws:policy/aws-service-role/")) {
            fail(result, "PolicyNotAttachable",
                 "AWS service role policies can only be attached to the service-linked role for that service.", 400);
            return result;
        }
    const ManagedPolicy* new_boundary = boundary_arn ? sc.world.managed_policy(*boundary_arn) : nullptr;
    if (boundary_arn && (!new_boundary || (new_boundary->account != "aws" && new_boundary->account != account))) {
        fail(result, "NoSuchEntity", "Policy " + *boundary_arn + " does not exist or is not attachable.", 404);
        return result;
    }
    // The boundary a call sets: the managed policy's default version, which it follows when another version becomes
    // the default (set_default_version).
    const auto set_boundary = [&](std::optional<iam::Policy>& boundary, std::string& arn) {
        boundary = as_boundary(new_boundary->policy);
        arn = *boundary_arn;
    };
    // "Managed policy size: 6,144 characters", white space not counted (reference_iam-quotas). And a managed policy is
    // of the current policy language: without "Version": "2012-10-17" (or with 2008-10-17, which an inline policy
    // may have) it is refused, "Policy document must be version 2012-10-17 or greater." (CreatePolicy's answer, as
    // users have recorded it; reference_policies_elements_version: "variables ... are not recognized" before 2012).
    const auto managed_policy_fits = [&](const iam::Policy& policy) {
        const nlohmann::json& doc = *policy.document;
        if (!doc.contains("Version") || doc["Version"] != "2012-10-17") {
            fail(result, iam::MalformedPolicyDocument::kCode, "Policy document must be version 2012-10-17 or greater.", 400);
            return false;
        }
        if (policy_size(doc) <= kManagedPolicyLimit) return true;
        fail(result, "LimitExceeded", "Cannot exceed quota for PolicySize: " + std::to_string(kManagedPolicyLimit), 409);
        return false;
    };

    // The inline policies of the user, group or role, once `policy_name` holds `policy`, within IAM's quota; else
    // LimitExceeded.
    const auto within_inline_quota = [&](const std::string& policy_name, const iam::Policy& policy) {
        const std::size_t limit = user ? kUserInlineLimit : group ? kGroupInlineLimit : kRoleInlineLimit;
        if (inline_size_with(*inline_policies, policy_name, policy) <= limit) return true;
        fail(result, "LimitExceeded", "Maximum policy size of " + std::to_string(limit) + " bytes exceeded for " + kind + " " + name, 409);
        return false;
    };

    if (revoke) {
        // To the millisecond, as the console's stamp is ("2024-10-10T09:43:48.085Z" in a published one): a session
        // issued earlier in the same second is revoked too, one issued after it is not.
        const std::string stamp = format_iso8601(sc.start + sc.now);
        auto policy = compile(revoke_older_sessions_policy(stamp), iam::PolicyKind::Identity, "AWSRevokeOlderSessions");
        // The button puts an inline policy: the role's quota holds it as any other (a role at its limit cannot be revoked).
        if (!policy || !within_inline_quota("AWSRevokeOlderSessions", *policy)) return result;
        // Logged as the PutRolePolicy it is (the policy document as the text sent).
        result.trail_parameters = {{"roleName", role->name},
                                   {"policyName", "AWSRevokeOlderSessions"},
                                   {"policyDocument", policy->document->dump()}};
        role->policies["AWSRevokeOlderSessions"] = std::move(*policy);
        result.changes.push_back({kRevokeChangePrefix + role->arn + kRevokeChangeMiddle + stamp + " are denied everything",
                                  role->arn + "에 인라인 정책 AWSRevokeOlderSessions 설정: " + stamp +
                                      " 이전에 발급된 세션은 모든 요청이 거부됨"});
    } else if (put_inline) {
        const std::string policy_name = param(call, "PolicyName");
        auto policy = compile(document_param(call, "PolicyDocument"), iam::PolicyKind::Identity, policy_name);
        if (!policy || !within_inline_quota(policy_name, *policy)) return result;
        (*inline_policies)[policy_name] = std::move(*policy);
        result.changes.push_back({"put the inline policy " + policy_name + " on " + target_arn,
                                  target_arn + "에 인라인 정책 " + policy_name + " 설정"});
    } else if (delete_inline) {
        const std::string policy_name = param(call, "PolicyName");
        if (!inline_policies->erase(policy_name)) {
            fail(result, "NoSuchEntity", "The " + kind + " policy with name " + policy_name + " cannot be found.", 404);
            return result;
        }
        result.changes.push_back({"deleted the inline policy " + policy_name + " from " + target_arn,
                                  target_arn + "에서 인라인 정책 " + policy_name + " 삭제"});
    } else if (op == "UpdateAssumeRolePolicy") {
        auto policy = compile(document_param(call, "PolicyDocument"), iam::PolicyKind::Trust, "trust policy");
        if (!policy) return result;
        if (!trust_policy_fits(sc.world, *policy, result)) return result;
        bind_unique_ids(sc.world, *policy);
        role->trust = std::move(*policy);
        result.changes.push_back({"replaced the trust policy of " + role->arn, role->arn + "의 신뢰 정책 교체"});
    } else if (op == "UpdateRole") {
        if (const auto d = call.params.find("Description"); d != call.params.end() && d->is_string()) role->description = d->get<std::string>();
        // Sessions already issued keep their expiry; later AssumeRole calls are held to the new maximum.
        if (max_session && *max_session != role->max_session_duration) {
            role->max_session_duration = *max_session;
            result.changes.push_back({"set the maximum session duration of " + role->arn + " to " + std::to_string(*max_session) +
                                          " seconds",
                                      role->arn + "의 최대 세션 기간을 " + std::to_string(*max_session) + "초로 설정"});
        }
    } else if (tag || untag) {
        // "Tag key values for IAM users and roles are not case sensitive, but case is preserved ... If you have
        // tagged a user with the Department=finance tag and you add the department=hr tag, it replaces the first
        // tag" (id_tags); a tag with an existing key "is overwritten with the new value" (API_TagRole). Untagging a
        // key the entity does not have changes nothing.
        Tags now_tags = user ? user->tags : role->tags;
        std::string words;
        for (const auto& [key, value] : tags) {
            bool had = false;
            for (auto t = now_tags.begin(); t != now_tags.end();) {
                const bool same = equal_ignoring_case(t->first, key);
                had |= same;
                t = same ? now_tags.erase(t) : std::next(t);
            }
            if (tag) now_tags[key] = value;
            if (tag || had) words += (words.empty() ? "" : ", ") + (tag ? key + "=" + value : key);
        }
        // "Tags per IAM role / user: 50" (reference_iam-quotas).
        if (now_tags.size() > 50) {
            fail(result, "LimitExceeded", std::string("Cannot exceed quota for TagsPer") + (user ? "User" : "Role") + ": 50", 409);
            return result;
        }
        (user ? user->tags : role->tags) = std::move(now_tags);
        if (!words.empty())
            result.changes.push_back({(tag ? "tagged " : "untagged ") + target_arn + (tag ? " with " : ": ") + words,
                                      target_arn + (tag ? "에 태그 지정: " : "에서 태그 제거: ") + words});
    } else if (put_boundary) {
        user ? set_boundary(user->boundary, user->boundary_arn) : set_boundary(role->boundary, role->boundary_arn);
        result.changes.push_back({"set " + *boundary_arn + " as the permissions boundary of " + target_arn,
                                  target_arn + "의 권한 경계를 " + *boundary_arn + "(으)로 설정"});
    } else if (attach || detach) {
        const std::string& arn = *policy_arn;
        // A customer managed policy is attached in its own account ("policies that you administer in your own AWS
        // account", access_policies_managed-vs-inline); AWS's own are attachable everywhere.
        const ManagedPolicy* policy = sc.world.managed_policy(arn);
        if (!policy || (policy->account != "aws" && policy->account != account)) {
            fail(result, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404);
            return result;
        }
        const auto it = std::find(attached->begin(), attached->end(), arn);
        if (attach) {
            // "Managed policies attached to an IAM role" (user, group): 10 by default (reference_iam-quotas).
            if (it == attached->end() && attached->size() >= kAttachedLimit) {
                fail(result, "LimitExceeded", "Cannot exceed quota for PoliciesPer" + kind_title + ": " + std::to_string(kAttachedLimit), 409);
                return result;
            }
            if (it == attached->end()) attached->push_back(arn);
            result.changes.push_back({"attached " + arn + " to " + target_arn, target_arn + "에 " + arn + " 연결"});
        } else {
            if (it == attached->end()) {
                fail(result, "NoSuchEntity", "Policy " + arn + " was not found.", 404);
                return result;
            }
            attached->erase(it);
            result.changes.push_back({"detached " + arn + " from " + target_arn, target_arn + "에서 " + arn + " 분리"});
        }
    } else if (delete_boundary) {
        std::optional<iam::Policy>& boundary = user ? user->boundary : role->boundary;
        if (boundary) result.changes.push_back({"removed the permissions boundary of " + target_arn, target_arn + "의 권한 경계 제거"});
        boundary.reset();
        (user ? user->boundary_arn : role->boundary_arn).clear();
    } else if (membership) {
        const std::string member_name = param(call, "UserName");
        User* member = find_named(&acct->users, member_name);
        if (!member) {
            fail(result, "NoSuchEntity", "The user with name " + member_name + " cannot be found.", 404);
            return result;
        }
        const auto it = std::find(member->groups.begin(), member->groups.end(), group->name);
        if (op == "AddUserToGroup") {
            // "Groups an IAM user can be a member of: 10" (reference_iam-quotas); adding a member again changes nothing.
            if (it == member->groups.end() && member->groups.size() >= kGroupsPerUser) {
                fail(result, "LimitExceeded", "Cannot exceed quota for GroupsPerUser: " + std::to_string(kGroupsPerUser), 409);
                return result;
            }
            if (it == member->groups.end()) {
                member->groups.push_back(group->name);
                result.changes.push_back({"added " + member->arn + " to the group " + group->arn,
                                          member->arn + "을(를) 그룹 " + group->arn + "에 추가"});
            }
        } else {
            if (it == member->groups.end()) {
                fail(result, "NoSuchEntity", "The user with name " + member_name + " cannot be found.", 404);
                return result;
            }
            member->groups.erase(it);
            result.changes.push_back({"removed " + member->arn + " from the group " + group->arn,
                                      member->arn + "을(를) 그룹 " + group->arn + "에서 제거"});
        }
    } else if (access_key) {
        std::vector<std::string>& keys = root_keys ? acct->root_access_keys : user->access_keys;
        if (op == "CreateAccessKey") {
            // "Access keys assigned to an IAM user: 2" (reference_iam-quotas).
            if (keys.size() >= kAccessKeysPerUser) {
                fail(result, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + std::to_string(kAccessKeysPerUser), 409);
                return result;
            }
            Credential c;
            c.access_key_id = make_access_key_id(sc.rng, "AKIA");
            const std::string secret = make_secret_key(sc.rng);  // in this answer only: Credential keeps no secret
            c.kind = CredentialKind::LongTerm;
            c.principal = iam::Principal::from_arn(target_arn);
            if (user) c.principal.id = user->id;
            c.user_arn = target_arn;
            c.holder = call.actor;
            c.issued_at = sc.now;
            const Credential& stored = sc.credentials.add(std::move(c));
            keys.push_back(stored.access_key_id);
            result.issued_key = stored.access_key_id;
            nlohmann::json key = {{"AccessKeyId", stored.access_key_id},
                                  {"Status", "Active"},
                                  {"SecretAccessKey", secret},
                                  {"CreateDate", now}};
            if (user) key["UserName"] = user->name;
            result.response = {{"AccessKey", std::move(key)}};
            result.changes.push_back({"created the access key " + stored.access_key_id + " of " + target_arn + ", handed to " + call.actor,
                                      target_arn + "의 액세스 키 " + stored.access_key_id + " 생성, " + call.actor + "에게 전달"});
        } else {
            const auto it = std::find(keys.begin(), keys.end(), *key_id);
            if (it == keys.end()) {
                fail(result, "NoSuchEntity", "The Access Key with id " + *key_id + " cannot be found.", 404);
                return result;
            }
            if (op == "DeleteAccessKey") {
                keys.erase(it);
                sc.credentials.set_status(*key_id, KeyStatus::Deleted);
                result.changes.push_back({"deleted the access key " + *key_id + " of " + target_arn,
                                          target_arn + "의 액세스 키 " + *key_id + " 삭제"});
            } else {
                const bool active = param(call, "Status") == "Active";
                const Credential* c = sc.credentials.find(*key_id);
                if (c && (c->status == KeyStatus::Active) != active) {
                    sc.credentials.set_status(*key_id, active ? KeyStatus::Active : KeyStatus::Inactive);
                    result.changes.push_back({"made the access key " + *key_id + " of " + target_arn + (active ? " active" : " inactive"),
                                              target_arn + "의 액세스 키 " + *key_id + (active ? " 활성화" : " 비활성화")});
                }
            }
        }
    } else if (op == "CreateRole" || op == "CreateUser" || op == "CreateGroup") {
        nlohmann::json made = {{"Path", path}, {"Arn", target_arn}, {"CreateDate", now}};
        if (op == "CreateRole") {
            const nlohmann::json sent = document_param(call, "AssumeRolePolicyDocument");
            auto trust = compile(sent, iam::PolicyKind::Trust, "trust policy");
            if (!trust) return result;
            if (!trust_policy_fits(sc.world, *trust, result)) return result;
            bind_unique_ids(sc.world, *trust);
            Role r = new_principal<Role>(account, name, path, target_arn, make_unique_id(sc.rng, "AROA"));
            r.trust = std::move(*trust);
            r.max_session_duration = max_session.value_or(3600);
            r.description = param(call, "Description");
            if (!r.description.empty()) made["Description"] = r.description;  // the Role data type's, when it has one
            // The trust policy comes back as sent, URL-encoded (API_CreateRole; cloudtrail-log-file-examples, CreateRole).
            made.update({{"RoleName", name},
                         {"RoleId", r.id},
                         {"AssumeRolePolicyDocument", percent_encoded(sent.is_string() ? sent.get<std::string>() : sent.dump())}});
            role = &(acct->roles[name] = std::move(r));
        } else if (op == "CreateUser") {
            User u = new_principal<User>(account, name, path, target_arn, make_unique_id(sc.rng, "AIDA"));
            made.update({{"UserName", name}, {"UserId", u.id}});
            user = &(acct->users[name] = std::move(u));
        } else {
            Group g;
            g.account = account;
            g.name = name;
            g.arn = target_arn;
            made.update({{"GroupName", name}, {"GroupId", make_unique_id(sc.rng, "AGPA")}});
            acct->groups[name] = std::move(g);
        }
        // A role's or user's tags and boundary, given with it (API_CreateRole, API_CreateUser), are in its answer.
        if (user || role) {
            nlohmann::json listed = nlohmann::json::array();
            for (const auto& [key, value] : tags) {
                (user ? user->tags : role->tags)[key] = value;
                listed.push_back({{"Key", key}, {"Value", value}});
            }
            if (!listed.empty()) made["Tags"] = std::move(listed);
            if (new_boundary) {
                user ? set_boundary(user->boundary, user->boundary_arn) : set_boundary(role->boundary, role->boundary_arn);
                // "This data type can only have a value of Policy" (API_AttachedPermissionsBoundary), as IAM answers;
                // the page's "Valid Values: PermissionsBoundaryPolicy" is the SDKs' name for it.
                made["PermissionsBoundary"] = {{"PermissionsBoundaryType", "Policy"},
                                               {"PermissionsBoundaryArn", *boundary_arn}};
            }
        }
        result.response = {{std::string(op.substr(6)), std::move(made)}};
        result.changes.push_back({"created the " + kind + " " + target_arn, kind_ko + " " + target_arn + " 생성"});
    } else if (op == "CreatePolicy") {
        auto policy = compile(document_param(call, "PolicyDocument"), iam::PolicyKind::Identity, name);
        if (!policy) return result;
        if (!managed_policy_fits(*policy)) return result;
        ManagedPolicy m;
        m.account = account;
        m.name = name;
        m.arn = target_arn;
        m.policy = std::move(*policy);
        m.versions = {PolicyVersion{"v1", m.policy, sc.now}};
        result.response = {{"Policy", {{"PolicyName", name}, {"PolicyId", make_unique_id(sc.rng, "ANPA")}, {"Arn", target_arn},
                                       {"Path", path}, {"DefaultVersionId", "v1"}, {"AttachmentCount", 0},
                                       {"PermissionsBoundaryUsageCount", 0}, {"IsAttachable", true}, {"CreateDate", now},
                                       {"UpdateDate", now}}}};  // API_CreatePolicy; the Policy data type
        acct->managed_policies[name] = std::move(m);
        result.changes.push_back({"created the managed policy " + target_arn, "관리형 정책 " + target_arn + " 생성"});
    } else if (remove && target != IamTarget::Policy) {
        if (const std::string conflict = delete_conflict(*acct, user, group, *inline_policies, *attached); !conflict.empty()) {
            fail(result, "DeleteConflict", "Cannot delete entity, " + conflict, 409);
            return result;
        }
        // A role's sessions lose its permissions with it: a role made again under the same name is another role
        // (caller.cpp matches a session's role by its unique id).
        if (role) acct->roles.erase(name);
        else if (user) acct->users.erase(name);
        else acct->groups.erase(name);
        result.changes.push_back({"deleted the " + kind + " " + target_arn, kind_ko + " " + target_arn + " 삭제"});
    } else if (op == "DeletePolicy") {
        // API_DeletePolicy: detached from every user, group and role first, and its other versions deleted.
        Account& owner = sc.world.accounts.at(managed->account);
        if (policy_in_use(owner, managed->arn)) {
            fail(result, "DeleteConflict", "Cannot delete a policy attached to entities.", 409);
            return result;
        }
        if (managed->versions.size() > 1) {
            fail(result, "DeleteConflict",
                 "This policy has more than one version. Before you delete a policy, you must delete the policy's "
                 "versions. The default version is deleted with the policy.",
                 409);
            return result;
        }
        owner.managed_policies.erase(managed->name);
        result.changes.push_back({"deleted the managed policy " + target_arn, "관리형 정책 " + target_arn + " 삭제"});
    } else if (op == "DeactivateMFADevice") {
        // The device no longer authenticates its user: a later call with its code fails (API_DeactivateMFADevice).
        // Without UserName the root user's own device: "When you make this request with root user credentials, you must
        // use an AssumeRoot session to omit the user name" (API_DeactivateMFADevice, UserName); the sandbox takes
        // the root user's long-term keys too.
        std::optional<MfaDevice>* device = user ? &user->mfa : nullptr;
        if (const auto a = sc.world.accounts.find(caller.principal.account); root_keys && a != sc.world.accounts.end())
            device = &a->second.root_mfa;
        if (!device || !*device || (*device)->serial != param(call, "SerialNumber")) {
            fail(result, "NoSuchEntity", "MFA Device with serial number " + param(call, "SerialNumber") + " does not exist.", 404);
            return result;
        }
        device->reset();
        result.changes.push_back({"deactivated the MFA device " + param(call, "SerialNumber") + " of " + target_arn,
                                  target_arn + "의 MFA 디바이스 " + param(call, "SerialNumber") + " 비활성화"});
    } else if (op == "CreatePolicyVersion") {
        // "A managed policy can have up to five versions" (API_CreatePolicyVersion).
        if (managed->versions.size() >= kVersionLimit) {
            fail(result, "LimitExceeded",
                 "A managed policy can have up to " + std::to_string(kVersionLimit) +
                     " versions. Before you create a new version, you must delete an existing version.",
                 409);
            return result;
        }
        auto policy = compile(document_param(call, "PolicyDocument"), iam::PolicyKind::Identity, managed->name);
        if (!policy) return result;
        if (!managed_policy_fits(*policy)) return result;
        managed->versions.push_back(PolicyVersion{"v" + std::to_string(managed->next_version++), std::move(*policy), sc.now});
        const PolicyVersion& added = managed->versions.back();
        if (set_as_default) set_default_version(sc.world, *managed, added);
        result.response = {{"PolicyVersion", {{"VersionId", added.id}, {"IsDefaultVersion", set_as_default}, {"CreateDate", now}}}};
        result.changes.push_back({"created the version " + added.id + " of " + managed->arn +
                                      (set_as_default ? ", now its default: in force wherever it is attached" : ""),
                                  managed->arn + "의 버전 " + added.id + " 생성" +
                                      (set_as_default ? ", 이제 기본 버전: 연결된 모든 곳에 적용됨" : "")});
    } else if (op == "SetDefaultPolicyVersion" || op == "DeletePolicyVersion") {
        const auto it = std::find_if(managed->versions.begin(), managed->versions.end(),
                                     [&](const PolicyVersion& pv) { return pv.id == *version_id; });
        if (it == managed->versions.end()) {
            fail(result, "NoSuchEntity", "Policy " + managed->arn + " version " + *version_id + " does not exist or is not attachable.", 404);
            return result;
        }
        if (op == "SetDefaultPolicyVersion") {
            if (managed->default_version != it->id) {
                set_default_version(sc.world, *managed, *it);
                result.changes.push_back({"made " + it->id + " the default version of " + managed->arn +
                                              ": in force wherever it is attached",
                                          it->id + "을(를) " + managed->arn + "의 기본 버전으로 설정: 연결된 모든 곳에 적용됨"});
            }
        } else {
            // API_DeletePolicyVersion: "You cannot delete the default version from a policy using this operation."
            if (managed->default_version == it->id) {
                fail(result, "DeleteConflict", "Cannot delete the default version of a policy.", 409);
                return result;
            }
            result.changes.push_back({"deleted the version " + it->id + " of " + managed->arn,
                                      managed->arn + "의 버전 " + it->id + " 삭제"});
            managed->versions.erase(it);
        }
    }
    result.ok = true;
    return result;
}

}  // namespace stslab::aws
