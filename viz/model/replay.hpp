// The replay: a recorded run seen as a sequence of numbered steps, and what had happened after each.
//
// Built once from a loaded scenario and its run (sim/scenario/runner.hpp); after that it only answers questions
// about the recorded trace, so stepping back is moving a cursor, never re-simulating. It has no ImGui, GLFW or GL
// in it, so the tests check it without a display.
//
// A step is one message of the trace: an arrow of the sequence diagram (a request to a service, its answer, or an
// application message between actors). Step 0 is the start, before any message; step k means arrows 1..k have
// been sent and delivered. Every other trace event belongs to one step:
//   - an event about a message (a decision, a world change, credentials issued, a CloudTrail record) belongs to
//     that message's step (the request's: the service decides when the request arrives);
//   - a scenario step beginning, and its narration, belong to the next message (the one it makes);
//   - the rest (checks, credentials expiring, long-term keys at the start) belong to the latest step so far.
#pragma once

#include "scenario/runner.hpp"
#include "scenario/scenario.hpp"
#include "text.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace stslab::viz {

inline constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The string member `key` of a recorded payload, or "" (not an object, no such member, not a string).
std::string text_of(const nlohmann::json* data, const char* key);
inline std::string text_of(const nlohmann::json& data, const char* key) { return text_of(&data, key); }

enum class ArrowKind { Request, Answer, Message };

struct Arrow {
    ArrowKind kind = ArrowKind::Message;
    std::size_t sent_event = 0;          // index of its Sent event in the trace
    std::size_t first_event = 0;         // [first_event, end_event): the trace events of this step, in order
    std::size_t end_event = 0;           //   (a step's events can interleave with no other step's)
    std::uint32_t from = 0, to = 0;      // lanes (Replay::lanes)
    SimTime sent = 0, arrives = 0;
    std::string label;                   // "sts:AssumeRole", "AssumeRole ✓", "AssumeRole ✗ AccessDenied", "register"
    std::string step_id;                 // the scenario step or handler action it belongs to ("s2", "s2>deputy#1")
    std::size_t partner = kNone;         // the request of an answer, the answer of a request
    bool failed = false;                 // an answer with an error, or its request
    std::string error;                   // the error code of a failed call
    std::string target;                  // the world-map node the hop goes to (a role, bucket or instance ARN), or ""
    std::string account;                 // a call's (request and answer): the account it acts in, where the map
                                         //   points when it draws no node for the target (Replay::build)
    std::string from_node, to_node;      // the world-map nodes the hop joins: a call's caller (the role whose session
                                         //   signed it, else the actor) and its target, the answer back, a message's
                                         //   two actors; keys as the map names nodes (an ARN, "actor:NAME" for an
                                         //   actor outside AWS); "" for none
    std::string signed_by;               // a call's (request and answer), when the credentials that signed it are
                                         //   not its caller's own, nor a role session's (the hop comes from the role
                                         //   then): whose they are (a stolen access key's owner, a session made with
                                         //   it, a federated user); "" otherwise
    std::string seen_as;                 //   and who AWS took the caller for: the identity its CloudTrail record
                                         //   names; "" when it has none (the key authenticated no one)
    const nlohmann::json* body = nullptr;  // the message as sent (request, answer or application message)
};

// Credentials as the trace recorded them when they were issued (and, maybe, expired).
struct CredentialInfo {
    std::string access_key_id, kind, principal, holder, issued, expires;
    SimTime expires_t = -1;              // simulated time of expiry; -1 for long-term keys
    SimTime issued_t = 0;                // simulated time they were issued
    std::size_t issued_step = 0;         // the step that issued them (0: held from the start): the request's, since
                                         //   the service decides when the request arrives
    std::size_t held_step = 0;           // the step from which their holder has them: the answer that carried them
                                         //   back (issued_step for credentials no answer carried)
    std::size_t expired_step = kNone;    // the first step at or after their expiry (kNone: held to the end)
    const nlohmann::json* data = nullptr;  // the CredentialIssued event's details
};

// A decision recorded on the way, with the step it belongs to.
struct DecisionInfo {
    std::size_t step = 0;
    std::size_t event = 0;
    bool allowed = false;
    std::string resource;                // the ARN decided on (the role for AssumeRole)
    const nlohmann::json* data = nullptr;  // label, principal, action, decision, message, explanation, ...
};

struct CloudTrailRow {
    std::size_t step = 0;
    std::string time, account, event, identity, error;
    const nlohmann::json* record = nullptr;
};

struct NarrationInfo {
    std::size_t step = 0;
    std::string en, ko;
};

