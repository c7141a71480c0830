// MalformedPolicyDocument: the error IAM returns for a policy it cannot accept (reference_policies_grammar;
// the AWS error code is MalformedPolicyDocument). The message names the fault and where it is, as a JSON path
// from the document's root ("Statement/0/Condition/StringEqulas: unknown condition operator 'StringEqulas'"),
// so a student can find the line. The path is "" for faults of the whole document (e.g. text that is not JSON).
#pragma once

#include "core/error.hpp"

#include <string>

namespace stslab::iam {

class MalformedPolicyDocument : public Error {
public:
    MalformedPolicyDocument(std::string path, std::string reason)
        : Error(path.empty() ? reason : path + ": " + reason), path_(std::move(path)), reason_(std::move(reason)) {}

    static constexpr const char* kCode = "MalformedPolicyDocument";
    const std::string& path() const { return path_; }
    const std::string& reason() const { return reason_; }

private:
    std::string path_;
    std::string reason_;
};

}  // namespace stslab::iam
