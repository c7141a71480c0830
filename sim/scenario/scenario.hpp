// A loaded scenario (format v1, shared docs scenario-format.md): the world, the actors, and the timeline.
//
// Produced only by the loader (loader.hpp), which checks everything first: a Scenario that exists is whole and
// consistent (every actor, principal, credential name and policy it mentions is valid), so the runner never meets
// a half-loaded world.
#pragma once

#include "aws/world.hpp"
#include "core/time.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace stslab {

// Text in English and, optionally, Korean ({"en": ..., "ko": ...} or a plain string, which is English).
struct LocalText {
    std::string en;
    std::string ko;
    bool empty() const { return en.empty() && ko.empty(); }
    nlohmann::json to_json() const;
};

enum class ActorKind { User, Deputy, Attacker, Service, Idp, Broker, Anonymous };
const char* to_string(ActorKind kind);

// What a step (or a handler's action) expects to happen.
struct Expectation {
    enum class Kind { None, Allow, Deny, Error } kind = Kind::None;
    std::string error;             // Error: the error code (AccessDenied, ExpiredToken, ValidationError, ...)
    std::string message_contains;  // optional, with Deny or Error
    std::map<std::string, nlohmann::json> fields;  // dotted path into the response -> expected value (implies Allow)
    nlohmann::json source;         // as written, for reports
    // A send's {"then": [EXPECT, ...]}: what the receiver's handler actions must do with this message, in order
    // (the deputy's AssumeRole for this customer must fail, ...). Checked as "STEP>ACTOR#N".
    std::vector<Expectation> then;
    // At run time, a handler action's expectation whose template did not resolve: why. The action is made all the
    // same (the expectation is no part of it), and its check fails saying so.
    std::string unresolved;
};

// One call an actor makes: a scenario step, or an action inside a reactive actor's handler.
// The parameters that may name a token saved earlier as "@NAME": an assertion or ID token (idp:Authenticate),
// a sign-in token (signin:GetSigninToken), an EC2 call's encoded authorization failure message (for
// sts:DecodeAuthorizationMessage).
inline constexpr const char* kTokenParams[] = {"SAMLAssertion", "WebIdentityToken", "SigninToken", "accessToken",
                                               "EncodedMessage"};
// The parameter that may name a long-term access key as "@NAME" (iam:UpdateAccessKey, iam:DeleteAccessKey): the key
// saved as NAME by iam:CreateAccessKey, else the long-term key of the actor NAME.
inline constexpr const char* kAccessKeyParam = "AccessKeyId";

struct CallSpec {
    std::string call;        // "sts:AssumeRole", "s3:GetObject", "send", "idp:Authenticate", ...
    nlohmann::json params = nlohmann::json::object();  // may contain ${...} templates inside handlers
    std::string resource;    // resource actions: the ARN acted on
    std::string using_;      // credentials saved earlier; "" = the actor's own long-term keys
    std::string save;        // name for the credentials (or token) an STS/idp call returns, or for a presigned URL
    std::uint32_t presign = 0;  // S3 object calls: presign the call for this many seconds (no request is sent)
    std::string presigned;   // S3 object calls: made with the presigned URL saved under this name
    std::string to;          // send: the receiving actor
    nlohmann::json message;  // send: the application message
    nlohmann::json context = nlohmann::json::object();  // extra request context keys
    Expectation expect;
    LocalText say;
    std::string pointer;     // where it was written (JSON pointer), for reports
};

// A reactive actor's handler: when a message with `on` arrives (its "type" member, or any message for "*"),
// run `actions` in order, each one hop after the previous answer.
struct Handler {
    std::string on;
    std::vector<CallSpec> actions;
};

struct ActorSpec {
    std::string name;
    ActorKind kind = ActorKind::User;
    std::string principal;  // ARN; empty for anonymous and idp actors
    nlohmann::json vars = nlohmann::json::object();
    std::vector<Handler> handlers;
    std::string color;
};

struct Step {
    std::string id;
    SimTime at = 0;
    std::string actor;
    CallSpec spec;
};

struct Scenario {
    std::string file;
    std::string id;
    LocalText title;
    LocalText description;
    EpochMs start = 0;
    std::uint64_t seed = 0;
    Duration latency = 20;  // ms per hop
    aws::World world;
    std::map<std::string, ActorSpec> actors;
    std::vector<Step> steps;
};

}  // namespace stslab
