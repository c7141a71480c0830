// STS: AssumeRole, GetSessionToken, GetFederationToken, GetCallerIdentity (facts §2-3; STS API Reference
// API_AssumeRole, API_GetSessionToken, API_GetFederationToken, API_GetCallerIdentity; IAM User Guide
// id_credentials_temp_request "Comparing the AWS STS API operations").
#include "aws/aws_managed.hpp"
#include "aws/idp.hpp"
#include "aws/sts_internal.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>

namespace stslab::aws {

using namespace std::string_view_literals;  // `s == "text"sv` compares lengths first: no strlen, no call
namespace sts_detail {

// Responses are built member by member: a braced list builds each pair as an array first (with the runner's
// messages, 7% of a call).
nlohmann::json credentials_json(const ServiceContext& sc, const Credential& c, const Secrets& secrets) {
    nlohmann::json out = nlohmann::json::object();
    out["AccessKeyId"] = c.access_key_id;
    out["SecretAccessKey"] = secrets.secret_access_key;
    out["SessionToken"] = secrets.session_token;
    out["Expiration"] = format_iso8601_seconds(sc.start + *c.expires_at);
    return out;
}

bool instance_profile_call(const ApiCall& call) { return call.service_principal == "ec2.amazonaws.com"sv; }

const Credential& issue(ServiceContext& sc, const ApiCall& call, Credential c, Duration lifetime, const Caller& caller,
                        Secrets& secrets) {
    c.access_key_id = make_access_key_id(sc.rng, "ASIA");
    secrets.secret_access_key = make_secret_key(sc.rng);
    secrets.session_token = make_session_token(sc.rng);
    c.issued_at = sc.now;
    // Expiration is shown in whole seconds, and the credentials are refused from the second it names: the
    // simulated clock's milliseconds never let them outlive what their holder was told.
    c.expires_at = (sc.start + sc.now + lifetime) / kSecond * kSecond - sc.start;
    if (caller.credential) c.parent = caller.credential->access_key_id;
    c.holder = call.actor;
    c.instance_role = instance_profile_call(call);
    if (c.instance_role) {
        // "included in the request context whenever the role session is created by an Amazon EC2 instance"
        // (reference_policies_condition-keys, ec2:RoleDelivery: 2.0 for the instance metadata service's version 2,
        // as CloudTrail's ec2RoleDelivery says); ec2:SourceInstanceARN, "present only when the request comes from an
        // Amazon EC2 instance using an IAM role associated with an EC2 instance profile" (reference_policies_variables):
        // EC2 names the session after its instance, so a session named after an instance of the role's account is
        // that instance's.
        c.session_keys = {{"ec2:RoleDelivery", "2.0"}};
        // aws:Ec2InstanceSourceVpc and aws:Ec2InstanceSourcePrivateIPv4: "included in the request context whenever the
        // requester is signing requests with an Amazon EC2 role credential" (the VPC and private address it was
        // delivered to), when the file gives the instance's.
        const auto instance = sc.world.instances.find(c.principal.name);
        if (instance != sc.world.instances.end() && instance->second.account == c.principal.account) {
            c.session_keys["ec2:SourceInstanceARN"] = instance->second.arn();
            if (!instance->second.vpc.empty()) c.session_keys["aws:Ec2InstanceSourceVpc"] = instance->second.vpc;
            if (!instance->second.private_ip.empty()) c.session_keys["aws:Ec2InstanceSourcePrivateIPv4"] = instance->second.private_ip;
        }
    }
    return sc.credentials.add(std::move(c));
}

std::string arn_account(const std::optional<std::string>& arn) {
    const auto parsed = arn ? iam::Arn::parse(*arn) : std::nullopt;
    return parsed ? parsed->account : std::string();
}

bool role_arn_well_formed(const std::string& arn, ApiResult& result) {
    // Text that is not an ARN, or an ARN with no resource: "<RoleArn> is invalid" (the ValidationError LocalStack's
    // STS tests recorded from AWS: "nothing-valid-in-here is invalid", "arn:a:a::aaaaaaaaaa: is invalid").
    // An ARN of anything but an IAM role: "Request ARN is invalid", the ValidationError users report when they pass
    // an OIDC provider's, a SAML provider's or a certificate's ARN as the RoleArn.
    const auto parsed = iam::Arn::parse(arn);
    if (!parsed || parsed->resource.empty()) {
        fail(result, "ValidationError", arn + " is invalid", 400);
        return false;
    }
    const std::string& r = parsed->resource;
    const bool role = parsed->service == "iam"sv && parsed->region.empty() && iam::is_account_id(parsed->account) &&
                      r.rfind("role/", 0) == 0 && r.back() != '/';
    if (!role) fail(result, "ValidationError", "Request ARN is invalid", 400);
    return role;
}

// A managed policy's ARN as a PolicyDescriptorType gives it (`member` names it in the message): "Length Constraints:
// Minimum length of 20. Maximum length of 2048." (API_PolicyDescriptorType, arn).
void check_descriptor_arn(const std::string& arn, const std::string& member, ParamValidator& v) {
    const std::string at = "Value '" + arn + "' at '" + member + "' failed to satisfy constraint: Member must have length ";
    if (arn.size() < 20) v.add(at + "greater than or equal to 20");
    else if (arn.size() > 2048) v.add(at + "less than or equal to 2048");
}

bool read_session_policies(ServiceContext& sc, const ApiCall& call, ParamValidator& v, Credential& out,
                           ApiResult& result, std::size_t& plaintext_size, const std::string& owner_account) {
    plaintext_size = 0;
    std::string text;
    if (const auto it = call.params.find("Policy"); it != call.params.end() && !it->is_null()) {
        text = it->is_string() ? it->get<std::string>() : it->dump();
        if (text.empty())  // API_AssumeRole, Policy: "Minimum length of 1"
            v.add("Value '' at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1");
        // "can't exceed 2,048 characters", each "any ASCII character from the space character to the end of the
        // valid character list (\u0020 through \u00FF)", and tab, line feed and carriage return (API_AssumeRole,
        // Policy: pattern [\u0009\u000A\u000D\u0020-\u00FF]+).
        if (utf8_length(text) > kSessionPolicyLimit)
            v.add("Value '" + text + "' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048");
        if (!policy_characters(text))
            v.add("Value '" + text + "' at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: " + kPolicyPattern);
    }
    std::vector<std::string> arns;
    if (const auto it = call.params.find("PolicyArns"); it != call.params.end() && !it->is_null()) {
        if (!it->is_array()) {
            v.add("Value '" + it->dump() + "' at 'policyArns' failed to satisfy constraint: Member must be a list");
        } else {
            if (it->size() > 10)
                v.add("Value '" + it->dump() + "' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
            for (const auto& e : *it) {
                if (e.is_string()) arns.push_back(e.get<std::string>());
                else if (e.is_object() && e.contains("arn") && e["arn"].is_string()) arns.push_back(e["arn"].get<std::string>());
                else v.add("Value '" + e.dump() + "' at 'policyArns' failed to satisfy constraint: Member must be {\"arn\": ARN}");
            }
            for (std::size_t i = 0; i < arns.size(); ++i)
                check_descriptor_arn(arns[i], "policyArns." + std::to_string(i + 1) + ".member.arn", v);
        }
    }
    if (!v.ok()) return true;  // the caller reports the validation errors
    if (!text.empty()) {
        try {
            out.session_policies.push_back(iam::compile_policy_text(text, iam::PolicyKind::Session, "session policy"));
        } catch (const iam::MalformedPolicyDocument& e) {
            fail(result, iam::MalformedPolicyDocument::kCode, e.what(), 400);
            return false;
        }
        plaintext_size += utf8_length(text);
    }
    for (const auto& arn : arns) {
        const ManagedPolicy* m = sc.world.managed_policy(arn);
        const std::string account = arn_account(arn);
        // A parameter constraint, so ValidationError (aws-sts-iam-facts.md, "Parameter constraints"): NoSuchEntity
        // is IAM's code, and no STS operation lists it. The words are IAM's for a policy it cannot attach.
        if (!m || (!owner_account.empty() && account != "aws"sv && account != owner_account)) {
            fail(result, "ValidationError", "Policy " + arn + " does not exist or is not attachable.", 400);
            return false;
        }
        iam::Policy copy = m->policy;
        copy.kind = iam::PolicyKind::Session;
        copy.name = "session policy " + m->name;
        out.session_policies.push_back(std::move(copy));
        // What is packed is the ARN, not the document: "The plaintext that you use for both inline and managed
        // session policies can't exceed 2,048 characters" (API_AssumeRole, PolicyArns).
        plaintext_size += arn.size();
    }
    out.has_session_policy = !out.session_policies.empty();
    return true;
}

namespace {

// TransitiveTagKeys (AssumeRole only): at most 50 tag keys, each 1-128 characters of the tag pattern
// (API_AssumeRole). Read whether or not the call passes Tags.
void read_transitive_tag_keys(const ApiCall& call, ParamValidator& v, Credential& out) {
    if (const auto tk = call.params.find("TransitiveTagKeys"); tk != call.params.end() && !tk->is_null()) {
        if (!tk->is_array()) {
            v.add("Value '" + tk->dump() + "' at 'transitiveTagKeys' failed to satisfy constraint: Member must be a list");
        } else {
            if (tk->size() > 50)
                v.add("Value '" + tk->dump() + "' at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50");
            std::size_t n = 0;
            for (const auto& k : *tk) {
                const std::string member = list_member("transitiveTagKeys", ++n);
                if (!k.is_string()) {
                    v.add("Value '" + k.dump() + "' at '" + member + "' failed to satisfy constraint: Member must be a string");
                    continue;
                }
                const std::string key = k.get<std::string>();
                check_tag_key(key, member, v);
                out.transitive_tag_keys.push_back(key);
            }
        }
    }
}

// Returns true when two tags have the same key in any case (keys are "not case sensitive, but case is preserved").
bool read_tags(const ApiCall& call, ParamValidator& v, Credential& out, std::size_t& plaintext_size) {
    const auto it = call.params.find("Tags");
    if (it == call.params.end() || it->is_null()) return false;
    bool duplicate = false;
    std::size_t n = 0;
    auto add = [&](const std::string& k, const nlohmann::json& value) {
        ++n;
        if (!value.is_string()) {
            v.add("Value '" + value.dump() + "' at '" + list_member("tags", n) + ".value' failed to satisfy constraint: Member must be a string");
            return;
        }
        const std::string val = value.get<std::string>();
        check_tag(k, val, n, v);
        for (const auto& [existing, _] : out.session_tags) duplicate |= equal_ignoring_case(existing, k);
        out.session_tags[k] = val;
        plaintext_size += utf8_length(k) + utf8_length(val);
    };
    // A single {"Key", "Value"} is a tag written without its list, not two tags named Key and Value.
    const bool lone_tag = it->is_object() && it->size() == 2 && it->contains("Key") && it->contains("Value");
    if (it->is_object() && !lone_tag) {
        for (auto t = it->begin(); t != it->end(); ++t) add(t.key(), t.value());
    } else if (it->is_array()) {
        for (const auto& t : *it) {
            if (t.is_object() && t.contains("Key") && t["Key"].is_string() && t.contains("Value"))
                add(t["Key"].get<std::string>(), t["Value"]);
            else
                v.add("Value '" + t.dump() + "' at '" + list_member("tags", ++n) + "' failed to satisfy constraint: Member must be {\"Key\", \"Value\"}");
        }
    } else {
        v.add("Value '" + it->dump() + "' at 'tags' failed to satisfy constraint: Member must be a list");
    }
    if (out.session_tags.size() > 50)
        v.add("Value '" + it->dump() + "' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    return duplicate;
}

// The parameters' faults as one ValidationError, then two tags whose keys differ only in case as AssumeRole answers
// them; false once `result` holds the error.
bool parameters_valid(const ParamValidator& v, bool duplicate_tags, ApiResult& result) {
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return false;
    }
    if (duplicate_tags) {
        fail(result, "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", 400);
        return false;
    }
    return true;
}

}  // namespace

bool read_session_parameters(ServiceContext& sc, const ApiCall& call, ParamValidator& v, Credential& c,
                             ApiResult& result, std::size_t& packed, const std::string& owner_account) {
    std::size_t tags_size = 0;
    const bool duplicate_tags = read_tags(call, v, c, tags_size);
    if (!read_session_policies(sc, call, v, c, result, packed, owner_account)) return false;
    packed += tags_size;
    return parameters_valid(v, duplicate_tags, result) && packed_tags_fit(tags_size, result) && packed_policy_fits(packed, result);
}

bool packed_tags_fit(std::size_t tags_plaintext, ApiResult& result) {
    // Session tags too large on their own are named as such: "Packed size of session tags consumes n% of allotted space"
    // (knowledge-center iam-role-aws-sts-error, beside the policy's "Packed policy consumes ...").
    const int percent = packed_policy_size(tags_plaintext);
    if (percent <= 100) return true;
    fail(result, "PackedPolicyTooLarge", "Packed size of session tags consumes " + std::to_string(percent) + "% of allotted space.", 400);
    return false;
}

int packed_policy_size(std::size_t plaintext) {
    return static_cast<int>((plaintext * 100 + kSessionPolicyLimit - 1) / kSessionPolicyLimit);
}

bool packed_policy_fits(std::size_t plaintext, ApiResult& result) {
    // "The request fails if the packed size is greater than 100 percent" (API_AssumeRole, PackedPolicySize).
    const int percent = packed_policy_size(plaintext);
    if (percent <= 100) return true;
    fail(result, "PackedPolicyTooLarge",
         "Packed policy consumes " + std::to_string(percent) + "% of allotted space, please use smaller policy.", 400);
    return false;
}

namespace {

// SerialNumber + TokenCode against the caller's MFA device. Returns false (and fails `result`) when MFA was
// offered and does not check out.
bool check_mfa(const ServiceContext& sc, const Caller& caller, const std::optional<std::string>& serial,
               const std::optional<std::string>& code, bool& mfa_used, ApiResult& result) {
    mfa_used = false;
    if (!serial && !code) return true;
    // The caller's own device: an IAM user's, or the root user's (long-term keys only: not a session's).
    const MfaDevice* device = nullptr;
    if (caller.credential && !caller.credential->is_role_session()) {
        if (caller.principal.type == iam::PrincipalType::IAMUser) {
            if (const User* user = sc.world.user(caller.credential->user_arn); user && user->mfa) device = &*user->mfa;
        } else if (caller.principal.type == iam::PrincipalType::Root) {
            if (const Account* account = sc.world.account(caller.principal.account); account && account->root_mfa)
                device = &*account->root_mfa;
        }
    }
    if (serial && code && (!device || device->serial != *serial)) {
        // A device that is not the caller's (another user's, or any device for a role session): the message AWS
        // answers with (as reported verbatim in aws/aws-cli#6325; AWS's pages give no text for it).
        access_denied(result, "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA "
                              "serial number is valid and associated with this user.");
        return false;
    }
    if (!serial || !code || device->code != *code) {
        access_denied(result, "MultiFactorAuthentication failed with invalid MFA one time pass code.");
        return false;
    }
    mfa_used = true;
    return true;
}

std::string not_authorized(const Caller& caller, const char* action, const std::string& resource) {
    return "User: " + caller.principal.display() + " is not authorized to perform: " + action +
           (resource.empty() ? std::string() : " on resource: " + resource);
}

}  // namespace

void add_session_tag_keys(iam::RequestContext& ctx, const std::map<std::string, std::string>& tags,
                          const std::vector<std::string>& transitive) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : tags) {
        ctx.set("aws:RequestTag/" + k, v);
        keys.push_back(k);
    }
    if (!keys.empty()) ctx.set_multi("aws:TagKeys", std::move(keys));
    if (!transitive.empty()) ctx.set_multi("sts:TransitiveTagKeys", transitive);
}

void make_role_session(Credential& c, CredentialKind kind, const Role& role, const std::string& session) {
    c.kind = kind;
    c.role_arn = role.arn;
    c.role_id = role.id;
    c.session_name = session;
    c.principal.type = iam::PrincipalType::AssumedRole;
    c.principal.account = role.account;
    c.principal.arn = "arn:aws:sts::" + role.account + ":assumed-role/" + role.name + "/" + session;
    c.principal.role_arn = role.arn;
    c.principal.name = session;
    c.principal.id = role.id + ":" + session;
}

nlohmann::json role_session_response(const ServiceContext& sc, const Credential& issued, const Secrets& secrets,
                                     std::size_t packed) {
    nlohmann::json r = nlohmann::json::object();
    r["Credentials"] = credentials_json(sc, issued, secrets);
    nlohmann::json& user = r["AssumedRoleUser"];
    user["AssumedRoleId"] = issued.principal.id;
    user["Arn"] = issued.principal.arn;
    if (issued.has_session_policy || !issued.session_tags.empty()) r["PackedPolicySize"] = packed_policy_size(packed);
    if (!issued.source_identity.empty()) r["SourceIdentity"] = issued.source_identity;
    return r;
}

}  // namespace sts_detail

