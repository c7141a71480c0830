// The application shell: window, UI scale, theme, menus, layout, screenshots and the frame loop (the font atlas is
// built by fonts.cpp).
#include "app.hpp"

#include "fonts.hpp"
#include "panels/panels.hpp"
#include "render/draw_split.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/jsonc.hpp"
#include "trace/sequence.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GLFW/glfw3.h>  // also declares the OpenGL 1.x calls the screenshot uses
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <time.h>  // clock_gettime(CLOCK_PROCESS_CPUTIME_ID)
#include <vector>

namespace stslab::viz {
namespace {

constexpr float kBaseFontSize = 16.0f;  // pixels at UI scale 1
constexpr float kScales[] = {1.0f, 1.25f, 1.5f, 2.0f};
constexpr const char* kScaleNames[] = {"100%", "125%", "150%", "200%"};
constexpr int kScreenshotFrames = 3;  // a new auto-sized window (popup, tooltip) is hidden on its first frame

enum class Theme { Dark, Light };

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// CPU time in ms of the whole process (all threads: Mesa's llvmpipe renders on worker threads), or of this
// thread alone.
double cpu_ms(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID) {
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

std::string g_glfw_error;  // GLFW's last complaint, for the no-display message
void remember_glfw_error(int /*code*/, const char* description) { g_glfw_error = description; }

int no_display() {
    const char* display = std::getenv("DISPLAY");
    const std::string why = display == nullptr || *display == '\0' ? "DISPLAY is not set" : g_glfw_error;
    std::fprintf(stderr,
                 "stslab-viz: no display available (%s); run it under xvfb-run or use `stslab run` for a text "
                 "replay\n",
                 why.c_str());
    return kExitNoDisplay;
}

std::string window_title(const ViewState& view) {
    if (view.files.empty()) return "stslab: no scenario open";
    std::string title = "stslab: " + view.files[0].title(Language::English);
    if (view.files.size() > 1) title += "  vs  " + view.files[1].title(Language::English);
    return title;
}

void apply_style(Theme theme, float scale) {
    ImGuiStyle style;
    if (theme == Theme::Dark) {
        ImGui::StyleColorsDark(&style);
    } else {
        ImGui::StyleColorsLight(&style);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.42f, 0.42f, 1.0f);  // hints legible on a projector
    }
    style.WindowRounding = 0.0f;  // tiled panels
    // Square corners throughout (the panels draw theirs square too): with Mesa's software renderer a rounded box
    // is a fan of triangles across its whole area, a square one a rectangle it fills on its fast path
    // (render/draw_split.hpp).
    style.ScrollbarRounding = 0.0f;
    style.TabRounding = 0.0f;
    style.WindowBorderSize = 1.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

// The scenario files a picker offers: scenarios/ beside the sources, and ./scenarios, with their titles.
struct Listed {
    std::string path, title;
};

std::vector<Listed> list_scenarios(Language language) {
    std::vector<Listed> out;
    std::error_code error;
    for (const std::string& dir : {std::string(STSLAB_SOURCE_DIR) + "/scenarios", std::string("scenarios")}) {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir, error))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            if (std::any_of(out.begin(), out.end(), [&](const Listed& l) {
                    return std::filesystem::equivalent(l.path, f, error);
                }))
                continue;
            std::string title = f.filename().string();
            try {
                std::ifstream in(f);
                std::stringstream text;
                text << in.rdbuf();
                const nlohmann::json doc = parse_jsonc(text.str(), f.string()).value;
                if (doc.contains("title")) {
                    const nlohmann::json& t = doc["title"];
                    title += "  " + (t.is_string() ? t.get<std::string>() : t.value("en", std::string()));
                }
            } catch (const std::exception&) {
                title += std::string("  ") + tr(Ui::PickerHasErrors, language);
            }
            out.push_back({f.string(), title});
        }
    }
    return out;
}

