// The replay layout's panels, one source file each, and the small state they share.
//
// Each panel is a free function that draws one fixed ImGui window into the rectangle the app shell gives it.
// Panels read the open replays through a ViewState; what they change is only what the user is looking at (the
// cursor, the selection, speed, language, filters), never the recorded run. Every panel draws sensibly with
// nothing open: a dimmed one-line hint saying what will appear there.
#pragma once

#include "model/replay.hpp"
#include "panels/world_map.hpp"
#include "text.hpp"

#include <imgui.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace stslab::viz {

// Replay speeds offered by the transport, as multiples of the base pace (one step per kStepSeconds).
inline constexpr float kSpeeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f, 8.0f};
inline constexpr const char* kSpeedNames[] = {"0.25x", "0.5x", "1x", "2x", "4x", "8x"};
inline constexpr int kDefaultSpeed = 2;       // 1x
inline constexpr float kStepSeconds = 0.9f;   // real seconds per step at 1x while playing

// One open scenario file: its last good replay, and the loader's faults if the file on disk is broken now.
struct OpenFile {
    std::string path;
    std::unique_ptr<Replay> replay;            // null until the file first loads
    std::string error;                         // non-empty: the last load failed (file:line:col: at PATH: ...)
    std::filesystem::file_time_type modified{};  // as last loaded, for live reload

    std::string title(Language language) const;  // the scenario's title, or the file name
};

// Everything the panels show and the user can change. With two files open they share one cursor, which walks the
// two runs in simulated time (align_steps): each file has its own step at the cursor (step_of).
struct ViewState {
    std::vector<OpenFile> files;               // 0, 1 or 2 (side-by-side comparison)
    std::size_t focus = 0;                     // the file the inspector and CloudTrail show
    std::size_t cursor = 0;                    // one file: its step, arrows 1..cursor have happened (0: the start);
                                               //   two: a shared step of align_steps
    bool playing = false;
    float hop = 1.0f;                          // animation of the cursor's hop, 0 (leaving) to 1 (arrived)
    int speed = kDefaultSpeed;                 // index into kSpeeds
    Language language = Language::English;     // of the narration and the viewer's own words (text.hpp)
    std::string font_warning;                  // non-empty when Korean text cannot render
    Ui status = Ui::Count;                     // a one-line message about status_file (export written, reload
    std::string status_file;                   //   failed, ...); Ui::Count: none
    char cloudtrail_filter[128] = {};
    int cloudtrail_account = 0;                // 0: all accounts; else index+1 into the focused file's accounts
    bool follow_sequence = true;               // the sequence diagram scrolls to keep the cursor in view

    const Replay* replay(std::size_t i) const {
        return i < files.size() && files[i].replay ? files[i].replay.get() : nullptr;
    }
    const Replay* focused() const { return replay(focus); }
    // The cursor's last position: the last step of the one replay, or the last shared step of two.
    std::size_t last_step() const;
    // Moves the cursor (clamped), and restarts the hop animation when moving forward.
    void move_to(std::size_t step);
    // File `file`'s own step at the cursor (0 for a file that has not loaded).
    std::size_t step_of(std::size_t file) const;
    // The first cursor position at which file `file` is on its step `step` (a row clicked in its sequence diagram).
    std::size_t cursor_at(std::size_t file, std::size_t step) const;
    // The animation of file `file`'s hop: `hop`, or 1 (arrived) when the cursor's move did not change its step (the
    // other run made a call this one did not).
    float hop_of(std::size_t file) const;
    // Side by side, whether file `file` waits at the cursor: the other run moved and it did not (it has no call at
    // that moment, or it has ended).
    bool waits(std::size_t file) const;
    // Simulated time at the cursor: the later of the open runs' times (one waits while the other calls).
    SimTime now() const;
    // The language of the viewer's own words: English while Korean cannot render (no font), where it would be "???".
    Language ui_language() const { return font_warning.empty() ? language : Language::English; }

private:
    // Two loaded files: align_steps of them, worked out again when either is (re)loaded; else empty.
    const std::vector<std::array<std::size_t, 2>>& timeline() const;
    mutable std::vector<std::array<std::size_t, 2>> timeline_;
    mutable std::uint64_t aligned_[2] = {0, 0};  // the serials of the replays timeline_ is for (0: none)
};