using namespace sts_detail;

namespace {

// ProvidedContexts (AssumeRole only): at most 5 trusted context assertions (the STS API model's
// ProvidedContextsListType), each a ProviderArn of 20-2048 characters and a ContextAssertion of 4-2048
// (API_ProvidedContext). The sandbox checks their form; it has no context provider to check what one says.
void read_provided_contexts(const ApiCall& call, ParamValidator& v) {
    const auto it = call.params.find("ProvidedContexts");
    if (it == call.params.end() || it->is_null()) return;
    if (!it->is_array()) {
        v.add("Value '" + it->dump() + "' at 'providedContexts' failed to satisfy constraint: Member must be a list");
        return;
    }
    // "Array Members: Minimum number of 1 item. Maximum number of 5 items." (API_AssumeRole, ProvidedContexts)
    if (it->empty() || it->size() > 5)
        v.add("Value '" + it->dump() + "' at 'providedContexts' failed to satisfy constraint: Member must have length " +
              (it->empty() ? "greater than or equal to 1" : "less than or equal to 5"));
    for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& e = (*it)[i];
        if (!e.is_object()) {
            v.add("Value '" + e.dump() + "' at 'providedContexts." + std::to_string(i + 1) +
                  ".member' failed to satisfy constraint: Member must be {\"ProviderArn\", \"ContextAssertion\"}");
            continue;
        }
        for (const auto& [name, member, min] : {std::tuple{"ProviderArn", "providerArn", 20}, std::tuple{"ContextAssertion", "contextAssertion", 4}}) {
            const auto m = e.find(name);
            if (m == e.end() || m->is_null()) continue;
            const std::string at = "Value '" + (m->is_string() ? m->get<std::string>() : m->dump()) + "' at 'providedContexts." +
                                   std::to_string(i + 1) + ".member." + member + "' failed to satisfy constraint: Member must ";
            if (!m->is_string()) v.add(at + "be a string");
            else if (utf8_length(m->get_ref<const std::string&>()) < static_cast<std::size_t>(min)) v.add(at + "have length greater than or equal to " + std::to_string(min));
            else if (utf8_length(m->get_ref<const std::string&>()) > 2048) v.add(at + "have length less than or equal to 2048");
        }
    }
}

}  // namespace

