// Sequence diagrams of a run, for slides: Mermaid and PlantUML text with one numbered arrow per message, in time
// order, requests solid and answers dashed, from the participants of the trace (actors first, then services).
#pragma once

#include "trace/trace.hpp"

#include <string>

namespace stslab {

enum class DiagramFormat { Mermaid, PlantUml };

// Writes the diagram of the trace's messages up to (not including) event index `end`.
std::string sequence_diagram(const Trace& trace, DiagramFormat format, std::size_t end);

// The index just past the events of step `step` (a step id, or its 1-based number among the scenario's steps):
// where the next top-level step begins, or the trace's end. Throws Error when there is no such step.
std::size_t end_of_step(const Trace& trace, const std::string& step);

}  // namespace stslab
