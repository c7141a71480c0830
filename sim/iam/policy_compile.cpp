// Parsing and validating policy documents into the compiled form (policy.hpp).
#include "iam/policy.hpp"
#include "core/json_parse.hpp"
#include "core/text.hpp"

#include "iam/arn.hpp"
#include "iam/json_access.hpp"
#include "iam/policy_lite.hpp"

#include <array>
#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace stslab::iam {

const char* policy_type_name(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::Identity: return "identity-based policy";
        case PolicyKind::Resource: return "resource-based policy";
        case PolicyKind::Trust: return "role trust policy";
        case PolicyKind::Boundary: return "permissions boundary";
        case PolicyKind::Session: return "session policy";
        case PolicyKind::Scp: return "service control policy";
        case PolicyKind::Rcp: return "resource control policy";
        case PolicyKind::Endpoint: return "VPC endpoint policy";
    }
    return "policy";
}

const char* policy_type_name_ko(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::Identity: return "자격 증명 기반 정책";
        case PolicyKind::Resource: return "리소스 기반 정책";
        case PolicyKind::Trust: return "역할 신뢰 정책";
        case PolicyKind::Boundary: return "권한 경계";
        case PolicyKind::Session: return "세션 정책";
        case PolicyKind::Scp: return "서비스 제어 정책(SCP)";
        case PolicyKind::Rcp: return "리소스 제어 정책(RCP)";
        case PolicyKind::Endpoint: return "VPC 엔드포인트 정책";
    }
    return "정책";
}

std::string policy_name_ko(std::string_view name) {
    // (English prefix, Korean text before the rest, Korean text after it)
    static const std::tuple<std::string_view, std::string_view, std::string_view> kMade[] = {
        {"bucket policy of ", "", "의 버킷 정책"},
        {"access point policy of ", "액세스 포인트 ", "의 정책"},
        {"trust policy of ", "", "의 신뢰 정책"},
        {"key policy of ", "KMS 키 ", "의 키 정책"},
        {"endpoint policy of ", "", "의 엔드포인트 정책"},
        {"task policy ", "작업 정책 ", ""},
    };
    for (const auto& [prefix, before, after] : kMade)
        if (name.substr(0, prefix.size()) == prefix)
            return std::string(before) + std::string(name.substr(prefix.size())) + std::string(after);
    if (name == "default key policy") return "기본 키 정책";
    if (name == "aws/s3 key policy") return "aws/s3 키 정책";
    return std::string(name);
}

const char* policy_kind_id(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::Identity: return "identity";
        case PolicyKind::Resource: return "resource";
        case PolicyKind::Trust: return "trust";
        case PolicyKind::Boundary: return "boundary";
        case PolicyKind::Session: return "session";
        case PolicyKind::Scp: return "scp";
        case PolicyKind::Rcp: return "rcp";
        case PolicyKind::Endpoint: return "endpoint";
    }
    return "policy";
}

const char* to_string(Effect effect) { return effect == Effect::Allow ? "Allow" : "Deny"; }

namespace {

using nlohmann::json;
using json_access::dump;
using json_access::text;



// Calls `each(text, index)` for the strings of an element that is a string or an array of strings (Action,
// Resource, principal lists); `index` is -1 for a lone string. Paths are built only for errors.
// A JSON path given as text, or as a callable that makes it (built only for an error message).
const std::string& path_text(const std::string& path) { return path; }
template <class MakePath>
std::string path_text(const MakePath& make) {
    return make();
}

template <class J, class Path, class Each>
void for_each_string(const J& value, const Path& path_of, const char* what, const char* if_empty, Each each) {
    auto path = [&] { return path_text(path_of); };
    if (value.is_string()) {
        each(text(value), -1);
        return;
    }
    if (!value.is_array()) throw MalformedPolicyDocument(path(), std::string(what) + " must be a string or an array of strings");
    if (value.empty()) throw MalformedPolicyDocument(path(), if_empty);
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string())
            throw MalformedPolicyDocument(path() + "/" + std::to_string(i),
                                          std::string(what) + " must be a string or an array of strings");
        each(text(value[i]), static_cast<int>(i));
    }
}