ApiResult sts_assume_role(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto role_arn = v.string("RoleArn", "roleArn", true, 20, 2048);
    const auto session = v.string("RoleSessionName", "roleSessionName", true, 2, 64, Pattern::SessionName);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 900, 43200);
    const auto external_id = v.string("ExternalId", "externalId", false, 2, 1224, Pattern::ExternalId);
    const auto serial = v.string("SerialNumber", "serialNumber", false, 9, 256, Pattern::SerialNumber);
    const auto code = v.string("TokenCode", "tokenCode", false, 6, 6, Pattern::Digits);
    const auto source = v.string("SourceIdentity", "sourceIdentity", false, 2, 64, Pattern::SessionName);
    // "You cannot use a value that begins with the text aws:" (API_AssumeRole): the pattern already refuses it, as it
    // refuses any ':', and AWS publishes no other message for it.
    read_provided_contexts(call, v);
    Credential c;
    read_transitive_tag_keys(call, v, c);
    std::size_t packed = 0;
    if (!read_session_parameters(sc, call, v, c, result, packed, arn_account(role_arn)) ||
        !role_arn_well_formed(*role_arn, result))
        return result;
    // A transitive key names one of the tags passed (in any case): the real service answers this (LocalStack's test
    // recorded against AWS, test_assume_role_tag_validation).
    for (const std::string& k : c.transitive_tag_keys)
        if (std::none_of(c.session_tags.begin(), c.session_tags.end(), [&](const auto& t) { return equal_ignoring_case(t.first, k); })) {
            fail(result, "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.", 400);
            return result;
        }
    const Credential* from = caller.credential;
    if (caller.principal.type == iam::PrincipalType::Root) {
        access_denied(result, iam::kRootAssumeRoleMessage);
        return result;
    }
    const Role* role = sc.world.role(*role_arn);
    if (!role) {
        // AWS does not tell a caller whether a role it may not assume exists (which is why role enumeration tools
        // probe other APIs): a role that does not exist is refused as one whose trust policy names no one, with
        // the same decision and message. Only the decision's label says which it was.
        static const iam::Policy kNoTrust = [] {
            iam::Policy p;
            p.kind = iam::PolicyKind::Trust;
            p.name = "no trust policy: the role does not exist";
            p.version = "2012-10-17";
            p.document = std::make_shared<const nlohmann::json>(
                nlohmann::json{{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array()}});
            return p;
        }();
        const iam::Decision& d = authorize(sc, caller, "sts:AssumeRole", *role_arn, arn_account(*role_arn), &kNoTrust,
                                           request_context(sc, caller, call.extra_context), result);
        result.decisions.back().label_note += " (no such role)";
        access_denied(result, d.message);
        return result;
    }
    result.recipient_account = caller.principal.account;
    bool mfa_now = false;
    if (!check_mfa(sc, caller, serial, code, mfa_now, result)) return result;

    // The trust evaluation's context (facts §3, "Context keys set by STS").
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    if (mfa_now) {
        ctx.set("aws:MultiFactorAuthPresent", "true");
        ctx.set("aws:MultiFactorAuthAge", "0");
    }
    ctx.set("sts:RoleSessionName", *session);
    // The role's tags: "allows an IAM user to assume roles with the tag key-value pair Project = ExampleCorpABC"
    // (reference_policies_examples_iam-assume-tagged-role, iam:ResourceTag; id_session-tags, aws:ResourceTag).
    add_resource_tags(ctx, "iam", role->tags);
    if (external_id) ctx.set("sts:ExternalId", *external_id);
    const std::string inherited_source = from ? from->source_identity : std::string();
    const std::string source_identity = source ? *source : inherited_source;
    if (!source_identity.empty()) ctx.set("sts:SourceIdentity", source_identity);
    add_session_tag_keys(ctx, c.session_tags, c.transitive_tag_keys);

    // A role session with transitive tags passes them on to the session it assumes, which AWS takes as setting them:
    // the call needs sts:TagSession as one passing tags does ("is not authorized to perform: sts:TagSession" for a
    // chained AssumeRole that passes none, recorded by users of EKS Pod Identity, whose session tags are transitive:
    // mattrobinsonsre/terrapod#1546, aws/eks-pod-identity-agent#80).
    const bool inherits_tags = from && from->is_role_session() && !from->transitive_tag_keys.empty();
    // The context goes on to sts:TagSession and sts:SetSourceIdentity when the call needs them.
    const bool more = !c.session_tags.empty() || inherits_tags || !source_identity.empty();
    const iam::Decision& trust = authorize(sc, caller, "sts:AssumeRole", role->arn, role->account, &role->trust,
                                           more ? iam::RequestContext(ctx) : std::move(ctx), result);
    if (!trust.allowed()) {
        access_denied(result, trust.message);
        return result;
    }
    // Session tags need sts:TagSession, and a source identity needs sts:SetSourceIdentity, in the trust policy and
    // (cross-account, or without a direct grant) the caller's own policies (id_session-tags,
    // id_credentials_temp_control-access_monitor). A source identity never changes along a chain.
    if (!c.session_tags.empty() || inherits_tags) {
        const iam::Decision& d = authorize(sc, caller, "sts:TagSession", role->arn, role->account, &role->trust, ctx, result);
        if (!d.allowed()) {
            access_denied(result, d.message);
            return result;
        }
    }
    if (!inherited_source.empty() && source && *source != inherited_source) {
        access_denied(result, not_authorized(caller, "sts:SetSourceIdentity", role->arn) +
                                  " because the source identity '" + inherited_source +
                                  "' set earlier in the role chain cannot be changed");
        return result;
    }
    const bool chained = from && from->is_role_session();
    if (!source_identity.empty()) {
        const iam::Decision& d =
            authorize(sc, caller, "sts:SetSourceIdentity", role->arn, role->account, &role->trust, ctx, result);
        if (!d.allowed()) {
            access_denied(result, d.message);
            return result;
        }
        // "When you assume a role with another role, called role chaining, permissions for sts:SetSourceIdentity
        // are required in both the permissions policy of the principal who is assuming the role and in the role
        // trust policy of the target role" (id_credentials_temp_control-access_monitor). Across accounts the
        // check above already needs both; in one account a trust policy naming the role would be enough alone.
        if (chained && role->account == caller.principal.account) {
            const iam::Decision& own =
                authorize(sc, caller, "sts:SetSourceIdentity", role->arn, role->account, nullptr, ctx, result);
            if (!own.allowed()) {
                access_denied(result, own.message);
                return result;
            }
        }
    }
    const std::int64_t seconds = duration.value_or(kHourSeconds);
    // The one-hour cap holds for any caller with temporary credentials, GetSessionToken's included: "I used the
    // AssumeRole API to assume an AWS Identity and Access Management (IAM) role using temporary credentials, but I
    // received an error similar to the following: 'The requested DurationSeconds exceeds the 1 hour session limit
    // for roles assumed by role chaining'" ... "Multi-Factor Authentication (MFA) users with the AWS CLI use
    // temporary credentials to assume another role. The temporary credentials use the AWS STS GetSessionToken API
    // and are limited to one hour" (AWS Knowledge Center, iam-role-chaining-limit).
    if (from && from->is_temporary() && seconds > kHourSeconds) {
        fail(result, "ValidationError",
             "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", 400);
        return result;
    }
    // "IAM role credentials provided by Amazon EC2 instances assigned to the role are not subject to the specified
    // maximum session duration" (IAM API Reference, UpdateRole, MaxSessionDuration): EC2's own AssumeRole for an
    // instance profile may ask for more than the role's maximum (real instance credentials last about six hours).
    if (seconds > role->max_session_duration && !instance_profile_call(call)) {
        fail(result, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400);
        return result;
    }

    // Transitive session tags of the calling session carry over (id_session-tags, "Chaining roles with session tags").
    if (from && chained) {
        for (const auto& k : from->transitive_tag_keys) {
            // "If you pass a session tag with the same key as an inherited tag, the operation fails" (API_AssumeRole,
            // Tags; id_session-tags, "Chaining roles with session tags"), in any case, in the real service's words
            // (LocalStack's test recorded against AWS, override-transitive-tag-error).
            for (const auto& passed : c.session_tags)
                if (equal_ignoring_case(passed.first, k)) {
                    fail(result, "InvalidParameterValue",
                         "One of the specified transitive tag keys can't be set because it conflicts with a transitive "
                         "tag key from the calling session.",
                         400);
                    return result;
                }
            // Tag keys are not case sensitive (API_AssumeRole, Tags): TransitiveTagKeys ["star"] carries Star=1.
            const auto t = std::find_if(from->session_tags.begin(), from->session_tags.end(),
                                        [&](const auto& tag) { return equal_ignoring_case(tag.first, k); });
            if (t != from->session_tags.end() && !c.session_tags.count(t->first)) {
                c.session_tags[t->first] = t->second;
                packed += utf8_length(t->first) + utf8_length(t->second);
            }
            if (std::find(c.transitive_tag_keys.begin(), c.transitive_tag_keys.end(), k) == c.transitive_tag_keys.end())
                c.transitive_tag_keys.push_back(k);
        }
        // The tags carried in are packed with the session's own: a chained AssumeRole passing no tags from an EKS Pod
        // Identity session (six transitive tags) answered packedPolicySize 74, and with more tags of its own
        // "Packed size of session tags consumes 112% of allotted space." (CloudTrail records in
        // aws/containers-roadmap#2413).
        std::size_t tags_size = 0;
        for (const auto& [key, value] : c.session_tags) tags_size += utf8_length(key) + utf8_length(value);
        if (!packed_tags_fit(tags_size, result) || !packed_policy_fits(packed, result)) return result;
    }
    make_role_session(c, CredentialKind::AssumeRole, *role, *session);
    c.mfa = mfa_now;
    c.mfa_at = sc.now;
    c.source_identity = source_identity;
    c.chain_depth = from ? from->chain_depth + 1 : 1;
    c.duration_without_user_keys = duration && !(caller.credential && caller.credential->kind == CredentialKind::LongTerm &&
                                                 caller.principal.type == iam::PrincipalType::IAMUser);
    Secrets secrets;
    const Credential& issued = issue(sc, call, std::move(c), seconds * kSecond, caller, secrets);
    result.ok = true;
    result.issued_key = issued.access_key_id;
    result.response = role_session_response(sc, issued, secrets, packed);
    return result;
}