// A panel's place on the screen, in ImGui display coordinates.
struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
};

// The replay layout, recomputed every frame from the display size (below the menu bar, `top` pixels tall). One file:
//   world map (58% wide, 60% of the body)    | sequence diagram
//   inspector (38%) | CloudTrail              | narration (27%)
//   transport strip (full width)
// Two files side by side (one shared cursor): each half has its world map above its sequence diagram; the
// inspector and CloudTrail show the file being inspected, the narration both.
struct Layout {
    PanelRect world_map[2], sequence[2], inspector, cloudtrail, narration, transport;
};
Layout compute_layout(ImVec2 display, float top, std::size_t files);

// The Korean text of the open scenarios (titles, narration, the explanations' summary_ko and detail_ko, the checks'
// expected_ko and detail_ko): what the font atlas must have glyphs for, besides the viewer's own words (load_fonts
// adds those).
std::string korean_text_of(const ViewState& view);

// --- the panels (viz/panels/<name>.cpp) ---
// World map and sequence diagram draw one file (`file` indexes view.files); the others draw the focused file.
// The map returns what it laid out (world_map.hpp), for the tests.
MapLayout draw_world_map(const PanelRect& rect, ViewState& view, std::size_t file);
void draw_sequence(const PanelRect& rect, ViewState& view, std::size_t file);
void draw_transport(const PanelRect& rect, ViewState& view);
void draw_inspector(const PanelRect& rect, ViewState& view);
void draw_cloudtrail(const PanelRect& rect, ViewState& view);
void draw_narration(const PanelRect& rect, ViewState& view);

// The transport strip's height for the current style and font (it has no title bar: two rows of controls).
float transport_height();

