#include "model/replay.hpp"

#include "aws/idp.hpp"
#include "aws/services.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>

namespace stslab::viz {
namespace {

using json = nlohmann::json;

// The world-map node a resource ARN is drawn as: an S3 object is drawn as its bucket.
std::string node_of(const std::string& arn) {
    static const std::string s3 = "arn:aws:s3:::";
    if (arn.rfind(s3, 0) == 0) {
        const std::size_t slash = arn.find('/', s3.size());
        return slash == std::string::npos ? arn : arn.substr(0, slash);
    }
    // An object through an access point: the access point (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY).
    if (const std::size_t object = arn.find("/object/"); arn.rfind("arn:aws:s3:", 0) == 0 && arn.find(":accesspoint/") != std::string::npos &&
                                                        object != std::string::npos)
        return arn.substr(0, object);
    return arn;
}

// The account an ARN is in: the one it names, or for an S3 bucket (whose ARN names none) the bucket's. "" if neither.
std::string account_of(const aws::World& world, const std::string& arn) {
    if (const std::optional<iam::Arn> a = iam::Arn::parse(arn); a && !a->account.empty()) return a->account;
    static const std::string s3 = "arn:aws:s3:::";
    if (arn.rfind(s3, 0) != 0) return "";
    const auto b = world.buckets.find(arn.substr(s3.size()));
    return b == world.buckets.end() ? "" : b->second.account;
}

// An inline policy that denies everything to sessions issued before a time, put on a role or a user by hand (lesson
// 21's DenyOlderSessions), ends them as the console's revocation does (id_roles_use_revoke-sessions): the time, or
// nullopt for a policy of another shape.
std::optional<SimTime> revokes_before(const json& params, EpochMs start) {
    const auto doc_param = params.find("PolicyDocument");
    if (doc_param == params.end()) return std::nullopt;
    const json doc = doc_param->is_string() ? json::parse(doc_param->get<std::string>(), nullptr, false) : *doc_param;
    if (!doc.is_object() || !doc.contains("Statement")) return std::nullopt;
    const json statements = doc["Statement"].is_array() ? doc["Statement"] : json::array({doc["Statement"]});
    const auto everything = [](const json& st, const char* key) {
        const auto v = st.find(key);
        return v != st.end() && (*v == "*" || *v == json::array({"*"}));
    };
    for (const json& st : statements) {
        if (!st.is_object() || st.value("Effect", "") != "Deny" || !everything(st, "Action") || !everything(st, "Resource")) continue;
        const json condition = st.value("Condition", json::object());
        const json before = condition.is_object() ? condition.value("DateLessThan", json::object()) : json();
        if (condition.size() != 1 || !before.is_object() || before.size() != 1) continue;
        const json& at = before.begin().value();
        if (ascii_lowered(before.begin().key()) != "aws:tokenissuetime" || !at.is_string()) continue;
        try {
            return parse_iso8601(at.get<std::string>()) - start;
        } catch (const std::exception&) {
        }
    }
    return std::nullopt;
}

}  // namespace

std::string text_of(const nlohmann::json* data, const char* key) {
    if (data == nullptr || !data->is_object()) return {};
    const auto it = data->find(key);
    return it != data->end() && it->is_string() ? it->get<std::string>() : std::string();
}

Replay::Replay(Scenario scenario, RunResult run) : scenario_(std::move(scenario)), run_(std::move(run)) {
    static std::atomic<std::uint64_t> made{0};
    serial_ = ++made;
    build();
}

void Replay::build() {
    const Trace& trace = *run_.trace;
    const auto& events = trace.events();

    // Lanes: every scenario actor, then the services some message went to or came from. The run registers the
    // scenario's actors first and then the services, STS first: every actor from STS on is a service.
    std::map<std::uint32_t, std::uint32_t> lane_of_actor;
    std::uint32_t first_service = 0;
    while (first_service < trace.actor_count() && trace.actor_name(first_service) != "STS") ++first_service;
    std::vector<std::uint32_t> services_used;
    for (const auto& e : events) {
        if (e.kind != TraceKind::Sent) continue;
        for (const std::uint32_t a : {e.from, e.to})
            if (a >= first_service && std::find(services_used.begin(), services_used.end(), a) == services_used.end())
                services_used.push_back(a);
    }
    for (std::uint32_t a = 0; a < first_service; ++a) {
        lane_of_actor[a] = static_cast<std::uint32_t>(lanes_.size());
        lanes_.push_back(trace.actor_name(a));
    }
    first_service_lane_ = static_cast<std::uint32_t>(lanes_.size());
    std::sort(services_used.begin(), services_used.end());  // STS, IAM, S3, EC2: the kernel's order
    for (const std::uint32_t a : services_used) {
        lane_of_actor[a] = static_cast<std::uint32_t>(lanes_.size());
        lanes_.push_back(trace.actor_name(a));
    }

    // Steps: one per message; then every event is given its step.
    std::map<MessageId, std::size_t> step_of_message;
    std::map<std::uint64_t, std::size_t> request_step;  // the runner's request number -> the request's step
    step_of_event_.assign(events.size(), 0);
    std::vector<std::size_t> waiting;  // a scenario step's start and narration: they belong to the next message
    for (std::size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        std::size_t step = arrows_.size();
        if (e.kind == TraceKind::Sent) {
            Arrow a;
            a.sent_event = i;
            a.from = lane_of_actor.count(e.from) ? lane_of_actor[e.from] : 0;
            a.to = lane_of_actor.count(e.to) ? lane_of_actor[e.to] : 0;
            a.sent = e.time;
            a.arrives = e.arrives;
            a.label = trace.label_name(e.label);
            a.body = trace.tree(i);
            a.step_id = text_of(a.body, "step");
            const bool has_request = a.body && a.body->is_object() && a.body->contains("request");
            if (has_request && a.body->contains("operation")) {
                a.kind = ArrowKind::Request;
                request_step[(*a.body)["request"].get<std::uint64_t>()] = arrows_.size() + 1;
                a.target = node_of(text_of(a.body, "resource"));
                if (const json* params = &(*a.body)["params"]; a.target.empty() && params->is_object())
                    a.target = text_of(params, "RoleArn");
            } else if (has_request) {
                a.kind = ArrowKind::Answer;
                const auto r = request_step.find((*a.body)["request"].get<std::uint64_t>());
                if (r != request_step.end()) {
                    a.partner = r->second;
                    arrows_[r->second - 1].partner = arrows_.size() + 1;
                }
                if (a.body->contains("error") && (*a.body)["error"].is_object()) {
                    a.failed = true;
                    a.error = text_of(&(*a.body)["error"], "code");
                    if (a.partner != kNone) {
                        arrows_[a.partner - 1].failed = true;
                        arrows_[a.partner - 1].error = a.error;
                    }
                }
                if (a.partner != kNone) a.target = arrows_[a.partner - 1].target;
            }
            a.first_event = i;
            arrows_.push_back(std::move(a));
            step = arrows_.size();
            step_of_message[e.message] = step;
            for (const std::size_t w : waiting) step_of_event_[w] = step;
            if (!waiting.empty()) arrows_.back().first_event = waiting.front();
            waiting.clear();
        } else if (e.message != 0 && step_of_message.count(e.message)) {
            step = step_of_message[e.message];
        } else if (e.kind == TraceKind::Step || e.kind == TraceKind::Narration) {
            waiting.push_back(i);
            continue;
        }
        step_of_event_[i] = step;
    }
    for (const std::size_t w : waiting) step_of_event_[w] = arrows_.size();  // a last step that sent nothing

    // What each step did, from its events.
    for (std::size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        const std::size_t step = step_of_event_[i];
        const json* data = trace.tree(i);
        if (step > 0) {
            Arrow& a = arrows_[step - 1];
            a.first_event = std::min(a.first_event, i);
            a.end_event = std::max(a.end_event, i + 1);
        }
        switch (e.kind) {
            case TraceKind::Decision: {
                DecisionInfo d;
                d.step = step;
                d.event = i;
                d.allowed = text_of(data, "decision") == "Allow";
                d.resource = node_of(text_of(data, "resource"));
                d.data = data;
                decisions_by_resource_[d.resource].push_back(decisions_.size());
                decisions_.push_back(d);
                // A request through one of the world's VPC endpoints also marks the endpoint: with a cross when the
                // endpoint's policy refused it.
                if (data && data->contains("context") && (*data)["context"].is_object()) {
                    const json& ctx = (*data)["context"];
                    for (auto it = ctx.begin(); it != ctx.end(); ++it) {
                        if (!it->is_string() || !equal_ignoring_case(it.key(), "aws:SourceVpce")) continue;
                        if (const aws::VpcEndpoint* endpoint = scenario_.world.vpc_endpoint(it->get<std::string>())) {
                            DecisionInfo through = d;
                            through.resource = endpoint->arn;
                            through.allowed = text_of(data, "denied_by") != "VPC endpoint policy";
                            decisions_by_endpoint_[through.resource].push_back(endpoint_decisions_.size());
                            endpoint_decisions_.push_back(std::move(through));
                        }
                    }
                }
                // The hop goes to what was decided on, when the request did not name it.
                if (step > 0 && arrows_[step - 1].target.empty()) arrows_[step - 1].target = d.resource;
                break;
            }
            case TraceKind::CredentialIssued: {
                CredentialInfo c;
                c.access_key_id = text_of(data, "access_key_id");
                c.kind = text_of(data, "kind");
                c.principal = text_of(data, "principal");
                c.holder = text_of(data, "holder");
                c.issued = text_of(data, "issued");
                c.expires = text_of(data, "expires");
                if (data && data->contains("expires_t")) c.expires_t = (*data)["expires_t"].get<SimTime>();
                c.issued_step = step;
                c.issued_t = e.time;
                c.data = data;
                credentials_.push_back(std::move(c));
                break;
            }
            case TraceKind::CredentialExpired: {
                // The run notes an expiry when its next event comes, so the event sits with the step before: the
                // credentials are gone from the first step at or after the moment they expired (its time, not its
                // place in the trace), and held until then.
                // Arrival times only grow from step to step (one latency for every hop).
                const auto at = std::lower_bound(arrows_.begin(), arrows_.end(), e.time,
                                                 [](const Arrow& a, SimTime t) { return a.arrives < t; });
                const std::size_t gone = at == arrows_.end() ? kNone : static_cast<std::size_t>(at - arrows_.begin()) + 1;
                for (auto& c : credentials_)
                    if (c.access_key_id == text_of(data, "access_key_id")) c.expired_step = gone;
                break;
            }
            case TraceKind::CloudTrail: {
                if (!data || !data->contains("record")) break;
                const json& r = (*data)["record"];
                CloudTrailRow row;
                row.step = step;
                row.time = text_of(&r, "eventTime");
                row.account = text_of(&r, "recipientAccountId");
                row.event = text_of(&r, "eventName");
                if (r.contains("userIdentity")) {
                    const json& who = r["userIdentity"];
                    // The ARN; without one, the type and who: "SAMLUser alice@corp.example.com", "AWSAccount 222222222222".
                    row.identity = text_of(&who, "arn");
                    if (row.identity.empty()) {
                        row.identity = text_of(&who, "type");
                        for (const char* k : {"userName", "accountId"})
                            if (!text_of(&who, k).empty()) {
                                row.identity += " " + text_of(&who, k);
                                break;
                            }
                    }
                }
                row.error = text_of(&r, "errorCode");
                // A failed console sign-in has no errorCode, only its message and "ConsoleLogin": "Failure".
                if (const auto out = r.find("responseElements"); row.error.empty() && out != r.end() && out->is_object() &&
                                                                 text_of(&*out, "ConsoleLogin") == "Failure")
                    row.error = "Failure";
                row.record = &r;
                cloudtrail_.push_back(std::move(row));
                break;
            }
            case TraceKind::Narration:
                narration_.push_back({step, text_of(data, "en"), text_of(data, "ko")});
                break;
            case TraceKind::WorldChanged: {
                const std::string summary = text_of(data, "summary");
                // EC2's "instance ID: FROM -> TO".
                if (const std::size_t arrow = summary.rfind(" -> "), colon = summary.find(": ");
                    summary.rfind("instance ", 0) == 0 && arrow != std::string::npos && colon != std::string::npos && colon < arrow) {
                    instance_changes_.push_back({summary.substr(9, colon - 9), summary.substr(arrow + 4), step});
                    break;
                }
                const std::string prefix = aws::kRevokeChangePrefix;
                const std::size_t end = summary.find(aws::kRevokeChangeMiddle);
                if (summary.compare(0, prefix.size(), prefix) != 0 || end == std::string::npos) break;
                const auto arn = iam::Arn::parse(summary.substr(prefix.size(), end - prefix.size()));
                if (arn) revocations_.push_back({arn->account, "role", arn->resource.substr(arn->resource.rfind('/') + 1), e.time, step});
                break;
            }
            case TraceKind::Check:
                checks_.push_back({step, text_of(data, "step"), data && data->value("passed", false),
                                   text_of(data, "summary"), text_of(data, "expected"), text_of(data, "detail"),
                                   text_of(data, "expected_ko"), text_of(data, "detail_ko")});
                break;
            default:
                break;
        }
    }
    // The account each call acts in, where the map points a call it draws no node for (sts:GetCallerIdentity, a
    // federated user's token, a managed policy, "*"): the target's; else the one the request names
    // (sso:GetRoleCredentials' accountId); else that of the credentials that signed it; else the caller's; else the
    // world's only account (a console sign-in URL, which carries its session inside).
    const aws::World& world = scenario_.world;
    std::map<std::string, const CredentialInfo*> by_key_id;
    for (const CredentialInfo& c : credentials_) by_key_id[c.access_key_id] = &c;
    const auto signer = [&](const Arrow& request) -> const CredentialInfo* {
        const auto it = by_key_id.find(text_of(request.body, "access_key_id"));
        return it == by_key_id.end() ? nullptr : it->second;
    };
    for (Arrow& a : arrows_) {
        if (a.kind != ArrowKind::Request) continue;
        a.account = account_of(world, a.target);
        if (const auto params = a.body->find("params"); a.account.empty() && params != a.body->end())
            for (const char* key : {"accountId", "AccountId"})
                if (iam::is_account_id(text_of(*params, key))) a.account = text_of(*params, key);
        if (const CredentialInfo* c = signer(a); a.account.empty() && c != nullptr) a.account = account_of(world, c->principal);
        if (const auto actor = scenario_.actors.find(lanes_[a.from]); a.account.empty() && actor != scenario_.actors.end())
            a.account = account_of(world, actor->second.principal);
        if (a.account.empty() && world.accounts.size() == 1) a.account = world.accounts.begin()->first;
    }
    // Answers carry the target and account of their request for the hop back; decisions may have set it late.
    for (std::size_t k = 0; k < arrows_.size(); ++k) {
        Arrow& a = arrows_[k];
        if (a.kind != ArrowKind::Answer) continue;
        if (a.partner != kNone && a.target.empty()) a.target = arrows_[a.partner - 1].target;
        if (a.partner != kNone) a.account = arrows_[a.partner - 1].account;
        if (a.failed) failed_answers_.push_back(k + 1);
        answers_by_target_[a.target].push_back(k + 1);
        // A revocation put by hand takes effect when IAM handles the request, as the console's does.
        if (a.failed || a.partner == kNone) continue;
        const Arrow& request = arrows_[a.partner - 1];
        const bool on_role = request.label == "iam:PutRolePolicy", on_user = request.label == "iam:PutUserPolicy";
        const auto params = request.body->find("params");
        if ((!on_role && !on_user) || params == request.body->end() || !params->is_object()) continue;
        if (const std::optional<SimTime> before = revokes_before(*params, scenario_.start))
            revocations_.push_back({request.account, on_role ? "role" : "user",
                                    text_of(&*params, on_role ? "RoleName" : "UserName"), *before, a.partner});
    }
    // The map nodes each step joins, and how many steps each node is an end of. An actor is its principal's node, or
    // its own outside AWS; a call comes from the role whose session signed it (a chained call, an ABAC session's),
    // else from its actor.
    const auto actor_node = [&](std::uint32_t lane) { return node_of_actor(lanes_[lane]); };
    // A role session an attacker signs with though it was issued to another (lesson 36's stolen instance
    // credentials): drawn from the attacker, with whose session it is, not from the role as its holder's calls are.
    const auto stolen_session = [&](const Arrow& request, const CredentialInfo& c) {
        const auto actor = scenario_.actors.find(lanes_[request.from]);
        return actor != scenario_.actors.end() && actor->second.kind == ActorKind::Attacker && c.holder != actor->first;
    };
    const auto caller_node = [&](const Arrow& request) {
        if (const CredentialInfo* c = signer(request); c != nullptr && !stolen_session(request, *c))
            if (std::string role = role_of_session(world, c->principal); !role.empty()) return role;
        return actor_node(request.from);
    };
    // A call signed with credentials that are not its caller's own (lesson 21's stolen key): whose they are, and who
    // its CloudTrail record names as the caller (the CloudTrail records of a request are at its step).
    for (std::size_t k = 0; k < arrows_.size(); ++k) {
        Arrow& a = arrows_[k];
        if (a.kind != ArrowKind::Request) continue;
        const CredentialInfo* c = signer(a);
        const auto actor = scenario_.actors.find(lanes_[a.from]);
        if (c == nullptr || (!role_of_session(world, c->principal).empty() && !stolen_session(a, *c)) ||
            (actor != scenario_.actors.end() && actor->second.principal == c->principal))
            continue;
        a.signed_by = c->principal;
        const auto row = std::find_if(cloudtrail_.begin(), cloudtrail_.end(),
                                      [&](const CloudTrailRow& r) { return r.step == k + 1 && !r.identity.empty(); });
        if (row != cloudtrail_.end()) a.seen_as = row->identity;
        if (a.partner != kNone) {
            arrows_[a.partner - 1].signed_by = a.signed_by;
            arrows_[a.partner - 1].seen_as = a.seen_as;
        }
    }
    for (std::size_t k = 0; k < arrows_.size(); ++k) {
        Arrow& a = arrows_[k];
        switch (a.kind) {
            case ArrowKind::Request: a.from_node = caller_node(a); a.to_node = a.target; break;
            case ArrowKind::Answer:
                a.from_node = a.target;
                a.to_node = a.partner != kNone ? caller_node(arrows_[a.partner - 1]) : actor_node(a.to);
                break;
            case ArrowKind::Message: a.from_node = actor_node(a.from); a.to_node = actor_node(a.to); break;
        }
        for (const std::string* key : {&a.from_node, &a.to_node}) {
            if (key->empty() || (key == &a.to_node && a.to_node == a.from_node)) continue;
            NodeSteps& n = node_steps_[*key];
            ++n.count;
            n.first = std::min(n.first, k + 1);
        }
    }
    // Credentials a call issued are its caller's once the answer carrying them arrives, a step after STS decided.
    for (CredentialInfo& c : credentials_) {
        c.held_step = c.issued_step;
        if (c.issued_step == 0) continue;
        const Arrow& issuing = arrows_[c.issued_step - 1];
        if (issuing.kind == ArrowKind::Request && issuing.partner != kNone) c.held_step = issuing.partner;
    }
    // The most sessions held at once: +1 at the step each is held from, -1 at the step it is gone from.
    std::vector<long> change(arrows_.size() + 2, 0);
    for (const CredentialInfo& c : credentials_) {
        if (c.expires_t < 0 || (c.expired_step != kNone && c.expired_step <= c.held_step)) continue;
        ++change[c.held_step];
        if (c.expired_step != kNone) --change[c.expired_step];
    }
    long held = 0;
    for (const long d : change) {
        held += d;
        peak_sessions_ = std::max(peak_sessions_, static_cast<std::size_t>(std::max(0L, held)));
    }
}

SimTime Replay::time_at(std::size_t step) const {
    if (step == 0 || arrows_.empty()) return 0;
    return arrows_[std::min(step, arrows_.size()) - 1].arrives;
}

std::size_t Replay::step_of_id(const std::string& id) const {
    std::size_t found = kNone;
    for (std::size_t k = 0; k < arrows_.size(); ++k)
        if (arrows_[k].step_id == id) found = k + 1;
    return found;
}

std::size_t Replay::next_assume_role(std::size_t step) const {
    for (std::size_t k = step; k < arrows_.size(); ++k)
        if (arrows_[k].kind == ArrowKind::Request && arrows_[k].label.find("sts:Assume") != std::string::npos)  // AssumeRole*, AssumeRoot
            return k + 1;
    return kNone;
}

std::string Replay::instance_state(const std::string& instance_id, std::size_t step) const {
    std::string state;
    if (const auto it = scenario_.world.instances.find(instance_id); it != scenario_.world.instances.end()) state = it->second.state;
    for (const StateChange& c : instance_changes_)
        if (c.instance == instance_id && c.step <= step) state = c.state;
    return state;
}

std::vector<std::array<std::size_t, 2>> align_steps(const Replay& a, const Replay& b) {
    const Replay* replays[2] = {&a, &b};
    std::vector<std::array<std::size_t, 2>> timeline{{0, 0}};
    timeline.reserve(a.steps() + b.steps() + 1);
    for (;;) {
        const std::array<std::size_t, 2> at = timeline.back();
        const auto next_sent = [&](int i) {  // when replay i's next arrow is sent; none past its last
            return at[i] < replays[i]->steps() ? std::optional(replays[i]->arrow(at[i] + 1).sent) : std::nullopt;
        };
        const std::optional<SimTime> t[2] = {next_sent(0), next_sent(1)};
        if (!t[0] && !t[1]) return timeline;
        const SimTime now = !t[0] ? *t[1] : !t[1] ? *t[0] : std::min(*t[0], *t[1]);
        std::array<std::size_t, 2> next = at;
        for (int i = 0; i < 2; ++i)
            if (t[i] == now) ++next[i];
        timeline.push_back(next);
    }
}

const CredentialInfo* Replay::credential(const std::string& access_key_id) const {
    for (const auto& c : credentials_)
        if (c.access_key_id == access_key_id) return &c;
    return nullptr;
}

std::string held_name(const aws::World& world, const CredentialInfo& c) {
    // A root user's (an AssumeRoot session of a member account, say) keeps its account: "222222222222:root".
    const bool root = c.principal.size() > 5 && c.principal.compare(c.principal.size() - 5, 5, ":root") == 0;
    std::string name = !role_of_session(world, c.principal).empty() ? c.principal.substr(c.principal.find("assumed-role/") + 13)
                       : root ? c.principal.substr(c.principal.rfind(':', c.principal.size() - 6) + 1)
                              : c.principal.substr(c.principal.rfind(':') + 1);
    if (c.data != nullptr && c.data->is_object() && c.data->value("mfa", false)) name += " (MFA)";
    return name;
}

std::vector<const CredentialInfo*> Replay::held_after(std::size_t step) const {
    std::vector<const CredentialInfo*> out;
    for (const auto& c : credentials_)
        if (c.held_step <= step && (c.expired_step == kNone || c.expired_step > step)) out.push_back(&c);
    return out;
}

bool Replay::revoked_after(const CredentialInfo& c, std::size_t step) const {
    if (revocations_.empty() || c.expires_t < 0) return false;  // long-term keys have no aws:TokenIssueTime
    // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, or a user's GetSessionToken credentials: arn:aws:iam::ACCT:user/NAME.
    const auto arn = iam::Arn::parse(c.principal);
    if (!arn) return false;
    std::string kind, name;
    if (arn->resource.compare(0, 13, "assumed-role/") == 0) {
        kind = "role";
        name = arn->resource.substr(13, arn->resource.find('/', 13) - 13);
    } else if (arn->resource.compare(0, 5, "user/") == 0) {
        kind = "user";
        name = arn->resource.substr(arn->resource.rfind('/') + 1);
    } else {
        return false;
    }
    return std::any_of(revocations_.begin(), revocations_.end(), [&](const Revocation& r) {
        return r.step <= step && r.account == arn->account && r.kind == kind && r.name == name && c.issued_t < r.at;
    });
}



std::string Replay::node_of_actor(const std::string& actor) const {
    const auto it = scenario_.actors.find(actor);
    if (it == scenario_.actors.end()) return "";
    return it->second.principal.empty() ? "actor:" + actor : it->second.principal;
}

Replay::NodeSteps Replay::steps_of_node(const std::string& key) const {
    const auto it = node_steps_.find(key);
    return it == node_steps_.end() ? NodeSteps{} : it->second;
}

std::vector<const DecisionInfo*> Replay::decisions_of(std::size_t step) const {
    std::vector<const DecisionInfo*> out;
    const auto first = std::lower_bound(decisions_.begin(), decisions_.end(), step,
                                        [](const DecisionInfo& d, std::size_t s) { return d.step < s; });
    for (auto it = first; it != decisions_.end() && it->step == step; ++it) out.push_back(&*it);
    return out;
}

const DecisionInfo* Replay::last_decision_on(const std::string& resource, std::size_t step) const {
    const bool endpoint = decisions_by_endpoint_.count(resource) > 0;
    const auto& index = endpoint ? decisions_by_endpoint_ : decisions_by_resource_;
    const auto& list = endpoint ? endpoint_decisions_ : decisions_;
    const auto it = index.find(resource);
    if (it == index.end()) return nullptr;
    const auto& indexes = it->second;
    const auto after = std::upper_bound(indexes.begin(), indexes.end(), step,
                                        [&list](std::size_t s, std::size_t i) { return s < list[i].step; });
    return after == indexes.begin() ? nullptr : &list[*(after - 1)];
}

Replay::Outcome Replay::outcome_on(const std::string& resource, std::size_t step) const {
    Outcome o;
    o.decision = last_decision_on(resource, step);
    if (const auto it = answers_by_target_.find(resource); it != answers_by_target_.end()) {
        const auto after = std::upper_bound(it->second.begin(), it->second.end(), step);
        if (after != it->second.begin()) o.answer = &arrows_[*(after - 1) - 1];
    }
    // A later request's decision, whose answer is still to come, is the newer news.
    if (o.answer != nullptr && o.decision != nullptr && o.answer->partner != kNone && o.answer->partner < o.decision->step)
        o.answer = nullptr;
    return o;
}

std::size_t Replay::cloudtrail_count(std::size_t step) const {
    return static_cast<std::size_t>(
        std::upper_bound(cloudtrail_.begin(), cloudtrail_.end(), step,
                         [](std::size_t s, const CloudTrailRow& r) { return s < r.step; }) -
        cloudtrail_.begin());
}

const NarrationInfo* Replay::narration_at(std::size_t step) const {
    const auto after = std::upper_bound(narration_.begin(), narration_.end(), step,
                                        [](std::size_t s, const NarrationInfo& n) { return s < n.step; });
    return after == narration_.begin() ? nullptr : &*(after - 1);
}

std::unique_ptr<Replay> load_replay(const std::string& path) {
    Scenario s = load_scenario_file(path);
    RunResult r = run_scenario(s);
    return std::make_unique<Replay>(std::move(s), std::move(r));
}

std::unique_ptr<Replay> load_replay_text(const std::string& text, const std::string& name) {
    Scenario s = load_scenario_text(text, name);
    RunResult r = run_scenario(s);
    return std::make_unique<Replay>(std::move(s), std::move(r));
}

std::string role_of_session(const aws::World& world, const std::string& principal) {
    const std::optional<iam::Arn> arn = iam::Arn::parse(principal);
    const std::string marker = "assumed-role/";
    if (!arn || arn->resource.rfind(marker, 0) != 0) return "";
    const std::size_t slash = arn->resource.find('/', marker.size());
    const std::string name = arn->resource.substr(marker.size(), slash == std::string::npos ? std::string::npos : slash - marker.size());
    const auto a = world.accounts.find(arn->account);
    if (a == world.accounts.end()) return "";
    const auto r = a->second.roles.find(name);
    return r == a->second.roles.end() ? "" : r->second.arn;
}

TokenSigner token_signer(const aws::World& world, const nlohmann::json& token) {
    const json claims = token.value("claims", json::object());
    const std::string issuer = token.contains("claims") ? text_of(&claims, "iss") : text_of(&token, "Issuer");
    TokenSigner out;
    out.named = world.idp_by_issuer(issuer);
    if (out.named != nullptr && aws::signature_valid(token, out.named->key)) {
        out.signer = out.named;
        return out;
    }
    for (const auto& [name, idp] : world.identity_providers)
        if (aws::signature_valid(token, idp.key)) out.signer = &idp;
    return out;
}

std::string describe_origin(const std::string& step_id, Language language) {
    const std::size_t gt = step_id.rfind('>'), hash = step_id.rfind('#');
    if (gt == std::string::npos || hash == std::string::npos || hash < gt)
        return step_id.empty() ? "" : trf(Ui::OriginStep, language, step_id.c_str());
    const std::string trigger = step_id.substr(0, gt);
    const std::string handling = trigger.find('>') == std::string::npos ? trf(Ui::OriginTrigger, language, trigger.c_str())
                                                                        : describe_origin(trigger, language);
    return trf(Ui::OriginAction, language, step_id.substr(gt + 1, hash - gt - 1).c_str(), step_id.substr(hash + 1).c_str(),
               handling.c_str());
}

}  // namespace stslab::viz
