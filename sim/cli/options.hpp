// A small option parser for the subcommands: "--name value" options, "--flag" switches and positional
// arguments, checked against what the subcommand accepts. Errors throw UsageError.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace stslab::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// `--help` or `-h` among a subcommand's arguments: not an error; the subcommand's usage is the answer.
struct HelpRequested : UsageError {
    HelpRequested() : UsageError("help requested") {}
};
bool is_help(const std::string& arg);  // "--help" or "-h"

class Options {
public:
    // `valued`: options that take a value; `flags`: switches. Anything else starting with "--" is an error.
    Options(const std::vector<std::string>& args, const std::set<std::string>& valued,
            const std::set<std::string>& flags);

    bool has(const std::string& name) const { return values_.count(name) > 0 || flags_.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback) const;
    // A non-negative integer option; UsageError if it is not one.
    std::uint64_t get_uint(const std::string& name, std::uint64_t fallback) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
};

}  // namespace stslab::cli