struct CheckInfo {
    std::size_t step = 0;
    std::string id;
    bool passed = true;
    std::string summary;
    std::string expected;  // what the step expected ("error AccessDenied")
    std::string detail;    // why it failed; "" when it passed
    std::string expected_ko, detail_ko;  // the same in Korean
};

class Replay {
public:
    // Takes over the run's trace; `scenario` is copied (the world map is drawn from it).
    Replay(Scenario scenario, RunResult run);
    Replay(const Replay&) = delete;  // the steps point into the trace it owns
    Replay& operator=(const Replay&) = delete;

    const Scenario& scenario() const { return scenario_; }
    // Unique to this replay among every replay the process makes: a view that worked something out for one tells it
    // from a later one made at the same address (a file opened again).
    std::uint64_t serial() const { return serial_; }
    const Trace& trace() const { return *run_.trace; }
    const RunResult& run() const { return run_; }

    // Lanes: the scenario's actors (in the trace's order), then the services that took part.
    const std::vector<std::string>& lanes() const { return lanes_; }
    bool is_service_lane(std::uint32_t lane) const { return lane >= first_service_lane_; }

    const std::vector<Arrow>& arrows() const { return arrows_; }
    std::size_t steps() const { return arrows_.size(); }      // the last step's number
    const Arrow& arrow(std::size_t step) const { return arrows_.at(step - 1); }  // step in 1..steps()
    // The step each trace event belongs to.
    std::size_t step_of_event(std::size_t event) const { return step_of_event_.at(event); }

    // Simulated time after `step` (0 at the start).
    SimTime time_at(std::size_t step) const;
    // The step of a scenario step id ("s3") or handler action ("s2>deputy#1"): its last message. kNone if none.
    std::size_t step_of_id(const std::string& id) const;
    // The next step after `step` that sends a role assumption (AssumeRole, AssumeRoleWith*, AssumeRoot), or kNone.
    std::size_t next_assume_role(std::size_t step) const;

    const std::vector<CredentialInfo>& credentials() const { return credentials_; }
    const CredentialInfo* credential(const std::string& access_key_id) const;
    // Credentials held after `step` (their answer has reached the holder), not yet expired: in issue order.
    std::vector<const CredentialInfo*> held_after(std::size_t step) const;
    // Whether a revocation of their role (console:RevokeActiveSessions) has denied these role session credentials
    // everything by `step`: it came after they were issued.
    bool revoked_after(const CredentialInfo& c, std::size_t step) const;
    // The most temporary credentials held after any one step (worked out once, for the map's session list).
    std::size_t peak_sessions() const { return peak_sessions_; }

    const std::vector<DecisionInfo>& decisions() const { return decisions_; }
    // The decisions of one step (in order); empty for answers and application messages.
    std::vector<const DecisionInfo*> decisions_of(std::size_t step) const;
    // The latest decision on `resource` up to and including `step`, or null. A VPC endpoint's ARN
    // (arn:aws:ec2:REGION:ACCOUNT:vpc-endpoint/ID) has the latest request through it, allowed unless its policy refused.
    const DecisionInfo* last_decision_on(const std::string& resource, std::size_t step) const;
    // What the world map marks on `resource` after `step`: the outcome of the latest call on it, its answer (which
    // may fail after an allowing decision, a ValidationError, or with none, ExpiredToken), or at a request's own
    // step the decision made before its answer comes. Null members: nothing to mark.
    struct Outcome {
        const DecisionInfo* decision = nullptr;  // the latest decision on it, for the tooltip
        const Arrow* answer = nullptr;           // the answer that gives the mark, when it does
        bool ok() const { return answer != nullptr ? !answer->failed : decision != nullptr && decision->allowed; }
        bool known() const { return answer != nullptr || decision != nullptr; }
    };
    Outcome outcome_on(const std::string& resource, std::size_t step) const;

    // The world-map node an actor is drawn as: its principal's (an ARN), or "actor:NAME" for one outside AWS; "" for
    // no actor of the scenario.
    std::string node_of_actor(const std::string& actor) const;
    // How many steps a world-map node (Arrow::from_node, to_node) is an end of, and the first of them: the map folds
    // the nodes the run involves least when it lacks room.
    struct NodeSteps {
        std::size_t count = 0;
        std::size_t first = kNone;
    };
    NodeSteps steps_of_node(const std::string& key) const;

    // The steps whose answer was an error (the scrubber marks them), in order.
    const std::vector<std::size_t>& failed_answers() const { return failed_answers_; }

    const std::vector<CloudTrailRow>& cloudtrail() const { return cloudtrail_; }
    // How many CloudTrail records exist after `step` (they are recorded in step order).
    std::size_t cloudtrail_count(std::size_t step) const;

