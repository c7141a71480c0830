// MalformedPolicyDocument: the error IAM returns for a policy it cannot accept (reference_policies_grammar;
// the AWS error code is MalformedPolicyDocument). The message names the fault and where it is, as a JSON path
// from the document's root ("Statement/0/Condition/StringEqulas: Invalid Condition type : StringEqulas"),
// so a student can find the line. The path is "" for faults of the whole document (e.g. text that is not JSON).
#pragma once

#include "core/error.hpp"

#include <string>
#include <utility>
#include <vector>

namespace stslab::iam {

class MalformedPolicyDocument : public Error {
public:
    MalformedPolicyDocument(std::string path, std::string reason)
        : Error(path.empty() ? reason : path + ": " + reason), path_(std::move(path)), reason_(std::move(reason)) {}

    static constexpr const char* kCode = "MalformedPolicyDocument";
    const std::string& path() const { return path_; }
    const std::string& reason() const { return reason_; }

    // A document can have several faults: this one (the first, the one IAM's answer names) and the others, as
    // (path, reason), in the document's order. A scenario file's loader lists them all at once.
    const std::vector<std::pair<std::string, std::string>>& others() const { return others_; }
    // The faults of one document as one error: the first, carrying the rest (and theirs). `faults` is not empty.
    static MalformedPolicyDocument combined(std::vector<MalformedPolicyDocument>&& faults) {
        MalformedPolicyDocument first = std::move(faults.front());
        for (std::size_t i = 1; i < faults.size(); ++i) {
            first.others_.emplace_back(faults[i].path_, faults[i].reason_);
            first.others_.insert(first.others_.end(), faults[i].others_.begin(), faults[i].others_.end());
        }
        return first;
    }

private:
    std::string path_;
    std::string reason_;
    std::vector<std::pair<std::string, std::string>> others_;
};

}  // namespace stslab::iam
