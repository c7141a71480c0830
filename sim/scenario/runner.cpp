#include "scenario/runner.hpp"

#include "aws/cloudtrail.hpp"
#include "aws/services.hpp"
#include "core/error.hpp"
#include "core/kernel.hpp"
#include "core/text.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/expect.hpp"
#include "scenario/templates.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

namespace stslab {

using namespace std::string_view_literals;  // `s == "text"sv` compares lengths first: no strlen, no call
namespace {

using nlohmann::json;

Payload payload(json j) { return std::make_shared<const json>(std::move(j)); }

// The services' kernel actors: the first four in every run, the others only when a scenario calls them.
const char* const kServiceActors[] = {"STS", "IAM", "S3", "EC2", "Sign-in", "SSO"};

// The actor that answers `call`: one of kServiceActors; for a call only authorized (services.hpp) of another
// service, AWS's short name for the common ones and the service prefix for the rest; "" for none.
std::string service_actor_name(const std::string& call) {
    const std::string service = call.substr(0, call.find(':'));
    if (const aws::SandboxService* own = aws::sandbox_service(service)) return own->actor;
    return aws::authorization_only_operation(call) ? aws::other_service(service).actor : std::string();
}

class Runner;

// A handler's action whose templates copy the message it handles into the one it sends ("x": "${message}") makes
// each message larger than the last: sent back and forth, they would fill memory before the handler bound stopped
// them (found by fuzzing: two copies a hop double it). A value a template gives is refused past these bounds, far
// beyond any lesson's, and the action fails with a TemplateError that says why.
// One text copied twice a hop doubles as well: the texts are bounded too.
constexpr std::size_t kMaxTemplateNodes = 10000;
constexpr std::size_t kMaxTemplateDepth = 64;
constexpr std::size_t kMaxTemplateBytes = 1 << 20;

json within_bounds(json value, const char* member) {
    std::size_t nodes = 0, bytes = 0;
    std::vector<std::pair<const json*, std::size_t>> todo{{&value, 1}};  // (value, its depth)
    while (!todo.empty()) {
        const auto [v, depth] = todo.back();
        todo.pop_back();
        if (v->is_string()) bytes += v->get_ref<const std::string&>().size();
        if (++nodes > kMaxTemplateNodes || depth > kMaxTemplateDepth || bytes > kMaxTemplateBytes)
            throw std::runtime_error("\"" + std::string(member) + "\" grew past " + std::to_string(kMaxTemplateNodes) +
                                     " values, " + std::to_string(kMaxTemplateDepth) + " levels or " +
                                     std::to_string(kMaxTemplateBytes) +
                                     " bytes of text: a handler that copies the message it handles into the one it "
                                     "sends makes each message larger than the last");
        if (v->is_structured())
            for (auto it = v->begin(); it != v->end(); ++it) {
                if (v->is_object()) bytes += it.key().size();
                todo.emplace_back(&*it, depth + 1);
            }
    }
    return value;
}

// A scenario actor: receives answers to its calls and application messages (which may trigger its handlers).
class ActorRuntime final : public Actor {
public:
    ActorRuntime(Runner& runner, const ActorSpec& spec) : runner_(runner), spec_(spec) {}
    void receive(Kernel& kernel, const Message& message) override;
    const ActorSpec& spec() const { return spec_; }
    ActorId id;

private:
    Runner& runner_;
    const ActorSpec& spec_;
};

// A service (STS, IAM, S3, EC2): answers requests.
class ServiceRuntime final : public Actor {
public:
    explicit ServiceRuntime(Runner& runner) : runner_(runner) {}
    void receive(Kernel& kernel, const Message& message) override;
    ActorId id;

private:
    Runner& runner_;
};

// A handler being worked through: which actions remain, and what they may refer to.
struct Chain {
    const ActorSpec* actor = nullptr;
    const Handler* handler = nullptr;
    std::size_t next = 0;
    json message;
    std::string from;
    std::string trigger;  // the step (or action) whose message started it
    std::vector<Expectation> then;  // the trigger's expectations of this handler's actions
};

struct Pending {
    std::string actor;
    const CallSpec* spec = nullptr;
    std::string check_id;
    std::shared_ptr<Chain> chain;  // null for a plain step
    Expectation expect;            // the spec's, or the one the trigger's "then" gives this action
    std::string save;              // the spec's save, its templates resolved
};

class Runner {
public:
    Runner(const Scenario& scenario, const RunOptions& options, RunResult& out)
        : scenario_(scenario), options_(options), out_(out), kernel_(scenario.seed), world_(scenario.world) {
        out_.trace = std::make_unique<Trace>(scenario.start, options.storage);
        // Values that are new almost every time they occur: ids drawn at random, secrets, the summaries (which
        // name them), step ids, and a role session's names (its ARN, id and session name); each occurs in a few
        // events. Counted on bench world: 9 in 10 of these were new to the table, and kept there they grew it
        // by 36 bytes each, and made every later lookup in it slower.
        out_.trace->write_values_inline({"summary", "eventID", "requestID", "sharedEventID", "SecretAccessKey",
                                         "SessionToken", "sessionToken", "accessKeyId", "AccessKeyId", "access_key_id",
                                         "issued_key", "parent", "step", "principal", "assumedRoleId",
                                         "AssumedRoleId", "RoleSessionName", "roleSessionName"});
        kernel_.set_observer(out_.trace.get());
    }

    void run();

