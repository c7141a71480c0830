// The viewer's application shell: the GLFW window and OpenGL 3.3 context, Dear ImGui with its fonts and UI
// scale, the menu bar, the fixed replay layout, and headless screenshots. The panels live in viz/panels/.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace stslab::viz {

// What main() parsed from the command line.
struct Options {
    std::vector<std::string> files;  // scenario files to open: one, or two side by side
    long step = -1;                  // >= 0: start with the cursor on this step (screenshots)
    std::string screenshot;          // non-empty: render, write this PNG, exit
    int width = 1280;                // window (and framebuffer) size
    int height = 720;
    float scale = 0.0f;              // UI scale: font size and every style size; 0: fit the window (fit_scale)
    bool light = false;              // light theme (better on many projectors); View menu switches it
    bool korean = false;             // the viewer and its narration start in Korean; the narration panel switches it
    int frames = 0;                  // > 0: run this many frames, then exit
    int bench_frames = 0;            // > 0: run this many frames, then print timings
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// The UI scale that fits a window `height` pixels tall: the largest of 100%, 125%, 150%, 200% at most height / 720,
// so that a full-screen 1920x1080 projector shows what a 1280x720 window does, not the same 16-pixel text in
// more room.
float fit_scale(int height);

// Exit statuses of run(), besides 0.
inline constexpr int kExitFailure = 1;    // the screenshot could not be written or has the wrong size
inline constexpr int kExitNoDisplay = 3;  // no display, or no OpenGL 3.3 context on it

// Opens the window and runs until it is closed or the frame budget is spent. Returns the process exit status.
int run(const Options& options);

}  // namespace stslab::viz
