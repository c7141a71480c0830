// Transport and timeline: first, step back, play/pause, step forward, last; replay speed; a scrubber over the
// recorded events. It only moves the cursor (animation time is the app's business, simulated time the trace's).
#include "panels/panels.hpp"


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

// The scrubber's track and grab. ImGui's own track all but vanishes on a projector: on the light theme white on a
// near-white window (1.1:1), on the dark theme navy on a near-black one (1.4:1). On both the track is a mid tone, 3.5:1
// against the window, and the grab 3.5:1 (dark) or 4:1 (light) against the track. Returns how many colours to pop.
int push_track_colours() {
    struct Colours {
        ImVec4 track, hovered, active, grab, grab_active;
    };
    static const Colours light{{0.50f, 0.50f, 0.50f, 1.0f}, {0.45f, 0.45f, 0.45f, 1.0f}, {0.42f, 0.42f, 0.42f, 1.0f},
                               {1.00f, 1.00f, 1.00f, 1.0f}, {0.80f, 0.88f, 1.00f, 1.0f}};
    static const Colours dark{{0.36f, 0.42f, 0.52f, 1.0f}, {0.40f, 0.47f, 0.58f, 1.0f}, {0.43f, 0.50f, 0.62f, 1.0f},
                              {0.70f, 0.82f, 1.00f, 1.0f}, {0.85f, 0.92f, 1.00f, 1.0f}};
    const Colours& c = dark_theme() ? dark : light;
    ImGui::PushStyleColor(ImGuiCol_FrameBg, c.track);
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, c.hovered);
    ImGui::PushStyleColor(ImGuiCol_FrameBgActive, c.active);
    ImGui::PushStyleColor(ImGuiCol_SliderGrab, c.grab);
    ImGui::PushStyleColor(ImGuiCol_SliderGrabActive, c.grab_active);
    return 5;
}

// A tick marking a denied or failed call. On the mid-tone track a red tick is close in lightness (1.4:1 on the light
// theme's, 1.8:1 on the dark theme's): a rim of the window's colour sets it apart.
void draw_tick(ImDrawList* draw, ImVec2 min, ImVec2 max) {
    draw->AddRectFilled(ImVec2(min.x - 1.0f, min.y), ImVec2(max.x + 1.0f, max.y + 1.0f), ImGui::GetColorU32(ImGuiCol_WindowBg));
    draw->AddRectFilled(min, max, deny_colour());
}

}  // namespace

float transport_height() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return 2.0f * style.WindowPadding.y + 2.0f * ImGui::GetFrameHeight() + style.ItemSpacing.y;
}

