// A generated organization and a random workload over it, for `stslab bench world`.
//
// generate_world() builds a Scenario the way the loader would (every principal, policy and credential name it
// mentions exists and is valid), so that run_scenario() runs it on the same code paths as a scenario file:
// the kernel, the STS/S3 services, trust and policy evaluation with SCPs, CloudTrail and the trace.
//
// The world, for A accounts and R roles:
// - one organization holding every account (the first is the management account) and one SCP denying
//   s3:PutObject under private/ in every tenth member account;
// - in each account the users "dev" (may assume any role) and "ops" (explicitly denied data-* roles), and one
//   bucket "b-ACCOUNT" with objects under shared/, private/ and locked/ and a bucket policy that lets two
//   neighbouring accounts read shared/ and denies everyone writes under locked/;
// - R roles spread over the accounts, named app-N and data-N; each trusts its own account and one partner
//   account (a quarter of them only with an ExternalId, an eighth name the partner's user dev directly), may
//   read and write its own bucket, read shared/ anywhere, and assume data-* roles (role chaining).
// The workload: episodes in which a user assumes a role that trusts its account, sometimes chains into one or
// two data-* roles, then makes one to three S3 GetObject/PutObject calls with the last credentials it obtained.
// One episode in ten opens with an AssumeRole that fails (an untrusted role, a missing or wrong ExternalId, too
// long a session, ops and a data-* role) and ends there; a tenth of the chained hops fail the same way. S3 calls
// are denied where the policies say so (another account's private/ keys, locked/ writes, the SCP, keys that do
// not exist without s3:ListBucket). Episodes start every 20 ms of simulated time, so the credentials of the
// first hour expire during a long run. Same config, same scenario.
#pragma once

#include "scenario/scenario.hpp"

#include <cstdint>

namespace stslab {

struct WorldGenConfig {
    std::uint64_t accounts = 1000;
    std::uint64_t roles = 10000;
    std::uint64_t calls = 1'000'000;  // scenario steps, each one API call
    std::uint64_t seed = 1;
};

// Throws std::invalid_argument when accounts or roles is 0 (calls may be 0).
Scenario generate_world(const WorldGenConfig& config);

}  // namespace stslab
