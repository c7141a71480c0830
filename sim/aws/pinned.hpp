// The policies a decision was made with, kept after the world moves on.
//
// A call is authorized against the world as it is (caller.hpp); a later call may replace or delete any of those
// policies. A decision's record keeps immutable copies of them (PinnedPolicySet), so that its full explanation
// can be worked out again, exactly, whenever somebody reads it: a long run's trace stores a decision as its request
// and these policies, and writes the explanation only when it is read (trace.hpp, DeferredPayload).
//
// PolicyPins makes the copies: one per version of a policy, made the first time a decision uses it and shared by
// every later decision until the world replaces that policy.
#pragma once

#include "iam/evaluate.hpp"

#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

namespace stslab::aws {

using PinnedPolicy = std::shared_ptr<const iam::Policy>;
using PinnedLevels = std::vector<std::vector<PinnedPolicy>>;  // SCPs or RCPs, level by level

struct PinnedPolicySet {
    std::vector<PinnedPolicy> identity;
    PinnedPolicy resource;
    PinnedPolicy boundary;
    std::vector<PinnedPolicy> session;
    PinnedPolicy endpoint;
    // Shared by every decision made with the same levels (an account's SCPs, the resource account's RCPs); null when
    // there are none.
    std::shared_ptr<const PinnedLevels> scps, rcps;
    std::shared_ptr<const std::vector<std::string>> scp_targets, rcp_targets;  // the world's, never changed
    bool principal_in_management_account = false;
    bool resource_in_management_account = false;
    bool aws_managed_key = false;
    bool public_access_restricted = false;

    // The set as the policy engine takes it; its pointers are valid while this set lives.
    iam::PolicySet view() const;
    // Bytes this set holds beyond its own size (its vectors; the policies and the levels are shared).
    std::size_t memory_bytes() const;
};

class PolicyPins {
public:
    // An immutable copy of `policy` as it is now; null for null.
    PinnedPolicy pin(const iam::Policy* policy);
    PinnedPolicySet pin(const iam::PolicySet& set);

private:
    std::vector<PinnedPolicy> pin_all(const std::vector<const iam::Policy*>& policies);
    // The pinned copies of organization levels, by the levels' policies: every call of an account meets the same
    // ones. Checked against the world at each use, as a single copy is.
    std::shared_ptr<const PinnedLevels> pin_levels(const std::vector<std::vector<const iam::Policy*>>& levels);
    std::map<std::vector<std::vector<const iam::Policy*>>, std::shared_ptr<const PinnedLevels>> levels_;
    // By the address of the policy in the world. A copy stands for the policy at that address while the policy
    // still has the copy's document, kind and name: the world replaces a policy by compiling a new one, whose
    // document is a new tree, and the copy keeps the old tree alive, so its address cannot come back.
    std::unordered_map<const iam::Policy*, PinnedPolicy> copies_;
};

}  // namespace stslab::aws
