// Runs a loaded scenario on the event kernel and records everything in a trace.
//
// Each scenario actor and each service (STS, IAM, S3, EC2) is a kernel actor. A step is a request message from
// its actor to the service, one hop (the scenario's latency) each way; the service answers when the request
// arrives, at that simulated time. Reactive actors run their handlers when a message arrives, each action one
// hop after the previous answer. Every message, decision (with its explanation), credential issued or expired,
// world change, CloudTrail record, narration and checked expectation goes into the trace, in order.
// Same scenario, same seed: byte-identical trace.
#pragma once

#include "aws/credentials.hpp"
#include "scenario/scenario.hpp"
#include "trace/trace.hpp"

#include <memory>
#include <string>
#include <vector>

namespace stslab {

struct CheckResult {
    std::string step;      // the step id (or, for a handler's action, "STEP>ACTOR#N")
    std::string actor;
    std::string call;
    SimTime at = 0;
    std::string expected;  // describe(expect)
    bool passed = true;
    std::string detail;    // what happened instead, when it failed
    std::string expected_ko, detail_ko;  // the same in Korean (the sandbox's words; AWS's stay as they are)
};

struct RunResult {
    std::unique_ptr<Trace> trace;
    std::vector<CheckResult> checks;           // one per step or action that has an expect, in time order
    std::vector<nlohmann::json> cloudtrail;    // every record, in time order (unless RunOptions::keep_cloudtrail is off)
    aws::World world;                          // the world after the run
    aws::CredentialStore credentials;
};

struct RunOptions {
    TraceStorage storage = TraceStorage::Tree;  // Packed: a compact trace for long runs and the command line
    bool keep_cloudtrail = true;                // fill RunResult::cloudtrail (the trace holds the records either way)
};

RunResult run_scenario(const Scenario& scenario, const RunOptions& options = {});

// Whether a kernel actor of a run is one of the simulated services (STS, IAM, S3, EC2, Sign-in, SSO) rather than
// a scenario actor.
bool is_service_actor(const std::string& name);
// Those names, for a message: "STS, IAM, S3, EC2, Sign-in, SSO".
std::string service_actor_names();

}  // namespace stslab