    // Called by the kernel actors.
    void answer(ServiceRuntime& service, const Message& request);
    void on_message(ActorRuntime& actor, const Message& message);

private:
    void assign_identities();
    void start_step(const Step& step);
    void begin_step(const Step& step);
    bool awaits_save(const Step& step) const;
    void saved(const std::string& name);
    std::string unsaved_why(const std::string& name) const;
    void issue(const std::string& actor, const CallSpec& spec, const std::string& check_id, std::shared_ptr<Chain> chain,
               const Expectation& expect);
    void stop_chain(const Chain& chain, const std::string& why);
    void continue_chain(const std::shared_ptr<Chain>& chain);
    void start_handler(const ActorSpec& actor, const json& message, const std::string& from, const std::string& trigger);
    void finish(const Pending& p, const CallOutcome& outcome);
    void note_check(CheckResult r);
    void fail_here(const Pending& p, const CallOutcome& outcome);
    void narrate(const std::string& actor, const std::string& step, const std::string& en, const std::string& ko);
    void flush_expiries();
    void authenticate(const ActorRuntime& actor, const Pending& pending, const json& params, const std::string& to);
    void presign(const ActorRuntime& actor, const Pending& pending, const CallSpec& spec, const std::string& key,
                 const std::string& resource, const json& params, const std::string& to);
    bool resolve_tokens(json& params, const Pending& pending);
    bool resolve_key(json& params, const Pending& pending);
    void note(TraceKind kind, json data, MessageId message = 0, ActorId actor = ActorId{}) {
        out_.trace->add(kernel_.now(), kind, payload(std::move(data)), message, actor.valid() ? actor.value : TraceEvent::kNone);
    }
    // The same for a payload of string members only, written without a tree (json_writer.hpp).
    void note_text(TraceKind kind, std::initializer_list<std::pair<std::string_view, std::string_view>> members,
                   MessageId message = 0, ActorId actor = ActorId{}) {
        std::vector<std::pair<std::string_view, std::string_view>> sorted(members);  // a JSON object's key order
        std::sort(sorted.begin(), sorted.end());
        out_.trace->add_written(kernel_.now(), kind, [&](auto& w) {
            w.object(sorted.size());
            for (const auto& [key, text] : sorted) string_member(w, key, text);
        }, message, actor.valid() ? actor.value : TraceEvent::kNone);
    }
    aws::ServiceContext services() {
        return aws::ServiceContext{world_, out_.credentials, kernel_.rng(), scenario_.start, kernel_.now(), pins_};
    }