ApiResult sts_get_session_token(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 900, 129600);
    const auto serial = v.string("SerialNumber", "serialNumber", false, 9, 256, Pattern::SerialNumber);
    const auto code = v.string("TokenCode", "tokenCode", false, 6, 6, Pattern::Digits);
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    bool mfa = false;
    if (!check_mfa(sc, caller, serial, code, mfa, result)) return result;
    const bool root = caller.principal.type == iam::PrincipalType::Root;
    // Root sessions are clamped to one hour (API_GetSessionToken: "... root user credentials ... 900 to 3600").
    std::int64_t seconds = duration.value_or(root ? kHourSeconds : 43200);
    if (root) seconds = std::min(seconds, kHourSeconds);
    Credential c;
    c.kind = CredentialKind::SessionToken;
    c.principal = caller.principal;
    c.user_arn = caller.credential->user_arn;
    c.mfa = mfa;
    c.mfa_at = sc.now;
    Secrets secrets;
    const Credential& issued = issue(sc, call, std::move(c), seconds * kSecond, caller, secrets);
    result.ok = true;
    result.issued_key = issued.access_key_id;
    result.response = {{"Credentials", credentials_json(sc, issued, secrets)}};
    return result;
}

ApiResult sts_get_federation_token(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto name = v.string("Name", "name", true, 2, 32, Pattern::SessionName);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 900, 129600);
    Credential c;
    std::size_t packed = 0;
    if (!read_session_parameters(sc, call, v, c, result, packed, caller.principal.account)) return result;
    const std::string account = caller.principal.account;
    const std::string arn = "arn:aws:sts::" + account + ":federated-user/" + *name;
    // GetFederationToken needs permission (id_credentials_temp_control-access_getfederationtoken), and session tags
    // need sts:TagSession too: "In addition to the action that matches the API operation, you must have the
    // following permissions-only action in your policy: sts:TagSession" (id_session-tags).
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    add_session_tag_keys(ctx, c.session_tags, {});
    std::vector<const char*> actions = {"sts:GetFederationToken"};
    if (!c.session_tags.empty()) actions.push_back("sts:TagSession");
    for (const char* action : actions) {
        const iam::Decision& d = authorize(sc, caller, action, arn, account, nullptr, ctx, result);
        if (!d.allowed()) {
            access_denied(result, d.message);
            return result;
        }
    }
    const bool root = caller.principal.type == iam::PrincipalType::Root;
    std::int64_t seconds = duration.value_or(root ? kHourSeconds : 43200);
    if (root) seconds = std::min(seconds, kHourSeconds);
    c.kind = CredentialKind::FederationToken;
    c.user_arn = caller.credential->user_arn;
    c.session_name = *name;
    c.principal.type = iam::PrincipalType::FederatedUser;
    c.principal.account = account;
    c.principal.arn = arn;
    c.principal.issuer_arn = caller.credential->user_arn;
    c.principal.name = *name;
    c.principal.id = account + ":" + *name;
    c.has_session_policy = true;  // without a policy the session has no permissions (facts §2)
    Secrets secrets;
    const Credential& issued = issue(sc, call, std::move(c), seconds * kSecond, caller, secrets);
    result.ok = true;
    result.issued_key = issued.access_key_id;
    result.response = {{"Credentials", credentials_json(sc, issued, secrets)},
                       {"FederatedUser", {{"FederatedUserId", issued.principal.id}, {"Arn", issued.principal.arn}}},
                       {"PackedPolicySize", packed_policy_size(packed)}};
    return result;
}

