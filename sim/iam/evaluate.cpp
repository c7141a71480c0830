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
                          "(API_GetCallerIdentity)."};
    const bool session_token = equal_ignoring_case(action, "sts:GetSessionToken");
    if (session && (session_token || equal_ignoring_case(action, "sts:GetFederationToken")))
        return CallerRule{Outcome::ImplicitDeny,
                          session_credentials_message(session_token ? "GetSessionToken" : "GetFederationToken"),
                          "Temporary credentials from AssumeRole or GetFederationToken cannot call "
                          "GetSessionToken or GetFederationToken (id_credentials_sts-comparison)."};
    if (session_token)
        return CallerRule{Outcome::Allow, "",
                          "GetSessionToken needs no permission: \"You cannot use policies to control authentication "
                          "operations\" (id_credentials_temp_control-access_getsessiontoken)."};
    if (p.type == PrincipalType::Root && equal_ignoring_case(action, "sts:AssumeRole"))
        return CallerRule{Outcome::ImplicitDeny, kRootAssumeRoleMessage,
                          "The root user cannot call AssumeRole: \"You must use credentials for an IAM user or an "
                          "IAM role to call AssumeRole\" (API_AssumeRole)."};
    // iam:PassRole is no IAM operation but a permission checked inside another service's call (RunInstances, say).
    if (p.type == PrincipalType::FederatedUser && !equal_ignoring_case(action, "iam:PassRole") &&
        (starts_with_ignoring_case(action, "iam:") || starts_with_ignoring_case(action, "sts:")))
        return CallerRule{Outcome::ImplicitDeny, federated_user_message(p.arn, action),
                          "A federated user (GetFederationToken) can call no IAM operation and no STS operation but "
                          "GetCallerIdentity (id_credentials_sts-comparison)."};
    return std::nullopt;
}

