#include "iam/evaluate.hpp"

#include "core/json_writer.hpp"

#include "iam/arn.hpp"
#include "iam/wildcard.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

namespace stslab::iam {

const char* to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::Allow: return "Allow";
        case Outcome::ExplicitDeny: return "ExplicitDeny";
        case Outcome::ImplicitDeny: return "ImplicitDeny";
    }
    return "ImplicitDeny";
}

std::string access_denied_message(const Request& request, Outcome outcome, PolicyKind kind) {
    // Appended into one buffer sized up front: this runs for every denied request.
    const std::string& who = request.principal.display();
    const std::string_view type = policy_type_name(kind);
    std::string m;
    m.reserve(112 + who.size() + 2 * request.action.size() + request.resource.size() + type.size());
    m.append("User: ").append(who).append(" is not authorized to perform: ").append(request.action);
    // An action that acts on no particular resource (ec2:DescribeInstances, authorized on "*") names none: "User: ...
    // is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows ..."
    // (troubleshoot_access-denied), as EC2's answers to DescribeInstances read.
    if (!request.resource.empty() && request.resource != "*") m.append(" on resource: ").append(request.resource);
    // "When a policy explicitly denies access ... with an explicit deny in a type policy ... When the policy implicitly
    // denies access ... because no type policy allows the action action" (troubleshoot_access-denied), SCPs included:
    // "User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: s3:GetObject because no service
    // control policy allows the s3:GetObject action" (AmazonS3 troubleshoot-403-errors). An older IAM page said an
    // SCP's refusal always read as an explicit deny; the current pages and real answers no longer do.
    if (outcome == Outcome::ExplicitDeny) {
        // troubleshoot_access-denied words a trust policy's deny "with an explicit deny in the role trust policy".
        const char* article = kind == PolicyKind::Trust ? "the " : kind == PolicyKind::Identity ? "an " : "a ";
        m.append(" with an explicit deny in ").append(article).append(type);
    } else {
        m.append(" because no ").append(type).append(" allows the ").append(request.action).append(" action");
    }
    return m;
}

const char* const kRootAssumeRoleMessage = "Roles may not be assumed by root accounts.";

std::string session_credentials_message(std::string_view operation) {
    return "Cannot call " + std::string(operation) + " with session credentials";
}

std::string federated_user_message(const std::string& arn, std::string_view action) {
    return "User: " + arn + " is not authorized to perform: " + std::string(action) +
           " because federated user credentials can call no IAM operation and no STS operation but GetCallerIdentity";
}

std::optional<CallerRule> caller_rule(const Principal& p, std::string_view action) {
    const bool session = p.type == PrincipalType::AssumedRole || p.type == PrincipalType::FederatedUser;
    const bool signed_in = session || p.type == PrincipalType::IAMUser || p.type == PrincipalType::Root;
    if (!signed_in) return std::nullopt;
    if (equal_ignoring_case(action, "sts:GetCallerIdentity"))
        return CallerRule{Outcome::Allow, "",
                          "GetCallerIdentity needs no permission and works even under an explicit deny "
                          "(API_GetCallerIdentity).",
                          "GetCallerIdentity는 권한이 필요 없으며, 명시적 거부가 있어도 동작합니다"
                          "(API_GetCallerIdentity)."};
    const bool session_token = equal_ignoring_case(action, "sts:GetSessionToken");
    if (session && (session_token || equal_ignoring_case(action, "sts:GetFederationToken")))
        return CallerRule{Outcome::ImplicitDeny,
                          session_credentials_message(session_token ? "GetSessionToken" : "GetFederationToken"),
                          "Temporary credentials from AssumeRole or GetFederationToken cannot call "
                          "GetSessionToken or GetFederationToken (id_credentials_sts-comparison).",
                          "AssumeRole이나 GetFederationToken으로 받은 임시 자격 증명으로는 GetSessionToken도 "
                          "GetFederationToken도 호출할 수 없습니다(id_credentials_sts-comparison)."};
    if (session_token)
        return CallerRule{Outcome::Allow, "",
                          "GetSessionToken needs no permission: \"You cannot use policies to control authentication "
                          "operations\" (id_credentials_temp_control-access_getsessiontoken).",
                          "GetSessionToken은 권한이 필요 없습니다. 인증 작업은 정책으로 제어할 수 없습니다"
                          "(\"You cannot use policies to control authentication operations\", "
                          "id_credentials_temp_control-access_getsessiontoken)."};
    if (p.type == PrincipalType::Root && equal_ignoring_case(action, "sts:AssumeRole"))
        return CallerRule{Outcome::ImplicitDeny, kRootAssumeRoleMessage,
                          "The root user cannot call AssumeRole: \"You must use credentials for an IAM user or an "
                          "IAM role to call AssumeRole\" (API_AssumeRole).",
                          "루트 사용자는 AssumeRole을 호출할 수 없습니다. AssumeRole은 IAM 사용자나 IAM 역할의 "
                          "자격 증명으로 호출해야 합니다(API_AssumeRole)."};
    // iam:PassRole is no IAM operation but a permission checked inside another service's call (RunInstances, say); and
    // the IAM limit "does not apply to console sessions" (id_credentials_sts-comparison, GetFederationToken).
    if (p.type == PrincipalType::FederatedUser && !equal_ignoring_case(action, "iam:PassRole") &&
        ((starts_with_ignoring_case(action, "iam:") && !p.console) || starts_with_ignoring_case(action, "sts:")))
        return CallerRule{Outcome::ImplicitDeny, federated_user_message(p.arn, action),
                          "A federated user (GetFederationToken) can call no IAM operation and no STS operation but "
                          "GetCallerIdentity (id_credentials_sts-comparison).",
                          "페더레이션 사용자(GetFederationToken)는 IAM 작업을 하나도 호출할 수 없고, STS 작업은 "
                          "GetCallerIdentity만 호출할 수 있습니다(id_credentials_sts-comparison)."};
    return std::nullopt;
}

