// The replay layout's panels, one source file each, and the small state they share.
//
// Each panel is a free function that draws one fixed ImGui window into the rectangle the app shell gives it.
// Panels read a ViewState; the ones that take it by non-const reference (transport, narration) only change
// what the user is looking at (the cursor, speed, language), never the recorded run. Every panel must draw
// sensibly with an empty ViewState (no trace): a dimmed one-line hint saying what will appear there.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace stslab {
class Trace;
}

namespace stslab::viz {

enum class Language { English, Korean };

// Replay speeds offered by the transport, as multiples of real time.
inline constexpr float kSpeeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f, 8.0f};
inline constexpr const char* kSpeedNames[] = {"0.25x", "0.5x", "1x", "2x", "4x", "8x"};
inline constexpr int kDefaultSpeed = 2;  // 1x

// Everything the panels show and the user can change while looking at one run.
struct ViewState {
    const Trace* trace = nullptr;              // the recorded run being replayed; null when nothing is open
    std::vector<std::string> opened;           // files named on the command line (shown; loading comes later)
    std::size_t cursor = 0;                    // replay cursor: events [0, cursor) have happened. Stepping back
                                               // moves it; nothing is re-simulated.
    std::optional<std::size_t> selected;       // the event the inspector shows
    bool playing = false;
    int speed = kDefaultSpeed;                 // index into kSpeeds
    Language language = Language::English;
    std::string font_warning;                  // non-empty when Korean text cannot render
};

// A panel's place on the screen, in ImGui display coordinates.
struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
};

// --- the panels (viz/panels/<name>.cpp) ---
void draw_world_map(const PanelRect& rect, const ViewState& view);
void draw_sequence(const PanelRect& rect, const ViewState& view);
void draw_transport(const PanelRect& rect, ViewState& view);
void draw_inspector(const PanelRect& rect, const ViewState& view);
void draw_cloudtrail(const PanelRect& rect, const ViewState& view);
void draw_narration(const PanelRect& rect, ViewState& view);

// The transport strip's height for the current style and font (it has no title bar: two rows of controls).
float transport_height();

// --- shared helpers (viz/panels/common.cpp) ---
// Begins a fixed, titled window at `rect` (placed every frame, so it follows the display size). Always pair
// with ImGui::End(), whatever it returns.
bool begin_panel(const char* title, const PanelRect& rect, ImGuiWindowFlags extra = 0);
// A dimmed, wrapped line telling the user what this panel will show.
void hint(const char* text);
// A warning colour readable on the current theme's window background.
ImVec4 warning_colour();

}  // namespace stslab::viz
