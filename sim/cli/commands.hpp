// The subcommands of `stslab`. Each lives in its own file (cli/<name>.cpp) and returns the process exit
// status: 0 success, 1 the work found a failure (a failed expectation, a bad file), 2 a usage error.
#pragma once

#include <string>
#include <vector>

namespace stslab::cli {

using Args = std::vector<std::string>;  // the arguments after the subcommand's name

int bench(const Args& args);
int run(const Args& args);
int check(const Args& args);
int trail(const Args& args);
int export_diagram(const Args& args);
int eval(const Args& args);

struct UsageError;
// Prints "stslab: MESSAGE" and the usage line to stderr; returns 2.
int usage_error(const std::string& message, const char* usage);
// The same for a UsageError, but for HelpRequested: the usage line alone, to stdout; returns 0.
int usage_error(const UsageError& error, const char* usage);

}  // namespace stslab::cli
