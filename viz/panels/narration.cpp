// Narration: the story of the current step, in English or Korean, for each open scenario; and the step's checked
// expectations (what the lesson promises happens).
#include "panels/panels.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace stslab::viz {
namespace {

// The step's story (the file's title first when two are open); its checked result is drawn apart (step_results).
void file_narration(const ViewState& view, std::size_t index) {
    const OpenFile& file = view.files[index];
    const Replay& replay = *file.replay;
    if (view.files.size() > 1) {  // which of the two lessons, whole: wrapped, not cut at the panel's edge
        ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
        text_wrapped(file.title(view.language));
        ImGui::PopStyleColor();
    }
    const std::size_t step = view.step_of(index);
    const NarrationInfo* n = replay.narration_at(step);
    if (n == nullptr) {
        const LocalText& d = replay.scenario().description;
        const std::string& text = view.language == Language::Korean && !d.ko.empty() ? d.ko : d.en;
        if (!text.empty()) text_wrapped(text);
        else hint(tr(Ui::StepForwardToBegin, view.ui_language()));
    } else {
        const std::string& text = view.language == Language::Korean && !n->ko.empty() ? n->ko : n->en.empty() ? n->ko : n->en;
        text_wrapped(text);
    }
}

// What the lesson promised for the step, without the step's internal id ("vendor#1"), labelled in the narration's
// language: a line each, and whether it held.
std::vector<std::pair<std::string, bool>> step_results(const ViewState& view, std::size_t index) {
    std::vector<std::pair<std::string, bool>> out;
    const Replay& replay = *view.files[index].replay;
    const std::size_t step = view.step_of(index);
    const bool korean = view.ui_language() == Language::Korean;
    for (const CheckInfo& c : replay.checks()) {
        if (c.step != step || step == 0) continue;
        out.emplace_back(c.passed ? tr(Ui::Passed, view.ui_language()) + (korean ? c.expected_ko : c.expected)
                                  : tr(Ui::Failed, view.ui_language()) + (korean ? c.detail_ko : c.detail.empty() ? c.summary : c.detail),
                         c.passed);
    }
    return out;
}

}  // namespace

void draw_narration(const PanelRect& rect, ViewState& view) {
    if (begin_panel("narration", tr(Ui::Narration, view.ui_language()), rect)) {
        int language = static_cast<int>(view.language);
        ImGui::RadioButton("English", &language, static_cast<int>(Language::English));
        ImGui::SameLine();
        // The language named in its own words whatever the viewer's language; without the Korean font that would be
        // "???".
        ImGui::RadioButton(tr_label(Ui::KoreanName, view.font_warning.empty() ? Language::Korean : Language::English, "ko").c_str(),
                           &language, static_cast<int>(Language::Korean));
        view.language = static_cast<Language>(language);
        if (!view.font_warning.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
            text_wrapped(view.font_warning);
            ImGui::PopStyleColor();
        }
        ImGui::Separator();
        // Side by side, the run that moved first: a pane that waits keeps its earlier story, below. The step's result
        // stays in view at the panel's foot and the story scrolls above it: at 1600x900 lesson 31's step 6 put it
        // under the fold, below a scrollbar.
        std::vector<std::size_t> order;
        for (const bool waiting : {false, true})
            for (std::size_t f = 0; f < view.files.size(); ++f)
                if (view.files[f].replay && view.waits(f) == waiting) order.push_back(f);
        std::vector<std::pair<std::string, bool>> results;
        for (const std::size_t f : order)
            for (auto& r : step_results(view, f)) results.push_back(std::move(r));
        const float width = ImGui::GetContentRegionAvail().x;
        float foot = 0.0f;
        for (const auto& [text, passed] : results)
            foot += ImGui::CalcTextSize(wrap_text(text, width).c_str()).y + ImGui::GetStyle().ItemSpacing.y;
        if (!results.empty()) foot += ImGui::GetStyle().ItemSpacing.y + 1.0f;  // the separator above
        // The story keeps two lines at least, whatever the results need.
        foot = std::min(foot, ImGui::GetContentRegionAvail().y - 2.0f * ImGui::GetTextLineHeightWithSpacing());
        const bool any = !order.empty();
        if (ImGui::BeginChild("story", ImVec2(0.0f, results.empty() ? 0.0f : -std::max(foot, 0.0f)))) {
            for (std::size_t i = 0; i < order.size(); ++i) {
                if (i > 0) ImGui::Separator();
                file_narration(view, order[i]);
            }
        }
        ImGui::EndChild();
        if (!results.empty()) {
            ImGui::Separator();
            for (const auto& [text, passed] : results) {
                ImGui::PushStyleColor(ImGuiCol_Text, passed ? allow_colour() : deny_colour());
                ImGui::TextUnformatted(wrap_text(text, width).c_str());
                ImGui::PopStyleColor();
            }
        }
        if (!any) hint(tr(Ui::NarrationNoScenario, view.ui_language()));
    }
    ImGui::End();
}

}  // namespace stslab::viz