// AssumeRoot (API_AssumeRoot; id_root-user-privileged-task): "short term credentials you can use to perform
// privileged tasks on a member account in your organization", as that account's root user, scoped by a task policy.
// "You must use credentials from an AWS Organizations management account or a delegated administrator account for IAM
// to call AssumeRoot. You cannot use root user credentials to make this call", with "centralized root access" enabled
// and sts:AssumeRoot "explicitly granted". TargetPrincipal: "The member account principal ARN or account ID", 12 to 2048
// characters; TaskPolicyArn: one of the task policies; DurationSeconds: 0 to 900, by default 900.
// AWS documents no message for a refusal other than a policy's: the sandbox's say what was missing.
ApiResult sts_assume_root(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto target = v.string("TargetPrincipal", "targetPrincipal", true, 12, 2048);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 0, 900);
    std::optional<std::string> task_arn;
    const auto task = call.params.find("TaskPolicyArn");
    if (task == call.params.end() || task->is_null()) {
        v.missing("taskPolicyArn");
    } else if (!task->is_object() || !task->contains("arn") || !(*task)["arn"].is_string()) {
        v.add("Value '" + task->dump() + "' at 'taskPolicyArn' failed to satisfy constraint: Member must be {\"arn\": ARN}");
    } else {
        task_arn = (*task)["arn"].get<std::string>();
        check_descriptor_arn(*task_arn, "taskPolicyArn.arn", v);
    }
    // The member account, by its id or its root user's ARN (the sandbox's partition, aws).
    std::string account;
    if (target && target->size() >= 12 && target->size() <= 2048) {  // a length out of bounds is the one fault AWS gives
        const auto arn = iam::Arn::parse(*target);
        if (iam::is_account_id(*target)) account = *target;
        else if (arn && arn->partition == "aws" && arn->service == "iam" && arn->region.empty() && iam::is_account_id(arn->account) &&
                 arn->resource == "root")
            account = arn->account;
        else v.add("Value '" + *target + "' at 'targetPrincipal' failed to satisfy constraint: Member must be an account id or "
                   "the ARN of an account's root user (arn:aws:iam::ACCOUNT:root)");
    }
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    const ManagedPolicy* task_policy = root_task_policy(*task_arn);
    if (!task_policy) {
        std::string known;
        for (const std::string& arn : root_task_policy_arns()) known += (known.empty() ? "" : ", ") + arn;
        fail(result, "InvalidParameterValue",
             "TaskPolicyArn " + *task_arn + " is not a task policy AssumeRoot takes" +
                 (task_arn->find("/SQSUnlockQueuePolicy") != std::string::npos ? std::string(" in the sandbox, which has no SQS") : "") +
                 ": " + known, 400);
        return result;
    }
    const std::string root_arn = iam::account_root_arn(account, "aws");
    const auto refuse = [&](const std::string& why) {
        access_denied(result, not_authorized(caller, "sts:AssumeRoot", root_arn) + " because " + why);
        return result;
    };
    if (caller.principal.type == iam::PrincipalType::Root)
        return refuse("AssumeRoot cannot be called with root user credentials");
    // "To use centralized root access, you must sign in via a management account or a delegated administrator account
    // as an IAM user or role with the sts:AssumeRoot permission explicitly granted" (id_root-user-privileged-task):
    // the caller's own policies decide, with sts:TaskPolicyArn to say which task (Service Authorization Reference).
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    ctx.set("sts:TaskPolicyArn", task_policy->arn);
    const iam::Decision& d = authorize(sc, caller, "sts:AssumeRoot", root_arn, caller.principal.account, nullptr, std::move(ctx), result);
    if (!d.allowed()) {
        access_denied(result, d.message);
        return result;
    }
    const auto refused_after = [&](const std::string& why) {
        result.decisions.back().label_note += " (then refused: " + why + ")";
        return refuse(why);
    };
    const auto& org = sc.world.organization;
    if (!org || !org->accounts.count(caller.principal.account))
        return refused_after("the caller's account is in no organization");
    if (caller.principal.account != org->management && caller.principal.account != org->iam_delegated_administrator)
        return refused_after("only the organization's management account or IAM's delegated administrator may call AssumeRoot");
    if (!org->iam_features.count("RootSessions"))
        return refused_after("centralized root access is not enabled for the organization (RootSessions)");
    if (account == org->management) return refused_after("account " + account + " is the organization's management account");
    if (!org->accounts.count(account)) return refused_after("account " + account + " is not in the organization");
    Credential c;
    c.kind = CredentialKind::AssumeRoot;
    c.principal = iam::Principal::from_arn(root_arn);
    c.principal.id = account;
    c.task_policy = task_policy->policy;
    c.task_policy->name = "task policy " + task_policy->name;
    // "This key is included in the request context only when the principal uses credentials from AssumeRoot to make
    // the request" (reference_policies_condition-keys, aws:AssumedRoot).
    c.session_keys = {{"aws:AssumedRoot", "true"}};
    // "The source identity specified by the principal that is calling the AssumeRoot operation" (API_AssumeRoot).
    if (caller.credential) c.source_identity = caller.credential->source_identity;
    c.chain_depth = 1;
    Secrets secrets;
    const Credential& issued = issue(sc, call, std::move(c), duration.value_or(900) * kSecond, caller, secrets);
    result.ok = true;
    result.issued_key = issued.access_key_id;
    result.response = {{"Credentials", credentials_json(sc, issued, secrets)}};
    if (!issued.source_identity.empty()) result.response["SourceIdentity"] = issued.source_identity;
    return result;
}

