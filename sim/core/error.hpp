// stslab::Error: the one exception type the core throws for bad input (a duration it cannot read, a scenario
// fault, a malformed policy). Its message is written for a person: what was wrong and what was expected.
// Front ends catch it at the edge and show it; it never escapes as a crash.
#pragma once

#include <stdexcept>
#include <string>

namespace stslab {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace stslab
