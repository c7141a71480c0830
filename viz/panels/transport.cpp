// Transport and timeline: first, step back, play/pause, step forward, last; replay speed; a scrubber over the
// recorded events. It only moves the cursor (animation time is the app's business, simulated time the trace's).
#include "panels/panels.hpp"

#include "trace/trace.hpp"

#include <algorithm>
#include <cstdio>

namespace stslab::viz {
namespace {

enum class Icon { First, Back, Play, Pause, Forward, Last };

// A square button with a drawn icon: the default font has no media glyphs, and shapes scale with the UI.
bool icon_button(const char* id, Icon icon, const char* tooltip) {
    const float side = ImGui::GetFrameHeight();
    const bool pressed = ImGui::Button(id, ImVec2(side, side));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("%s", tooltip);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);  // includes the disabled alpha
    const ImVec2 min = ImGui::GetItemRectMin();
    const float u = side / 16.0f;  // icons are drawn on a 16 x 16 grid
    auto at = [&](float x, float y) { return ImVec2(min.x + x * u, min.y + y * u); };
    auto left = [&](float x) { draw->AddTriangleFilled(at(x + 4, 4), at(x + 4, 12), at(x, 8), colour); };
    auto right = [&](float x) { draw->AddTriangleFilled(at(x, 4), at(x, 12), at(x + 4, 8), colour); };
    auto bar = [&](float x) { draw->AddRectFilled(at(x, 4), at(x + 1.5f, 12), colour); };
    switch (icon) {
        case Icon::First: bar(3.5f); left(5.5f); left(9.0f); break;
        case Icon::Back: bar(4.5f); left(7.0f); break;
        case Icon::Play: draw->AddTriangleFilled(at(5, 3.5f), at(5, 12.5f), at(12, 8), colour); break;
        case Icon::Pause: bar(5.0f); bar(9.5f); break;
        case Icon::Forward: right(5.0f); bar(10.0f); break;
        case Icon::Last: right(3.0f); right(6.5f); bar(11.0f); break;
    }
    return pressed;
}

}  // namespace

float transport_height() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return 2.0f * style.WindowPadding.y + 2.0f * ImGui::GetFrameHeight() + style.ItemSpacing.y;
}

void draw_transport(const PanelRect& rect, ViewState& view) {
    const std::size_t size = view.trace != nullptr ? view.trace->size() : 0;
    if (begin_panel("Transport", rect, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
        ImGui::BeginDisabled(size == 0);
        if (icon_button("##first", Icon::First, "First event")) view.cursor = 0;
        ImGui::SameLine(0, gap);
        if (icon_button("##back", Icon::Back, "Step back")) view.cursor = view.cursor > 0 ? view.cursor - 1 : 0;
        ImGui::SameLine(0, gap);
        if (icon_button("##play", view.playing ? Icon::Pause : Icon::Play, view.playing ? "Pause" : "Play")) {
            view.playing = !view.playing;
        }
        ImGui::SameLine(0, gap);
        if (icon_button("##forward", Icon::Forward, "Step forward")) view.cursor = std::min(view.cursor + 1, size);
        ImGui::SameLine(0, gap);
        if (icon_button("##last", Icon::Last, "Last event")) view.cursor = size;
        ImGui::EndDisabled();

        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("0.25x").x + ImGui::GetFrameHeight() * 2.0f);
        ImGui::Combo("speed", &view.speed, kSpeedNames, IM_ARRAYSIZE(kSpeedNames));

        ImGui::SameLine();
        if (size == 0) {
            ImGui::TextDisabled("no trace loaded");
        } else {
            const SimTime now = view.cursor > 0 ? (*view.trace)[view.cursor - 1].time : 0;
            ImGui::Text("t = %lld.%03lld s   event %zu / %zu", static_cast<long long>(now / 1000),
                        static_cast<long long>(now % 1000), view.cursor, size);
        }

        // The scrubber: one position per event boundary, 0 (nothing happened yet) to size (all happened).
        ImGui::BeginDisabled(size == 0);
        ImGui::SetNextItemWidth(-1.0f);
        if (size == 0) {
            float nothing = 0.0f;  // an empty integer range would draw its grab across the whole width
            ImGui::SliderFloat("##scrub", &nothing, 0.0f, 1.0f, "");
        } else {
            int position = static_cast<int>(view.cursor);
            if (ImGui::SliderInt("##scrub", &position, 0, static_cast<int>(size))) {
                view.cursor = static_cast<std::size_t>(std::clamp(position, 0, static_cast<int>(size)));
            }
        }
        ImGui::EndDisabled();
    }
    ImGui::End();
}

}  // namespace stslab::viz