namespace {

// GetWebIdentityToken's Audience: 1 to 10 strings of 1 to 1000 characters (API_GetWebIdentityToken); a lone string is
// taken as a list of one.
std::vector<std::string> read_audience(const ApiCall& call, ParamValidator& v) {
    std::vector<std::string> audience;
    const auto given = call.params.find("Audience");
    if (given == call.params.end() || given->is_null()) {
        v.missing("audience");
        return audience;
    }
    if (!given->is_array() && !given->is_string()) {
        v.add("Value '" + given->dump() + "' at 'audience' failed to satisfy constraint: Member must be a list");
        return audience;
    }
    const nlohmann::json list = given->is_string() ? nlohmann::json::array({*given}) : *given;
    if (list.empty() || list.size() > 10)
        v.add("Value '" + list.dump() + "' at 'audience' failed to satisfy constraint: Member must have length " +
              (list.empty() ? "greater than or equal to 1" : "less than or equal to 10"));
    for (const auto& a : list) {
        const std::string member = list_member("audience", audience.size() + 1);
        if (!a.is_string()) {
            v.add("Value '" + a.dump() + "' at '" + member + "' failed to satisfy constraint: Member must be a string");
            audience.emplace_back();
            continue;
        }
        const std::string text = a.get<std::string>();
        if (text.empty() || utf8_length(text) > 1000)
            v.add("Value '" + text + "' at '" + member + "' failed to satisfy constraint: Member must have length " +
                  (text.empty() ? "greater than or equal to 1" : "less than or equal to 1000"));
        audience.push_back(text);
    }
    return audience;
}

// A web identity token's claims under "https://sts.amazonaws.com/" (id_roles_providers_outbound_token_claims): the
// account, Region, organization and principal, the principal's tags, the session context claims (each the value of
// the condition key the page maps it to, when the request has it), and the request tags.
nlohmann::json sts_claims(const ServiceContext& sc, const Caller& caller, const iam::RequestContext& ctx,
                          const std::string& principal, const std::map<std::string, std::string>& request_tags) {
    const std::string& account = caller.principal.account;
    nlohmann::json aws = {{"aws_account", account}, {"source_region", "us-east-1"}, {"principal_id", principal}};
    if (sc.world.in_organization(account)) {
        aws["org_id"] = sc.world.organization->id;
        aws["ou_path"] = sc.world.organization->account_path(account);
    }
    nlohmann::json principal_tags = nlohmann::json::object();
    static const std::string kPrincipalTag = "aws:PrincipalTag/";
    for (const iam::ContextEntry& e : ctx.entries())
        if (starts_with(e.key, kPrincipalTag) && !e.values.empty()) principal_tags[e.key.substr(kPrincipalTag.size())] = e.values.front();
    if (!principal_tags.empty()) aws["principal_tags"] = std::move(principal_tags);
    static const std::pair<const char*, const char*> kSessionClaims[] = {
        {"federated_provider", "aws:FederatedProvider"},        {"identity_store_user_id", "identitystore:UserId"},
        {"identity_store_arn", "identitystore:IdentityStoreArn"}, {"ec2_source_instance_arn", "ec2:SourceInstanceARN"},
        {"ec2_instance_source_vpc", "aws:Ec2InstanceSourceVpc"}, {"ec2_instance_source_private_ipv4", "aws:Ec2InstanceSourcePrivateIPv4"},
        {"ec2_role_delivery", "ec2:RoleDelivery"},               {"source_identity", "aws:SourceIdentity"},
        {"lambda_source_function_arn", "lambda:SourceFunctionArn"}};
    for (const auto& [claim, key] : kSessionClaims)
        if (const iam::ContextEntry* e = ctx.get(key); e && !e->values.empty()) aws[claim] = e->values.front();
    // "When the original role session credentials will expire (for assumed roles)".
    if (caller.credential && caller.credential->is_role_session() && caller.credential->expires_at)
        aws["original_session_exp"] = format_iso8601_seconds(sc.start + *caller.credential->expires_at);
    if (!request_tags.empty()) aws["request_tags"] = request_tags;
    return aws;
}

}  // namespace