std::string item_path(const std::string& path, int index) {
    return index < 0 ? path : path + "/" + std::to_string(index);
}

template <class Path>
Glob compile_action(std::string_view text, const Path& element_path, int index) {
    auto path = [&] { return item_path(path_text(element_path), index); };
    if (text == "*") return Glob::compile(text, true);
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0)
        throw MalformedPolicyDocument(path(), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    const std::string vendor(text.substr(0, colon));
    // IAM refuses a wildcard in the service prefix ("*:Untag*", "dynamodb*:TagResource") with these words, as
    // CreatePolicy and CloudFormation users report them (the IAM User Guide's Action page puts wildcards only after
    // the service namespace).
    if (vendor.find_first_of("*?") != std::string::npos)
        throw MalformedPolicyDocument(path(), "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards.");
    for (char c : vendor)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-'))
            throw MalformedPolicyDocument(path(), "Vendor " + vendor + " is not valid");
    // IAM's own words for a second colon (as recorded from CreatePolicy by the moto project's IAM tests).
    if (text.find(':', colon + 1) != std::string::npos)
        throw MalformedPolicyDocument(path(), "Actions/Condition can contain only one colon.");
    if (colon + 1 == text.size())
        throw MalformedPolicyDocument(path(), "Action '" + std::string(text) + "' is not valid: expected \"service:Action\"");
    return Glob::compile(text, true);
}

// "You can use a policy variable in the Resource element, but only in the resource portion of the ARN. This portion
// of the ARN appears after the fifth colon (:). You can't use a variable to replace parts of the ARN before the fifth
// colon, such as the service or account" (reference_policies_variables). Before it, "${" is kept as written: it is
// rewritten "${$}{", which the template reads as a literal "$" and "{".
std::string variables_after_fifth_colon(std::string_view text) {
    std::size_t end = 0, from = 0;
    for (int colons = 0; colons < 5 && end != std::string_view::npos; ++colons, from = end + 1) end = text.find(':', from);
    if (end == std::string_view::npos) end = text.size();
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i < end && text.compare(i, 2, "${") == 0) {
            out += "${$}";
            continue;
        }
        out += text[i];
    }
    return out;
}

