// Faults found in a scenario file, each with the file, line, column and JSON path, and what was expected.
//
// The loader collects every fault it can find in one pass (so a teacher fixes a file in one go) and only then
// refuses the file: a scenario is either loaded whole or not at all.
#pragma once

#include "core/error.hpp"
#include "scenario/jsonc.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace stslab {

struct Fault {
    std::string file;
    SourcePos pos;
    std::string pointer;  // JSON pointer, "" for the file as a whole
    std::string message;

    // "file:line:col: at accounts/1111/roles/Dev/trust: MESSAGE"
    std::string str() const;
};

class Diagnostics {
public:
    Diagnostics(std::string file, const SourceMap* positions) : file_(std::move(file)), positions_(positions) {}

    void add(const std::string& pointer, const std::string& message);
    bool empty() const { return faults_.empty(); }
    const std::vector<Fault>& faults() const { return faults_; }
    const std::string& file() const { return file_; }

private:
    std::string file_;
    const SourceMap* positions_;
    std::vector<Fault> faults_;
};

// Thrown when a scenario cannot be loaded; what() lists every fault, one a line.
class ScenarioError : public Error {
public:
    explicit ScenarioError(std::vector<Fault> faults);
    const std::vector<Fault>& faults() const { return faults_; }

private:
    std::vector<Fault> faults_;
};

// The candidate closest to `word` by edit distance, when it is close enough to be a likely misspelling
// (distance at most a third of the word's length, at least 1, or at most `edits` edits when given; case
// differences count as half), else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates, std::size_t edits = 0);

// " (did you mean \"X\"?)" for the closest candidate, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// A wrong value as a fault quotes it: its JSON text, cut to about 60 characters ("...") so that a fault is one
// line to read, not the pages of whatever was pasted there.
std::string quoted_value(const std::string& json_text);

}  // namespace stslab