// A generated run of about 100,000 trace events (for --bench-frames): two accounts, a role, a bucket, and
// thousands of AssumeRole, GetObject and denied GetObject calls.
std::string generated_scenario(int cycles) {
    std::string steps;
    for (int i = 0; i < cycles; ++i) {
        const std::string n = std::to_string(i);
        steps += std::string(i == 0 ? "" : ",\n") +
                 R"({ "at": "+1s", "actor": "david", "call": "sts:AssumeRole", "save": "s", "params": )"
                 R"({ "RoleArn": "arn:aws:iam::999999999999:role/UpdateApp", "RoleSessionName": "d)" + n + R"(" },)"
                 R"( "say": "David assumes UpdateApp." },)"
                 R"({ "at": "+1s", "actor": "david", "call": "s3:GetObject", "using": "s", )"
                 R"("resource": "arn:aws:s3:::productionapp/app.zip" },)"
                 R"({ "at": "+1s", "actor": "theresa", "call": "s3:GetObject", "resource": "arn:aws:s3:::productionapp/app.zip" })";
    }
    return R"({ "stslab": 1, "title": "Generated: 100,000 trace events", "start": "2026-03-02T09:00:00Z", "seed": 1,
  "accounts": {
    "999999999999": { "alias": "production", "roles": { "UpdateApp": {
        "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "sts:AssumeRole" }] },
        "policies": { "rw": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::productionapp/*" } ] } } } },
      "buckets": { "productionapp": { "objects": { "app.zip": "v1" } } } },
    "111111111111": { "alias": "development",
      "users": { "david": { "policies": { "assume": { "Version": "2012-10-17", "Statement": [{
          "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::999999999999:role/UpdateApp" }] } } },
        "theresa": {} } } },
  "actors": { "david": { "principal": "arn:aws:iam::111111111111:user/david" },
              "theresa": { "principal": "arn:aws:iam::111111111111:user/theresa" } },
  "steps": [)" + steps + "]}";
}

bool write_png(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    glFinish();
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    for (std::size_t alpha = 3; alpha < pixels.size(); alpha += 4) pixels[alpha] = 255;  // whatever the visual
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

// Uploads the font atlas into the texture ImGui's backend made for it, in BGRA order (the order Mesa's software
// renderer samples on its fast path, render/draw_split.hpp), sampled nearest: the atlas is drawn 1:1 (glyphs
// are rasterized at the UI scale's size, positions are whole pixels), so nearest looks the same as the backend's
// bilinear filter, and with the software renderer it makes every pixel ImGui draws (each samples the atlas, solid
// fills included) much cheaper.
void upload_font_atlas_bgra() {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (atlas.TexID == nullptr) return;
    unsigned char* rgba = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsRGBA32(&rgba, &width, &height);
    std::vector<unsigned char> bgra(rgba, rgba + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    for (std::size_t i = 0; i < bgra.size(); i += 4) std::swap(bgra[i], bgra[i + 2]);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(atlas.TexID)));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_BGRA, GL_UNSIGNED_BYTE, bgra.data());
}

class App {
public:
    explicit App(const Options& options) : options_(options) {
        view_.language = options.korean ? Language::Korean : Language::English;
    }
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    int run();

private:
    bool open_window();
    void set_look(Theme theme, float scale);
    void pick_scale(float scale) {  // the user's choice, which the window's size no longer overrides
        wanted_scale_ = scale;
        fit_scale_ = false;
    }
    float draw_menu_bar();
    void draw_about();
    void draw_picker();
    void open_files(const std::vector<std::string>& paths);
    bool load(OpenFile& file);
    void watch_files();
    void handle_keys();
    void animate(float seconds);
    void export_diagram(DiagramFormat format);
    void toggle_full_screen();
    void set_status(Ui what, const std::string& file) {
        view_.status = what;
        view_.status_file = file;
    }

    Options options_;
    GLFWwindow* window_ = nullptr;
    bool glfw_ready_ = false, context_ready_ = false, imgui_ready_ = false;
    bool atlas_uploaded_ = false;  // the atlas is in the backend's texture in BGRA order
    struct {
        Clock::time_point glfw, window;  // glfwInit done; the window and its OpenGL context made
    } startup_;
    ViewState view_;
    Theme theme_ = Theme::Dark;
    float scale_ = 1.0f;
    Theme wanted_theme_ = Theme::Dark;  // menu choices, applied between frames
    float wanted_scale_ = 1.0f;
    bool fit_scale_ = true;  // the scale follows the window's height until the user picks one
    bool about_requested_ = false;
    int picker_slot_ = -1;             // >= 0: the picker is open for that side (0 replaces, 1 compares)
    std::vector<Listed> listed_;
    std::string png_requested_;         // F12 / menu: write the next frame to this file
    std::vector<std::string> dropped_;  // files dropped on the window, opened between frames
    double last_watch_ = 0.0;
    int windowed_[4] = {0, 0, 0, 0};    // position and size before full screen
    double atlas_ms_ = 0.0;
    std::string glyph_text_;            // the Korean text the font atlas was built for
    bool fonts_stale_ = false;          // a file was opened or reloaded: its text may need new glyphs

    static void on_drop(GLFWwindow* window, int count, const char** paths);
};

App::~App() {
    if (imgui_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    if (context_ready_) ImGui::DestroyContext();
    if (window_ != nullptr) glfwDestroyWindow(window_);
    if (glfw_ready_) glfwTerminate();
}

void App::on_drop(GLFWwindow* window, int count, const char** paths) {
    auto* app = static_cast<App*>(glfwGetWindowUserPointer(window));
    for (int i = 0; i < count; ++i) app->dropped_.emplace_back(paths[i]);
}

bool App::open_window() {
    glfwSetErrorCallback(remember_glfw_error);
    if (glfwInit() == GLFW_FALSE) return false;
    startup_.glfw = Clock::now();
    glfw_ready_ = true;
    const bool headless = !options_.screenshot.empty() || options_.frames > 0 || options_.bench_frames > 0;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, headless ? GLFW_FALSE : GLFW_TRUE);
    glfwWindowHint(GLFW_RESIZABLE, headless ? GLFW_FALSE : GLFW_TRUE);
    // ImGui draws without depth or stencil; with either buffer present Mesa's software renderer leaves its fast
    // path for rectangles (render/draw_split.hpp), which is most of what a frame draws.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    window_ = glfwCreateWindow(options_.width, options_.height, window_title(view_).c_str(), nullptr, nullptr);
    if (window_ == nullptr) return false;
    startup_.window = Clock::now();
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(headless ? 0 : 1);  // headless runs as fast as it can (and measures that)
    glfwSetWindowUserPointer(window_, this);
    glfwSetDropCallback(window_, on_drop);
    return true;
}

// Loads (or reloads) one file. A file that fails keeps its last good replay and shows the faults instead.
bool App::load(OpenFile& file) {
    std::error_code error;
    file.modified = std::filesystem::last_write_time(file.path, error);
    try {
        file.replay = load_replay(file.path);
        file.error.clear();
        return true;
    } catch (const std::exception& e) {  // ScenarioError: every fault with file, line, column and JSON path
        file.error = e.what();
        return false;
    }
}

// Opens one file, or two side by side; the cursor stays where it was (clamped).
void App::open_files(const std::vector<std::string>& paths) {
    view_.files.clear();
    for (const std::string& p : paths) {
        if (view_.files.size() == 2) break;
        view_.files.push_back(OpenFile{p, nullptr, "", {}});
        if (!load(view_.files.back())) set_status(Ui::StatusCouldNotLoad, p);
    }
    view_.focus = view_.files.size() > 1 ? 1 : 0;  // the comparison's second file: the one with the fix
    fonts_stale_ = true;
    view_.move_to(view_.cursor);
    view_.hop = 1.0f;
    if (window_ != nullptr) glfwSetWindowTitle(window_, window_title(view_).c_str());
}

// Live reload: a changed file is re-run, and the cursor stays on the same step.
void App::watch_files() {
    const double now = glfwGetTime();
    if (now - last_watch_ < 0.5) return;
    last_watch_ = now;
    for (OpenFile& f : view_.files) {
        std::error_code error;
        const auto modified = std::filesystem::last_write_time(f.path, error);
        if (error || modified == f.modified) continue;
        set_status(load(f) ? Ui::StatusReloaded : Ui::StatusReloadFailed, f.path);
        fonts_stale_ = true;
        view_.move_to(view_.cursor);
        view_.hop = 1.0f;
        // Also in the terminal, in English: scripts and the tests follow reloads there.
        std::fprintf(stderr, "stslab-viz: %s (step %zu)\n%s%s",
                     trf(view_.status, Language::English, f.path.c_str()).c_str(), view_.cursor, f.error.c_str(),
                     f.error.empty() ? "" : "\n");
    }
}

void App::toggle_full_screen() {
    GLFWmonitor* monitor = glfwGetWindowMonitor(window_);
    if (monitor != nullptr) {
        glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2], windowed_[3], 0);
        return;
    }
    glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
    glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    if (primary == nullptr) return;
    const GLFWvidmode* mode = glfwGetVideoMode(primary);
    glfwSetWindowMonitor(window_, primary, 0, 0, mode->width, mode->height, mode->refreshRate);
}

void App::export_diagram(DiagramFormat format) {
    const Replay* replay = view_.focused();
    if (replay == nullptr) return;
    const std::size_t step = view_.step_of(view_.focus);
    const std::size_t end = step == 0 ? 0 : replay->arrow(step).end_event;
    const std::string path = replay->scenario().id + "-step" + std::to_string(step) +
                             (format == DiagramFormat::Mermaid ? ".mmd" : ".puml");
    std::ofstream out(path);
    out << sequence_diagram(replay->trace(), format, end);
    set_status(out ? Ui::StatusWrote : Ui::StatusCouldNotWrite, path);
}

void App::handle_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); };
    // Function keys work everywhere; the others only when no text field has the keyboard.
    if (ImGui::IsKeyPressed(GLFW_KEY_F11, false)) toggle_full_screen();
    if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) png_requested_ = "stslab-step" + std::to_string(view_.cursor) + ".png";
    if (ImGui::IsKeyPressed(GLFW_KEY_F5, false))
        for (OpenFile& f : view_.files) f.modified = {};  // the watcher reloads it now
    if (io.KeyCtrl) {
        int i = 0;
        while (i < IM_ARRAYSIZE(kScales) - 1 && kScales[i] < wanted_scale_) ++i;
        if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false))
            pick_scale(kScales[std::min(i + (kScales[i] == wanted_scale_ ? 1 : 0), IM_ARRAYSIZE(kScales) - 1)]);
        if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false))
            pick_scale(kScales[std::max(i - 1, 0)]);
        if (ImGui::IsKeyPressed(GLFW_KEY_0, false)) fit_scale_ = true;
        if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) picker_slot_ = 0;
        return;
    }
    if (io.WantTextInput) return;
    const std::size_t last = view_.last_step();
    if (pressed(ImGuiKey_Space)) {
        if (!view_.playing && view_.cursor >= last) view_.move_to(0);
        view_.playing = !view_.playing;
    }
    if (pressed(ImGuiKey_RightArrow, true)) view_.move_to(view_.cursor + 1);
    if (pressed(ImGuiKey_LeftArrow, true)) view_.move_to(view_.cursor > 0 ? view_.cursor - 1 : 0);
    if (pressed(ImGuiKey_Home)) view_.move_to(0);
    if (pressed(ImGuiKey_End)) view_.move_to(last);
    if (ImGui::IsKeyPressed(GLFW_KEY_N, false)) {
        std::size_t next = kNone;
        for (std::size_t f = 0; f < view_.files.size(); ++f)
            if (const Replay* r = view_.replay(f))
                if (const std::size_t k = r->next_assume_role(view_.step_of(f)); k != kNone) next = std::min(next, view_.cursor_at(f, k));
        if (next != kNone) view_.move_to(next);
    }
}

// Animation time, apart from simulated time: the hop to the cursor's step travels for one step's duration;
// while playing, the next step starts when it arrives.
void App::animate(float seconds) {
    const float duration = kStepSeconds / kSpeeds[view_.speed];
    if (view_.hop < 1.0f) view_.hop = std::min(1.0f, view_.hop + seconds / duration);
    if (view_.playing && view_.hop >= 1.0f) {
        if (view_.cursor >= view_.last_step()) view_.playing = false;
        else view_.move_to(view_.cursor + 1);
    }
}

// Rebuilds the font atlas and style for a theme and UI scale. Between frames only.
void App::set_look(Theme theme, float scale) {
    if (scale != scale_ || !imgui_ready_ || korean_text_of(view_) != glyph_text_) {
        const Clock::time_point start = Clock::now();
        glyph_text_ = korean_text_of(view_);
        view_.font_warning = load_fonts(std::round(kBaseFontSize * scale), glyph_text_);
        ImGui::GetIO().Fonts->Build();
        atlas_ms_ = ms_between(start, Clock::now());
        if (imgui_ready_) {  // the backend uploads the first atlas itself
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        atlas_uploaded_ = false;
    }
    apply_style(theme, scale);
    theme_ = wanted_theme_ = theme;
    scale_ = wanted_scale_ = scale;
}

float App::draw_menu_bar() {
    float height = 0.0f;
    if (!ImGui::BeginMainMenuBar()) return height;
    const Language lang = view_.ui_language();
    const auto item = [lang](Ui id, const char* shortcut = nullptr, bool selected = false, bool enabled = true) {
        return ImGui::MenuItem(tr(id, lang), shortcut, selected, enabled);
    };
    if (ImGui::BeginMenu(tr_label(Ui::MenuFile, lang, "file").c_str())) {
        if (item(Ui::MenuOpen, "Ctrl+O")) picker_slot_ = 0;
        if (item(Ui::MenuCompare, nullptr, false, !view_.files.empty())) picker_slot_ = 1;
        if (item(Ui::MenuReload, "F5", false, !view_.files.empty()))
            for (OpenFile& f : view_.files) f.modified = {};
        ImGui::Separator();
        if (item(Ui::MenuSavePng, "F12")) png_requested_ = "stslab-step" + std::to_string(view_.cursor) + ".png";
        if (item(Ui::MenuExportMermaid, nullptr, false, view_.focused() != nullptr)) export_diagram(DiagramFormat::Mermaid);
        if (item(Ui::MenuExportPlantUml, nullptr, false, view_.focused() != nullptr)) export_diagram(DiagramFormat::PlantUml);
        ImGui::Separator();
        if (item(Ui::MenuQuit)) glfwSetWindowShouldClose(window_, GLFW_TRUE);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr_label(Ui::MenuView, lang, "view").c_str())) {
        if (item(Ui::MenuDarkTheme, nullptr, theme_ == Theme::Dark)) wanted_theme_ = Theme::Dark;
        if (item(Ui::MenuLightTheme, nullptr, theme_ == Theme::Light)) wanted_theme_ = Theme::Light;
        if (ImGui::BeginMenu(tr_label(Ui::MenuUiScale, lang, "scale").c_str())) {
            for (int i = 0; i < IM_ARRAYSIZE(kScales); ++i) {
                if (ImGui::MenuItem(kScaleNames[i], nullptr, !fit_scale_ && scale_ == kScales[i])) pick_scale(kScales[i]);
            }
            ImGui::MenuItem(tr(Ui::MenuFitWindow, lang), "Ctrl+0", &fit_scale_);
            ImGui::EndMenu();
        }
        if (item(Ui::MenuFullScreen, "F11")) toggle_full_screen();
        ImGui::MenuItem(tr(Ui::MenuFollowCursor, lang), nullptr, &view_.follow_sequence);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr_label(Ui::MenuHelp, lang, "help").c_str())) {
        if (item(Ui::MenuAbout)) about_requested_ = true;
        ImGui::EndMenu();
    }
    if (view_.status != Ui::Count) {
        ImGui::SameLine(0, ImGui::GetFontSize() * 2.0f);
        ImGui::TextColored(warning_colour(), "%s", trf(view_.status, lang, view_.status_file.c_str()).c_str());
    }
    height = ImGui::GetWindowHeight();
    ImGui::EndMainMenuBar();
    return height;
}

void App::draw_picker() {
    const Language lang = view_.ui_language();
    const std::string title = tr_label(Ui::PickerTitle, lang, "picker");
    if (picker_slot_ >= 0 && !ImGui::IsPopupOpen(title.c_str())) {
        listed_ = list_scenarios(lang);
        ImGui::OpenPopup(title.c_str());
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(display.x * 0.6f, display.y * 0.6f), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr)) {
        picker_slot_ = -1;
        return;
    }
    ImGui::TextDisabled("%s", tr(picker_slot_ == 1 ? Ui::PickerCompare : Ui::PickerOpen, lang));
    ImGui::BeginChild("list", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()));
    for (const Listed& l : listed_) {
        if (!ImGui::Selectable(l.title.c_str())) continue;
        std::vector<std::string> paths;
        if (picker_slot_ == 1 && !view_.files.empty()) paths.push_back(view_.files[0].path);
        paths.push_back(l.path);
        open_files(paths);
        picker_slot_ = -1;
        ImGui::CloseCurrentPopup();
    }
    if (listed_.empty()) hint(tr(Ui::PickerNone, lang));
    ImGui::EndChild();
    if (ImGui::Button(tr_label(Ui::Cancel, lang, "cancel").c_str())) {
        picker_slot_ = -1;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void App::draw_about() {
    const Language lang = view_.ui_language();
    const std::string title = tr_label(Ui::MenuAbout, lang, "about");
    if (about_requested_) {
        ImGui::OpenPopup(title.c_str());
        about_requested_ = false;
    }
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(trf(Ui::AboutText, lang, STSLAB_VERSION).c_str());
    ImGui::TextDisabled("Dear ImGui %s, GLFW %s", ImGui::GetVersion(), glfwGetVersionString());
    ImGui::TextDisabled("OpenGL %s", reinterpret_cast<const char*>(glGetString(GL_VERSION)));
    ImGui::TextDisabled("%s", trf(Ui::AboutScenarios, lang, STSLAB_SOURCE_DIR).c_str());
    if (ImGui::Button(tr_label(Ui::Close, lang, "close").c_str())) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

int App::run() {
    // The run is simulated before the window opens: the first frame already shows it.
    if (options_.bench_frames > 0 && options_.files.empty()) {
        view_.files.push_back(OpenFile{"generated.json", nullptr, "", {}});
        view_.files.back().replay = load_replay_text(generated_scenario(4100), "generated.json");
        std::printf("generated trace: %zu events, %zu steps\n", view_.files.back().replay->trace().size(),
                    view_.files.back().replay->steps());
    } else {
        open_files(options_.files);
    }
    if (options_.step >= 0) {
        view_.move_to(static_cast<std::size_t>(options_.step));
        view_.hop = 1.0f;
    }
    // The font atlas is built while the window and its OpenGL context come up (loading Mesa takes a few hundred
    // milliseconds); neither touches the other's state until both are done.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    context_ready_ = true;
    ImGui::GetIO().IniFilename = nullptr;  // fixed layout: nothing worth saving, and no imgui.ini litter
    fit_scale_ = options_.scale <= 0.0f;
    std::thread fonts([this] {
        set_look(options_.light ? Theme::Light : Theme::Dark, fit_scale_ ? fit_scale(options_.height) : options_.scale);
    });
    const bool window = open_window();
    fonts.join();
    if (!window) return no_display();
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    imgui_ready_ = true;

    const int frame_limit =
        std::max({options_.frames, options_.bench_frames, options_.screenshot.empty() ? 0 : kScreenshotFrames});
    Clock::time_point first_frame_done{};
    double cpu_after_first = 0.0;
    double ui_ms = 0.0;  // building the UI (ImGui frame, panels, draw lists), after the first frame
    int frame = 0;
    double previous = glfwGetTime();
    while (!glfwWindowShouldClose(window_) && (frame_limit == 0 || frame < frame_limit)) {
        if (frame_limit == 0 && glfwGetWindowAttrib(window_, GLFW_ICONIFIED) != 0) {
            glfwWaitEvents();  // nothing to draw for
            continue;
        }
        if (frame_limit == 0 && !view_.playing && view_.hop >= 1.0f) glfwWaitEventsTimeout(0.5);  // idle: wake for input or reload
        else glfwPollEvents();
        if (fit_scale_) {  // full screen, a resized window, or another monitor; in window units, as --size is
            int width = 0, height = 0;
            glfwGetWindowSize(window_, &width, &height);
            if (height > 0) wanted_scale_ = fit_scale(height);
        }
        if (wanted_theme_ != theme_ || wanted_scale_ != scale_ || fonts_stale_) set_look(wanted_theme_, wanted_scale_);
        fonts_stale_ = false;
        if (!dropped_.empty()) {
            open_files(dropped_);
            dropped_.clear();
        }
        watch_files();
        const double now = glfwGetTime();
        if (options_.bench_frames > 0) {  // the bench plays through the run, one step a frame
            view_.move_to(view_.cursor + 1 > view_.last_step() ? 0 : view_.cursor + 1);
        } else if (options_.screenshot.empty()) {
            animate(static_cast<float>(now - previous));
        }
        previous = now;

        const double ui_start = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
        ImGui_ImplOpenGL3_NewFrame();  // creates the font texture the first time
        if (!atlas_uploaded_) {       // ... which holds the atlas in the order llvmpipe samples fastest
            upload_font_atlas_bgra();
            atlas_uploaded_ = true;
        }
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        handle_keys();
        const float top = draw_menu_bar();
        const Layout layout = compute_layout(ImGui::GetIO().DisplaySize, top, view_.files.size());
        for (std::size_t f = 0; f < std::max<std::size_t>(1, std::min<std::size_t>(2, view_.files.size())); ++f) {
            draw_world_map(layout.world_map[f], view_, f);
            draw_sequence(layout.sequence[f], view_, f);
        }
        draw_inspector(layout.inspector, view_);
        draw_cloudtrail(layout.cloudtrail, view_);
        draw_narration(layout.narration, view_);
        draw_transport(layout.transport, view_);
        draw_picker();
        draw_about();
        ImGui::Render();
        if (frame > 0) ui_ms += cpu_ms(CLOCK_THREAD_CPUTIME_ID) - ui_start;

        int width = 0, height = 0;
        glfwGetFramebufferSize(window_, &width, &height);
        glViewport(0, 0, width, height);
        const ImVec4 clear = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        glClearColor(clear.x, clear.y, clear.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        split_for_software_renderer(ImGui::GetDrawData());
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        ++frame;
        if (!options_.screenshot.empty() && frame == frame_limit) {
            if (width != options_.width || height != options_.height) {
                std::fprintf(stderr, "stslab-viz: the framebuffer is %dx%d, not the requested %dx%d\n", width,
                             height, options_.width, options_.height);
                return kExitFailure;
            }
            if (!write_png(options_.screenshot, width, height)) {
                std::fprintf(stderr, "stslab-viz: cannot write the screenshot to %s\n",
                             options_.screenshot.c_str());
                return kExitFailure;
            }
        }
        if (!png_requested_.empty()) {
            set_status(write_png(png_requested_, width, height) ? Ui::StatusWrote : Ui::StatusCouldNotWrite, png_requested_);
            png_requested_.clear();
        }
        glfwSwapBuffers(window_);
        if (frame == 1) {
            first_frame_done = Clock::now();
            cpu_after_first = cpu_ms();
        }
    }

    // Where the time to the first frame went: reading the files and starting GLFW (X11, input method), the window
    // and its OpenGL context (loading Mesa), then the shaders and the first frame (llvmpipe compiles code for them).
    const auto print_first_frame = [&] {
        std::printf("first frame after %.1f ms (files and glfwInit %.1f, window and OpenGL context %.1f, "
                    "first frame %.1f)\n",
                    ms_between(options_.started, first_frame_done), ms_between(options_.started, startup_.glfw),
                    ms_between(startup_.glfw, startup_.window), ms_between(startup_.window, first_frame_done));
    };
    if (options_.bench_frames > 0 && frame > 1) {
        const double frames = frame - 1;  // the first frame (shader compile, atlas upload) is reported apart
        const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        print_first_frame();
        std::printf("font atlas %dx%d built in %.1f ms\n", atlas.TexWidth, atlas.TexHeight, atlas_ms_);
        std::printf("%d frames, %.2f ms per frame (CPU), %.2f ms per frame (wall), %.2f ms building the UI\n",
                    frame - 1, (cpu_ms() - cpu_after_first) / frames,
                    ms_between(first_frame_done, Clock::now()) / frames, ui_ms / frames);
    } else if (frame >= 1 && options_.frames > 0) {
        print_first_frame();
    }
    // A file that could not be loaded is an error for headless runs (the tests and scripts rely on it).
    const bool headless = !options_.screenshot.empty() || options_.frames > 0;
    for (const OpenFile& f : view_.files)
        if (headless && !f.replay) {
            std::fprintf(stderr, "stslab-viz: %s\n", f.error.c_str());
            return kExitFailure;
        }
    return 0;
}

}  // namespace

float fit_scale(int height) {
    float scale = kScales[0];
    for (const float s : kScales)
        if (s * 720.0f <= static_cast<float>(height)) scale = s;
    return scale;
}

int run(const Options& options) {
    App app(options);
    return app.run();
}

}  // namespace stslab::viz