void draw_transport(const PanelRect& rect, ViewState& view) {
    const std::size_t last = view.last_step();
    const Language lang = view.ui_language();
    if (begin_panel("transport", "", rect, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
        ImGui::BeginDisabled(last == 0);
        if (icon_button("##first", Icon::First, tr(Ui::TipFirst, lang))) view.move_to(0);
        ImGui::SameLine(0, gap);
        if (icon_button("##back", Icon::Back, tr(Ui::TipBack, lang))) view.move_to(view.cursor > 0 ? view.cursor - 1 : 0);
        ImGui::SameLine(0, gap);
        if (icon_button("##play", view.playing ? Icon::Pause : Icon::Play, tr(view.playing ? Ui::TipPause : Ui::TipPlay, lang))) {
            if (!view.playing && view.cursor >= last) view.move_to(0);  // play again from the start
            view.playing = !view.playing;
        }
        ImGui::SameLine(0, gap);
        if (icon_button("##forward", Icon::Forward, tr(Ui::TipForward, lang))) view.move_to(view.cursor + 1);
        ImGui::SameLine(0, gap);
        if (icon_button("##last", Icon::Last, tr(Ui::TipLast, lang))) view.move_to(last);
        ImGui::EndDisabled();

        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("0.25x").x + ImGui::GetFrameHeight() * 2.0f);
        ImGui::Combo(tr_label(Ui::Speed, lang, "speed").c_str(), &view.speed, kSpeedNames, IM_ARRAYSIZE(kSpeedNames));

        // Apart from the speed's label, which "step 3 / 22" would otherwise read on from ("speed step 3 / 22").
        ImGui::SameLine(0.0f, ImGui::GetFontSize() * 2.0f);
        if (last == 0) {
            ImGui::TextDisabled("%s", tr(Ui::NoReplayOpen, lang));
        } else {
            ImGui::TextUnformatted(trf(Ui::StepOfTime, lang, view.cursor, last, format_sim_time(view.now()).c_str()).c_str());
            ImGui::SameLine();
            // The keys, as many as fit: the hint gives up its last ones whole ("F12 PNG"), never half a word.
            std::string keys = tr(Ui::KeysHint, lang);
            const float room = ImGui::GetContentRegionAvail().x;
            while (ImGui::CalcTextSize(keys.c_str()).x > room && keys.rfind("  ") != std::string::npos) {
                keys.erase(keys.rfind("  "));
                while (!keys.empty() && keys.back() == ' ') keys.pop_back();
            }
            ImGui::TextDisabled("%s", keys.c_str());
        }

        // The scrubber: one position per step, 0 (the start) to the last; red ticks mark the denied or failed calls
        // the replay has shown so far. Later ones stay hidden: a class should not read the lesson's outcome off the
        // timeline before the step that teaches it.
        ImGui::BeginDisabled(last == 0);
        const int track_colours = push_track_colours();
        ImGui::SetNextItemWidth(-1.0f);
        if (last == 0) {
            float nothing = 0.0f;  // an empty integer range would draw its grab across the whole width
            ImGui::SliderFloat("##scrub", &nothing, 0.0f, 1.0f, "");
        } else {
            int position = static_cast<int>(view.cursor);
            if (ImGui::SliderInt("##scrub", &position, 0, static_cast<int>(last), "")) {
                view.move_to(static_cast<std::size_t>(std::clamp(position, 0, static_cast<int>(last))));
                view.hop = 1.0f;
            }
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            // Where ImGui 1.86 puts each integer value (SliderBehaviorT: 2 px padding, grab as wide as a value).
            const float slider = max.x - min.x - 4.0f;
            const float grab = std::min(std::max(slider / static_cast<float>(last + 1), ImGui::GetStyle().GrabMinSize), slider);
            const float x0 = min.x + 2.0f + grab * 0.5f, x1 = x0 + slider - grab;
            ImDrawList* draw = ImGui::GetWindowDrawList();
            for (std::size_t f = 0; f < view.files.size(); ++f) {
                const Replay* r = view.replay(f);
                if (r == nullptr) continue;
                // Ticks closer than their width merge into one bar: a long run of failures is one rectangle,
                // not a tick per pixel drawn over each other.
                const float bottom = min.y + (max.y - min.y) * 0.35f;
                float run_from = 0.0f, run_to = -1.0f;
                for (const std::size_t k : r->failed_answers()) {
                    if (k > view.step_of(f)) break;  // failed_answers() is in step order
                    const float x = x0 + (x1 - x0) * static_cast<float>(view.cursor_at(f, k)) / static_cast<float>(last);
                    if (run_to >= run_from && x - 1.5f <= run_to) {
                        run_to = x + 1.5f;
                        continue;
                    }
                    if (run_to >= run_from) draw_tick(draw, ImVec2(run_from, min.y), ImVec2(run_to, bottom));
                    run_from = x - 1.5f;
                    run_to = x + 1.5f;
                }
                if (run_to >= run_from) draw_tick(draw, ImVec2(run_from, min.y), ImVec2(run_to, bottom));
            }
        }
        ImGui::PopStyleColor(track_colours);
        ImGui::EndDisabled();
    }
    ImGui::End();
}

}  // namespace stslab::viz