template <class Path>
ResourcePattern compile_resource(std::string_view text, const Path& element_path, int index, bool variables) {
    ResourcePattern r;
    r.any = text == "*";
    std::array<std::string_view, 6> parts;
    // A `*` that ends a segment matches across the colons after it (reference_policies_elements_resource), so an
    // ARN cut short after such a `*` is valid: "arn:aws:sqs:*" is any queue (AWS's own SQS poller template), and
    // "arn:aws:sqs:us-*:q" the queue q in any US region and account.
    // Its partition and service are named either way ("arn:aws::*" names no service); its region and account may be
    // empty ("arn:aws:iam::*" is every IAM resource of every account).
    const bool whole = split_arn(text, parts);
    const auto named_up_to_service = [](std::string_view t) {
        const std::size_t partition_end = t.find(':', 4);
        return partition_end > 4 && partition_end + 1 < t.size() && t[partition_end + 1] != ':';
    };
    const bool valid = whole ? parts[0] == "arn" && !parts[1].empty() && !parts[2].empty()
                             : starts_with(text, "arn:") &&
                                   (text.back() == '*' || text.find("*:") != std::string_view::npos) &&
                                   named_up_to_service(text);
    if (!r.any && !valid)
        throw MalformedPolicyDocument(item_path(path_text(element_path), index), "Resource " + std::string(text) + " must be in ARN format or \"*\".");
    // "You can't use a wildcard in the service segment to identify the AWS product" (reference_policies_elements_resource):
    // IAM refuses such a document with these words (as users report them from CreatePolicy and PutRolePolicy), so
    // "arn:aws:s3*:::b1/*" and "arn:aws:*" are faults, not patterns for every service. Cut short, the service runs to
    // the next colon, and a pattern cut short before it ("arn:aws*") names no service at all.
    if (valid) {
        std::string_view service = parts[2];
        if (!whole) {
            const std::size_t partition_end = text.find(':', 4);  // after "arn:"
            service = partition_end == std::string_view::npos ? std::string_view("*") : text.substr(partition_end + 1);
            service = service.substr(0, service.find(':'));
        }
        if (service.find_first_of("*?") != std::string_view::npos)
            throw MalformedPolicyDocument(item_path(path_text(element_path), index),
                                          "Resource vendor must be fully qualified and cannot contain regexes.");
    }
    // IAM and S3 bucket/object ARNs have no region: IAM refuses one that names it ("IAM resource ... cannot contain
    // region information.", as IAM answers it; S3's words as recorded by the moto project from CreatePolicy).
    const bool named_region = valid && !parts[3].empty() && parts[3].find_first_of("*?$") == std::string_view::npos;
    if (named_region && parts[2] == "iam")
        throw MalformedPolicyDocument(item_path(path_text(element_path), index),
                                      "IAM resource " + std::string(text) + " cannot contain region information.");
    if (named_region && parts[2] == "s3" && parts[4].empty())
        throw MalformedPolicyDocument(item_path(path_text(element_path), index),
                                      "Resource " + std::string(text) + " can not contain region information.");
    // An IAM resource is one of IAM's resource types, "*" or "root": IAM refuses anything else with these words (as
    // PutRolePolicy and CreatePolicy answer, quoted in users' reports; "arn:aws:iam::111122223333:*/admin" is one).
    if (whole && parts[2] == "iam" && !parts[5].empty() && parts[5] != "*" && parts[5] != "root" &&
        parts[5].find("${") == std::string_view::npos) {
        static constexpr std::string_view kTypes[] = {"user/", "federated-user/", "role/", "group/", "instance-profile/",
                                                      "mfa/", "server-certificate/", "policy/", "sms-mfa/",
                                                      "saml-provider/", "oidc-provider/", "report/", "access-report/"};
        // A variable's own colon ("${aws:PrincipalAccount}" as the account) moved the resource part: say why.
        const std::size_t variable = text.find("${");
        const bool variable_early = variable != std::string_view::npos && variable < text.size() - parts[5].size();
        if (std::none_of(std::begin(kTypes), std::end(kTypes), [&](std::string_view t) { return starts_with(parts[5], t); }))
            throw MalformedPolicyDocument(item_path(path_text(element_path), index),
                                          std::string("IAM resource path must either be \"*\", root, or start with user/, "
                                          "federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, "
                                          "policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.") +
                                              (variable_early ? " (A policy variable may stand only in the resource part, "
                                                                "after the ARN's fifth colon: its own colon is read as the "
                                                                "ARN's, reference_policies_variables.)" : ""));
    }
    r.pattern = ValueTemplate::parse(variables ? variables_after_fifth_colon(text) : std::string(text), variables);
    if (!r.pattern.has_variables()) r.matcher = ArnMatcher::from_code(r.pattern.static_code());
    return r;
}

std::string invalid_principal(std::string_view section, std::string_view value) {
    return "Invalid principal in policy: \"" + std::string(section) + "\":\"" + std::string(value) + "\"";
}