    // The narration in effect after `step` (the latest one up to it), or null.
    const NarrationInfo* narration_at(std::size_t step) const;
    const std::vector<NarrationInfo>& narration() const { return narration_; }
    // An EC2 instance's state after `step` ("running", "stopped", "terminated"): the scenario's, as the calls up to
    // `step` changed it.
    std::string instance_state(const std::string& instance_id, std::size_t step) const;
    const std::vector<CheckInfo>& checks() const { return checks_; }

private:
    void build();

    std::uint64_t serial_;
    Scenario scenario_;
    RunResult run_;
    std::vector<std::string> lanes_;
    std::uint32_t first_service_lane_ = 0;
    std::vector<Arrow> arrows_;
    std::vector<std::size_t> step_of_event_;
    std::vector<CredentialInfo> credentials_;
    std::vector<DecisionInfo> decisions_;
    std::map<std::string, std::vector<std::size_t>> decisions_by_resource_;  // resource -> indexes, in step order
    // The decisions on requests that came through a VPC endpoint, as the endpoint's own node marks them: allowed unless
    // the endpoint's policy refused (its ARN -> indexes into endpoint_decisions_, in step order).
    std::vector<DecisionInfo> endpoint_decisions_;
    std::map<std::string, std::vector<std::size_t>> decisions_by_endpoint_;
    std::map<std::string, std::vector<std::size_t>> answers_by_target_;      // target -> answer steps, in order
    std::size_t peak_sessions_ = 0;
    std::map<std::string, NodeSteps> node_steps_;
    // Sessions of a role, or a user's temporary credentials, issued before `at` and denied everything from `step`:
    // the console's "Revoke active sessions" (AWSRevokeOlderSessions), or an inline policy of that shape put by hand.
    struct Revocation {
        std::string account, kind, name;  // "role" or "user" and its name (a session's ARN names them, not the path)
        SimTime at = 0;
        std::size_t step = 0;
    };
    std::vector<Revocation> revocations_;
    struct StateChange {
        std::string instance, state;
        std::size_t step = 0;
    };
    std::vector<StateChange> instance_changes_;  // in step order
    std::vector<std::size_t> failed_answers_;
    std::vector<CloudTrailRow> cloudtrail_;
    std::vector<NarrationInfo> narration_;
    std::vector<CheckInfo> checks_;
};

// Two replays side by side on one cursor: each one's step at every shared step, in simulated time. Shared step 0 is
// both starts; each next shared step is the moment the next arrow of either is sent, and each replay whose next arrow
// is sent at that moment takes it. Two runs that agree step together; where one makes calls the other does not (lesson
// 01's vendor reads your bucket for Mallory, lesson 02's is refused first), the other waits on its last step, so that
// the two panes never show different moments.
std::vector<std::array<std::size_t, 2>> align_steps(const Replay& a, const Replay& b);

// Loads and runs a scenario file into a replay. Throws ScenarioError (the loader's faults) or Error.
std::unique_ptr<Replay> load_replay(const std::string& path);
// Same, from text (tests, generated scenarios); `name` stands for the file in faults.
std::unique_ptr<Replay> load_replay_text(const std::string& text, const std::string& name);

// A role session's role: arn:aws:sts::A:assumed-role/NAME/SESSION -> the role's ARN as `world` has it (the session ARN
// does not carry the role's path), or "".
std::string role_of_session(const aws::World& world, const std::string& principal);

// The name the map lists held credentials by: a role session's "ROLE/SESSION", else the last part of the principal's
// ARN ("user/lee"); with " (MFA)" when they were issued with MFA (lesson 08's two sessions of one user differ by it).
std::string held_name(const aws::World& world, const CredentialInfo& c);

// Who signed a SAML assertion or an ID token that a message carries, checked as STS checks it, with keys: `named`
// is the IdP its issuer names (null when none does), `signer` the IdP whose key its signature matches (that one
// when it does, else any other's, else null: the token was changed after it was signed).
struct TokenSigner {
    const aws::IdentityProvider* named = nullptr;
    const aws::IdentityProvider* signer = nullptr;
};
TokenSigner token_signer(const aws::World& world, const nlohmann::json& token);

// Where a message comes from in the scenario file, in words, from the step id the runner gave it: "scenario step
// assume"; a reactive actor's action (id "TRIGGER>ACTOR#N") "vendor's action 1, handling step
// mallory-registers-your-role"; and one handling a message that another handler sent, its trigger read the same way:
// "vendor's action 1, handling admin's action 2, handling step kick". "" for no id. In `language` (text.hpp's
// Origin* entries).
std::string describe_origin(const std::string& step_id, Language language = Language::English);

}  // namespace stslab::viz