    const Scenario& scenario_;
    const RunOptions options_;
    RunResult& out_;
    Kernel kernel_;
    aws::World world_;
    aws::PolicyPins pins_;
    std::vector<std::unique_ptr<ActorRuntime>> actors_;
    std::unordered_map<std::string, ActorRuntime*> actor_by_name_;  // looked up by every step, never walked
    std::map<std::string, std::unique_ptr<ServiceRuntime>> services_;
    std::map<std::string, std::string> long_term_;  // actor -> its access key id
    std::map<std::string, std::string> saved_;      // save name -> access key id
    std::map<std::string, json> tokens_;            // save name -> assertion or ID token (idp:Authenticate)
    std::map<std::string, json> urls_;              // save name -> a presigned URL's terms (ApiCall::presigned)
    // Names that calls in flight will save (credentials or a token), with the number of such calls; by actor, the
    // steps held until what they use is saved, in file order (an actor's steps start in the order written); and,
    // for a name whose call failed, why.
    std::map<std::string, int> saving_;
    std::map<std::string, std::deque<const Step*>> held_;
    std::map<std::string, std::string> unsaved_why_;
    std::map<std::uint64_t, Pending> pending_;      // by request number
    std::set<std::uint64_t> unauthenticated_;       // requests whose access key authenticated no one
    std::multimap<SimTime, std::string> expiries_;
    std::map<std::string, const std::vector<Expectation>*> then_of_;  // a send's id -> its "then" expectations
    static constexpr std::size_t kMaxHandlerRuns = 1000;               // handlers started in one run, at most
    std::size_t handler_runs_ = 0;
    std::uint64_t next_request_ = 1;
};

void ActorRuntime::receive(Kernel&, const Message& message) { runner_.on_message(*this, message); }
void ServiceRuntime::receive(Kernel&, const Message& message) { runner_.answer(*this, message); }

void Runner::assign_identities() {
    // In a fixed order (accounts, then users and roles by name), so the same seed gives the same ids.
    Rng& rng = kernel_.rng();
    for (auto& [id, account] : world_.accounts) {
        for (auto& [name, user] : account.users) user.id = aws::make_unique_id(rng, "AIDA");
        for (auto& [name, role] : account.roles) role.id = aws::make_unique_id(rng, "AROA");
    }
    for (const auto& [name, spec] : scenario_.actors) {
        if (spec.principal.empty() || aws::is_service_principal(spec.principal)) continue;  // a service holds no keys
        aws::Credential c;
        c.access_key_id = aws::make_access_key_id(rng, "AKIA");
        aws::make_secret_key(rng);  // the key's secret, which nothing in the run shows or checks: drawn, not kept
        c.kind = aws::CredentialKind::LongTerm;
        c.principal = iam::Principal::from_arn(spec.principal);
        c.user_arn = spec.principal;
        c.holder = name;
        aws::User* user = world_.user(spec.principal);
        if (user) c.principal.id = user->id;
        const aws::Credential& stored = out_.credentials.add(std::move(c));
        // The key is one of the user's (or the root user's) access keys, which IAM lists, deactivates and deletes.
        if (user) user->access_keys.push_back(stored.access_key_id);
        else if (const auto a = world_.accounts.find(stored.principal.account); a != world_.accounts.end())
            a->second.root_access_keys.push_back(stored.access_key_id);
        long_term_[name] = stored.access_key_id;
        note(TraceKind::CredentialIssued,
             {{"summary", name + " holds the long-term access key " + stored.access_key_id + " of " + spec.principal},
              {"access_key_id", stored.access_key_id},
              {"kind", to_string(stored.kind)},
              {"principal", stored.principal.arn},
              {"holder", name}},
             0, actor_by_name_.at(name)->id);
    }
    for (auto& [name, idp] : world_.identity_providers) idp.key = rng.chars(Rng::kBase64, 40);
    // The world's trust, bucket, key, endpoint and access point policies were saved with the users and roles as they are now.
    for (auto& [id, account] : world_.accounts) {
        for (auto& [name, role] : account.roles) aws::bind_unique_ids(world_, role.trust);
        for (auto& [key_id, key] : account.kms_keys) aws::bind_unique_ids(world_, key.policy);
        for (auto& [endpoint_id, endpoint] : account.vpc_endpoints) aws::bind_unique_ids(world_, endpoint.policy);
        for (auto& [ap_name, ap] : account.access_points)
            if (ap.policy) aws::bind_unique_ids(world_, *ap.policy);
    }
    for (auto& [name, bucket] : world_.buckets)
        if (bucket.policy) aws::bind_unique_ids(world_, *bucket.policy);
}

void Runner::run() {
    for (const auto& [name, spec] : scenario_.actors) {
        actors_.push_back(std::make_unique<ActorRuntime>(*this, spec));
        actors_.back()->id = kernel_.add_actor(name, actors_.back().get());
        actor_by_name_[name] = actors_.back().get();
    }
    // The four services every lesson has; others only when the scenario calls them, so that adding a service
    // never changes an existing lesson's run.
    std::vector<std::string> names(std::begin(kServiceActors), std::begin(kServiceActors) + 4);
    auto calls = [&](const char* prefix) {
        const auto uses = [&](const CallSpec& c) { return c.call.rfind(prefix, 0) == 0; };
        for (const Step& st : scenario_.steps)
            if (uses(st.spec)) return true;
        for (const auto& [n, a] : scenario_.actors)
            for (const auto& h : a.handlers)
                for (const auto& c : h.actions)
                    if (uses(c)) return true;
        return false;
    };
    if (calls("signin:")) names.push_back(kServiceActors[4]);
    if (calls("sso:")) names.push_back(kServiceActors[5]);
    // Then the services of the calls only authorized, in the order of their names.
    std::set<std::string> others;
    const auto other = [&](const CallSpec& c) {
        if (std::string name = service_actor_name(c.call); !name.empty() && !is_service_actor(name)) others.insert(std::move(name));
    };
    for (const Step& st : scenario_.steps) other(st.spec);
    for (const auto& [n, a] : scenario_.actors)
        for (const auto& h : a.handlers)
            for (const auto& c : h.actions) other(c);
    names.insert(names.end(), others.begin(), others.end());
    for (const std::string& name : names) {
        auto s = std::make_unique<ServiceRuntime>(*this);
        // A scenario actor may bear a service's name only when that service is not one of the six (the loader refuses
        // those): its service is then "NAME service" (or "NAME service service", should an actor have that name too).
        std::string shown = name;
        while (kernel_.find_actor(shown).valid()) shown += " service";
        s->id = kernel_.add_actor(shown, s.get());
        services_[name] = std::move(s);
    }
    assign_identities();
    for (const Step& step : scenario_.steps) kernel_.at(step.at, [this, &step](Kernel&) { start_step(step); });
    kernel_.run();
    out_.world = std::move(world_);
}

void Runner::flush_expiries() {
    while (!expiries_.empty() && expiries_.begin()->first <= kernel_.now()) {
        const auto [when, key] = *expiries_.begin();
        expiries_.erase(expiries_.begin());
        const aws::Credential* c = out_.credentials.find(key);
        const std::string summary = "the credentials " + key + " of " + c->principal.arn + " expired";
        out_.trace->add_written(when, TraceKind::CredentialExpired, [&](auto& w) {
            w.object(4);
            string_member(w, "access_key_id", key);
            string_member(w, "holder", c->holder);
            string_member(w, "principal", c->principal.arn);
            string_member(w, "summary", summary);
        });
    }
}

// Whether a step uses (as `using`, or as a "@NAME" token in its params) a name that a call in flight is still to save.
bool Runner::awaits_save(const Step& step) const {
    const auto in_flight = [&](const std::string& name) { return saving_.count(name) != 0; };
    if (!step.spec.using_.empty() && in_flight(step.spec.using_)) return true;
    const auto names_in_flight = [&](const char* k) {
        const auto it = step.spec.params.find(k);
        if (it == step.spec.params.end() || !it->is_string()) return false;
        const std::string& value = it->get_ref<const std::string&>();
        return value.rfind('@', 0) == 0 && in_flight(value.substr(1));
    };
    return std::any_of(std::begin(kTokenParams), std::end(kTokenParams), names_in_flight) || names_in_flight(kAccessKeyParam);
}

// A call that was to save `name` has been answered: once no other call is to save it, the held steps that no
// longer wait start, each actor's in order.
void Runner::saved(const std::string& name) {
    const auto it = saving_.find(name);
    if (it == saving_.end() || --it->second > 0) return;
    saving_.erase(it);
    for (auto h = held_.begin(); h != held_.end();) {
        std::deque<const Step*>& steps = h->second;
        while (!steps.empty() && !awaits_save(*steps.front())) {
            const Step* step = steps.front();
            steps.pop_front();
            begin_step(*step);
        }
        h = steps.empty() ? held_.erase(h) : std::next(h);
    }
}

// A step comes due: it starts now, unless it uses credentials or a token a call in flight is still to save, or an
// earlier step of its actor is held.
void Runner::start_step(const Step& step) {
    if (const auto h = held_.find(step.actor); h != held_.end()) {
        h->second.push_back(&step);
        return;
    }
    if (awaits_save(step)) {
        held_[step.actor].push_back(&step);
        return;
    }
    begin_step(step);
}

void Runner::begin_step(const Step& step) {
    flush_expiries();
    const ActorId actor = actor_by_name_.at(step.actor)->id;
    note_text(TraceKind::Step,
              {{"summary", step.id + ": " + step.actor + " " + step.spec.call}, {"step", step.id}, {"actor", step.actor},
               {"call", step.spec.call}},
              0, actor);
    issue(step.actor, step.spec, step.id, nullptr, step.spec.expect);
}

void Runner::issue(const std::string& actor_name, const CallSpec& spec, const std::string& check_id,
                   std::shared_ptr<Chain> chain, const Expectation& expect) {
    ActorRuntime& actor = *actor_by_name_.at(actor_name);
    // A handler's action refers to the message being handled; steps are used as written.
    json params = spec.params, message = spec.message, context = spec.context;
    std::string resource = spec.resource, using_ = spec.using_, to = spec.to, say_en = spec.say.en, say_ko = spec.say.ko,
                save = spec.save, presigned = spec.presigned;
    Expectation resolved;  // a handler action's expectation with its templates filled in
    const Expectation* expected = &expect;
    // This action's bookkeeping; `chained` false for an outcome that does not go on to the chain's next action.
    const auto pending = [&](bool chained) {
        return Pending{actor_name, &spec, check_id, chained ? chain : nullptr, *expected, save};
    };
    if (chain) {
        const TemplateEnv env{&chain->message, &chain->actor->vars, chain->from, actor_name};
        // A member that is text (resource, using, save, to, say) must stay text once its templates are filled in.
        const auto text = [&env](const std::string& written, const char* member) {
            json value = resolve_templates(written, env);
            if (!value.is_string())
                throw std::runtime_error("\"" + std::string(member) + "\" is text, but " + written + " gave " +
                                         std::string(value.type_name()) + " " + value.dump());
            return value.get<std::string>();
        };
        // The narration is no part of the call: a template of it that does not resolve is shown as written.
        for (std::string* say : {&say_en, &say_ko}) {
            try {
                *say = text(*say, "say");
            } catch (const std::exception&) {
            }
        }
        try {
            params = within_bounds(resolve_templates(params, env), "params");
            message = within_bounds(resolve_templates(message, env), "message");
            context = within_bounds(resolve_templates(context, env), "context");
            resource = text(resource, "resource");
            using_ = text(using_, "using");
            presigned = text(presigned, "presigned");
            save = text(save, "save");
            if (save.empty() && !spec.save.empty()) throw std::runtime_error("\"save\": " + spec.save + " named nothing");
            to = text(to, "to");
        } catch (const std::exception& e) {
            fail_here(pending(false), CallOutcome{false, "TemplateError", e.what()});
            stop_chain(*chain, "a template of action " + check_id + " did not resolve");
            return;
        }
        resolved = expect;
        try {
            resolved.message_contains = text(resolved.message_contains, "message_contains");
            for (auto& [path, value] : resolved.fields) value = resolve_templates(value, env);
        } catch (const std::exception& e) {
            resolved.unresolved = e.what();
        }
        expected = &resolved;
    }
    if (!say_en.empty() || !say_ko.empty()) narrate(actor_name, check_id, say_en, say_ko);
    if (spec.call == "idp:Authenticate"sv) return authenticate(actor, pending(true), params, to);
    if (!resolve_tokens(params, pending(true)) || !resolve_key(params, pending(true))) return;
    if (spec.call == "send"sv) {
        const auto target = actor_by_name_.find(to);
        if (target == actor_by_name_.end()) {
            fail_here(pending(false), CallOutcome{false, "NoSuchActor", "there is no actor named '" + to + "'"});
            if (chain) stop_chain(*chain, "action " + check_id + " sent to no actor");
            return;
        }
        const std::string type = message.is_object() && message.contains("type") && message["type"].is_string()
                                     ? message["type"].get<std::string>()
                                     : std::string("message");
        kernel_.send(actor.id, target->second->id, kernel_.label(type), scenario_.latency,
                     payload({{"message", message}, {"step", check_id}}));
        if (!spec.expect.then.empty()) then_of_[check_id] = &spec.expect.then;
        finish(pending(false), CallOutcome{true, "", ""});
        return;
    }
    std::string key;
    const json* url = nullptr;  // the presigned URL the call is made with
    if (!spec.presigned.empty()) {
        const auto it = urls_.find(presigned);
        if (it == urls_.end()) {
            fail_here(pending(true), CallOutcome{false, "MissingCredentials", "no presigned URL was saved as '" + presigned + "'"});
            if (chain) stop_chain(*chain, "action " + check_id + " had no presigned URL");
            return;
        }
        url = &it->second;
        key = (*url)["access_key_id"].get<std::string>();
    } else if (using_.empty() && !spec.using_.empty()) {  // a template that named no credentials is not the actor's own keys
        fail_here(pending(true), CallOutcome{false, "MissingCredentials", "\"using\": " + spec.using_ + " named no credentials"});
        if (chain) stop_chain(*chain, "action " + check_id + " had no credentials");
        return;
    }
    if (!using_.empty()) {
        const auto it = saved_.find(using_);
        if (it == saved_.end()) {
            fail_here(pending(true), CallOutcome{false, "MissingCredentials",
                                                 "no credentials were saved as '" + using_ + "' (" + unsaved_why(using_) + ")"});
            if (chain) stop_chain(*chain, "action " + check_id + " had no credentials");
            return;
        }
        key = it->second;
    } else if (const auto lt = long_term_.find(actor_name);
               url == nullptr && lt != long_term_.end() && !aws::unsigned_operation(spec.call)) {
        key = lt->second;  // nobody's keys go with an unsigned call, nor the actor's with a presigned URL: it is its signer's
    }
    if (spec.presign > 0) return presign(actor, pending(true), spec, key, resource, params, to);
    const std::string service = service_actor_name(spec.call);
    if (service.empty()) {
        fail_here(pending(true),
               CallOutcome{false, "NotImplemented", "the sandbox does not implement " + spec.call + " yet"});
        if (chain) stop_chain(*chain, "action " + check_id + " is not implemented");
        return;
    }
    const std::uint64_t request = next_request_++;
    pending_[request] = pending(true);
    if (!save.empty()) ++saving_[save];
    json body = json::object();  // member by member: a braced list builds each pair as an array first
    body["request"] = request;
    body["operation"] = spec.call;
    body["params"] = std::move(params);
    body["step"] = check_id;
    if (!resource.empty()) body["resource"] = resource;
    if (!context.empty()) body["context"] = std::move(context);
    if (!key.empty()) body["access_key_id"] = key;
    else if (aws::is_service_principal(actor.spec().principal)) body["service_principal"] = actor.spec().principal;
    if (!using_.empty()) body["using"] = using_;
    if (url) body["presigned"] = *url;
    kernel_.send(actor.id, services_.at(service)->id, kernel_.label(spec.call), scenario_.latency, payload(std::move(body)));
}

// A presigned URL, made client-side: no request goes to AWS. It keeps the signer's access key, the call and object it
// is for, and when it was signed and for how long (using-presigned-url); it is saved for a later "presigned" and handed
// to the `to` actor as a message (a hop in the replay).
void Runner::presign(const ActorRuntime& actor, const Pending& pending, const CallSpec& spec, const std::string& key,
                     const std::string& resource, const json& params, const std::string& to) {
    const auto target = actor_by_name_.find(to);
    const char* code = key.empty() ? "MissingCredentials" : !to.empty() && target == actor_by_name_.end() ? "NoSuchActor" : nullptr;
    if (code != nullptr) {
        fail_here(pending, CallOutcome{false, code, key.empty() ? actor.spec().name + " has no credentials to sign a URL with"
                                                                : "there is no actor named '" + to + "'"});
        if (pending.chain) stop_chain(*pending.chain, "action " + pending.check_id + " failed with " + code);
        return;
    }
    const SimTime now = kernel_.now();
    json url = json::object();
    url["operation"] = spec.call;
    url["resource"] = resource;
    url["access_key_id"] = key;
    url["signed_t"] = now;
    url["expires_in"] = spec.presign;
    // The parameters the signer gave are signed into the URL (its headers, a VersionId); an upload's body is not.
    json signed_params = params;
    signed_params.erase("Body");
    url["params"] = std::move(signed_params);
    url["signed"] = format_iso8601_seconds(scenario_.start + now);
    const std::string& save = pending.save;
    urls_[save] = url;
    const std::string what = spec.call + " on " + resource + " for " + std::to_string(spec.presign) + " s";
    note(TraceKind::TokenIssued,
         {{"summary", actor.spec().name + " presigned " + what + " (saved as " + save + ")" + (to.empty() ? "" : ", handed to " + to)},
          {"what", "presigned URL"}, {"user", actor.spec().name}, {"save", save}, {"to", to}, {"token", url},
          {"step", pending.check_id}},
         0, actor.id);
    if (!to.empty())
        kernel_.send(actor.id, target->second->id, kernel_.label("presigned URL"), scenario_.latency,
                     payload({{"message", {{"type", "presigned URL"}, {"saved_as", save}, {"token", url}}}, {"step", pending.check_id}}));
    finish(pending, CallOutcome{true, "", "", &urls_[save]});
    if (pending.chain) continue_chain(pending.chain);
}

// An identity provider signs a user in and issues an assertion or ID token, saved for a later "@NAME" and handed
// to the `to` actor as a message (a hop in the replay).
void Runner::authenticate(const ActorRuntime& actor, const Pending& pending, const json& params, const std::string& to) {
    const auto idp = world_.identity_providers.find(actor.spec().name);
    aws::IdpAnswer a;
    if (idp == world_.identity_providers.end()) {
        a.error_code = "NotAnIdentityProvider";
        a.error_message = actor.spec().name + " runs no identity provider (an actor with \"kind\": \"idp\" and \"idp\": {...})";
    } else {
        a = aws::authenticate(idp->second, params, scenario_.start + kernel_.now());
    }
    const auto target = actor_by_name_.find(to);
    if (a.ok && !to.empty() && target == actor_by_name_.end()) {
        a.ok = false;
        a.error_code = "NoSuchActor";
        a.error_message = "there is no actor named '" + to + "'";
    }
    if (!a.ok) {
        fail_here(pending, CallOutcome{false, a.error_code, a.error_message});
        if (pending.chain) stop_chain(*pending.chain, "action " + pending.check_id + " failed with " + a.error_code);
        return;
    }
    std::string user = "a guest";  // a Cognito guest; a direct IdP's step names the session or subject instead
    for (const char* k : {"User", "RoleSessionName", "sub"})
        if (const auto u = params.find(k); user == "a guest"sv && u != params.end() && u->is_string()) user = u->get<std::string>();
    const std::string& save = pending.save;
    if (!save.empty()) tokens_[save] = a.token;
    // A direct IdP publishes its keys for the issuers its tokens name.
    if (idp->second.protocol == aws::IdpProtocol::Direct && a.token.contains("claims") && a.token["claims"].contains("iss") &&
        a.token["claims"]["iss"].is_string())
        idp->second.direct_issuers.insert(a.token["claims"]["iss"].get<std::string>());
    // Tamper edits the token after the IdP signed it: the line says so, lest it read as what the IdP issued.
    std::string tampered;
    if (const auto t = params.find("Tamper"); t != params.end() && t->is_object())
        for (const auto& [name, value] : t->items()) tampered += (tampered.empty() ? "" : ", ") + name;
    json issued = {{"summary", actor.spec().name + " issued " + (std::string("aeiouAEIOU").find(a.what[0]) != std::string::npos ? "an " : "a ") +
                                   a.what + " for " + user + (tampered.empty() ? "" : ", edited after signing (" + tampered + ")") +
                                   (save.empty() ? "" : " (saved as " + save + ")") + (to.empty() ? "" : ", handed to " + to)},
                   {"idp", actor.spec().name}, {"protocol", aws::to_string(idp->second.protocol)}, {"what", a.what}, {"user", user},
                   {"save", save}, {"to", to}, {"token", a.token}, {"step", pending.check_id}};
    if (!tampered.empty()) issued["tampered"] = tampered;
    note(TraceKind::TokenIssued, std::move(issued), 0, actor.id);
    if (!to.empty())
        // Its hop says so too, where the replay draws it: the IdP did not issue what arrives.
        kernel_.send(actor.id, target->second->id, kernel_.label(a.what + (tampered.empty() ? "" : " (edited after signing)")),
                     scenario_.latency,
                     payload({{"message", {{"type", a.what}, {"user", user}, {"saved_as", save}, {"token", a.token}}},
                              {"step", pending.check_id}}));
    finish(pending, CallOutcome{true, "", "", &a.token});
    if (pending.chain) continue_chain(pending.chain);
}

// "SAMLAssertion": "@NAME" and "WebIdentityToken": "@NAME" become the assertion or token saved as NAME. False
// (after failing the call) when there is none.
bool Runner::resolve_tokens(json& params, const Pending& pending) {
    for (const char* k : kTokenParams) {
        const auto it = params.find(k);
        if (it == params.end() || !it->is_string() || it->get_ref<const std::string&>().rfind('@', 0) != 0) continue;
        const std::string name = it->get<std::string>().substr(1);
        const auto token = tokens_.find(name);
        if (token == tokens_.end()) {
            fail_here(pending, CallOutcome{false, "MissingToken",
                                           "no assertion or token was saved as '" + name + "' (" + unsaved_why(name) + ")"});
            if (pending.chain) stop_chain(*pending.chain, "action " + pending.check_id + " had no token");
            return false;
        }
        *it = token->second;
    }
    return true;
}

// "AccessKeyId": "@NAME" becomes the access key saved as NAME, else the long-term key of the actor NAME. False
// (after failing the call) when there is none.
bool Runner::resolve_key(json& params, const Pending& pending) {
    const auto it = params.find(kAccessKeyParam);
    if (it == params.end() || !it->is_string() || it->get_ref<const std::string&>().rfind('@', 0) != 0) return true;
    const std::string name = it->get<std::string>().substr(1);
    if (const auto saved = saved_.find(name); saved != saved_.end()) {
        *it = saved->second;
    } else if (const auto own = long_term_.find(name); own != long_term_.end()) {
        *it = own->second;
    } else {
        fail_here(pending, CallOutcome{false, "MissingCredentials",
                                       "no access key was saved as '" + name + "' (" + unsaved_why(name) + ")"});
        if (pending.chain) stop_chain(*pending.chain, "action " + pending.check_id + " had no access key");
        return false;
    }
    return true;
}

// A decision event's payload: to_json(decision) with the request (principal, action, resource, context), the
// label ("ACTION on RESOURCE" and the decision record's note), a summary line and the documents of the policies it
// lists, written member by member in key order (core/json_writer.hpp). `decision` is the one with its explanation.
template <class W>
void write_decision_event(W& w, const std::string& label_note, const iam::Request& request, const iam::Decision& decision) {
    const std::string label = request.action + " on " + request.resource + label_note;
    std::string summary = std::string(decision.allowed() ? "ALLOW " : "DENY ") + label;
    if (!decision.allowed()) summary += " (" + std::string(iam::to_string(decision.outcome)) + ")";
    std::vector<const iam::ContextEntry*> context;  // in key order, as a JSON object keeps them
    for (const auto& e : request.context.entries()) context.push_back(&e);
    std::sort(context.begin(), context.end(), [](const auto* a, const auto* b) { return a->key < b->key; });

    w.object(7 + iam::decision_member_count(decision));
    string_member(w, "action", request.action);
    w.key("context");
    w.object(context.size());
    for (const iam::ContextEntry* e : context) {
        w.key(e->key);
        if (e->multivalued) {
            write_strings(w, e->values);
        } else {
            w.string(e->values.empty() ? std::string_view() : std::string_view(e->values.front()));
        }
    }
    iam::write_decision_member(w, decision);
    iam::write_denied_by_member(w, decision);
    // The documents of the policies the explanation lists, in its order (the viewer marks the statements that
    // matched in them).
    const auto& listed = decision.explanation->policies;
    w.key("documents");
    w.array(listed.size());
    for (const iam::PolicyCheck& checked : listed) w.shared(checked.policy != nullptr ? checked.policy->document : nullptr);
    iam::write_explanation_member(w, decision);
    string_member(w, "label", label);
    iam::write_matched_member(w, decision);
    iam::write_message_member(w, decision);
    string_member(w, "principal", request.principal.arn);
    string_member(w, "resource", request.resource);
    string_member(w, "summary", summary);
}

// A decision as a packed trace keeps it: its request, packed, and the policies it was made with; the explanation is
// worked out again, by the same evaluation, when the event is read.
class DecisionPayload final : public DeferredPayload {
public:
    explicit DecisionPayload(aws::DecisionRecord&& record)
        : label_note_(std::move(record.label_note)), request_(record.request), policies_(std::move(record.policies)) {}
    nlohmann::json json() const override {
        const iam::Request request = request_.unpack();
        const iam::Decision decision = iam::evaluate(request, policies_.view(), iam::EvalDetail::Explain);
        JsonTreeWriter w;
        write_decision_event(w, label_note_, request, decision);
        return w.take();
    }
    std::size_t memory_bytes() const override {
        const std::size_t note = label_note_.capacity() > 15 ? label_note_.capacity() + 17 : 0;
        return sizeof *this + 16 + note + request_.memory_bytes() + 16 + policies_.memory_bytes();
    }

private:
    std::string label_note_;
    iam::PackedRequest request_;
    aws::PinnedPolicySet policies_;
};

void Runner::answer(ServiceRuntime& service, const Message& request) {
    flush_expiries();
    const json& body = *request.body;
    aws::ApiCall call;
    call.operation = body["operation"].get<std::string>();
    // Members looked up once and copied only when present (value() builds its default, then copies).
    const auto member = [&body](const char* key) {
        const auto it = body.find(key);
        return it != body.end() ? &*it : nullptr;
    };
    call.params = body["params"];
    if (const json* resource = member("resource")) call.resource = resource->get<std::string>();
    if (const json* key = member("access_key_id")) call.access_key_id = key->get<std::string>();
    if (const json* context = member("context")) call.extra_context = *context;
    call.actor = kernel_.actor_name(request.from);
    if (const json* principal = member("service_principal")) call.service_principal = principal->get<std::string>();
    if (const json* url = member("presigned")) call.presigned = *url;
    aws::ServiceContext sc = services();
    // A key deleted or made inactive authenticates no one: CloudTrail cannot say whose it was, as for a key it
    // never knew. (Looked up before the call, which may delete the very key it was made with.)
    const aws::Credential* credential = out_.credentials.find(call.access_key_id);
    if (credential && credential->status != aws::KeyStatus::Active) credential = nullptr;
    aws::ApiResult result = aws::call_service(sc, call);
    if (result.unknown_key) unauthenticated_.insert(body["request"].get<std::uint64_t>());

    for (auto& d : result.decisions)
        out_.trace->add_deferred(kernel_.now(), TraceKind::Decision, std::make_shared<const DecisionPayload>(std::move(d)),
                                 request.id, service.id.value);
    for (const auto& change : result.changes)
        note_text(TraceKind::WorldChanged, {{"summary", change.en}, {"summary_ko", change.ko}}, request.id, service.id);
    if (!result.issued_key.empty()) {
        const aws::Credential& c = *out_.credentials.find(result.issued_key);
        std::string summary = kernel_.actor_name(service.id) + " issued " + c.access_key_id + " (" + c.principal.arn + ") to " + c.holder;
        std::string expires;
        if (c.expires_at) {
            expires = format_iso8601_seconds(scenario_.start + *c.expires_at);
            summary += ", expiring " + expires;
            expiries_.emplace(*c.expires_at, c.access_key_id);
        } else {
            summary += ", a long-term access key";  // iam:CreateAccessKey: valid until deleted or made inactive
        }
        const std::string issued = format_iso8601_seconds(scenario_.start + c.issued_at);
        // Written member by member, in key order; temporary credentials add their expiry, MFA, chain and source.
        out_.trace->add_written(kernel_.now(), TraceKind::CredentialIssued, [&](auto& w) {
            const bool temporary = c.expires_at.has_value();
            w.object(temporary ? 12 : 6);
            string_member(w, "access_key_id", c.access_key_id);
            if (temporary) {
                w.key("chain_depth");
                w.integer(c.chain_depth);
                string_member(w, "expires", expires);
                w.key("expires_t");
                w.integer(*c.expires_at);
            }
            string_member(w, "holder", c.holder);
            string_member(w, "issued", issued);
            string_member(w, "kind", to_string(c.kind));
            if (temporary) {
                bool_member(w, "mfa", c.mfa);
                string_member(w, "parent", c.parent);
            }
            string_member(w, "principal", c.principal.arn);
            if (temporary) string_member(w, "source_identity", c.source_identity);
            string_member(w, "summary", summary);
        }, request.id, service.id.value);
    }
    for (const aws::TrailRecord& record : aws::cloudtrail_records(sc, call, result, credential)) {
        const std::string summary = record.summary();
        if (options_.keep_cloudtrail) out_.cloudtrail.push_back(record.tree());
        out_.trace->add_written(kernel_.now(), TraceKind::CloudTrail, [&](auto& w) {
            w.object(2);
            w.key("record");
            record.write(w);
            string_member(w, "summary", summary);
        }, request.id, service.id.value);
    }
    json answer = json::object();  // member by member, as the request's body
    answer["request"] = body["request"];
    answer["ok"] = result.ok;
    answer["status"] = result.http_status;
    answer["response"] = std::move(result.response);
    answer["step"] = body["step"];
    if (!result.ok) {
        json& error = answer["error"];
        error["code"] = result.error_code;
        error["message"] = result.error_message;
    }
    if (!result.issued_key.empty()) answer["issued_key"] = result.issued_key;
    kernel_.send(service.id, request.from, kernel_.label(call.operation + (result.ok ? " ✓" : " ✗ " + result.error_code)),
                 scenario_.latency, payload(std::move(answer)));
}

void Runner::on_message(ActorRuntime& actor, const Message& message) {
    flush_expiries();
    const json& body = *message.body;
    if (body.contains("request")) {  // an answer from a service
        const auto request = body["request"].get<std::uint64_t>();
        const auto it = pending_.find(request);
        if (it == pending_.end()) return;
        const Pending p = std::move(it->second);
        pending_.erase(it);
        CallOutcome outcome;
        outcome.ok = body["ok"].get<bool>();
        outcome.response = &body["response"];
        outcome.unauthenticated = unauthenticated_.erase(request) > 0;
        if (!outcome.ok) {
            outcome.error_code = body["error"]["code"].get<std::string>();
            outcome.error_message = body["error"]["message"].get<std::string>();
        }
        bool kept = false;  // something was saved under p.save
        if (outcome.ok && !p.save.empty() && body.contains("issued_key")) {
            saved_[p.save] = body["issued_key"].get<std::string>();
            kept = true;
        }
        if (outcome.ok && !p.save.empty() && p.spec->call == "signin:GetSigninToken"sv) {
            tokens_[p.save] = outcome.response->value("SigninToken", "");
            kept = true;
        }
        if (outcome.ok && !p.save.empty() && p.spec->call == "sts:GetWebIdentityToken"sv) {
            tokens_[p.save] = outcome.response->value("WebIdentityToken", json::object());
            kept = true;
        }
        // A refused EC2 call saves its encoded authorization failure message (for sts:DecodeAuthorizationMessage).
        static const std::string kEncoded = "Encoded authorization failure message: ";
        if (const std::size_t at = outcome.error_message.find(kEncoded); !p.save.empty() && at != std::string::npos) {
            tokens_[p.save] = outcome.error_message.substr(at + kEncoded.size());
            kept = true;
        }
        if (!p.save.empty() && !kept)
            unsaved_why_[p.save] = "the call that should have saved them, " + p.check_id +
                                   (outcome.ok ? ", succeeded: only a refusal has an encoded message to save"
                                               : ", failed with " + outcome.error_code);
        finish(p, outcome);
        if (!p.save.empty()) saved(p.save);
        if (p.chain && outcome.ok) continue_chain(p.chain);
        else if (p.chain) stop_chain(*p.chain, "action " + p.check_id + " failed with " + outcome.error_code);
        return;
    }
    // An application message: run the matching handler, if any.
    start_handler(actor.spec(), body["message"], kernel_.actor_name(message.from), body.value("step", ""));
}

void Runner::start_handler(const ActorSpec& actor, const json& message, const std::string& from,
                           const std::string& trigger) {
    const std::string type =
        message.is_object() && message.contains("type") && message["type"].is_string() ? message["type"].get<std::string>() : "";
    const Handler* handler = nullptr;
    for (const auto& h : actor.handlers)
        if (h.on == type) handler = &h;
    if (!handler)
        for (const auto& h : actor.handlers)
            if (h.on == "*"sv) handler = &h;
    auto chain = std::make_shared<Chain>();
    chain->actor = &actor;
    chain->handler = handler;
    chain->message = message;
    chain->from = from;
    chain->trigger = trigger;
    if (const auto t = then_of_.find(trigger); t != then_of_.end()) chain->then = *t->second;
    if (handler && handler->actions.empty()) {  // a handler written to do nothing: the message is handled so
        stop_chain(*chain, actor.name + "'s handler for '" + handler->on + "' has no actions");
        return;
    }
    if (!handler) {  // a "then" the receiver cannot meet fails rather than vanishing
        std::vector<std::string> types;
        for (const auto& h : actor.handlers) types.push_back(h.on);
        const std::string meant = type.empty() ? std::string() : closest_match(type, types);
        const std::string why = actor.name + " has no handler for " +
                                (type.empty() ? std::string("a message with no \"type\"") : "a message of type '" + type + "'") +
                                (meant.empty() ? std::string() : " (did you mean '" + meant + "'?)");
        stop_chain(*chain, why);
        // An actor that handles other types most likely has a typo in one: say so in the replay, once per message.
        if (chain->then.empty() && !actor.handlers.empty()) {
            std::string handles;
            for (const auto& h : actor.handlers) handles += (handles.empty() ? "" : ", ") + ("'" + h.on + "'");
            narrate(actor.name, trigger, why + (meant.empty() ? " (it handles " + handles + ")" : "") + ": the message is left unanswered",
                    actor.name + "에게는 " +
                        (type.empty() ? std::string("\"type\"이 없는 메시지") : "'" + type + "' 유형의 메시지") +
                        "를 처리할 핸들러가 없습니다" +
                        (meant.empty() ? " (처리하는 유형: " + handles + ")" : " ('" + meant + "'을(를) 뜻했나요?)") +
                        ": 메시지는 응답 없이 남습니다");
        }
        return;
    }
    // Handlers that answer each other would run for ever: past the bound, no handler starts (a "then" waiting on one
    // fails), the messages in flight are delivered, and the run ends with a failed check that says why.
    if (++handler_runs_ > kMaxHandlerRuns) {
        stop_chain(*chain, "no handler starts after the run's first " + std::to_string(kMaxHandlerRuns));
        if (handler_runs_ == kMaxHandlerRuns + 1) {
            CheckResult r;
            // The trigger's id grows by a hop a message ("loop>pong#1>ping#1>pong#1>..."): a failure line of some
            // kilobytes. Named by the step that began it and its last hop.
            const std::size_t first = trigger.find('>'), last = trigger.rfind('>');
            const auto hops = std::count(trigger.begin(), trigger.end(), '>');
            r.step = hops < 4 ? trigger
                              : trigger.substr(0, first) + ">...(" + std::to_string(hops) + " hops)..." + trigger.substr(last);
            r.actor = actor.name;
            r.at = kernel_.now();
            r.expected = "a run that ends";
            r.expected_ko = "끝나는 실행";
            r.passed = false;
            r.detail = "handlers started " + std::to_string(kMaxHandlerRuns) +
                       " times, the most a run may start (actors whose handlers answer each other would never stop), so "
                       "the run was cut here";
            r.detail_ko = "핸들러가 한 실행에서 시작될 수 있는 최대 횟수인 " + std::to_string(kMaxHandlerRuns) +
                          "번 시작되었습니다(서로의 메시지에 답하는 핸들러를 가진 행위자들은 멈추지 않습니다). 그래서 실행을 여기서 끊었습니다";
            note_check(std::move(r));
        }
        return;
    }
    continue_chain(chain);
}

void Runner::continue_chain(const std::shared_ptr<Chain>& chain) {
    if (chain->next >= chain->handler->actions.size()) {
        stop_chain(*chain, "the handler for '" + chain->handler->on + "' has only " +
                               std::to_string(chain->handler->actions.size()) + " actions");
        return;
    }
    const std::size_t index = chain->next++;
    const CallSpec& spec = chain->handler->actions[index];
    const std::string id = chain->trigger + ">" + chain->actor->name + "#" + std::to_string(index + 1);
    note_text(TraceKind::Step,
              {{"summary", id + ": " + chain->actor->name + " " + spec.call + " (handling '" + chain->handler->on + "')"},
               {"step", id}, {"actor", chain->actor->name}, {"call", spec.call}},
              0, actor_by_name_.at(chain->actor->name)->id);
    const Expectation& expect =
        index < chain->then.size() && chain->then[index].kind != Expectation::Kind::None ? chain->then[index] : spec.expect;
    issue(chain->actor->name, spec, id, chain, expect);
    // A send is finished at once; its chain goes on with the next action.
    if (spec.call == "send"sv) continue_chain(chain);
}

// Why nothing is saved under `name` yet: the call that should have saved it failed, or only a handler's action
// saves it and that handler has not run (a message of a type it does not handle, say), or no call has.
std::string Runner::unsaved_why(const std::string& name) const {
    if (const auto why = unsaved_why_.find(name); why != unsaved_why_.end()) return why->second;
    for (const auto& [actor, spec] : scenario_.actors)
        for (const Handler& h : spec.handlers)
            for (const CallSpec& c : h.actions)
                if (c.save == name)
                    return "only " + actor + "'s handler for '" + h.on + "' saves it, and it has not saved it yet";
    return "no call has saved it yet";
}

void Runner::stop_chain(const Chain& chain, const std::string& why) {
    // Expectations of actions that will never run fail, saying why.
    for (std::size_t i = chain.next; i < chain.then.size(); ++i) {
        if (chain.then[i].kind == Expectation::Kind::None) continue;
        CheckResult r;
        r.step = chain.trigger + ">" + chain.actor->name + "#" + std::to_string(i + 1);
        r.actor = chain.actor->name;
        r.at = kernel_.now();
        r.expected = describe(chain.then[i]);
        r.expected_ko = describe(chain.then[i], true);
        r.passed = false;
        r.detail = "expected " + r.expected + ", but that action never ran: " + why;
        r.detail_ko = r.expected_ko + korean_object_particle(r.expected_ko) + " 예상했으나 그 동작은 실행되지 않았습니다: " + why;
        note_check(std::move(r));
    }
}

// An action that failed before any service saw it (a template that did not resolve, no such actor, no saved
// credentials or token, an identity provider's refusal) leaves no answer in the trace: so that it never fails
// unseen, one with no expectation to report it says so in the narration.
void Runner::fail_here(const Pending& p, const CallOutcome& outcome) {
    finish(p, outcome);
    if (p.expect.kind != Expectation::Kind::None) return;
    const std::string why = outcome.error_code + ": " + outcome.error_message;
    narrate(p.actor, p.check_id, p.actor + "'s action " + p.check_id + " (" + p.spec->call + ") did not run: " + why,
            p.actor + "의 동작 " + p.check_id + " (" + p.spec->call + ")은(는) 실행되지 않았습니다: " + why);
}

// A line of the narration, in both languages (the English one is the event's summary).
void Runner::narrate(const std::string& actor, const std::string& step, const std::string& en, const std::string& ko) {
    note_text(TraceKind::Narration, {{"summary", en.empty() ? ko : en}, {"en", en}, {"ko", ko}, {"step", step}}, 0,
              actor_by_name_.at(actor)->id);
}

void Runner::finish(const Pending& p, const CallOutcome& outcome) {
    const Expectation& e = p.expect;
    if (e.kind == Expectation::Kind::None) return;
    CheckResult r;
    r.step = p.check_id;
    r.actor = p.actor;
    r.call = p.spec->call;
    r.at = kernel_.now();
    r.expected = describe(e);
    r.expected_ko = describe(e, true);
    if (!e.unresolved.empty()) {
        r.detail = "expected " + r.expected + ", but a template of the expectation did not resolve: " + e.unresolved;
        r.detail_ko = r.expected_ko + korean_object_particle(r.expected_ko) + " 예상했으나 예상의 템플릿을 채울 수 없었습니다: " + e.unresolved;
    } else {
        r.detail = check_expectation(e, outcome);
        r.detail_ko = check_expectation(e, outcome, true);
    }
    r.passed = r.detail.empty();
    note_check(std::move(r));
}

// A check's event, with its Korean beside its English, and the check kept for the run's result.
void Runner::note_check(CheckResult r) {
    note(TraceKind::Check,
         {{"summary", r.passed ? "PASS " + r.step + ": expected " + r.expected : "FAIL " + r.step + ": " + r.detail},
          {"step", r.step}, {"passed", r.passed}, {"expected", r.expected}, {"detail", r.detail},
          {"expected_ko", r.expected_ko}, {"detail_ko", r.detail_ko}},
         0, actor_by_name_.at(r.actor)->id);
    out_.checks.push_back(std::move(r));
}

}  // namespace

std::string service_actor_names() {
    std::string out;
    for (const char* s : kServiceActors) out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

bool is_service_actor(const std::string& name) {
    for (const char* s : kServiceActors)
        if (name == s) return true;
    return false;
}

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
    RunResult out;
    Runner runner(scenario, options, out);
    runner.run();
    return out;
}

}  // namespace stslab