// GetWebIdentityToken (API_GetWebIdentityToken; id_roles_providers_outbound): a JSON Web Token that STS signs for
// the caller, for an external service that trusts the account's issuer URL. Audience: 1 to 10 strings of 1 to 1000
// characters; DurationSeconds: 60 to 3600, by default 300; SigningAlgorithm: RS256 or ES384; Tags: the request tags.
ApiResult sts_get_web_identity_token(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const std::vector<std::string> audience = read_audience(call, v);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 60, 3600);
    check_enum(call.params, "SigningAlgorithm", "signingAlgorithm", {"RS256", "ES384"}, v);
    Credential tagged;  // the request tags, read as AssumeRole reads session tags
    std::size_t tags_size = 0;
    if (!parameters_valid(v, read_tags(call, v, tagged, tags_size), result)) return result;
    const std::int64_t seconds = duration.value_or(300);
    const std::string algorithm = call.params["SigningAlgorithm"].get<std::string>();

    // The caller's own policies decide, on "*" (the action has no resource type), with the request's audiences,
    // duration, algorithm and tags; tags also need sts:TagGetWebIdentityToken (id_roles_providers_outbound_policies).
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    ctx.set_multi("sts:IdentityTokenAudience", audience);
    ctx.set("sts:DurationSeconds", std::to_string(seconds));
    ctx.set("sts:SigningAlgorithm", algorithm);
    add_session_tag_keys(ctx, tagged.session_tags, {});
    std::vector<const char*> actions = {"sts:GetWebIdentityToken"};
    if (!tagged.session_tags.empty()) actions.push_back("sts:TagGetWebIdentityToken");
    for (const char* action : actions) {
        const iam::Decision& d = authorize(sc, caller, action, "*", caller.principal.account, nullptr, ctx, result);
        if (!d.allowed()) {
            access_denied(result, d.message);
            return result;
        }
    }
    const Account* account = sc.world.account(caller.principal.account);
    if (account == nullptr || !account->outbound_federation) {
        // "You must enable outbound identity federation before you can request tokens"
        // (id_roles_providers_outbound_getting_started); 403 (API_GetWebIdentityToken, Errors).
        fail(result, "OutboundWebIdentityFederationDisabledException",
             "The outbound web identity federation feature is not enabled for this account. To use this feature, you must "
             "first enable it through the Amazon Web Services Management Console or API.",
             403);
        return result;
    }
    if (caller.credential && caller.credential->expires_at && sc.now + seconds * kSecond > *caller.credential->expires_at) {
        fail(result, "SessionDurationEscalationException",
             "The requested token duration would extend the session beyond its original expiration time. You cannot use "
             "this operation to extend the lifetime of a session beyond what was granted when the session was originally "
             "created.",
             403);
        return result;
    }

    // The standard claims, then AWS's (id_roles_providers_outbound_token_claims). The subject of a role session is
    // its role ("The ARN of the IAM principal that requested the token").
    const std::string subject = caller.credential && caller.credential->is_role_session() ? caller.credential->role_arn
                                                                                         : caller.principal.arn;
    const std::int64_t issued = (sc.start + sc.now) / kSecond;
    nlohmann::json token = {
        {"header", {{"alg", algorithm}, {"typ", "JWT"}, {"kid", caller.principal.account + "-" + algorithm}}},
        {"claims",
         {{"iss", account->outbound_issuer},
          {"aud", audience.size() == 1 ? nlohmann::json(audience.front()) : nlohmann::json(audience)},
          {"sub", subject},
          {"iat", issued},
          {"exp", issued + seconds},
          {"jti", make_uuid(sc.rng)},
          {"https://sts.amazonaws.com/", sts_claims(sc, caller, ctx, subject, tagged.session_tags)}}}};
    token["signature"] = token_signature(token, outbound_signing_key(caller.principal.account));
    result.ok = true;
    result.response = {{"WebIdentityToken", std::move(token)}, {"Expiration", format_iso8601_seconds(sc.start + sc.now + seconds * kSecond)}};
    return result;
}