namespace {

// How a Principal element names the requester; the order is the strength of the grant (evaluation step 3). User: the
// IAM user's own ARN, which a session policy given with the question still limits (access_policies, "Session
// policies"), where "*" or a session's own ARN (Direct) is not limited.
enum class Grant : std::uint8_t { None, Account, Role, User, Direct };
// Whether the grant names the principal itself (or everyone).
bool names_itself(Grant g) { return g == Grant::User || g == Grant::Direct; }

// Principals that belong to an account and have identity-based permissions there.
bool account_member(const Principal& p) {
    return p.type == PrincipalType::Root || p.type == PrincipalType::IAMUser || p.type == PrincipalType::AssumedRole ||
           p.type == PrincipalType::FederatedUser;
}

// A federated user whose GetFederationToken call the root user made: it has the root user's permissions, which
// no IAM policy limits, within its session policy (id_credentials_temp_control-access_disable-perms: "you cannot
// change the permissions for the temporary security credentials that were created by calling GetFederationToken
// or GetSessionToken while signed in as the root user"; id_credentials_temp_control-access_getfederationtoken:
// the session's permissions are "the intersection of the user's identity-based policy and the session policies").
bool federated_by_root(const Principal& p) {
    if (p.type != PrincipalType::FederatedUser) return false;  // asked of every request
    const std::size_t partition_end = p.arn.find(':', 4);    // arn:PARTITION:sts::ACCT:federated-user/NAME
    return partition_end != std::string::npos &&
           p.issuer_arn == account_root_arn(p.account, std::string_view(p.arn).substr(4, partition_end - 4));
}

// A session of a service-linked role (its path is /aws-service-role/SERVICE/): SCPs do not affect these roles
// (Organizations User Guide, orgs_manage_policies_scps: "SCPs don't affect service-linked roles").
bool service_linked_role_session(const Principal& p) {
    if (p.type != PrincipalType::AssumedRole) return false;
    const std::size_t resource = p.role_arn.find(":role/");
    return resource != std::string::npos && p.role_arn.compare(resource + 6, 17, "aws-service-role/") == 0;
}

// Whether RCPs govern the action's service. Organizations User Guide, orgs_manage_policies_rcps, "List of AWS services
// that support RCPs": "RCPs apply to actions for the following AWS services", each listed with its prefix. RCPs
// began with five (S3, STS, KMS, SQS, Secrets Manager: the Control Tower guide's rcp-controls still lists only
// those) and AWS has added services since; this is the page's list as of late 2025. EC2 and IAM are not on it.
bool rcp_service(std::string_view action) {
    static constexpr std::string_view kPrefixes[] = {
        "appstream", "dsql", "clouddirectory", "cloudfront", "cloudsearch", "logs", "networkmonitor",
        "cognito-identity", "cognito-idp", "comprehend", "comprehendmedical", "firehose", "dynamodb", "dax",
        "autoscaling", "ecr", "ecr-public", "gamelift", "inspector-scan", "kendra", "kinesisvideo", "memorydb", "aoss",
        "personalize", "polly", "s3", "swf", "sqs", "textract", "timestream-influxdb", "transcribe", "translate",
        "workspaces", "appconfig", "autoscaling-plans", "budgets", "servicediscovery", "cloudtrail-data",
        "codeartifact", "codebuild", "codecommit", "codepipeline", "compute-optimizer", "cost-optimization-hub",
        "events", "fms", "fis", "health", "rolesanywhere", "kms", "opensearch", "pricing", "pca-connector-ad",
        "resource-groups", "secretsmanager", "sts", "signin", "support", "transfer", "notifications", "wafv2", "xray"};
    const std::size_t colon = action.find(':');
    const std::string_view service = action.substr(0, colon == std::string_view::npos ? 0 : colon);
    for (const std::string_view s : kPrefixes)
        if (equal_ignoring_case(service, s)) return true;
    return false;
}

// Whether the principal is the user or role an entry's unique id names (a role session's id begins with its role's).
bool same_unique_id(const PrincipalEntry& e, const Principal& p) {
    return e.unique_id.empty() || std::string_view(p.id).substr(0, p.id.find(':')) == e.unique_id;
}

Grant match_entry(const PrincipalEntry& e, const Principal& p) {
    using K = PrincipalEntry::Kind;
    switch (e.kind) {
        case K::Everyone: return Grant::Direct;
        case K::Account: return account_member(p) && p.account == e.account ? Grant::Account : Grant::None;
        // Naming the IAM user who called GetFederationToken names all the federated users it created
        // (id_credentials_temp_control-access_disable-perms, "Denying access to federated users"), as a role ARN
        // names its sessions: limited by the session policy (reference_policies_evaluation-logic_policy-eval-
        // denyallow: "if a resource-based policy grants permission to the ARN of the IAM user who federated, then
        // requests made by the federated user during the session are limited by an implicit deny in a permission
        // boundary or session policy").
        case K::User:
            if (p.type == PrincipalType::IAMUser && p.arn == e.value && same_unique_id(e, p)) return Grant::User;
            return p.type == PrincipalType::FederatedUser && p.issuer_arn == e.value ? Grant::Role : Grant::None;
        case K::Role:
            return p.type == PrincipalType::AssumedRole && p.role_arn == e.value && same_unique_id(e, p) ? Grant::Role : Grant::None;
        case K::RoleSession:
            return p.type == PrincipalType::AssumedRole && p.arn == e.value ? Grant::Direct : Grant::None;
        case K::FederatedUser:
            return p.type == PrincipalType::FederatedUser && p.arn == e.value ? Grant::Direct : Grant::None;
        case K::Service: return p.type == PrincipalType::Service && p.arn == e.value ? Grant::Direct : Grant::None;
        case K::Federated:
            return (p.type == PrincipalType::SAMLUser || p.type == PrincipalType::WebIdentityUser) && p.arn == e.value
                       ? Grant::Direct
                       : Grant::None;
        case K::CanonicalUser: return Grant::None;
    }
    return Grant::None;
}

// NotPrincipal: the requester escapes the statement only when every identity AWS checks is listed: the account
// and then the user / federated user itself, and for a role session the account, the role and then the session
// (reference_policies_elements_notprincipal: "If an assumed-role user (someone who is using a role) is being
// evaluated, AWS might validate the account first, then the role, and then the assumed-role user"; of its example,
// "If the NotPrincipal element was missing the ARN of the role, the effect of the policy might be to explicitly
// deny access to the role"). A role's ARN does not stand for its sessions here: "When you specify an assumed-role
// session in a NotPrincipal element, you cannot use a wildcard (*) to mean 'all sessions'. Principals must always
// name a specific session."; nor does the ARN of the IAM user who federated stand for its federated users.
bool excluded_by(const PrincipalSet& set, const Principal& p) {
    bool everyone = false, account = false, role = false, self = false;
    for (const auto& e : set.entries) {
        const Grant g = match_entry(e, p);
        if (e.kind == PrincipalEntry::Kind::Everyone) everyone = true;
        else if (g == Grant::Account) account = true;
        else if (g == Grant::Role) role = true;
        else if (names_itself(g)) self = true;
    }
    if (everyone) return true;
    if (p.type == PrincipalType::Root) return account;
    if (p.type == PrincipalType::AssumedRole) return account && role && self;
    if (account_member(p)) return account && self;
    return self;
}

// A sentence of an explanation in English and in Korean (EvaluationStep::detail, detail_ko).
struct Words {
    std::string en, ko;
};
// The same, fixed: nothing is built unless the decision is explained.
struct FixedWords {
    const char* en;
    const char* ko;
};

Words grant_words(Grant g) {
    switch (g) {
        case Grant::User:
        case Grant::Direct: return {"names the principal itself", "보안 주체 자신을 지정함"};
        case Grant::Role:
            return {"names the role or IAM user this session was made from", "이 세션을 만든 역할 또는 IAM 사용자를 지정함"};
        case Grant::Account: return {"names the principal's account", "보안 주체의 계정을 지정함"};
        case Grant::None: return {"does not name the principal", "보안 주체를 지정하지 않음"};
    }
    return {};
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// How a statement's Action or Resource element (`element`, its Not form when `negated`) met the request's `value`:
// the pattern that matched it (`hit`), or that none did; for a Not element, whether that leaves the statement
// covering the request (`covered`). "Action 's3:*' matches 's3:GetObject'".
Words match_words(const char* element, const std::string* hit, const std::string& value, bool negated, bool covered) {
    const std::string v = quoted(value);
    Words w = hit ? Words{std::string(element) + " " + quoted(*hit) + " matches " + v,
                          std::string(element) + " 패턴 " + quoted(*hit) + ": 요청의 " + v + "에 일치합니다"}
                  : Words{std::string("no ") + element + " pattern matches " + v,
                          "요청의 " + v + "에 일치하는 " + element + " 패턴이 없습니다"};
    if (negated) {
        w.en += covered ? ", so the statement covers it" : ", so it is excluded";
        w.ko += covered ? ". 따라서 이 문이 적용됩니다" : ". 따라서 제외됩니다";
    }
    return w;
}

// Whether a Resource or NotResource pattern matches the request's resource; a pattern whose policy variable has no
// value in the request matches nothing, and is Unresolved.
enum class ResourceMatch { Yes, No, Unresolved };
ResourceMatch resource_match(const ResourcePattern& rp, const Request& r, const ArnParts& resource) {
    if (rp.any) return ResourceMatch::Yes;
    if (!rp.pattern.has_variables()) return rp.matcher.matches(resource) ? ResourceMatch::Yes : ResourceMatch::No;
    thread_local std::string scratch;
    if (!rp.pattern.resolve_code(r.context, scratch)) return ResourceMatch::Unresolved;
    return match_arn(scratch, resource) ? ResourceMatch::Yes : ResourceMatch::No;
}

// The policy's values are alternatives ("or"); a multivalued key in the request has all of its values ("and").
std::string quoted_list(const std::vector<std::string>& values, const char* joint) {
    std::string s;
    for (const std::string& v : values) s += (s.empty() ? "" : joint) + quoted(v);
    return s;
}

// One condition in words, with both sides: "StringEquals sts:ExternalId wants 'a', and the request has 'b'", or for a
// negated operator "StringNotEquals aws:PrincipalTag/team excludes 'db', and the request has 'db'". A value with a
// policy variable says what it is in this request: "'${aws:PrincipalTag/project}' (in this request 'alpha')".
Words condition_words(const ConditionCheck& c) {
    const std::string head = c.op + " " + c.key;
    const bool negated = c.op.find("Not") != std::string::npos;
    Words w{head + (negated ? " excludes " + quoted_list(c.policy_values, " and ") : " wants " + quoted_list(c.policy_values, " or ")),
            head + ": 정책 값 " + quoted_list(c.policy_values, " 또는 ")};
    if (!c.resolved_values.empty()) {
        // A variable whose key the request lacks (or has empty) matches nothing (reference_policies_variables).
        if (std::all_of(c.resolved_values.begin(), c.resolved_values.end(), [](const std::string& v) { return v.empty(); })) {
            w.en += " (in this request its variable has no value, so it matches nothing)";
            w.ko += " (이 요청에서는 변수에 값이 없어 어떤 값과도 일치하지 않음)";
        } else {
            w.en += " (in this request " + quoted_list(c.resolved_values, " or ") + ")";
            w.ko += " (이 요청에서는 " + quoted_list(c.resolved_values, " 또는 ") + ")";
        }
    }
    w.en += ", and the request " + (c.key_present ? "has " + quoted_list(c.request_values, " and ") : std::string("does not have the key"));
    w.ko += ", " + (c.key_present ? "요청 값 " + quoted_list(c.request_values, ", ") : std::string("요청에는 이 키가 없음"));
    return w;
}

// The check of the statement `m` in an explained evaluation, or null.
const StatementCheck* statement_check(const Explanation& ex, const MatchedStatement& m) {
    for (const PolicyCheck& p : ex.policies) {
        if (p.policy != m.policy || p.level != m.level) continue;
        for (const StatementCheck& s : p.statements)
            if (s.index == m.statement) return &s;
    }
    return nullptr;
}

// Why a Deny written with NotPrincipal applies to this principal, which it may seem to name: the principal's
// permissions boundary ("a Deny with NotPrincipal always applies to such principals"), or a session whose role, or
// account, the element does not also list. Empty for any other statement.
Words deny_not_principal(const Explanation& ex, const MatchedStatement& m) {
    if (m.policy == nullptr || m.statement >= m.policy->statements.size() ||
        m.policy->statements[m.statement].principal_element != PrincipalElement::NotPrincipal)
        return {};
    const StatementCheck* s = statement_check(ex, m);
    if (s == nullptr || s->principal_detail.empty()) return {};
    return {" Its NotPrincipal does not spare this principal: " + s->principal_detail + ".",
            " 이 문의 NotPrincipal은 이 보안 주체를 제외하지 않습니다: " + s->principal_detail_ko + "."};
}

// Why a Deny's conditions held, for the statement `m` (in an explained evaluation): each condition with both sides,
// and why a missing key matched ("a negated operator holds when the key is missing": the classic IP allow list
// written as Deny NotIpAddress refuses a request without aws:SourceIp). Empty when the statement has no condition.
Words deny_conditions(const Explanation& ex, const MatchedStatement& m) {
    const StatementCheck* s = statement_check(ex, m);
    if (s == nullptr || s->conditions.empty()) return {};
    Words words;
    for (const ConditionCheck& c : s->conditions) {
        const Words one = condition_words(c);
        words.en += (words.en.empty() ? "" : "; ") + one.en;
        words.ko += (words.ko.empty() ? "" : "; ") + one.ko;
        if (c.key_present) continue;
        const bool negated = c.op.find("Not") != std::string::npos;
        const bool if_exists = c.op.size() > 8 && c.op.compare(c.op.size() - 8, 8, "IfExists") == 0;
        const bool for_all = c.op.rfind("ForAllValues:", 0) == 0;
        const FixedWords why = negated     ? FixedWords{"a negated operator", "부정 연산자는"}
                               : if_exists ? FixedWords{"...IfExists", "...IfExists는"}
                               : for_all   ? FixedWords{"ForAllValues", "ForAllValues는"}
                                           : FixedWords{nullptr, nullptr};
        if (!why.en) continue;
        words.en += " (" + std::string(why.en) + " holds when the key is missing)";
        words.ko += " (" + std::string(why.ko) + " 키가 없으면 참입니다)";
    }
    const bool one = s->conditions.size() == 1;
    return {(one ? " Its condition holds: " : " Its conditions all hold: ") + words.en + ".",
            (one ? " 이 문의 조건이 충족됩니다: " : " 이 문의 조건이 모두 충족됩니다: ") + words.ko + "."};
}

// A statement of a policy of `kind` that allows this principal this action on this resource, but for a condition that
// does not hold (an ExternalId that does not match, MFA absent, an aws:PrincipalOrgID of another organization): the
// first such condition; null when there is none.
const ConditionCheck* unmet_condition(const Explanation& ex, PolicyKind kind) {
    for (const PolicyCheck& p : ex.policies) {
        if (p.kind != kind) continue;
        for (const StatementCheck& s : p.statements) {
            if (s.effect != Effect::Allow || !s.action_matched || !s.resource_matched || (s.principal_checked && !s.principal_matched) ||
                s.conditions_matched)
                continue;
            for (const ConditionCheck& c : s.conditions)
                if (!c.matched) return &c;
        }
    }
    return nullptr;
}

// Why a policy type with no applicable Allow refused (`base`), and, when one of its statements allows this action on
// this resource but for a condition that does not hold (an Allow requiring MFA, asked without it), that condition and
// both sides of it: the piece a student would look for.
Words refusal_with_condition(const Explanation& ex, PolicyKind kind, FixedWords base) {
    Words w{base.en, base.ko};
    if (const ConditionCheck* c = unmet_condition(ex, kind)) {
        const Words failed = condition_words(*c);
        w.en += " One allows it only under a condition that does not hold: " + failed.en + ".";
        w.ko += " 조건부로만 허용하는 문이 있는데, 그 조건이 충족되지 않습니다: " + failed.ko + ".";
    }
    return w;
}

// Why a role's trust policy refused: when a statement allows this principal this action and only a condition
// failed (an ExternalId that does not match, MFA absent), that condition and both sides of it; otherwise that no
// statement names the caller for the action.
Words trust_refusal(const Explanation& ex, std::string_view action) {
    if (const ConditionCheck* c = unmet_condition(ex, PolicyKind::Trust)) {
        const Words failed = condition_words(*c);
        return {"The role's trust policy allows this principal this action only under a condition that does not hold: " +
                    failed.en + ".",
                "역할의 신뢰 정책은 이 보안 주체에게 이 작업을 조건부로만 허용하는데, 그 조건이 충족되지 않습니다: " +
                    failed.ko + "."};
    }
    // Passing session tags or a source identity needs the trust policy to allow that action too (id_session-tags,
    // id_credentials_temp_control-access_monitor), even when it lets the caller assume the role.
    if (equal_ignoring_case(action, "sts:TagSession"))
        return {"The role's trust policy does not allow this principal sts:TagSession: a call that passes session tags "
                "needs the trust policy to allow sts:TagSession as well as assuming the role.",
                "역할의 신뢰 정책이 이 보안 주체에게 sts:TagSession을 허용하지 않습니다. 세션 태그를 전달하려면 신뢰 "
                "정책이 역할 수임뿐 아니라 sts:TagSession도 허용해야 합니다."};
    if (equal_ignoring_case(action, "sts:SetSourceIdentity"))
        return {"The role's trust policy does not allow this principal sts:SetSourceIdentity: a call that sets a source "
                "identity (or carries one along a role chain) needs the trust policy to allow sts:SetSourceIdentity as "
                "well as assuming the role.",
                "역할의 신뢰 정책이 이 보안 주체에게 sts:SetSourceIdentity를 허용하지 않습니다. 소스 자격 증명을 "
                "설정하려면(또는 역할 체인을 따라 전달하려면) 신뢰 정책이 역할 수임뿐 아니라 sts:SetSourceIdentity도 "
                "허용해야 합니다."};
    return {"The role's trust policy does not allow this principal; a role can only be assumed when its trust policy "
            "allows the caller.",
            "역할의 신뢰 정책이 이 보안 주체를 허용하지 않습니다. 역할은 신뢰 정책이 호출자를 허용할 때만 수임할 수 "
            "있습니다."};
}

// Why a resource-based policy refused a request that needs it to allow (evaluation step 3): none attached (`kind`
// null), a KMS key policy, an anonymous request, an AWS service principal's request, or the resource's account not
// allowing a cross-account request; for the last two, the condition that failed when a statement allows this
// principal this action but for it (a bucket shared with an organization through aws:PrincipalOrgID, asked by an
// account outside it; a bucket that takes a service's writes only for its own aws:SourceArn).
// The KMS operations another account's principals may perform on a key: "Cross-account permissions are effective only
// for the following operations ... If you give a user in a different account permission for other operations, those
// permissions have no effect. For example, if you give a principal in a different account kms:ListKeys permission in an
// IAM policy, or kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the user's attempts to call those
// operations on your resources still fail" (KMS key-policy-modifying-external-accounts; "Cross-account use: Yes" in
// kms-api-permissions-reference).
bool kms_cross_account_action(std::string_view action) {
    static const std::array<std::string_view, 19> kActions = {
        "kms:creategrant",  "kms:decrypt",       "kms:derivesharedsecret",   "kms:describekey",
        "kms:encrypt",      "kms:generatedatakey", "kms:generatedatakeypair", "kms:generatedatakeypairwithoutplaintext",
        "kms:generatedatakeywithoutplaintext", "kms:generatemac", "kms:getpublickey", "kms:listgrants",
        "kms:reencryptfrom", "kms:reencryptto",  "kms:retiregrant",          "kms:revokegrant",
        "kms:sign",         "kms:verify",        "kms:verifymac"};
    return std::any_of(kActions.begin(), kActions.end(), [&](std::string_view a) { return glob::equal_lowered(a, action); });
}

Words resource_refusal(const Explanation& ex, const PolicyKind* kind, bool kms_same_account, PrincipalType caller) {
    const bool anonymous = caller == PrincipalType::Anonymous;
    if (!kind)
        return {"No resource-based policy is attached, and this request needs one to allow it.",
                "연결된 리소스 기반 정책이 없는데, 이 요청은 리소스 기반 정책이 허용해야 합니다."};
    if (kms_same_account)
        return {"The KMS key's key policy does not allow this principal: a key policy must allow access (naming the "
                "principal, or the account to let IAM policies grant it); an identity-based policy alone never does.",
                "KMS 키의 키 정책이 이 보안 주체를 허용하지 않습니다. 키 정책이 액세스를 허용해야 하며(보안 주체를 "
                "지정하거나, IAM 정책이 권한을 줄 수 있도록 계정을 지정), 자격 증명 기반 정책만으로는 결코 허용되지 "
                "않습니다."};
    if (anonymous)
        return {"The request is anonymous (signed with no credentials): only a resource-based policy that allows "
                "everyone (\"Principal\": \"*\") lets it in, and this one has no applicable Allow.",
                "익명 요청입니다(자격 증명으로 서명되지 않음). 모든 사용자를 허용하는(\"Principal\": \"*\") 리소스 기반 "
                "정책만 이를 허용할 수 있는데, 이 정책에는 적용 가능한 Allow 문이 없습니다."};
    // An AWS service principal belongs to no account and has no identity-based policies: the resource's policy alone
    // can let it in (confused-deputy, cross-service: aws:SourceArn and aws:SourceAccount say for whom it acts).
    if (caller == PrincipalType::Service) {
        if (const ConditionCheck* c = unmet_condition(ex, *kind)) {
            const Words failed = condition_words(*c);
            return {"The caller is an AWS service principal, which has no identity-based policies: only the "
                    "resource-based policy can allow it, and it allows this principal this action only under a "
                    "condition that does not hold: " + failed.en + ".",
                    "호출자는 AWS 서비스 보안 주체이며 자격 증명 기반 정책이 없습니다. 리소스 기반 정책만 이를 허용할 수 "
                    "있는데, 이 정책은 이 보안 주체에게 이 작업을 조건부로만 허용하며, 그 조건이 충족되지 않습니다: " +
                        failed.ko + "."};
        }
        return {"The caller is an AWS service principal, which has no identity-based policies: only the resource-based "
                "policy can allow it, and it has no applicable Allow.",
                "호출자는 AWS 서비스 보안 주체이며 자격 증명 기반 정책이 없습니다. 리소스 기반 정책만 이를 허용할 수 "
                "있는데, 이 정책에는 적용 가능한 Allow 문이 없습니다."};
    }
    if (const ConditionCheck* c = unmet_condition(ex, *kind)) {
        const Words failed = condition_words(*c);
        return {"A cross-account request needs both accounts to allow it, and the resource's account does not: its "
                "resource-based policy allows this principal this action only under a condition that does not hold: " +
                    failed.en + ".",
                "교차 계정 요청은 두 계정이 모두 허용해야 하는데, 리소스의 계정이 허용하지 않습니다. 리소스 기반 정책은 "
                "이 보안 주체에게 이 작업을 조건부로만 허용하는데, 그 조건이 충족되지 않습니다: " + failed.ko + "."};
    }
    return {"The resource's account does not allow the request: its resource-based policy has no applicable Allow, "
            "and a cross-account request needs both accounts to allow it.",
            "리소스의 계정이 요청을 허용하지 않습니다. 리소스 기반 정책에 적용 가능한 Allow 문이 없으며, 교차 계정 "
            "요청은 두 계정이 모두 허용해야 합니다."};
}

}  // namespace

std::string organization_level_name(const std::string& t, bool korean) {
    if (t == "root") return korean ? "루트" : "the root";
    const bool account = t.size() == 12 && t.find_first_not_of("0123456789") == std::string::npos;
    return (account ? (korean ? "계정 " : "account ") : "OU ") + t;
}

namespace {

// "1 (OU Workloads)": an organization level by its number and, where the world says, what it is (the root, an OU,
// the account).
std::string level_words(const PolicySet& ps, PolicyKind kind, int level, bool korean) {
    std::string s = std::to_string(level);
    const auto& targets = kind == PolicyKind::Rcp ? ps.rcp_targets : ps.scp_targets;
    if (!targets || level < 0 || static_cast<std::size_t>(level) >= targets->size()) return s;
    return s + " (" + organization_level_name((*targets)[static_cast<std::size_t>(level)], korean) + ")";
}

std::string statement_name(const MatchedStatement& m, const PolicySet& ps) {
    const Statement& st = m.policy->statements[m.statement];
    std::string s = st.path;
    if (!st.sid.empty()) s += " (Sid " + st.sid + ")";
    s += std::string(" of the ") + policy_type_name(m.policy->kind);
    if (!m.policy->name.empty()) s += " " + quoted(m.policy->name);
    if (m.level >= 0) s += " at organization level " + level_words(ps, m.policy->kind, m.level, false);
    if (st.sid == kS3NetworkOriginSid) s += " (the Deny S3 applies for the access point's VPC network origin, which no file writes)";
    return s;
}

// "자격 증명 기반 정책 'DenyAll'의 Statement/0 (Sid X)": statement_name() in Korean word order.
std::string statement_name_ko(const MatchedStatement& m, const PolicySet& ps) {
    const Statement& st = m.policy->statements[m.statement];
    std::string s = policy_type_name_ko(m.policy->kind);
    if (!m.policy->name.empty()) s += " " + quoted(policy_name_ko(m.policy->name));
    if (m.level >= 0) s += "(조직 수준 " + level_words(ps, m.policy->kind, m.level, true) + ")";
    s += "의 " + st.path;
    if (!st.sid.empty()) s += " (Sid " + st.sid + ")";
    if (st.sid == kS3NetworkOriginSid) s += "(액세스 포인트의 VPC 네트워크 오리진 때문에 S3가 적용하는 Deny로, 파일에는 쓰여 있지 않습니다)";
    return s;
}

Words statement_words(const MatchedStatement& m, const PolicySet& ps) {
    return {statement_name(m, ps), statement_name_ko(m, ps)};
}

// "Allow: P may perform A on R" and the same in Korean (the English without its closing full stop, which a
// "granted by" may precede); `on_resource` false names no resource (the caller rules), nor does an action on no
// particular resource ("*"), as in access_denied_message().
Words allowed_words(const Request& r, bool on_resource) {
    const std::string& who = r.principal.display();
    const bool resource = on_resource && !r.resource.empty() && r.resource != "*";
    return {"Allow: " + who + " may perform " + r.action + (resource ? " on " + r.resource : std::string()),
            "허용: 보안 주체 " + who + "에게 " + (resource ? "리소스 " + r.resource + "에 대한 " : std::string()) + r.action +
                " 작업이 허용됩니다."};
}

std::string denied_words(Outcome outcome) { return outcome == Outcome::ExplicitDeny ? "명시적 거부" : "암시적 거부"; }

// What one policy type contributed: any applicable Allow / Deny, and the strongest grant among the Allows.
struct GroupResult {
    bool allow = false;
    bool deny = false;
    Grant grant = Grant::None;
    std::optional<MatchedStatement> best_allow;
    std::optional<MatchedStatement> first_deny;
};

class Evaluator {
public:
    // `owner_root`: the bucket owner's root user asks for its bucket's policy, which `ps` leaves out
    // (bucket_owner_root_exempt).
    Evaluator(const Request& r, const PolicySet& ps, EvalDetail detail, Decision& d, bool owner_root = false)
        : r_(r), ps_(ps), detail_(detail), d_(d), explain_(detail == EvalDetail::Explain), owner_root_(owner_root),
          resource_(r.resource) {
        // The action, lower-cased once (action patterns are compiled lower-case), when it fits the buffer.
        if (r.action.size() <= action_buffer_.size()) {
            for (std::size_t i = 0; i < r.action.size(); ++i) {
                const char c = r.action[i];
                action_buffer_[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
            }
            action_lower_ = std::string_view(action_buffer_.data(), r.action.size());
            have_lower_ = true;
        }
    }

    void run();

private:
    bool statement_applies(const Statement& st, Grant& grant, StatementCheck* c) const;
    void run_policy(const Policy& p, int level, GroupResult& g);
    // Runs every level; returns the first level without an Allow (or -1), merging Deny results into `g`.
    int run_levels(const std::vector<std::vector<const Policy*>>& levels, GroupResult& g);
    // Records an evaluation step; `detail` is FixedWords, or a callable making its Words, so nothing is built
    // unless the decision is being explained.
    template <class Detail>
    void step(const char* name, const char* outcome, Detail&& detail) {
        if (!explain_) return;
        if constexpr (std::is_invocable_v<Detail>) {
            Words w = detail();
            d_.explanation->steps.push_back(EvaluationStep{name, outcome, std::move(w.en), std::move(w.ko)});
        } else {
            const FixedWords& w = detail;
            d_.explanation->steps.push_back(EvaluationStep{name, outcome, w.en, w.ko});
        }
    }
    void finish(Outcome outcome, std::optional<PolicyKind> kind, std::optional<MatchedStatement> deciding);

    const Request& r_;
    const PolicySet& ps_;
    EvalDetail detail_;
    Decision& d_;
    bool explain_;
    bool owner_root_;
    ArnParts resource_;
    std::array<char, 128> action_buffer_;  // not zeroed: only the first action.size() bytes are used
    std::string_view action_lower_;
    bool have_lower_ = false;
};

bool Evaluator::statement_applies(const Statement& st, Grant& grant, StatementCheck* c) const {
    const bool full = c != nullptr;
    bool ok = true;

    const Glob* action_hit = nullptr;
    for (const auto& g : st.actions)
        if (have_lower_ ? g.matches_lowered(action_lower_) : g.matches(r_.action)) {
            action_hit = &g;
            break;
        }
    const bool action_ok = st.not_action ? action_hit == nullptr : action_hit != nullptr;
    if (c) {
        c->action_matched = action_ok;
        const Words words = match_words(st.not_action ? "NotAction" : "Action", action_hit ? &action_hit->text() : nullptr,
                                        r_.action, st.not_action, action_ok);
        c->action_detail = words.en;
        c->action_detail_ko = words.ko;
    }
    if (!action_ok) {
        if (!full) return false;
        ok = false;
    }

    bool resource_ok = true;
    if (st.has_resource) {
        const ResourcePattern* hit = nullptr;
        const ResourcePattern* unresolved = nullptr;
        for (const auto& rp : st.resources) {
            const ResourceMatch m = resource_match(rp, r_, resource_);
            if (m == ResourceMatch::Yes) {
                hit = &rp;
                break;
            }
            if (m == ResourceMatch::Unresolved && !unresolved) unresolved = &rp;
        }
        // A variable the request has no value for: "If a variable that has no value in the authorization context is
        // used as part of the Resource or NotResource element of a policy, the resource that includes a policy
        // variable with no value will not match any resource" (reference_policies_variables, "Policy variables with
        // no value"). In Resource it grants nothing; in NotResource it excludes nothing.
        resource_ok = st.not_resource ? hit == nullptr : hit != nullptr;
        if (c && st.not_resource && unresolved && !hit) {
            const std::string p = quoted(unresolved->pattern.text());
            c->resource_detail = "NotResource " + p + " has a policy variable this request has no value for, so it matches no resource and does not exclude " + quoted(r_.resource);
            c->resource_detail_ko = "NotResource " + p + "의 정책 변수에 이 요청의 값이 없으므로 어떤 리소스와도 일치하지 않아 " + quoted(r_.resource) + "을(를) 제외하지 않습니다";
        } else if (c) {
            const Words words = match_words(st.not_resource ? "NotResource" : "Resource", hit ? &hit->pattern.text() : nullptr,
                                            r_.resource, st.not_resource, resource_ok);
            c->resource_detail = words.en;
            c->resource_detail_ko = words.ko;
        }
    } else if (c) {
        c->resource_detail = "a role trust policy has no Resource: its resource is the role itself";
        c->resource_detail_ko = "역할 신뢰 정책에는 Resource가 없습니다. 리소스는 역할 자신입니다";
    }
    if (c) c->resource_matched = resource_ok;
    if (!resource_ok) {
        if (!full) return false;
        ok = false;
    }

    grant = Grant::None;
    if (st.principal_element == PrincipalElement::Principal) {
        const PrincipalEntry* hit = nullptr;
        for (const auto& e : st.principals.entries) {
            const Grant g = match_entry(e, r_.principal);
            if (g > grant) {
                grant = g;
                hit = &e;
            }
        }
        if (c) {
            c->principal_checked = true;
            c->principal_matched = grant != Grant::None;
            // "*" grants as the principal's own ARN does (Grant::Direct), and is told as what it is.
            const bool everyone = hit && hit->kind == PrincipalEntry::Kind::Everyone;
            const Words names = everyone ? Words{"names everyone", "모든 사용자를 지정함"} : grant_words(grant);
            const std::string& who = r_.principal.display();
            c->principal_detail = hit ? "Principal " + quoted(hit->value) + " " + names.en + " (" + who + ")"
                                      : "no Principal entry names " + who;
            c->principal_detail_ko = hit ? "Principal " + quoted(hit->value) + ": " + names.ko + " (" + who + ")"
                                         : "Principal 항목 중 " + who + "에 해당하는 것이 없습니다";
            // An entry that names the principal's ARN but was saved with the unique id of a user or role since
            // deleted: the principal of that name now is another.
            for (const auto& e : st.principals.entries) {
                PrincipalEntry by_arn = e;
                by_arn.unique_id.clear();
                if (hit || same_unique_id(e, r_.principal) || match_entry(by_arn, r_.principal) == Grant::None) continue;
                const bool role = e.kind == PrincipalEntry::Kind::Role;
                c->principal_detail = "Principal " + quoted(e.value) + " was saved as the unique id " + e.unique_id +
                                      " of a " + (role ? "role" : "user") + " since deleted: " + who +
                                      " is another principal of the same name (reference_policies_elements_principal)";
                c->principal_detail_ko = "Principal " + quoted(e.value) + ": 그 뒤 삭제된 " + (role ? "역할" : "사용자") +
                                         "의 고유 ID " + e.unique_id + "로 저장되어 있습니다. 같은 이름의 다른 보안 주체입니다: " +
                                         who + " (reference_policies_elements_principal)";
            }
        }
        if (grant == Grant::None) {
            if (!full) return false;
            ok = false;
        }
    } else if (st.principal_element == PrincipalElement::NotPrincipal) {
        const bool boundary_rule = st.effect == Effect::Deny && ps_.boundary != nullptr &&
                                   (r_.principal.type == PrincipalType::IAMUser ||
                                    r_.principal.type == PrincipalType::AssumedRole);
        const bool excluded = excluded_by(st.principals, r_.principal);
        const bool applies = boundary_rule || !excluded;
        if (c) {
            c->principal_checked = true;
            c->principal_matched = applies;
            const std::string& who = r_.principal.display();
            // What else NotPrincipal must list for the statement to spare this principal (excluded_by).
            const bool session = r_.principal.type == PrincipalType::AssumedRole;
            if (boundary_rule) {
                c->principal_detail = "the principal has a permissions boundary, and a Deny with NotPrincipal always "
                                      "applies to such principals (access_policies_boundaries)";
                c->principal_detail_ko = "보안 주체에게 권한 경계가 있으며, NotPrincipal을 쓴 Deny는 그런 보안 주체에게 "
                                         "항상 적용됩니다(access_policies_boundaries)";
            } else if (excluded) {
                c->principal_detail = "NotPrincipal lists " + who + (session ? " (and its role and account)" : " (and its account)") +
                                      ", so the statement does not apply to it";
                c->principal_detail_ko = "NotPrincipal에 " + who + (session ? "(과 그 역할, 그 계정)" : "(과 그 계정)") +
                                         "이 있으므로 이 문은 적용되지 않습니다";
            } else {
                c->principal_detail = "NotPrincipal does not list " +
                                      (session ? "all of " + who + ", its role and its account" : "both " + who + " and its account") +
                                      ", so the statement applies to it";
                c->principal_detail_ko = "NotPrincipal에 " + who + (session ? ", 그 역할, 그 계정이" : "와 그 계정이") +
                                         " 모두 있지는 않으므로 이 문이 적용됩니다";
            }
        }
        if (!applies) {
            if (!full) return false;
            ok = false;
        }
    }

    for (const auto& cond : st.conditions) {
        const bool m = condition_matches(cond, r_.context);
        if (c) {
            ConditionCheck cc;
            cc.path = cond.path;
            cc.op = cond.op.name;
            cc.key = cond.key;
            for (const auto& v : cond.values) cc.policy_values.push_back(v.text);
            if (std::any_of(cond.values.begin(), cond.values.end(), [](const auto& v) { return v.pattern.has_variables(); }))
                for (const auto& v : cond.values) {
                    std::string resolved;
                    if (!v.pattern.resolve_text(r_.context, resolved)) resolved.clear();
                    cc.resolved_values.push_back(std::move(resolved));
                }
            if (const ContextEntry* e = r_.context.get(cond.key_lower)) {
                cc.key_present = !e->values.empty();
                cc.multivalued = e->multivalued;
                cc.request_values = e->values;
            }
            cc.matched = m;
            c->conditions.push_back(std::move(cc));
            if (!m) c->conditions_matched = false;
        }
        if (!m) {
            if (!full) return false;
            ok = false;
        }
    }
    if (c) c->applies = ok;
    return ok;
}

void Evaluator::run_policy(const Policy& p, int level, GroupResult& g) {
    PolicyCheck* pc = nullptr;
    if (explain_) {
        pc = &d_.explanation->policies.emplace_back();
        pc->name = p.name;
        pc->kind = p.kind;
        pc->level = level;
        pc->policy = &p;
    }
    for (const auto& st : p.statements) {
        StatementCheck* sc = nullptr;
        if (pc) {
            sc = &pc->statements.emplace_back();
            sc->index = st.index;
            sc->path = st.path;
            sc->sid = st.sid;
            sc->effect = st.effect;
        }
        Grant grant = Grant::None;
        if (!statement_applies(st, grant, sc)) continue;
        const MatchedStatement m{&p, st.index, level};
        if (detail_ != EvalDetail::Decision) d_.matched.push_back(m);
        if (st.effect == Effect::Deny) {
            g.deny = true;
            if (pc) pc->denies = true;
            if (!g.first_deny) g.first_deny = m;
            if (detail_ == EvalDetail::Decision) return;  // an explicit Deny is final
        } else {
            if (pc) pc->allows = true;
            if (!g.allow || grant > g.grant) {
                g.grant = grant;
                g.best_allow = m;
            }
            g.allow = true;
        }
    }
}

int Evaluator::run_levels(const std::vector<std::vector<const Policy*>>& levels, GroupResult& g) {
    int missing = -1;
    for (std::size_t level = 0; level < levels.size(); ++level) {
        GroupResult lg;
        for (const Policy* p : levels[level]) {
            run_policy(*p, static_cast<int>(level), lg);
            if (lg.deny && detail_ == EvalDetail::Decision) break;
        }
        if (lg.deny) {
            g.deny = true;
            if (!g.first_deny) g.first_deny = lg.first_deny;
            if (detail_ == EvalDetail::Decision) return missing;
        }
        if (lg.allow && !g.best_allow) g.best_allow = lg.best_allow;
        if (!lg.allow && missing < 0) missing = static_cast<int>(level);
    }
    return missing;
}

void Evaluator::finish(Outcome outcome, std::optional<PolicyKind> kind, std::optional<MatchedStatement> deciding) {
    d_.outcome = outcome;
    d_.decided_by = kind;
    d_.deciding = deciding;
    if (detail_ != EvalDetail::Decision && outcome != Outcome::Allow && kind)
        d_.message = access_denied_message(r_, outcome, *kind);
    if (explain_) {
        const Words by = deciding ? statement_words(*deciding, ps_) : Words{};
        std::string& s = d_.explanation->summary;
        std::string& ko = d_.explanation->summary_ko;
        if (outcome == Outcome::Allow) {
            Words allowed = allowed_words(r_, true);
            s = std::move(allowed.en);
            ko = std::move(allowed.ko);
            if (deciding) {
                s += ", granted by " + by.en;
                ko += " 허용한 문: " + by.ko + ".";
            }
            s += ".";
        } else {
            s = to_string(outcome) + std::string(": ") + d_.message + ".";
            ko = denied_words(outcome) + ": " + d_.message + ".";
            if (deciding && outcome == Outcome::ExplicitDeny) {
                s += " The deny is " + by.en + ".";
                ko += " 거부한 문: " + by.ko + ".";
            }
        }
    }
}

void Evaluator::run() {
    if (explain_) d_.explanation.emplace();
    const Principal& who = r_.principal;
    if (auto rule = caller_rule(who, r_.action)) {
        step("Who may call", rule->outcome == Outcome::Allow ? "allow" : "deny", FixedWords{rule->reason, rule->reason_ko});
        d_.outcome = rule->outcome;
        if (detail_ != EvalDetail::Decision) d_.message = std::move(rule->message);
        if (explain_) {
            const std::string stop = d_.message.empty() || d_.message.back() == '.' ? "" : ".";
            const Words allowed = allowed_words(r_, false);
            d_.explanation->summary = rule->outcome == Outcome::Allow
                                          ? allowed.en + "."
                                          : to_string(rule->outcome) + std::string(": ") + d_.message + stop;
            d_.explanation->summary_ko =
                rule->outcome == Outcome::Allow ? allowed.ko : denied_words(rule->outcome) + ": " + d_.message + stop;
        }
        return;
    }
    const bool stop_early = detail_ == EvalDetail::Decision;
    // RCPs govern some services' resources, and never a service-linked role's calls (orgs_manage_policies_rcps:
    // "RCPs do not impact the effective permissions of any service-linked role"), nor kms:RetireGrant (the same
    // page: "RCPs do not impact the kms:RetireGrant permission").
    const bool retire_grant = equal_ignoring_case(r_.action, "kms:RetireGrant");
    const bool rcps_apply = !ps_.rcps.empty() && !ps_.resource_in_management_account && rcp_service(r_.action) &&
                            !service_linked_role_session(who) && !retire_grant && !ps_.aws_managed_key;
    const bool scps_apply = !ps_.scps.empty() && !ps_.principal_in_management_account && account_member(who) &&
                            !service_linked_role_session(who);
    const bool same_account = r_.resource_account.empty() || r_.resource_account == who.account;
    const bool session_applies = !ps_.session.empty() || who.type == PrincipalType::FederatedUser;
    const PolicyKind resource_kind =
        ps_.resource ? ps_.resource->kind : ps_.trust_not_given ? PolicyKind::Trust : PolicyKind::Resource;

    // Evaluate every applicable policy once, in AWS's order; in Decision mode stop at the first explicit Deny.
    GroupResult rcp, scp, endpoint, res, ident, bnd, sess;
    int scp_missing = -1;
    std::optional<PolicyKind> deny_kind;
    std::optional<MatchedStatement> deny_at;
    auto note_deny = [&](const GroupResult& g, PolicyKind kind) {
        if (g.deny && !deny_kind) {
            deny_kind = kind;
            deny_at = g.first_deny;
        }
        return g.deny && stop_early;
    };
    auto run_group = [&](const std::vector<const Policy*>& list, GroupResult& g) {
        for (const Policy* p : list) {
            run_policy(*p, -1, g);
            if (g.deny && stop_early) return;
        }
    };
    bool stopped = false;
    if (rcps_apply) {
        // Only an RCP's Deny can refuse: RCPFullAWSAccess allows at every level ("automatically attached to the
        // organization root, every OU, and every account ... You cannot detach this policy"), and the RCPs anyone
        // writes only deny (orgs_manage_policies_rcps_syntax), so a level a question leaves empty still allows.
        run_levels(ps_.rcps, rcp);
        stopped = note_deny(rcp, PolicyKind::Rcp);
    }
    if (!stopped && scps_apply) {
        scp_missing = run_levels(ps_.scps, scp);
        stopped = note_deny(scp, PolicyKind::Scp);
    }
    if (!stopped && ps_.endpoint) {
        run_policy(*ps_.endpoint, -1, endpoint);
        stopped = note_deny(endpoint, PolicyKind::Endpoint);
    }
    if (!stopped && ps_.resource) {
        run_policy(*ps_.resource, -1, res);
        stopped = note_deny(res, resource_kind);
    }
    if (!stopped && !deny_kind && ps_.public_access_restricted) {  // no statement: S3's own setting refuses
        deny_kind = PolicyKind::Resource;
        stopped = stop_early;
    }
    if (!stopped) {
        run_group(ps_.identity, ident);
        stopped = note_deny(ident, PolicyKind::Identity);
    }
    if (!stopped && ps_.boundary) {
        run_policy(*ps_.boundary, -1, bnd);
        stopped = note_deny(bnd, PolicyKind::Boundary);
    }
    if (!stopped && !ps_.session.empty()) {
        run_group(ps_.session, sess);
        note_deny(sess, PolicyKind::Session);
    }

    // 1. Explicit deny.
    if (deny_kind && !deny_at) {
        step("Explicit deny", "deny",
             FixedWords{"S3 Block Public Access refuses it: the bucket's policy is public and RestrictPublicBuckets is "
                        "on, so only AWS services and the bucket owner's account may use the bucket. The denial is "
                        "explicit, and AWS names it a resource-based policy's.",
                        "S3 퍼블릭 액세스 차단이 거부합니다: 버킷 정책이 퍼블릭이고 RestrictPublicBuckets가 켜져 있어 "
                        "AWS 서비스와 버킷 소유자 계정만 이 버킷에 액세스할 수 있습니다. 이 거부는 명시적이며, AWS는 이를 리소스 "
                        "기반 정책의 거부로 표시합니다."});
        return finish(Outcome::ExplicitDeny, deny_kind, std::nullopt);
    }
    if (deny_kind) {
        step("Explicit deny", "deny", [&] {
            const Words at = statement_words(*deny_at, ps_), conditions = deny_conditions(*d_.explanation, *deny_at),
                        principal = deny_not_principal(*d_.explanation, *deny_at);
            return Words{"A Deny applies: " + at.en + "." + principal.en + conditions.en + " An explicit deny overrides every allow.",
                         "Deny가 적용됩니다: " + at.ko + "." + principal.ko + conditions.ko + " 명시적 거부는 모든 허용보다 우선합니다."};
        });
        return finish(Outcome::ExplicitDeny, deny_kind, deny_at);
    }
    step("Explicit deny", "pass",
         FixedWords{"No applicable statement in any policy denies the request.",
                    "어느 정책에도 이 요청을 거부하는 적용 가능한 문(Statement)이 없습니다."});

    // 2. Organization policies: every level must allow.
    if (!rcps_apply) {
        step("Resource control policies", "skipped",
             // The management account's first: the world gives it no levels, yet the file may attach RCPs at the root.
             ps_.resource_in_management_account
                 ? FixedWords{"RCPs do not apply to resources of the organization's management account.",
                              "RCP는 조직 관리 계정의 리소스에는 적용되지 않습니다."}
             : ps_.rcps.empty() ? FixedWords{"No RCPs apply to the resource's account.",
                                             "리소스의 계정에 적용되는 RCP가 없습니다."}
             : service_linked_role_session(who)
                 ? FixedWords{"RCPs do not apply to calls made by service-linked roles.",
                              "RCP는 서비스 연결 역할이 하는 호출에는 적용되지 않습니다."}
             : retire_grant ? FixedWords{"RCPs do not impact the kms:RetireGrant permission.",
                                         "RCP는 kms:RetireGrant 권한에 영향을 주지 않습니다."}
             : ps_.aws_managed_key ? FixedWords{"RCPs do not apply to AWS managed keys, which an AWS service creates, "
                                                "manages and uses on your behalf.",
                                                "RCP는 AWS 서비스가 사용자를 대신해 생성, 관리, 사용하는 AWS 관리형 "
                                                "키에는 적용되지 않습니다."}
                            : FixedWords{"RCPs do not govern this service's resources: it is not on AWS's list of the "
                                         "services that support RCPs.",
                                         "RCP는 이 서비스의 리소스를 제어하지 않습니다. 이 서비스는 RCP를 지원하는 AWS "
                                         "서비스 목록에 없습니다."});
    } else {
        step("Resource control policies", "pass",
             FixedWords{"No RCP denies the request; RCPFullAWSAccess, attached to every level and never detached, "
                        "allows it.",
                        "요청을 거부하는 RCP가 없습니다. 모든 수준에 연결되어 있고 분리할 수 없는 RCPFullAWSAccess가 "
                        "허용합니다."});
    }
    if (!scps_apply) {
        step("Service control policies", "skipped",
             ps_.principal_in_management_account
                 ? FixedWords{"SCPs do not apply to the organization's management account.",
                              "SCP는 조직의 관리 계정에는 적용되지 않습니다."}
             : ps_.scps.empty() ? FixedWords{"No SCPs apply to the principal's account.",
                                             "보안 주체의 계정에 적용되는 SCP가 없습니다."}
             : service_linked_role_session(who)
                 ? FixedWords{"SCPs do not affect service-linked roles.", "SCP는 서비스 연결 역할에 영향을 주지 않습니다."}
                 : FixedWords{"SCPs apply only to the IAM users, roles and root user of member accounts, not to this "
                              "kind of principal.",
                              "SCP는 멤버 계정의 IAM 사용자, 역할, 루트 사용자에게만 적용되며, 이런 종류의 보안 주체에는 "
                              "적용되지 않습니다."});
    } else if (scp_missing >= 0) {
        step("Service control policies", "deny", [&] {
            // The level by its number, what it is, and the SCPs attached there, which the explanation's policies
            // list by level: "1 (OU Workloads: WorkloadsAllowedServices, ProtectWorkloads)".
            std::string attached;
            for (const Policy* p : ps_.scps[static_cast<std::size_t>(scp_missing)]) attached += (attached.empty() ? "" : ", ") + p->name;
            const auto level_of = [&](bool korean) {
                std::string w = level_words(ps_, PolicyKind::Scp, scp_missing, korean);
                return w.back() == ')' ? w.insert(w.size() - 1, ": " + attached) : w + " (" + attached + ")";
            };
            const std::string level = level_of(false), level_ko = level_of(true);
            return Words{"No SCP at organization level " + level +
                             " allows the request; every level (root, each OU, the account) must allow it, and SCPs "
                             "restrict the member account's root user too.",
                         "조직 수준 " + level_ko +
                             "에는 요청을 허용하는 SCP가 없습니다. 모든 수준(루트, 각 OU, 계정)이 허용해야 하며, SCP는 "
                             "멤버 계정의 루트 사용자도 제한합니다."};
        });
        return finish(Outcome::ImplicitDeny, PolicyKind::Scp, std::nullopt);
    } else {
        step("Service control policies", "pass",
             FixedWords{"Every organization level has an SCP that allows the request.",
                        "모든 조직 수준에 요청을 허용하는 SCP가 있습니다."});
    }

    // A VPC endpoint's policy "control[s] which AWS principals can use the endpoint to access an AWS service"; it
    // grants nothing, and the rest must allow too (vpc-endpoints-access). It limits the root user as well.
    if (ps_.endpoint) {
        if (!endpoint.allow) {
            step("VPC endpoint policy", "deny", [&] {
                return refusal_with_condition(*d_.explanation, PolicyKind::Endpoint,
                                              {"The request came through a VPC endpoint whose policy does not allow it: an "
                                               "endpoint policy limits what may pass through the endpoint, whatever the "
                                               "other policies allow.",
                                               "요청이 VPC 엔드포인트를 거쳐 왔는데, 그 엔드포인트 정책이 요청을 허용하지 "
                                               "않습니다. 엔드포인트 정책은 다른 정책이 무엇을 허용하든 엔드포인트를 지날 수 "
                                               "있는 것을 제한합니다."});
            });
            return finish(Outcome::ImplicitDeny, PolicyKind::Endpoint, std::nullopt);
        }
        step("VPC endpoint policy", "pass",
             FixedWords{"The policy of the VPC endpoint the request came through allows it; it grants nothing by itself.",
                        "요청이 거쳐 온 VPC 엔드포인트의 정책이 요청을 허용합니다. 이 정책 자체는 아무 권한도 주지 "
                        "않습니다."});
    }

    // 3. Resource-based policy (or role trust policy).
    const char* res_step = resource_kind == PolicyKind::Trust ? "Role trust policy" : "Resource-based policy";
    // "IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly
    // allow access for principals" (reference_policies_evaluation-logic_policy-eval-denyallow).
    const bool kms_key = is_kms_key_arn(r_.resource);
    const bool resource_required = !same_account || resource_kind == PolicyKind::Trust || kms_key || !account_member(who);
    if (kms_key && !same_account && account_member(who) && !kms_cross_account_action(r_.action)) {
        step(res_step, "deny",
             FixedWords{"KMS lets another account's principals only use a key (encrypt, decrypt, sign, describe it, "
                        "manage its grants), never administer it: whatever the key policy and the IAM policies say, "
                        "this action has no effect across accounts.",
                        "KMS는 다른 계정의 보안 주체에게 키 사용(암호화, 복호화, 서명, 키 정보 조회, 권한 부여(grant) "
                        "생성과 취소)만 허용하며, 키 자체를 관리하는 작업(키 정책 변경, 삭제 예약 등)은 허용하지 않습니다. "
                        "키 정책과 IAM 정책이 무엇을 허용하든 이 작업은 교차 계정으로는 효력이 없습니다."});
        return finish(Outcome::ImplicitDeny, resource_kind, std::nullopt);
    }
    if (!res.allow) {
        if (resource_required && resource_kind == PolicyKind::Trust) {
            step(res_step, "deny", [&] {
                return ps_.resource ? trust_refusal(*d_.explanation, r_.action)
                                    : Words{"No trust policy was given for the role, and only the role's trust policy "
                                            "can let anyone assume it: an identity-based policy alone never does.",
                                            "역할의 신뢰 정책이 주어지지 않았습니다. 역할 수임을 허용할 수 있는 것은 그 "
                                            "역할의 신뢰 정책뿐이며, 자격 증명 기반 정책만으로는 결코 역할을 수임할 수 없습니다."};
            });
            return finish(Outcome::ImplicitDeny, resource_kind, std::nullopt);
        }
        if (resource_required) {
            step(res_step, "deny", [&] {
                return resource_refusal(*d_.explanation, ps_.resource ? &resource_kind : nullptr, kms_key && same_account,
                                        who.type);
            });
            return finish(Outcome::ImplicitDeny, resource_kind, std::nullopt);
        }
        step(res_step, "pass",
             ps_.resource ? FixedWords{"The resource-based policy does not allow the request; the identity-based "
                                       "policies may.",
                                       "리소스 기반 정책은 요청을 허용하지 않습니다. 자격 증명 기반 정책이 허용할 수 "
                                       "있습니다."}
                          : owner_root_
                              ? FixedWords{"The bucket policy does not apply: the bucket owner's root user may get, "
                                           "put and delete it whatever it says, so that no policy locks the owner out "
                                           "(only SCPs, RCPs and VPC endpoint policies can refuse it).",
                                           "버킷 정책은 적용되지 않습니다. 어떤 정책으로도 소유자가 버킷 정책에 접근하지 "
                                           "못하게 되는 일이 없도록 버킷 소유자의 루트 "
                                           "사용자는 정책 내용과 관계없이 버킷 정책을 조회, 변경, 삭제할 수 있습니다(SCP, "
                                           "RCP, VPC 엔드포인트 정책만 거부할 수 있습니다)."}
                              : FixedWords{"No resource-based policy is attached; the identity-based policies decide.",
                                           "연결된 리소스 기반 정책이 없으므로 자격 증명 기반 정책이 결정합니다."});
    }
    bool role_grant = false;
    bool boundary_exempt = false;  // a same-account grant to the IAM user's ARN, which its boundary does not limit
    if (res.allow) {
        if (!account_member(who)) {
            step(res_step, "allow",
                 FixedWords{"The resource-based policy allows this principal, which has no identity-based policies of "
                            "its own.",
                            "리소스 기반 정책이 이 보안 주체를 허용합니다. 이 보안 주체에게는 자체 자격 증명 기반 "
                            "정책이 없습니다."});
            return finish(Outcome::Allow, resource_kind, res.best_allow);
        }
        if (!same_account) {
            step(res_step, "pass", [&] {
                const Words names = names_itself(res.grant)
                                        ? Words{"names the principal itself or everyone", "보안 주체 자신 또는 모든 사용자를 지정함"}
                                        : grant_words(res.grant);
                return Words{"The resource's account allows the request (it " + names.en +
                                 "); the principal's own account must allow it too.",
                             "리소스의 계정이 요청을 허용합니다(" + names.ko + "). 보안 주체의 계정도 허용해야 합니다."};
            });
        } else if (who.type == PrincipalType::Root) {
            step(res_step, "pass",
                 FixedWords{"The policy allows the request; the root user needs no more in its own account.",
                            "정책이 요청을 허용합니다. 자기 계정에서는 루트 사용자에게 이것으로 충분합니다."});
        } else if (names_itself(res.grant) && resource_kind == PolicyKind::Trust && who.type == PrincipalType::IAMUser &&
                   ps_.boundary != nullptr) {
            // id_roles_update-role-trust-policy: "If a user is listed as the principal in a role's trust policy but
            // cannot assume the role, check the user's permissions boundary. If a permissions boundary is set for
            // the user, then it must allow the sts:AssumeRole action."
            role_grant = true;
            step(res_step, "pass",
                 FixedWords{"The trust policy names the user: no identity-based policy is needed, but the user's "
                            "permissions boundary must allow the call.",
                            "신뢰 정책이 사용자를 지정합니다. 자격 증명 기반 정책은 필요 없지만, 사용자의 권한 경계가 "
                            "이 호출을 허용해야 합니다."});
        } else if (res.grant == Grant::User && session_applies) {
            // access_policies, "Session policies": "A resource-based policy can specify the ARN of the user or role as
            // a principal. In that case, the permissions from the resource-based policy are added to the role or
            // user's identity-based policy before the session is created. The session policy limits the total
            // permissions granted by the resource-based policy and the identity-based policy." Only a grant to the
            // session's own ARN escapes it. The user's permissions boundary still does not limit a grant to its ARN.
            role_grant = boundary_exempt = true;
            step(res_step, "pass",
                 FixedWords{"The Allow names the IAM user: no identity-based policy is needed, but the session policy "
                            "still limits it (only an Allow naming the session itself would not be).",
                            "Allow가 IAM 사용자를 지정합니다. 자격 증명 기반 정책은 필요 없지만, 세션 정책이 여전히 "
                            "제한합니다(세션 자체를 지정한 Allow만 제한받지 않습니다)."});
        } else if (names_itself(res.grant) && resource_kind == PolicyKind::Trust && who.type == PrincipalType::IAMUser) {
            // The same page's rule, for a user with no boundary: said, so that the general words below do not teach
            // that a boundary could not refuse it.
            step(res_step, "allow",
                 FixedWords{"The trust policy names the user, who has no permissions boundary: that decides Allow, "
                            "with no identity-based policy needed (a boundary, had the user one, would have to allow "
                            "the call too).",
                            "신뢰 정책이 사용자를 지정하고, 사용자에게 권한 경계가 없습니다. 자격 증명 기반 정책 없이도 "
                            "허용으로 결정됩니다(사용자에게 권한 경계가 있다면 그 경계도 이 호출을 허용해야 합니다)."});
            return finish(Outcome::Allow, resource_kind, res.best_allow);
        } else if (names_itself(res.grant)) {
            step(res_step, "allow",
                 FixedWords{"In the same account, an Allow that names the principal itself (IAM user, role session "
                            "or federated user ARN), or everyone with \"*\", decides Allow, whatever the "
                            "identity-based policies, boundary and session policy say.",
                            "같은 계정에서는 보안 주체 자신(IAM 사용자, 역할 세션 또는 페더레이션 사용자 ARN)이나 "
                            "\"*\"로 모든 사용자를 지정한 Allow가 있으면, 자격 증명 기반 정책, 권한 경계, 세션 "
                            "정책과 관계없이 허용으로 결정됩니다."});
            return finish(Outcome::Allow, resource_kind, res.best_allow);
        } else if (res.grant == Grant::Role) {
            role_grant = true;
            step(res_step, "pass",
                 FixedWords{"The Allow names the role (or the IAM user who federated), not the session: no "
                            "identity-based policy is needed, but the permissions boundary and session policy still "
                            "limit it.",
                            "Allow가 세션이 아니라 역할(또는 GetFederationToken을 호출한 IAM 사용자)을 지정합니다. 자격 증명 기반 "
                            "정책은 필요 없지만, 권한 경계와 세션 정책이 여전히 제한합니다."});
        } else {
            step(res_step, "pass",
                 FixedWords{"The Allow names only the account, which delegates to the account's own policies: an "
                            "identity-based policy must allow the request.",
                            "Allow가 계정만 지정하므로 그 계정의 정책에 위임됩니다. 자격 증명 기반 정책이 요청을 "
                            "허용해야 합니다."});
        }
    }

    // 4. Identity-based policies.
    if (who.type == PrincipalType::Root) {
        if (same_account) {
            step("Identity-based policies", "allow",
                 FixedWords{"The root user is allowed everything in its own account unless an SCP or an explicit "
                            "deny says otherwise.",
                            "루트 사용자는 SCP나 명시적 거부가 막지 않는 한 자기 계정에서 모든 것이 허용됩니다."});
            return finish(Outcome::Allow, std::nullopt, std::nullopt);
        }
        step("Identity-based policies", "pass",
             FixedWords{"The root user has every permission in its own account.",
                        "루트 사용자는 자기 계정에서 모든 권한을 가집니다."});
        return finish(Outcome::Allow, resource_kind, res.best_allow);
    }
    const bool root_behind = federated_by_root(who);
    if (role_grant) {
        step("Identity-based policies", "skipped",
             FixedWords{"Not needed: the resource-based policy names the role or user behind this principal.",
                        "필요 없음: 리소스 기반 정책이 이 보안 주체를 만든 역할 또는 사용자를 지정합니다."});
    } else if (root_behind) {
        step("Identity-based policies", "pass",
             FixedWords{"The root user called GetFederationToken: the federated user has the root user's "
                        "permissions, which no IAM policy limits, within its session policy.",
                        "루트 사용자가 GetFederationToken을 호출했습니다. 페더레이션 사용자는 세션 정책의 범위 안에서, "
                        "어떤 IAM 정책도 제한하지 않는 루트 사용자의 권한을 가집니다."});
    } else if (!ident.allow) {
        step("Identity-based policies", "deny", [&] {
            return refusal_with_condition(
                *d_.explanation, PolicyKind::Identity,
                // Across accounts the resource's Allow is not enough: the principal's own account must allow too.
                !same_account && res.allow
                    ? (ps_.identity.empty()
                           ? FixedWords{"The principal has no identity-based policies: across accounts the resource's "
                                        "Allow is not enough, and nothing in the principal's own account allows the request.",
                                        "보안 주체에게 자격 증명 기반 정책이 없습니다. 교차 계정 요청에는 리소스의 Allow만으로는 "
                                        "부족한데, 보안 주체 자신의 계정에서 요청을 허용하는 것이 없습니다."}
                           : FixedWords{"No identity-based policy has an applicable Allow: across accounts the resource's "
                                        "Allow is not enough, the principal's own account must allow the request too.",
                                        "적용 가능한 Allow 문이 있는 자격 증명 기반 정책이 없습니다. 교차 계정 요청에는 리소스의 "
                                        "Allow만으로는 부족하며 보안 주체 자신의 계정도 요청을 허용해야 합니다."})
                : ps_.identity.empty() ? FixedWords{"The principal has no identity-based policies, and nothing else allows the request.",
                                                    "보안 주체에게 자격 증명 기반 정책이 없고, 다른 어떤 것도 요청을 허용하지 않습니다."}
                                       : FixedWords{"No identity-based policy has an applicable Allow.",
                                                    "적용 가능한 Allow 문이 있는 자격 증명 기반 정책이 없습니다."});
        });
        return finish(Outcome::ImplicitDeny, PolicyKind::Identity, std::nullopt);
    } else {
        step("Identity-based policies", "pass", [&] {
            const Words by = statement_words(*ident.best_allow, ps_);
            return Words{"Allowed by " + by.en + ".", by.ko + "에 의해 허용됩니다."};
        });
    }

    // 5. Permissions boundary.
    if (!ps_.boundary) {
        step("Permissions boundary", "skipped",
             FixedWords{"The principal has no permissions boundary.", "보안 주체에게 권한 경계가 없습니다."});
    } else if (boundary_exempt) {
        step("Permissions boundary", "skipped",
             FixedWords{"Not applied: in the same account, a resource-based policy that names the IAM user is not "
                        "limited by the user's permissions boundary.",
                        "적용되지 않음: 같은 계정에서 IAM 사용자를 지정한 리소스 기반 정책은 사용자의 권한 경계로 "
                        "제한되지 않습니다."});
    } else if (!bnd.allow) {
        step("Permissions boundary", "deny", [&] {
            return refusal_with_condition(*d_.explanation, PolicyKind::Boundary,
                                          {"The permissions boundary sets the maximum permissions and does not allow the request.",
                                           "권한 경계는 최대 권한을 정하며, 이 요청을 허용하지 않습니다."});
        });
        return finish(Outcome::ImplicitDeny, PolicyKind::Boundary, std::nullopt);
    } else {
        step("Permissions boundary", "pass",
             FixedWords{"The permissions boundary allows the request.", "권한 경계가 요청을 허용합니다."});
    }

    // 6. Session policy.
    if (!session_applies) {
        step("Session policy", "skipped",
             FixedWords{"The session was not given a session policy.", "이 세션에는 세션 정책이 전달되지 않았습니다."});
    } else if (!sess.allow) {
        step("Session policy", "deny", [&] {
            return refusal_with_condition(
                *d_.explanation, PolicyKind::Session,
                ps_.session.empty() ? FixedWords{"A federated user session without a session policy has no permissions.",
                                                 "세션 정책이 없는 페더레이션 사용자 세션에는 권한이 없습니다."}
                                    : FixedWords{"No session policy allows the request; a session policy limits the session to "
                                                 "at most what it allows.",
                                                 "요청을 허용하는 세션 정책이 없습니다. 세션 정책은 세션의 권한을 그 정책이 "
                                                 "허용하는 범위로 제한합니다."});
        });
        return finish(Outcome::ImplicitDeny, PolicyKind::Session, std::nullopt);
    } else {
        step("Session policy", "pass",
             FixedWords{"The session policy allows the request.", "세션 정책이 요청을 허용합니다."});
    }

    if (role_grant) return finish(Outcome::Allow, resource_kind, res.best_allow);
    if (root_behind) return finish(Outcome::Allow, PolicyKind::Session, sess.best_allow);
    return finish(Outcome::Allow, PolicyKind::Identity, ident.best_allow);
}

}  // namespace

bool bucket_owner_root_exempt(const Request& request) {
    const ArnParts resource(request.resource);
    const auto is = [&request](std::string_view lowered) { return glob::equal_lowered(lowered, request.action); };
    return request.principal.type == PrincipalType::Root && request.principal.account == request.resource_account &&
           (is("s3:getbucketpolicy") || is("s3:putbucketpolicy") || is("s3:deletebucketpolicy")) && resource.split &&
           resource.parts[0] == "arn" && resource.parts[2] == "s3" && resource.parts[3].empty() && resource.parts[4].empty();
}

Decision evaluate(const Request& request, const PolicySet& policies, EvalDetail detail) {
    Decision d;
    if (policies.resource && policies.resource->kind == PolicyKind::Resource && bucket_owner_root_exempt(request)) {
        PolicySet without = policies;
        without.resource = nullptr;
        Evaluator(request, without, detail, d, true).run();
        return d;
    }
    Evaluator(request, policies, detail, d).run();
    return d;
}

nlohmann::json to_json(const Decision& d) {
    JsonTreeWriter w;
    write_json(w, d);
    return w.take();
}

}  // namespace stslab::iam
