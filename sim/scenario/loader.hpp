// Loading a scenario file (format v1: shared docs scenario-format.md; every addition: scenarios/README.md) into a
// checked Scenario.
//
// Everything is checked before anything runs: JSON syntax, unknown keys (with "did you mean"), types, account
// ids, every policy (compiled with iam::compile_policy; a MalformedPolicyDocument names its path inside the
// file), every principal a policy names and every actor's principal (they must exist in the world), actor and
// credential names used by steps and handlers, templates in handlers (and none in steps), and that steps never
// go back in time. All the faults of a file are reported at once, in the order the file reads, each with file,
// line, column and JSON path; a file with any fault is refused whole (ScenarioError), never half-loaded. No
// input makes loading crash, hang or throw anything else.
//
// Unique ids (User::id, Role::id) are left empty: the runner draws them from the run's generator.
// The work is split: loader.cpp (top level, actors, steps), loader_world.cpp (accounts, organization),
// loader_checker.hpp (typed reading with faults), loader_internal.hpp (the Loader class both share).
#pragma once

#include "scenario/diagnostics.hpp"
#include "scenario/scenario.hpp"

#include <string>
#include <string_view>

namespace stslab {

// `file` names the text in faults and gives the default id (its name without folders and ".json").
Scenario load_scenario_text(std::string_view text, const std::string& file);
// A file that cannot be read is a ScenarioError with one fault saying so. "-" reads standard input, named
// "<stdin>" in faults.
Scenario load_scenario_file(const std::string& path);

}  // namespace stslab
