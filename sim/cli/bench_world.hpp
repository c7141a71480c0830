// `stslab bench world [--accounts A] [--roles R] [--calls C] [--seed S] [--no-fingerprint]` (bench_world.cpp).
#pragma once

#include "cli/commands.hpp"

namespace stslab::cli {

// Runs the generated-organization benchmark; throws UsageError on bad options. Returns the exit status.
int bench_world(const Args& args);

}  // namespace stslab::cli