PrincipalEntry aws_principal(std::string_view value, const std::string& path) {
    PrincipalEntry e;
    e.value = std::string(value);
    if (value == "*") {
        e.kind = PrincipalEntry::Kind::Everyone;
        return e;
    }
    if (is_account_id(value)) {
        e.kind = PrincipalEntry::Kind::Account;
        e.account = std::string(value);
        return e;
    }
    // A CloudFront origin access identity (AmazonS3 example-bucket-policies, "Granting permission to an Amazon
    // CloudFront OAI"): like a canonical user, it names no IAM principal the sandbox has.
    if (starts_with(value, "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ")) {
        e.kind = PrincipalEntry::Kind::CanonicalUser;
        return e;
    }
    const auto arn = Arn::parse(value);
    const bool wild = value.find_first_of("*?") != std::string_view::npos;
    if (!arn || wild || !is_account_id(arn->account) || !arn->region.empty())
        throw MalformedPolicyDocument(path, invalid_principal("AWS", value));
    e.account = arn->account;
    const std::string& res = arn->resource;
    if (arn->service == "iam" && res == "root") {
        e.kind = PrincipalEntry::Kind::Account;
    } else if (arn->service == "iam" && starts_with(res, "user/") && res.size() > 5 && res.back() != '/') {
        e.kind = PrincipalEntry::Kind::User;
    } else if (arn->service == "iam" && starts_with(res, "role/") && res.size() > 5 && res.back() != '/') {
        e.kind = PrincipalEntry::Kind::Role;
    } else if (arn->service == "sts" && starts_with(res, "assumed-role/") &&
               std::count(res.begin(), res.end(), '/') == 2 && res.back() != '/') {
        e.kind = PrincipalEntry::Kind::RoleSession;
    } else if (arn->service == "sts" && starts_with(res, "federated-user/") && res.size() > 15) {
        e.kind = PrincipalEntry::Kind::FederatedUser;
    } else {
        throw MalformedPolicyDocument(path, invalid_principal("AWS", value));
    }
    return e;
}

template <class J>
PrincipalSet compile_principal(const J& value, const std::string& path, PolicyKind kind) {
    PrincipalSet set;
    if (value.is_string()) {
        if (text(value) != "*")
            throw MalformedPolicyDocument(path, "Invalid principal in policy: \"" + std::string(text(value)) +
                                                    "\" (a string Principal can only be \"*\")");
        set.entries.push_back(PrincipalEntry{PrincipalEntry::Kind::Everyone, "*", "", ""});
    } else if (value.is_object()) {
        if (value.empty()) throw MalformedPolicyDocument(path, "Principal must name at least one principal");
        for (const auto& [section_name, entries] : value.items()) {
            const std::string section(section_name);
            const std::string section_path = path + "/" + section;
            if (section != "AWS" && section != "Service" && section != "Federated" && section != "CanonicalUser")
                throw MalformedPolicyDocument(section_path,
                                              "unknown principal type '" + section +
                                                  "' (expected AWS, Service, Federated or CanonicalUser)" +
                                                  suggestion(section, {"AWS", "Service", "Federated", "CanonicalUser"}));
            for_each_string(entries, section_path, "a principal list", "Principal must name at least one principal",
                            [&](std::string_view entry, int index) {
                if (section == "AWS") {
                    set.entries.push_back(aws_principal(entry, item_path(section_path, index)));
                    return;
                }
                if (entry.empty() || (entry != "*" && entry.find_first_of("*?") != std::string_view::npos))
                    throw MalformedPolicyDocument(item_path(section_path, index), invalid_principal(section, entry));
                PrincipalEntry e;
                e.value = std::string(entry);
                e.kind = section == "Service"     ? PrincipalEntry::Kind::Service
                         : section == "Federated" ? PrincipalEntry::Kind::Federated
                                                  : PrincipalEntry::Kind::CanonicalUser;
                set.entries.push_back(std::move(e));
            });
        }
    } else {
        throw MalformedPolicyDocument(path, "Principal must be \"*\" or an object such as {\"AWS\": \"ARN\"}");
    }
    // "You can only specify "*" in the Principal element of an RCP" (orgs_manage_policies_rcps_syntax): the
    // string, not {"AWS": "*"}.
    if (kind == PolicyKind::Rcp && !value.is_string())
        throw MalformedPolicyDocument(path, "the Principal of a resource control policy must be \"*\"");
    return set;
}

