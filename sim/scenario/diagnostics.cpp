#include "scenario/diagnostics.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace stslab {

namespace {

// Text as a fault's line shows it: a control character the file put in a name ("x\ny", an escape sequence) written
// as JSON writes it, so that one fault stays one line and nothing in a file can drive the terminal (found by fuzzing).
std::string printable(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c != 0x7f) {
            out += ch;
        } else if (c == '\n' || c == '\t' || c == '\r') {
            out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        }
    }
    return out;
}

}  // namespace

std::string Fault::str() const {
    std::string out = file;
    if (pos.line > 0) out += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    out += ": ";
    if (!pointer.empty()) out += "at " + bounded_text(pointer_display(pointer)) + ": ";
    return printable(out + bounded_text(message));
}

void Diagnostics::add(const std::string& pointer, const std::string& message) {
    faults_.push_back(Fault{file_, positions_ ? positions_->at(pointer) : SourcePos{}, pointer, message});
}

namespace {

std::string join_faults(const std::vector<Fault>& faults) {
    std::string out;
    for (const auto& f : faults) {
        if (!out.empty()) out += '\n';
        out += f.str();
    }
    return out;
}

// Edit distance in half-steps (optimal string alignment): a change of case alone costs 1; any other edit, and
// swapping two neighbouring characters ("alcie" for "alice"), costs 2. Stops early with a value above `cutoff` once
// every alignment of the rows so far costs more: a file with thousands of misspelt names against thousands of
// candidates must still be answered at once.
std::size_t distance2(std::string_view a, std::string_view b, std::size_t cutoff) {
    // What both share at the start and at the end costs nothing (ARNs share most of their text).
    while (!a.empty() && !b.empty() && a.front() == b.front()) {
        a.remove_prefix(1);
        b.remove_prefix(1);
    }
    while (!a.empty() && !b.empty() && a.back() == b.back()) {
        a.remove_suffix(1);
        b.remove_suffix(1);
    }
    thread_local std::vector<std::size_t> rows;
    const std::size_t w = b.size() + 1;
    rows.assign(3 * w, 0);
    std::size_t* before = rows.data();  // row i - 2
    std::size_t* prev = before + w;     // row i - 1
    std::size_t* cur = prev + w;        // row i
    for (std::size_t j = 0; j < w; ++j) prev[j] = 2 * j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = 2 * i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j < w; ++j) {
            const char x = a[i - 1], y = b[j - 1];
            const std::size_t sub = x == y ? 0 : ascii_lower(x) == ascii_lower(y) ? 1 : 2;
            cur[j] = std::min({prev[j] + 2, cur[j - 1] + 2, prev[j - 1] + sub});
            if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y) cur[j] = std::min(cur[j], before[j - 2] + 2);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > cutoff) return cutoff + 1;
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

ScenarioError::ScenarioError(std::vector<Fault> faults) : Error(join_faults(faults)), faults_(std::move(faults)) {}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates, std::size_t edits) {
    // Suggestions are for typos in names, not for pages of text: the distance costs |word| x |candidate|.
    constexpr std::size_t longest_word = 256;
    if (word.size() > longest_word) return {};
    // A third of the word's length may differ, but for an ARN or a path only of its last part (the name): a long
    // shared prefix does not make "user/ghost" a typo of "user/alice".
    const std::size_t name_start = word.find_last_of("/:") == std::string_view::npos ? 0 : word.find_last_of("/:") + 1;
    const std::size_t limit = 2 * (edits > 0 ? edits : std::max<std::size_t>(1, (word.size() - name_start) / 3));
    std::string best;
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (const auto& c : candidates) {
        // Each missing or extra character costs 2, so a length difference alone can rule a candidate out.
        const std::size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
        if (2 * length_gap > limit) continue;
        const std::size_t d = distance2(word, c, std::min(limit, best_distance));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best_distance <= limit ? best : std::string();
}

std::string quoted_value(const std::string& json_text) {
    constexpr std::size_t kMax = 60;
    if (json_text.size() <= kMax) return json_text;
    return std::string(utf8_prefix(json_text, kMax)) + "...";
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = closest_match(word, candidates);
    return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
}

}  // namespace stslab