namespace {

// How a Principal element names the requester; the order is the strength of the grant (evaluation step 3).
enum class Grant : std::uint8_t { None, Account, Role, Direct };

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

// Whether RCPs govern the action's service. Organizations User Guide, orgs_manage_policies_rcps: "RCPs apply to
// resources for a subset of AWS services"; the services listed there (and in the Control Tower guide, rcp-controls:
// "Amazon S3, AWS Security Token Service (STS), AWS Key Management Service (KMS), Amazon Simple Queue Service
// (SQS), AWS Secrets Manager"). EC2 and IAM resources are not restricted by RCPs.
bool rcp_service(std::string_view action) {
    const std::size_t colon = action.find(':');
    const std::string_view service = action.substr(0, colon == std::string_view::npos ? 0 : colon);
    for (const std::string_view s : {"s3", "sts", "kms", "sqs", "secretsmanager"})
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
            if (p.type == PrincipalType::IAMUser && p.arn == e.value && same_unique_id(e, p)) return Grant::Direct;
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
// and then the user / role session / federated user itself (reference_policies_elements_notprincipal). A role's
// ARN does not stand for its sessions here: "When you specify an assumed-role session in a NotPrincipal element,
// you cannot use a wildcard (*) to mean 'all sessions'. Principals must always name a specific session."; nor does
// the ARN of the IAM user who federated stand for its federated users.
bool excluded_by(const PrincipalSet& set, const Principal& p) {
    bool everyone = false, account = false, self = false;
    for (const auto& e : set.entries) {
        const Grant g = match_entry(e, p);
        if (e.kind == PrincipalEntry::Kind::Everyone) everyone = true;
        else if (g == Grant::Account) account = true;
        else if (g == Grant::Direct) self = true;
    }
    if (everyone) return true;
    if (p.type == PrincipalType::Root) return account;
    if (account_member(p)) return account && self;
    return self;
}

const char* grant_words(Grant g) {
    switch (g) {
        case Grant::Direct: return "names the principal itself";
        case Grant::Role: return "names the role or IAM user this session was made from";
        case Grant::Account: return "names the principal's account";
        case Grant::None: return "does not name the principal";
    }
    return "";
}

bool resource_matches(const ResourcePattern& rp, const Request& r, const ArnParts& resource) {
    if (rp.any) return true;
    if (!rp.pattern.has_variables()) return rp.matcher.matches(resource);
    thread_local std::string scratch;
    return rp.pattern.resolve_code(r.context, scratch) && match_arn(scratch, resource);
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// The policy's values are alternatives ("or"); a multivalued key in the request has all of its values ("and").
std::string quoted_list(const std::vector<std::string>& values, const char* joint = " or ") {
    std::string s;
    for (const std::string& v : values) s += (s.empty() ? "" : joint) + quoted(v);
    return s;
}

// One condition in words, with both sides: "StringEquals sts:ExternalId wants 'a', and the request has 'b'". A value
// with a policy variable says what it is in this request: "'${aws:PrincipalTag/project}' (in this request 'alpha')".
std::string condition_words(const ConditionCheck& c) {
    std::string wanted = quoted_list(c.policy_values);
    if (!c.resolved_values.empty()) wanted += " (in this request " + quoted_list(c.resolved_values) + ")";
    return c.op + " " + c.key + " wants " + wanted + ", and the request " +
           (c.key_present ? "has " + quoted_list(c.request_values, " and ") : std::string("does not have the key"));
}

// Why a Deny's conditions held, for the statement `m` (in an explained evaluation): each condition with both sides,
// and why a missing key matched ("a negated operator holds when the key is missing": the classic IP allow list
// written as Deny NotIpAddress refuses a request without aws:SourceIp). "" when the statement has no condition.
std::string deny_conditions(const Explanation& ex, const MatchedStatement& m) {
    for (const PolicyCheck& p : ex.policies) {
        if (p.policy != m.policy || p.level != m.level) continue;
        for (const StatementCheck& s : p.statements) {
            if (s.index != m.statement || s.conditions.empty()) continue;
            std::string words;
            for (const ConditionCheck& c : s.conditions) {
                words += (words.empty() ? "" : "; ") + condition_words(c);
                if (c.key_present) continue;
                if (c.op.find("Not") != std::string::npos) words += " (a negated operator holds when the key is missing)";
                else if (c.op.size() > 8 && c.op.compare(c.op.size() - 8, 8, "IfExists") == 0) words += " (...IfExists holds when the key is missing)";
                else if (c.op.rfind("ForAllValues:", 0) == 0) words += " (ForAllValues holds when the key is missing)";
            }
            return (s.conditions.size() == 1 ? " Its condition holds: " : " Its conditions all hold: ") + words + ".";
        }
    }
    return "";
}

// Why a role's trust policy refused: when a statement allows this principal this action and only a condition
// failed (an ExternalId that does not match, MFA absent), that condition and both sides of it; otherwise that no
// statement names the caller for the action.
std::string trust_refusal(const Explanation& ex, std::string_view action) {
    for (const PolicyCheck& p : ex.policies) {
        if (p.kind != PolicyKind::Trust) continue;
        for (const StatementCheck& s : p.statements) {
            if (s.effect != Effect::Allow || !s.action_matched || !s.principal_matched || s.conditions_matched) continue;
            for (const ConditionCheck& c : s.conditions) {
                if (c.matched) continue;
                return "The role's trust policy allows this principal this action only under a condition that does "
                       "not hold: " + condition_words(c) + ".";
            }
        }
    }
    // Passing session tags or a source identity needs the trust policy to allow that action too (id_session-tags,
    // id_credentials_temp_control-access_monitor), even when it lets the caller assume the role.
    if (equal_ignoring_case(action, "sts:TagSession"))
        return "The role's trust policy does not allow this principal sts:TagSession: a call that passes session tags "
               "needs the trust policy to allow sts:TagSession as well as assuming the role.";
    if (equal_ignoring_case(action, "sts:SetSourceIdentity"))
        return "The role's trust policy does not allow this principal sts:SetSourceIdentity: a call that sets a source "
               "identity (or carries one along a role chain) needs the trust policy to allow sts:SetSourceIdentity as "
               "well as assuming the role.";
    return "The role's trust policy does not allow this principal; a role can only be assumed when its trust policy "
           "allows the caller.";
}

std::string statement_name(const MatchedStatement& m) {
    const Statement& st = m.policy->statements[m.statement];
    std::string s = st.path;
    if (!st.sid.empty()) s += " (Sid " + st.sid + ")";
    s += std::string(" of the ") + policy_type_name(m.policy->kind);
    if (!m.policy->name.empty()) s += " " + quoted(m.policy->name);
    if (m.level >= 0) s += " at organization level " + std::to_string(m.level);
    return s;
}

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
    Evaluator(const Request& r, const PolicySet& ps, EvalDetail detail, Decision& d)
        : r_(r), ps_(ps), detail_(detail), d_(d), explain_(detail == EvalDetail::Explain), resource_(r.resource) {
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
    // Records an evaluation step; `detail` is a string literal or a callable making the text, so nothing is built
    // unless the decision is being explained.
    template <class Detail>
    void step(const char* name, const char* outcome, Detail&& detail) {
        if (!explain_) return;
        if constexpr (std::is_invocable_v<Detail>) {
            d_.explanation->steps.push_back(EvaluationStep{name, outcome, detail()});
        } else {
            d_.explanation->steps.push_back(EvaluationStep{name, outcome, std::string(detail)});
        }
    }
    void finish(Outcome outcome, std::optional<PolicyKind> kind, std::optional<MatchedStatement> deciding);

    const Request& r_;
    const PolicySet& ps_;
    EvalDetail detail_;
    Decision& d_;
    bool explain_;
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
        const char* element = st.not_action ? "NotAction " : "Action ";
        c->action_detail = action_hit ? element + quoted(action_hit->text()) + " matches " + quoted(r_.action)
                                      : std::string("no ") + element + "pattern matches " + quoted(r_.action);
        if (st.not_action) c->action_detail += action_ok ? ", so the statement covers it" : ", so it is excluded";
    }
    if (!action_ok) {
        if (!full) return false;
        ok = false;
    }

    bool resource_ok = true;
    if (st.has_resource) {
        const ResourcePattern* hit = nullptr;
        for (const auto& rp : st.resources)
            if (resource_matches(rp, r_, resource_)) {
                hit = &rp;
                break;
            }
        resource_ok = st.not_resource ? hit == nullptr : hit != nullptr;
        if (c) {
            const char* element = st.not_resource ? "NotResource " : "Resource ";
            c->resource_detail = hit ? element + quoted(hit->pattern.text()) + " matches " + quoted(r_.resource)
                                     : std::string("no ") + element + "pattern matches " + quoted(r_.resource);
            if (st.not_resource) c->resource_detail += resource_ok ? ", so the statement covers it" : ", so it is excluded";
        }
    } else if (c) {
        c->resource_detail = "a role trust policy has no Resource: its resource is the role itself";
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
            const char* words = hit && hit->kind == PrincipalEntry::Kind::Everyone ? "names everyone" : grant_words(grant);
            c->principal_detail = hit ? "Principal " + quoted(hit->value) + " " + words + " (" +
                                            r_.principal.display() + ")"
                                      : "no Principal entry names " + r_.principal.display();
            // An entry that names the principal's ARN but was saved with the unique id of a user or role since
            // deleted: the principal of that name now is another.
            for (const auto& e : st.principals.entries) {
                PrincipalEntry by_arn = e;
                by_arn.unique_id.clear();
                if (!hit && !same_unique_id(e, r_.principal) && match_entry(by_arn, r_.principal) != Grant::None)
                    c->principal_detail = "Principal " + quoted(e.value) + " was saved as the unique id " + e.unique_id +
                                          " of a " + (e.kind == PrincipalEntry::Kind::Role ? "role" : "user") +
                                          " since deleted: " + r_.principal.display() +
                                          " is another principal of the same name (reference_policies_elements_principal)";
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
            if (boundary_rule) {
                c->principal_detail = "the principal has a permissions boundary, and a Deny with NotPrincipal always "
                                      "applies to such principals (access_policies_boundaries)";
            } else if (excluded) {
                c->principal_detail = "NotPrincipal lists " + r_.principal.display() + " (and its account), so the "
                                      "statement does not apply to it";
            } else {
                c->principal_detail = "NotPrincipal does not list both " + r_.principal.display() +
                                      " and its account, so the statement applies to it";
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
        std::string& s = d_.explanation->summary;
        if (outcome == Outcome::Allow) {
            s = "Allow: " + r_.principal.display() + " may perform " + r_.action +
                (r_.resource.empty() ? "" : " on " + r_.resource);
            if (deciding) s += ", granted by " + statement_name(*deciding);
            s += ".";
        } else {
            s = to_string(outcome) + std::string(": ") + d_.message + ".";
            if (deciding && outcome == Outcome::ExplicitDeny) s += " The deny is " + statement_name(*deciding) + ".";
        }
    }
}

void Evaluator::run() {
    if (explain_) d_.explanation.emplace();
    const Principal& who = r_.principal;
    if (auto rule = caller_rule(who, r_.action)) {
        step("Who may call", rule->outcome == Outcome::Allow ? "allow" : "deny", rule->reason);
        d_.outcome = rule->outcome;
        if (detail_ != EvalDetail::Decision) d_.message = std::move(rule->message);
        if (explain_)
            d_.explanation->summary = rule->outcome == Outcome::Allow
                                          ? "Allow: " + who.display() + " may perform " + r_.action + "."
                                          : to_string(rule->outcome) + std::string(": ") + d_.message +
                                                (d_.message.back() == '.' ? "" : ".");
        return;
    }
    const bool stop_early = detail_ == EvalDetail::Decision;
    // RCPs govern some services' resources, and never a service-linked role's calls (orgs_manage_policies_rcps:
    // "RCPs do not impact the effective permissions of any service-linked role"), nor kms:RetireGrant (the same
    // page: "RCPs do not impact the kms:RetireGrant permission").
    const bool retire_grant = equal_ignoring_case(r_.action, "kms:RetireGrant");
    const bool rcps_apply = !ps_.rcps.empty() && !ps_.resource_in_management_account && rcp_service(r_.action) &&
                            !service_linked_role_session(who) && !retire_grant;
    const bool scps_apply = !ps_.scps.empty() && !ps_.principal_in_management_account && account_member(who) &&
                            !service_linked_role_session(who);
    const bool same_account = r_.resource_account.empty() || r_.resource_account == who.account;
    const bool session_applies = !ps_.session.empty() || who.type == PrincipalType::FederatedUser;
    const PolicyKind resource_kind = ps_.resource ? ps_.resource->kind : PolicyKind::Resource;

    // Evaluate every applicable policy once, in AWS's order; in Decision mode stop at the first explicit Deny.
    GroupResult rcp, scp, res, ident, bnd, sess;
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
    if (!stopped && ps_.resource) {
        run_policy(*ps_.resource, -1, res);
        stopped = note_deny(res, resource_kind);
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
    if (deny_kind) {
        step("Explicit deny", "deny", [&] {
            return "A Deny applies: " + statement_name(*deny_at) + "." + deny_conditions(*d_.explanation, *deny_at) +
                   " An explicit deny overrides every allow.";
        });
        return finish(Outcome::ExplicitDeny, deny_kind, deny_at);
    }
    step("Explicit deny", "pass", "No applicable statement in any policy denies the request.");

    // 2. Organization policies: every level must allow.
    if (!rcps_apply) {
        step("Resource control policies", "skipped",
             ps_.rcps.empty()                          ? "No RCPs apply to the resource's account."
             : ps_.resource_in_management_account      ? "RCPs do not apply to resources of the organization's management account."
             : service_linked_role_session(who)        ? "RCPs do not apply to calls made by service-linked roles."
             : retire_grant                            ? "RCPs do not impact the kms:RetireGrant permission."
                                                       : "RCPs do not govern this service's resources (they cover S3, STS, KMS, SQS and Secrets Manager).");
    } else {
        step("Resource control policies", "pass",
             "No RCP denies the request; RCPFullAWSAccess, attached to every level and never detached, allows it.");
    }
    if (!scps_apply) {
        step("Service control policies", "skipped",
             ps_.scps.empty()                       ? "No SCPs apply to the principal's account."
             : ps_.principal_in_management_account ? "SCPs do not apply to the organization's management account."
             : service_linked_role_session(who)     ? "SCPs do not affect service-linked roles."
                                                    : "SCPs apply only to the IAM users, roles and root user of "
                                                      "member accounts, not to this kind of principal.");
    } else if (scp_missing >= 0) {
        step("Service control policies", "deny", [&] {
            return "No SCP at organization level " + std::to_string(scp_missing) +
                   " allows the request; every level (root, each OU, the account) must allow it, and SCPs restrict "
                   "the member account's root user too.";
        });
        return finish(Outcome::ImplicitDeny, PolicyKind::Scp, std::nullopt);
    } else {
        step("Service control policies", "pass", "Every organization level has an SCP that allows the request.");
    }

    // 3. Resource-based policy (or role trust policy).
    const char* res_step = resource_kind == PolicyKind::Trust ? "Role trust policy" : "Resource-based policy";
    // "IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly
    // allow access for principals" (reference_policies_evaluation-logic_policy-eval-denyallow).
    const bool kms_key = starts_with(r_.resource, "arn:aws:kms:") && r_.resource.find(":key/") != std::string::npos;
    const bool resource_required = !same_account || resource_kind == PolicyKind::Trust || kms_key || !account_member(who);
    if (!res.allow) {
        if (resource_required && ps_.resource && resource_kind == PolicyKind::Trust) {
            step(res_step, "deny", [&] { return trust_refusal(*d_.explanation, r_.action); });
            return finish(Outcome::ImplicitDeny, resource_kind, std::nullopt);
        }
        if (resource_required) {
            step(res_step, "deny",
                 !ps_.resource ? "No resource-based policy is attached, and this request needs one to allow it."
                 : kms_key && same_account
                     ? "The KMS key's key policy does not allow this principal: a key policy must allow access "
                       "(naming the principal, or the account to let IAM policies grant it); an identity-based "
                       "policy alone never does."
                 : who.type == PrincipalType::Anonymous
                     ? "The request is anonymous (signed with no credentials): only a resource-based policy that "
                       "allows everyone (\"Principal\": \"*\") lets it in, and this one has no applicable Allow."
                     : "The resource's account does not allow the request: its resource-based policy has no "
                       "applicable Allow, and a cross-account request needs both accounts to allow it.");
            return finish(Outcome::ImplicitDeny, resource_kind, std::nullopt);
        }
        step(res_step, "pass",
             ps_.resource ? "The resource-based policy does not allow the request; the identity-based policies may."
                          : "No resource-based policy is attached; the identity-based policies decide.");
    }
    bool role_grant = false;
    if (res.allow) {
        if (!account_member(who)) {
            step(res_step, "allow", "The resource-based policy allows this principal, which has no identity-based "
                                    "policies of its own.");
            return finish(Outcome::Allow, resource_kind, res.best_allow);
        }
        if (!same_account) {
            step(res_step, "pass", [&] {
                return "The resource's account allows the request (it " +
                       std::string(res.grant == Grant::Direct ? "names the principal itself or everyone"
                                                              : grant_words(res.grant)) +
                       "); the principal's own account must allow it too.";
            });
        } else if (who.type == PrincipalType::Root) {
            step(res_step, "pass", "The policy allows the request; the root user needs no more in its own account.");
        } else if (res.grant == Grant::Direct && resource_kind == PolicyKind::Trust && who.type == PrincipalType::IAMUser &&
                   ps_.boundary != nullptr) {
            // id_roles_update-role-trust-policy: "If a user is listed as the principal in a role's trust policy but
            // cannot assume the role, check the user's permissions boundary. If a permissions boundary is set for
            // the user, then it must allow the sts:AssumeRole action."
            role_grant = true;
            step(res_step, "pass",
                 "The trust policy names the user: no identity-based policy is needed, but the user's permissions "
                 "boundary must allow the call.");
        } else if (res.grant == Grant::Direct) {
            step(res_step, "allow",
                 "In the same account, an Allow that names the principal itself (IAM user, role session or federated "
                 "user ARN), or everyone with \"*\", decides Allow, whatever the identity-based policies, boundary and "
                 "session policy say.");
            return finish(Outcome::Allow, resource_kind, res.best_allow);
        } else if (res.grant == Grant::Role) {
            role_grant = true;
            step(res_step, "pass",
                 "The Allow names the role (or the IAM user who federated), not the session: no identity-based policy "
                 "is needed, but the permissions boundary and session policy still limit it.");
        } else {
            step(res_step, "pass",
                 "The Allow names only the account, which delegates to the account's own policies: an "
                 "identity-based policy must allow the request.");
        }
    }

    // 4. Identity-based policies.
    if (who.type == PrincipalType::Root) {
        if (same_account) {
            step("Identity-based policies", "allow",
                 "The root user is allowed everything in its own account unless an SCP or an explicit deny says "
                 "otherwise.");
            return finish(Outcome::Allow, std::nullopt, std::nullopt);
        }
        step("Identity-based policies", "pass", "The root user has every permission in its own account.");
        return finish(Outcome::Allow, resource_kind, res.best_allow);
    }
    const bool root_behind = federated_by_root(who);
    if (role_grant) {
        step("Identity-based policies", "skipped", "Not needed: the resource-based policy names the role or user behind this principal.");
    } else if (root_behind) {
        step("Identity-based policies", "pass",
             "The root user called GetFederationToken: the federated user has the root user's permissions, which no "
             "IAM policy limits, within its session policy.");
    } else if (!ident.allow) {
        step("Identity-based policies", "deny",
             ps_.identity.empty() ? "The principal has no identity-based policies, and nothing else allows the request."
                                  : "No identity-based policy has an applicable Allow.");
        return finish(Outcome::ImplicitDeny, PolicyKind::Identity, std::nullopt);
    } else {
        step("Identity-based policies", "pass", [&] { return "Allowed by " + statement_name(*ident.best_allow) + "."; });
    }

    // 5. Permissions boundary.
    if (!ps_.boundary) {
        step("Permissions boundary", "skipped", "The principal has no permissions boundary.");
    } else if (!bnd.allow) {
        step("Permissions boundary", "deny",
             "The permissions boundary sets the maximum permissions and does not allow the request.");
        return finish(Outcome::ImplicitDeny, PolicyKind::Boundary, std::nullopt);
    } else {
        step("Permissions boundary", "pass", "The permissions boundary allows the request.");
    }

    // 6. Session policy.
    if (!session_applies) {
        step("Session policy", "skipped", "The session was not given a session policy.");
    } else if (!sess.allow) {
        step("Session policy", "deny",
             ps_.session.empty() ? "A federated user session without a session policy has no permissions."
                                 : "No session policy allows the request; a session policy limits the session to at "
                                   "most what it allows.");
        return finish(Outcome::ImplicitDeny, PolicyKind::Session, std::nullopt);
    } else {
        step("Session policy", "pass", "The session policy allows the request.");
    }

    if (role_grant) return finish(Outcome::Allow, resource_kind, res.best_allow);
    if (root_behind) return finish(Outcome::Allow, PolicyKind::Session, sess.best_allow);
    return finish(Outcome::Allow, PolicyKind::Identity, ident.best_allow);
}

}  // namespace

Decision evaluate(const Request& request, const PolicySet& policies, EvalDetail detail) {
    Decision d;
    Evaluator(request, policies, detail, d).run();
    return d;
}

nlohmann::json to_json(const Decision& d) {
    JsonTreeWriter w;
    write_json(w, d);
    return w.take();
}

}  // namespace stslab::iam