const std::vector<std::string> kStatementElements = {"Sid",      "Effect",   "Principal",   "NotPrincipal", "Action",
                                                     "NotAction", "Resource", "NotResource", "Condition"};

bool names_no_principal(PolicyKind kind) {
    return kind == PolicyKind::Identity || kind == PolicyKind::Boundary || kind == PolicyKind::Session ||
           kind == PolicyKind::Scp;
}

// IAM's own policies (not S3 bucket policies and the like) restrict Sid to letters and digits and require it
// unique (reference_policies_elements_sid).
bool iam_sid_rules(PolicyKind kind) { return kind != PolicyKind::Resource && kind != PolicyKind::Rcp && kind != PolicyKind::Endpoint; }

// The RCPs you write only deny (orgs_manage_policies_rcps_syntax): "The effect of Allow is only supported for the
// RCPFullAWSAccess policy", "You cannot use "*" in the Action element of a customer managed RCP", and NotAction is
// not supported. An Allow is accepted as RCPFullAWSAccess's one statement: everything, to everyone, unconditionally.
void check_rcp_statement(const Statement& st, const std::string& path) {
    const auto star = [](const Glob& a) { return a.text() == "*"; };
    if (st.not_action) throw MalformedPolicyDocument(path + "/NotAction", "NotAction is not supported in a resource control policy");
    if (st.effect == Effect::Allow) {
        const bool full_access = std::all_of(st.actions.begin(), st.actions.end(), star) && !st.not_resource &&
                                 std::all_of(st.resources.begin(), st.resources.end(), [](const ResourcePattern& r) { return r.any; }) &&
                                 st.conditions.empty();
        if (!full_access)
            throw MalformedPolicyDocument(path + "/Effect", "a resource control policy denies: \"Allow\" is only for "
                                                            "RCPFullAWSAccess (Action \"*\", Resource \"*\", no Condition)");
    } else if (std::any_of(st.actions.begin(), st.actions.end(), star)) {
        throw MalformedPolicyDocument(path + "/Action", "a resource control policy cannot deny Action \"*\": name the "
                                                        "services' actions (\"s3:*\", \"sts:*\")");
    }
}

// The statement's elements, by their index in kStatementElements.
enum StatementElement : std::size_t { kSid, kEffect, kPrincipal, kNotPrincipal, kAction, kNotAction, kResource, kNotResource, kCondition };