// --- shared helpers (viz/panels/common.cpp) ---
// Begins a fixed window at `rect` (placed every frame, so it follows the display size), titled `title` in the
// view's language; `id` keeps it the same window whatever the title. Always pair with ImGui::End(), whatever it
// returns.
bool begin_panel(const char* id, const std::string& title, const PanelRect& rect, ImGuiWindowFlags extra = 0);
// "N. " and a sequence diagram's label, made to fit `room` pixels: the service prefix of its operation goes first
// ("sts:AssumeRoleWithWebIdentity: AccessDenied" -> "AssumeRoleWithWebIdentity: AccessDenied"), then the end of the
// operation, down to its first eight characters ("AssumeRo...: AccessDenied"), then the end of the error
// ("AssumeRo...: Access..."): a refused row keeps enough of both to read.
std::string fit_label(const std::string& number, std::string label, float room);
// A sequence diagram lane's label: its actor's name, cut to 18 characters' width ("vendor-integrat..."); every lesson's
// names fit whole. A name of 200 took the lanes' whole margin, and the lanes and arrows shrank to nothing.
std::string sequence_lane_label(const std::string& name);
// CloudTrail's event column, in a table whose event and identity columns share `shared` pixels of content: the run's
// widest event (`widest_event`, with its error) whole when that leaves the identity column what the run's widest
// identity needs (`identity_need`); else the identity keeps what it needs up to 40% of `shared` and 8 pixels (or up to
// `identity_least`, a short user's name, when that is more) and the event the rest. (The event had 60% whatever the
// identities needed: lesson 27's "TerminateInstances..." and "DecodeAuthorizatio..." beside a column of "user/priya"
// with room to spare.) Never narrower than the column's heading (`header`).
float cloudtrail_event_width(float shared, float widest_event, float identity_need, float identity_least, float header);
// A CloudTrail row's event cell in `room` pixels: the event, and a failed call's error after it ("AssumeRole:
// AccessDenied"); EC2's codes without the "Client." every one of them starts with ("RunInstances:
// UnauthorizedOperation", as the sequence diagram and the inspector name it; the row's tooltip has the record whole).
// Too wide, the name gives way to keep the error whole, down to three letters ("Ass...: AccessDenied"), else the text
// is cut at its end ("PutObject: Ac...").
std::string cloudtrail_event_cell(const CloudTrailRow& row, float room);
// Where a sequence diagram row's label starts, `width` wide with its mark: centred on its arrow's middle (`centre`),
// moved left to end by `right` (the row's visible end), and never left of `left`, the end of the time column and its
// gap, so that no label runs over the times; a label wider than the room starts at `left`.
float row_label_x(float centre, float width, float left, float right);
// A panel's title: `plain` with one file open; side by side, `of` ("Inspector (%s): %s") with the side of the file
// it shows and that file's title, whose start gives way to fit `room` pixels: two lessons' titles differ at the end
// ("The confused deputy, solved with an ExternalId").
std::string file_panel_title(const ViewState& view, const std::string& plain, Ui of, float room);
// A dimmed, wrapped line telling the user what this panel will show.
void hint(const char* text);
// `text` with line breaks so that each line fits `room` pixels, broken at spaces only: ImGui's own wrapping also
// breaks after '.', ',' and ';', inside "s3.amazonaws.com" or a time. A word wider than the room is broken after its
// last '/' or ':' that fits (an ARN's parts), else between whole UTF-8 characters (at least one a line). The text's
// own line breaks are kept.
std::string wrap_text(const std::string& text, float room);
// The text, wrapped by wrap_text at the room left on the window's line (what ImGui::TextWrapped does, but at spaces).
void text_wrapped(const std::string& text);
// A warning colour readable on the current theme's window background.
ImVec4 warning_colour();
bool dark_theme();
// Colours of outcomes, readable on the current theme.
ImU32 allow_colour(float alpha = 1.0f);
ImU32 deny_colour(float alpha = 1.0f);
// Text in `colour` (an account's) made readable on the theme's background.
ImU32 readable_colour(ImU32 colour);
ImU32 message_colour(float alpha = 1.0f);
// "+m:ss.mmm" (or "+h:mm:ss.mmm") simulated time since the scenario start.
std::string format_sim_time(SimTime t);
// A trace label without the check and cross marks the fonts lack: "AssumeRole ✗ AccessDenied" ->
// "AssumeRole: AccessDenied". The outcome is shown by colour and a drawn mark instead.
std::string plain_label(const std::string& label);
// The label without its outcome, "sts:AssumeRole ✗ AccessDenied" -> "sts:AssumeRole": what a step not yet replayed
// shows, so that a class cannot read the lesson's outcome before the step that teaches it.
std::string label_without_outcome(const std::string& label);
// Which end of a text too long for its room gives way.
enum class Cut { Start, End };
// `text` as it fits in `room` pixels: whole when it fits, else with "..." where it gives way (its end, or its start),
// whole UTF-8 characters only, the fewest dropped; "" when not even "..." fits.
std::string fit_text(const std::string& text, float room, Cut cut = Cut::End);
// A drawn check mark or cross, `size` pixels square, at `pos` (top left).
void draw_mark(ImDrawList* draw, ImVec2 pos, float size, bool ok);
// A dashed line.
void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash = 6.0f);
// Text showing a JSON value pretty-printed, selectable for copying.
void json_text(const nlohmann::json& value, const char* id);
// Account colour: the scenario's, else by the account's part in the story (yours orange, the vendor green,
// the attacker purple, others blue and teal).
ImU32 account_colour(const Replay& replay, const std::string& account_id, float alpha = 1.0f);

}  // namespace stslab::viz
