// Loading a scenario file (format v1, scenario-format.md) into a checked Scenario.
//
// Everything is checked before anything runs: JSON syntax, unknown keys (with "did you mean"), types, account
// ids, every policy (compiled with iam::compile_policy; a MalformedPolicyDocument names its path inside the
// file), every principal a policy names and every actor's principal (they must exist in the world), actor and
// credential names used by steps, templates in handlers, and that steps never go back in time. All the faults
// of a file are reported at once, each with file, line, column and JSON path; a file with any fault is refused
// whole (ScenarioError), never half-loaded.
#pragma once

#include "scenario/diagnostics.hpp"
#include "scenario/scenario.hpp"

#include <string>
#include <string_view>

namespace stslab {

Scenario load_scenario_text(std::string_view text, const std::string& file);
Scenario load_scenario_file(const std::string& path);

}  // namespace stslab
