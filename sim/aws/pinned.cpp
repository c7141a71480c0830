#include "aws/pinned.hpp"

namespace stslab::aws {
namespace {

std::vector<const iam::Policy*> raw(const std::vector<PinnedPolicy>& policies) {
    std::vector<const iam::Policy*> out;
    out.reserve(policies.size());
    for (const auto& p : policies) out.push_back(p.get());
    return out;
}

std::vector<std::vector<const iam::Policy*>> raw_levels(const std::shared_ptr<const PinnedLevels>& levels) {
    std::vector<std::vector<const iam::Policy*>> out;
    if (!levels) return out;
    out.reserve(levels->size());
    for (const auto& level : *levels) out.push_back(raw(level));
    return out;
}

// Whether `copy` still stands for `policy` as it is in the world (PolicyPins::pin).
bool current(const PinnedPolicy& copy, const iam::Policy* policy) {
    return policy->document && copy->document == policy->document && copy->kind == policy->kind && copy->name == policy->name;
}

template <class T>
std::size_t vector_bytes(const std::vector<T>& v) {
    return v.capacity() ? v.capacity() * sizeof(T) + 16 : 0;  // 16: the allocator's own header, roughly
}

}  // namespace

iam::PolicySet PinnedPolicySet::view() const {
    iam::PolicySet set;
    set.identity = raw(identity);
    set.resource = resource.get();
    set.boundary = boundary.get();
    set.session = raw(session);
    set.endpoint = endpoint.get();
    set.scps = raw_levels(scps);
    set.rcps = raw_levels(rcps);
    set.scp_targets = scp_targets;
    set.rcp_targets = rcp_targets;
    set.principal_in_management_account = principal_in_management_account;
    set.resource_in_management_account = resource_in_management_account;
    set.aws_managed_key = aws_managed_key;
    set.public_access_restricted = public_access_restricted;
    return set;
}

std::size_t PinnedPolicySet::memory_bytes() const {
    return vector_bytes(identity) + vector_bytes(session);
}

PinnedPolicy PolicyPins::pin(const iam::Policy* policy) {
    if (policy == nullptr) return nullptr;
    // A policy with no document (the eval fast path's) has nothing that tells its versions apart: copied each time.
    if (!policy->document) return std::make_shared<const iam::Policy>(*policy);
    PinnedPolicy& copy = copies_[policy];
    if (!copy || !current(copy, policy)) copy = std::make_shared<const iam::Policy>(*policy);
    return copy;
}

std::shared_ptr<const PinnedLevels> PolicyPins::pin_levels(const std::vector<std::vector<const iam::Policy*>>& levels) {
    if (levels.empty()) return nullptr;
    std::shared_ptr<const PinnedLevels>& pinned = levels_[levels];
    const auto still_current = [&] {
        for (std::size_t i = 0; i < levels.size(); ++i)
            for (std::size_t j = 0; j < levels[i].size(); ++j)
                if (!current((*pinned)[i][j], levels[i][j])) return false;
        return true;
    };
    if (!pinned || !still_current()) {
        PinnedLevels copies;
        copies.reserve(levels.size());
        for (const auto& level : levels) copies.push_back(pin_all(level));
        pinned = std::make_shared<const PinnedLevels>(std::move(copies));
    }
    return pinned;
}

std::vector<PinnedPolicy> PolicyPins::pin_all(const std::vector<const iam::Policy*>& policies) {
    std::vector<PinnedPolicy> out;
    out.reserve(policies.size());
    for (const iam::Policy* p : policies) out.push_back(pin(p));
    return out;
}

PinnedPolicySet PolicyPins::pin(const iam::PolicySet& set) {
    PinnedPolicySet pinned;
    pinned.identity = pin_all(set.identity);
    pinned.resource = pin(set.resource);
    pinned.boundary = pin(set.boundary);
    pinned.session = pin_all(set.session);
    pinned.endpoint = pin(set.endpoint);
    pinned.scps = pin_levels(set.scps);
    pinned.rcps = pin_levels(set.rcps);
    pinned.scp_targets = set.scp_targets;
    pinned.rcp_targets = set.rcp_targets;
    pinned.principal_in_management_account = set.principal_in_management_account;
    pinned.resource_in_management_account = set.resource_in_management_account;
    pinned.aws_managed_key = set.aws_managed_key;
    pinned.public_access_restricted = set.public_access_restricted;
    return pinned;
}

}  // namespace stslab::aws