template <class J>
Statement compile_statement(const J& s, const std::string& path, std::uint32_t index, const Policy& policy) {
    const PolicyKind kind = policy.kind;
    if (!s.is_object()) throw MalformedPolicyDocument(path, "a statement must be a JSON object");
    // One pass over the members: each element is then at hand without searching the object again.
    std::array<json_access::Kept<J>, 9> element;
    std::vector<MalformedPolicyDocument> unknown;  // every element IAM does not know, not just the first
    for (const auto& item : s.items()) {
        const std::string_view name = item.key();
        const auto known = std::find(kStatementElements.begin(), kStatementElements.end(), name);
        if (known == kStatementElements.end())
            unknown.emplace_back(path + "/" + std::string(name),
                                 "unknown element '" + std::string(name) + "'" + suggestion(name, kStatementElements));
        else
            element[static_cast<std::size_t>(known - kStatementElements.begin())].keep(item.value());
    }
    if (!unknown.empty()) throw MalformedPolicyDocument::combined(std::move(unknown));
    Statement st;
    st.index = index;
    st.actions.reserve(2);
    st.path = path;

    if (const auto& sid = element[kSid]) {
        if (!(*sid).is_string()) throw MalformedPolicyDocument(path + "/Sid", "Sid must be a string");
        st.sid = std::string(text(*sid));
        if (iam_sid_rules(kind) &&
            !std::all_of(st.sid.begin(), st.sid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
            throw MalformedPolicyDocument(path + "/Sid",
                                          "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies "
                                          "the regular expression [0-9A-Za-z]*");
    }

    if (!element[kEffect]) throw MalformedPolicyDocument(path, "Missing required field Effect");
    const auto& effect = *element[kEffect];
    if (!effect.is_string() || (text(effect) != "Allow" && text(effect) != "Deny"))
        throw MalformedPolicyDocument(path + "/Effect",
                                      "Invalid effect: " + (effect.is_string() ? std::string(text(effect)) : dump(effect)) +
                                          " (expected \"Allow\" or \"Deny\")");
    st.effect = text(effect) == "Allow" ? Effect::Allow : Effect::Deny;

    // A trust policy names no resource (the role is its resource): IAM says so before it looks for a principal, "Has
    // prohibited field Resource" for a statement without one too (a recorded CreateRole answer, external-dns#3085).
    const bool has_r = bool(element[kResource]), has_nr = bool(element[kNotResource]);
    if (kind == PolicyKind::Trust && (has_r || has_nr))
        throw MalformedPolicyDocument(path + (has_r ? "/Resource" : "/NotResource"),
                                      std::string("Has prohibited field ") + (has_r ? "Resource" : "NotResource"));

    // Principal / NotPrincipal, by where the policy is attached.
    const bool has_p = bool(element[kPrincipal]), has_np = bool(element[kNotPrincipal]);
    if (has_p && has_np) throw MalformedPolicyDocument(path, "a statement cannot have both Principal and NotPrincipal");
    if ((has_p || has_np) && names_no_principal(kind))
        throw MalformedPolicyDocument(path + (has_p ? "/Principal" : "/NotPrincipal"),
                                      "Policy document should not specify a principal.");
    if (has_np && kind != PolicyKind::Resource && kind != PolicyKind::Endpoint)
        throw MalformedPolicyDocument(path + "/NotPrincipal",
                                      std::string("NotPrincipal is not supported in a ") + policy_type_name(kind));
    if (has_np && st.effect == Effect::Allow)
        throw MalformedPolicyDocument(path + "/NotPrincipal", "NotPrincipal can only be used with \"Effect\": \"Deny\"");
    if (!has_p && !has_np && !names_no_principal(kind)) throw MalformedPolicyDocument(path, "Missing required field Principal");
    if (has_p) {
        st.principal_element = PrincipalElement::Principal;
        st.principals = compile_principal(*element[kPrincipal], path + "/Principal", kind);
    } else if (has_np) {
        st.principal_element = PrincipalElement::NotPrincipal;
        st.principals = compile_principal(*element[kNotPrincipal], path + "/NotPrincipal", kind);
    }

    // Action / NotAction.
    const bool has_a = bool(element[kAction]), has_na = bool(element[kNotAction]);
    if (has_a && has_na) throw MalformedPolicyDocument(path, "a statement cannot have both Action and NotAction");
    if (!has_a && !has_na) throw MalformedPolicyDocument(path, "Policy statement must contain actions.");
    st.not_action = has_na;
    const char* action_name = has_a ? "Action" : "NotAction";
    auto action_path = [&] { return path + "/" + action_name; };
    for_each_string(*element[has_a ? kAction : kNotAction], action_path, action_name,
                    "Policy statement must contain actions.", [&](std::string_view a, int index) {
                        st.actions.push_back(compile_action(a, action_path, index));
                        // A trust policy grants only STS's role actions (sts:AssumeRole*, sts:TagSession,
                        // sts:SetSourceIdentity, ...): IAM refuses any other service's action with these words, as
                        // users report them (AWS's pages give no text).
                        if (kind == PolicyKind::Trust && has_a && a != "*" && !equal_ignoring_case(a.substr(0, 4), "sts:"))
                            throw MalformedPolicyDocument(item_path(action_path(), index),
                                                          "AssumeRole policy may only specify STS AssumeRole actions.");
                    });

    // Resource / NotResource (a trust policy has neither: above).
    if (kind != PolicyKind::Trust) {
        if (has_r && has_nr) throw MalformedPolicyDocument(path, "a statement cannot have both Resource and NotResource");
        if (!has_r && !has_nr) throw MalformedPolicyDocument(path, "Policy statement must contain resources.");
        st.has_resource = true;
        st.not_resource = has_nr;
        const char* resource_name = has_r ? "Resource" : "NotResource";
        auto resource_path = [&] { return path + "/" + resource_name; };
        for_each_string(*element[has_r ? kResource : kNotResource], resource_path, resource_name,
                        "Policy statement must contain resources.", [&](std::string_view r, int index) {
                            st.resources.push_back(compile_resource(r, resource_path, index, policy.variables_enabled));
                        });
    }

    // Condition.
    if (element[kCondition]) {
        const auto& block = *element[kCondition];
        const std::string cpath = path + "/Condition";
        if (!block.is_object()) throw MalformedPolicyDocument(cpath, "Condition must be an object of condition operators");
        for (const auto& [op_name, keys] : block.items()) {
            const std::string op_path = cpath + "/" + std::string(op_name);
            const auto op = ConditionOperator::parse(op_name);
            if (!op) {
                std::string base(op_name);
                for (const char* prefix : {"ForAnyValue:", "ForAllValues:"})
                    if (starts_with(base, prefix)) base = base.substr(std::string(prefix).size());
                // IAM's words, as users have recorded its answer ("Invalid Condition type : stringEquals").
                throw MalformedPolicyDocument(op_path, "Invalid Condition type : " + std::string(op_name) +
                                                           suggestion(base, condition_operator_names()));
            }
            if (!keys.is_object())
                throw MalformedPolicyDocument(op_path, "expected an object of condition keys and their values");
            for (const auto& [key_view, values] : keys.items()) {
                std::string key(key_view);
                std::string key_path = op_path + "/" + key;
                if (key.empty()) throw MalformedPolicyDocument(key_path, "a condition key cannot be empty");
                // Every condition key names its service or provider before a colon (aws:username, s3:prefix,
                // accounts.google.com:aud): IAM refuses a bare one as it refuses an action without a vendor (its own
                // message names both).
                if (key.find(':') == std::string::npos)
                    throw MalformedPolicyDocument(key_path, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, "
                                                            "ec2, etc.");
                st.conditions.push_back(
                    compile_condition(*op, std::move(key), values, policy.variables_enabled, std::move(key_path)));
            }
        }
    }
    if (kind == PolicyKind::Rcp) check_rcp_statement(st, path);
    return st;
}

}  // namespace

namespace {

// Compiles everything but the kept document.
template <class J>
Policy compile_document(const J& document, PolicyKind kind, std::string name) {
    Policy policy;
    policy.name = std::move(name);
    policy.kind = kind;
    if (!document.is_object())
        throw MalformedPolicyDocument("", "Syntax errors in policy. A policy document must be a JSON object");
    static const std::vector<std::string> kTop = {"Version", "Id", "Statement"};
    for (const auto& item : document.items()) {
        const std::string key(item.key());
        if (std::find(kTop.begin(), kTop.end(), key) == kTop.end())
            throw MalformedPolicyDocument(key, "unknown element '" + key + "' (a policy has Version, Id and Statement)" +
                                                   suggestion(key, kTop));
    }
    if (document.contains("Version")) {
        const auto& v = document["Version"];
        if (!v.is_string() || (text(v) != "2012-10-17" && text(v) != "2008-10-17"))
            throw MalformedPolicyDocument("Version", "invalid Version " + dump(v) +
                                                         " (expected \"2012-10-17\" or \"2008-10-17\")");
        policy.version = std::string(text(v));
    }
    // "Every SCP must include a Version element with the value "2012-10-17"", and every RCP
    // (orgs_manage_policies_scps_syntax, orgs_manage_policies_rcps_syntax).
    if ((kind == PolicyKind::Scp || kind == PolicyKind::Rcp) && policy.version != "2012-10-17")
        throw MalformedPolicyDocument("Version", std::string("every ") + policy_type_name(kind) +
                                                     " must have \"Version\": \"2012-10-17\"");
    policy.variables_enabled = policy.version == "2012-10-17";
    if (document.contains("Id") && !document["Id"].is_string())
        throw MalformedPolicyDocument("Id", "Id must be a string");
    if (!document.contains("Statement")) throw MalformedPolicyDocument("", "Missing required field Statement");
    const auto& statements = document["Statement"];
    if (statements.is_object()) {
        policy.statements.push_back(compile_statement(statements, "Statement", 0, policy));
    } else if (statements.is_array()) {
        policy.statements.reserve(statements.size());
        if (statements.empty()) throw MalformedPolicyDocument("Statement", "a policy needs at least one statement");
        // Each statement is compiled whatever the others' faults, so that all of them are found at once.
        std::vector<MalformedPolicyDocument> faults;
        for (std::size_t i = 0; i < statements.size(); ++i) {
            try {
                policy.statements.push_back(compile_statement(statements[i], "Statement/" + std::to_string(i),
                                                              static_cast<std::uint32_t>(i), policy));
            } catch (MalformedPolicyDocument& e) {
                faults.push_back(std::move(e));
            }
        }
        if (!faults.empty()) throw MalformedPolicyDocument::combined(std::move(faults));
    } else {
        throw MalformedPolicyDocument("Statement", "Statement must be an object or an array of objects");
    }
    if (iam_sid_rules(kind)) {
        std::set<std::string> seen;
        for (const auto& st : policy.statements)
            if (!st.sid.empty() && !seen.insert(st.sid).second)
                throw MalformedPolicyDocument(st.path + "/Sid", "Statement IDs (SID) in a single policy must be unique.");
    }
    return policy;
}

}  // namespace

Policy compile_policy_lite(const lite::Value& document, PolicyKind kind, std::string name) {
    return compile_document(document, kind, std::move(name));
}

Policy compile_policy(const nlohmann::json& document, PolicyKind kind, std::string name) {
    Policy policy = compile_document(document, kind, std::move(name));
    policy.document = std::make_shared<const nlohmann::json>(document);
    return policy;
}

Policy compile_policy(nlohmann::json&& document, PolicyKind kind, std::string name) {
    Policy policy = compile_document(document, kind, std::move(name));
    policy.document = std::make_shared<const nlohmann::json>(std::move(document));
    return policy;
}

Policy compile_policy_text(std::string_view text, PolicyKind kind, std::string name) {
    json document;
    try {
        document = parse_json_bounded(text);
    } catch (const json::parse_error& e) {
        // A trust policy that is not JSON is answered in other words than a permission policy, as users have recorded
        // CreateRole's and UpdateAssumeRolePolicy's answers.
        if (kind == PolicyKind::Trust)
            throw MalformedPolicyDocument("", "This policy contains invalid Json (at byte " + std::to_string(e.byte) + ")");
        throw MalformedPolicyDocument("", "Syntax errors in policy. Not valid JSON (at byte " + std::to_string(e.byte) + ")");
    } catch (const json::exception&) {  // a number beyond a double's range (1e400)
        throw MalformedPolicyDocument("", "Syntax errors in policy. A number is too large to read");
    } catch (const JsonTooDeep& e) {
        throw MalformedPolicyDocument("", std::string("Syntax errors in policy. Its ") + e.what());
    }
    if (const auto dup = json_access::first_duplicate_key(text)) throw json_access::duplicate_key_fault(*dup);
    return compile_policy(std::move(document), kind, std::move(name));
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 5) + 1;  // "identity_policy": 3 edits
    for (const auto& c : candidates) {
        // The distance is at least the lengths' difference: a pasted page is no misspelling, and is not compared.
        if ((c.size() > word.size() ? c.size() - word.size() : word.size() - c.size()) >= best_distance) continue;
        const std::size_t d = edit_distance_ignoring_case(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

}  // namespace stslab::iam
