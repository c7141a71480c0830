// An ImGui context with the viewer's fonts and style sizes, for laying panels out without a display (no window, no
// OpenGL: ImGui lays a frame out with a font atlas and a display size alone), and the lessons to open. Shared by the
// tests of tests/viz.
#pragma once

#include "fonts.hpp"
#include "panels/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace stslab::viz::test {

inline const std::string kSource = STSLAB_SOURCE_DIR;

class Headless {
public:
    // A window `display` pixels large at UI scale `scale` (the viewer's fit_scale: 100% below 900 pixels tall, 150%
    // at 1080): a font of 16 px x scale and every style size scaled, as app.cpp's set_look builds them, with glyphs
    // for `korean_text` (korean_text_of the view) besides the viewer's own words.
    explicit Headless(ImVec2 display = ImVec2(1280, 800), float scale = 1.0f, const std::string& korean_text = "") {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60.0f;
        font_warning_ = load_fonts(std::round(16.0f * scale), korean_text);
        ImGui::GetStyle().ScaleAllSizes(scale);
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    }
    ~Headless() { ImGui::DestroyContext(); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    const std::string& font_warning() const { return font_warning_; }

    template <class Draw>
    void frame(Draw draw) {
        ImGui::NewFrame();
        draw();
        ImGui::Render();
        ImGui::GetIO().MouseWheel = 0.0f;  // a wheel turn lasts one frame
    }

    // The frames a screenshot renders (three) as the viewer lays them out: a menu bar, then `draw(layout)` with the
    // panels app.cpp's layout gives `files` scenarios in this window.
    template <class Draw>
    void frames_in_layout(std::size_t files, Draw draw) {
        for (int i = 0; i < 3; ++i)
            frame([&] {
                float top = 0.0f;
                if (ImGui::BeginMainMenuBar()) {
                    top = ImGui::GetWindowHeight();
                    ImGui::EndMainMenuBar();
                }
                draw(compute_layout(ImGui::GetIO().DisplaySize, top, files));
            });
    }

private:
    std::string font_warning_;
};

// The lesson files in scenarios/, by name.
inline std::vector<std::string> lessons() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(kSource + "/scenarios"))
        if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A view of lessons from scenarios/ (one, or two side by side).
inline ViewState view_of(const std::vector<std::string>& lessons) {
    ViewState view;
    for (const std::string& lesson : lessons) {
        const std::string path = kSource + "/scenarios/" + lesson;
        view.files.push_back(OpenFile{path, load_replay(path), "", {}});
    }
    return view;
}

}  // namespace stslab::viz::test
