#include "scenario/diagnostics.hpp"

#include <algorithm>
#include <cctype>

namespace stslab {

std::string Fault::str() const {
    std::string out = file;
    if (pos.line > 0) out += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    out += ": ";
    if (!pointer.empty()) out += "at " + pointer_display(pointer) + ": ";
    return out + message;
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
// swapping two neighbouring characters ("alcie" for "alice"), costs 2.
std::size_t distance2(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = 2 * i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = 2 * j;
    auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const char x = a[i - 1], y = b[j - 1];
            const std::size_t sub = x == y ? 0 : lower(x) == lower(y) ? 1 : 2;
            d[i][j] = std::min({d[i - 1][j] + 2, d[i][j - 1] + 2, d[i - 1][j - 1] + sub});
            if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 2);
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace

ScenarioError::ScenarioError(std::vector<Fault> faults) : Error(join_faults(faults)), faults_(std::move(faults)) {}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    // Suggestions are for typos in names, not for pages of text: the distance costs |word| x |candidate|.
    constexpr std::size_t longest_word = 256;
    if (word.size() > longest_word) return {};
    const std::size_t limit = 2 * std::max<std::size_t>(1, word.size() / 3);
    std::string best;
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (const auto& c : candidates) {
        // Each missing or extra character costs 2, so a length difference alone can rule a candidate out.
        const std::size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
        if (2 * length_gap > limit) continue;
        const std::size_t d = distance2(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best_distance <= limit ? best : std::string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = closest_match(word, candidates);
    return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
}

}  // namespace stslab