ApiResult sts_get_caller_identity(ServiceContext&, const ApiCall&, const Caller& caller) {
    // Needs no permission and works even under an explicit Deny (API_GetCallerIdentity).
    ApiResult result;
    result.recipient_account = caller.principal.account;
    const iam::Principal& p = caller.principal;
    std::string user_id = p.id;
    if (p.type == iam::PrincipalType::Root) user_id = p.account;
    result.ok = true;
    result.response = {{"UserId", user_id}, {"Account", p.account}, {"Arn", p.arn}};
    return result;
}

namespace {

// The parameters valid (else ValidationError), then the caller's policies allowing the call on "*" (else AccessDenied):
// the STS calls that only read, and need a policy to (DecodeAuthorizationMessage, GetAccessKeyInfo).
bool valid_and_allowed(ServiceContext& sc, const ApiCall& call, const Caller& caller, const ParamValidator& v,
                       ApiResult& result) {
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return false;
    }
    const iam::Decision& d = authorize(sc, caller, call.operation, "*", caller.principal.account, nullptr,
                                       request_context(sc, caller, call.extra_context), result);
    if (!d.allowed()) access_denied(result, d.message);
    return d.allowed();
}

}  // namespace

// DecodeAuthorizationMessage (API_DecodeAuthorizationMessage): "To decode an authorization status message, a user
// must be granted permissions through an IAM policy to request the DecodeAuthorizationMessage
// (sts:DecodeAuthorizationMessage) action." EncodedMessage: 1 to 10240 characters. A message that is not one
// EC2 gave is InvalidAuthorizationMessageException (HTTP 400).
ApiResult sts_decode_authorization_message(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto encoded = v.string("EncodedMessage", "encodedMessage", true, 1, 10240);
    if (!valid_and_allowed(sc, call, caller, v, result)) return result;
    const auto it = sc.world.authorization_messages.find(*encoded);
    if (it == sc.world.authorization_messages.end()) {
        fail(result, "InvalidAuthorizationMessageException",
             "The message passed to DecodeAuthorizationMessage was invalid: it is not one an AWS service returned", 400);
        return result;
    }
    result.ok = true;
    result.response = {{"DecodedMessage", it->second}};
    return result;
}

// GetAccessKeyInfo (API_GetAccessKeyInfo): "returns the ID of the Amazon Web Services account to which the keys
// belong", for long-term (AKIA...) and temporary (ASIA...) keys alike. "This operation does not indicate the state of
// the access key. The key might be active, inactive, or deleted", so a deleted or inactive key still answers. Allowed
// by an identity policy granting sts:GetAccessKeyInfo, as DecodeAuthorizationMessage is. AccessKeyId: 16 to 128
// characters of [\w]. A key the sandbox never issued has no account to give (AWS reads the account out of a real
// key's id, which the sandbox's ids do not encode): InvalidParameterValue, the sandbox's own answer.
ApiResult sts_get_access_key_info(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto key = v.string("AccessKeyId", "accessKeyId", true, 16, 128, Pattern::Word);
    if (!valid_and_allowed(sc, call, caller, v, result)) return result;
    const Credential* c = sc.credentials.find(*key);
    if (c == nullptr) {
        fail(result, "InvalidParameterValue", "No access key " + *key + " was ever issued in this scenario", 400);
        return result;
    }
    result.ok = true;
    result.response = {{"Account", c->principal.account}};
    return result;
}

}  // namespace stslab::aws
