// The application shell: window, fonts, UI scale, theme, menus, layout, screenshots and the frame loop.
#include "app.hpp"

#include "panels/panels.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GLFW/glfw3.h>  // also declares the OpenGL 1.x calls the screenshot uses
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <time.h>  // clock_gettime(CLOCK_PROCESS_CPUTIME_ID)
#include <vector>

namespace stslab::viz {
namespace {

constexpr float kBaseFontSize = 16.0f;  // pixels at UI scale 1
constexpr const char* kKoreanFont = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";
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

std::string window_title(const std::vector<std::string>& files) {
    if (files.empty()) return "stslab — no scenario open";
    std::string title = "stslab — " + std::filesystem::path(files.front()).filename().string();
    if (files.size() > 1) title += " (+" + std::to_string(files.size() - 1) + " more)";
    return title;
}

// Builds the font atlas at `size_px`: ImGui's default font, with NanumGothic merged in for Hangul and the
// punctuation and arrows narration text uses. Returns the warning to show when Korean cannot render, or "".
// STSLAB_KOREAN_FONT overrides the font file (other distributions, and the missing-font test).
std::string load_fonts(float size_px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig latin;
    latin.SizePixels = size_px;
    io.Fonts->AddFontDefault(&latin);

    const char* override_path = std::getenv("STSLAB_KOREAN_FONT");
    const std::string path = override_path != nullptr && *override_path != '\0' ? override_path : kKoreanFont;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return "Korean font not found: install fonts-nanum (" + path + ")";
    }
    static ImVector<ImWchar> ranges;  // the atlas keeps a pointer until it is built
    if (ranges.empty()) {
        static const ImWchar extra[] = {0x2010, 0x205E, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesKorean());
        builder.AddRanges(extra);
        builder.BuildRanges(&ranges);
    }
    ImFontConfig korean;
    korean.MergeMode = true;
    korean.OversampleH = 1;  // 11,172 syllables: no oversampling keeps the atlas a few MB
    korean.OversampleV = 1;
    korean.PixelSnapH = true;
    if (io.Fonts->AddFontFromFileTTF(path.c_str(), size_px, &korean, ranges.Data) == nullptr) {
        return "Korean font could not be loaded: " + path;
    }
    return "";
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
    style.WindowBorderSize = 1.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

// The replay layout, recomputed every frame from the display size:
//   menu bar
//   world map (58% wide, 60% of the body)    | sequence diagram
//   inspector | CloudTrail                    | narration
//   transport strip (full width)
struct Layout {
    PanelRect world_map, sequence, inspector, cloudtrail, narration, transport;
};

Layout compute_layout(ImVec2 display, float top) {
    const float strip = transport_height();
    const float body = std::max(display.y - top - strip, 0.0f);
    const float upper = std::floor(body * 0.60f);
    const float lower = body - upper;
    const float map_w = std::floor(display.x * 0.58f);
    const float inspector_w = std::floor(display.x * 0.27f);
    const float narration_w = std::floor(display.x * 0.30f);
    const float cloudtrail_w = display.x - inspector_w - narration_w;
    const float lower_y = top + upper;
    Layout l;
    l.world_map = {{0, top}, {map_w, upper}};
    l.sequence = {{map_w, top}, {display.x - map_w, upper}};
    l.inspector = {{0, lower_y}, {inspector_w, lower}};
    l.cloudtrail = {{inspector_w, lower_y}, {cloudtrail_w, lower}};
    l.narration = {{inspector_w + cloudtrail_w, lower_y}, {narration_w, lower}};
    l.transport = {{0, lower_y + lower}, {display.x, strip}};
    return l;
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

class App {
public:
    explicit App(const Options& options) : options_(options) {
        view_.opened = options.files;
        view_.language = options.korean ? Language::Korean : Language::English;
    }
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    int run();

private:
    bool open_window();
    void set_look(Theme theme, float scale);
    float draw_menu_bar();
    void draw_about();

    Options options_;
    GLFWwindow* window_ = nullptr;
    bool glfw_ready_ = false, imgui_ready_ = false;
    ViewState view_;
    Theme theme_ = Theme::Dark;
    float scale_ = 1.0f;
    Theme wanted_theme_ = Theme::Dark;  // menu choices, applied between frames
    float wanted_scale_ = 1.0f;
    bool about_requested_ = false;
    double atlas_ms_ = 0.0;
};

App::~App() {
    if (imgui_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (window_ != nullptr) glfwDestroyWindow(window_);
    if (glfw_ready_) glfwTerminate();
}

bool App::open_window() {
    glfwSetErrorCallback(remember_glfw_error);
    if (glfwInit() == GLFW_FALSE) return false;
    glfw_ready_ = true;
    const bool headless = !options_.screenshot.empty() || options_.frames > 0 || options_.bench_frames > 0;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, headless ? GLFW_FALSE : GLFW_TRUE);
    glfwWindowHint(GLFW_RESIZABLE, headless ? GLFW_FALSE : GLFW_TRUE);
    window_ = glfwCreateWindow(options_.width, options_.height, window_title(options_.files).c_str(), nullptr,
                               nullptr);
    if (window_ == nullptr) return false;
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(headless ? 0 : 1);  // headless runs as fast as it can (and measures that)
    return true;
}

// Rebuilds the font atlas and style for a theme and UI scale. Between frames only.
void App::set_look(Theme theme, float scale) {
    if (scale != scale_ || !imgui_ready_) {
        const Clock::time_point start = Clock::now();
        view_.font_warning = load_fonts(std::round(kBaseFontSize * scale));
        ImGui::GetIO().Fonts->Build();
        atlas_ms_ = ms_between(start, Clock::now());
        if (imgui_ready_) {  // the backend uploads the first atlas itself
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
    apply_style(theme, scale);
    theme_ = wanted_theme_ = theme;
    scale_ = wanted_scale_ = scale;
}

float App::draw_menu_bar() {
    float height = 0.0f;
    if (!ImGui::BeginMainMenuBar()) return height;
    if (ImGui::BeginMenu("File")) {
        ImGui::MenuItem("Open scenario...", "Ctrl+O", false, false);  // scenario loading comes later
        ImGui::MenuItem("Reload", "F5", false, false);
        ImGui::Separator();
        if (ImGui::MenuItem("Quit")) glfwSetWindowShouldClose(window_, GLFW_TRUE);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Dark theme", nullptr, theme_ == Theme::Dark)) wanted_theme_ = Theme::Dark;
        if (ImGui::MenuItem("Light theme", nullptr, theme_ == Theme::Light)) wanted_theme_ = Theme::Light;
        if (ImGui::BeginMenu("UI scale")) {
            for (int i = 0; i < IM_ARRAYSIZE(kScales); ++i) {
                if (ImGui::MenuItem(kScaleNames[i], nullptr, scale_ == kScales[i])) wanted_scale_ = kScales[i];
            }
            ImGui::EndMenu();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("About stslab")) about_requested_ = true;
        ImGui::EndMenu();
    }
    height = ImGui::GetWindowHeight();
    ImGui::EndMainMenuBar();
    return height;
}

void App::draw_about() {
    if (about_requested_) {
        ImGui::OpenPopup("About stslab");
        about_requested_ = false;
    }
    if (!ImGui::BeginPopupModal("About stslab", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("stslab %s: a simulator and teaching sandbox for AWS STS role assumption.", STSLAB_VERSION);
    ImGui::TextDisabled("Dear ImGui %s, GLFW %s", ImGui::GetVersion(), glfwGetVersionString());
    ImGui::TextDisabled("OpenGL %s", reinterpret_cast<const char*>(glGetString(GL_VERSION)));
    ImGui::TextDisabled("Scenarios: %s/scenarios", STSLAB_SOURCE_DIR);
    if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

int App::run() {
    if (!open_window()) return no_display();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // fixed layout: nothing worth saving, and no imgui.ini litter
    set_look(options_.light ? Theme::Light : Theme::Dark, options_.scale);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    imgui_ready_ = true;

    const int frame_limit =
        std::max({options_.frames, options_.bench_frames, options_.screenshot.empty() ? 0 : kScreenshotFrames});
    Clock::time_point first_frame_done{};
    double cpu_after_first = 0.0;
    double ui_ms = 0.0;  // building the UI (ImGui frame, panels, draw lists), after the first frame
    int frame = 0;
    while (!glfwWindowShouldClose(window_) && (frame_limit == 0 || frame < frame_limit)) {
        if (frame_limit == 0 && glfwGetWindowAttrib(window_, GLFW_ICONIFIED) != 0) {
            glfwWaitEvents();  // nothing to draw for
            continue;
        }
        glfwPollEvents();
        if (wanted_theme_ != theme_ || wanted_scale_ != scale_) set_look(wanted_theme_, wanted_scale_);

        const double ui_start = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const float top = draw_menu_bar();
        const Layout layout = compute_layout(ImGui::GetIO().DisplaySize, top);
        draw_world_map(layout.world_map, view_);
        draw_sequence(layout.sequence, view_);
        draw_inspector(layout.inspector, view_);
        draw_cloudtrail(layout.cloudtrail, view_);
        draw_narration(layout.narration, view_);
        draw_transport(layout.transport, view_);
        draw_about();
        ImGui::Render();
        if (frame > 0) ui_ms += cpu_ms(CLOCK_THREAD_CPUTIME_ID) - ui_start;

        int width = 0, height = 0;
        glfwGetFramebufferSize(window_, &width, &height);
        glViewport(0, 0, width, height);
        const ImVec4 clear = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        glClearColor(clear.x, clear.y, clear.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
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
        glfwSwapBuffers(window_);
        if (frame == 1) {
            first_frame_done = Clock::now();
            cpu_after_first = cpu_ms();
        }
    }

    if (options_.bench_frames > 0 && frame > 1) {
        const double frames = frame - 1;  // the first frame (shader compile, atlas upload) is reported apart
        const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        std::printf("first frame after %.1f ms (font atlas %dx%d built in %.1f ms)\n",
                    ms_between(options_.started, first_frame_done), atlas.TexWidth, atlas.TexHeight, atlas_ms_);
        std::printf("%d frames, %.2f ms per frame (CPU), %.2f ms per frame (wall), %.2f ms building the UI\n",
                    frame - 1, (cpu_ms() - cpu_after_first) / frames,
                    ms_between(first_frame_done, Clock::now()) / frames, ui_ms / frames);
    }
    return 0;
}

}  // namespace

int run(const Options& options) {
    App app(options);
    return app.run();
}

}  // namespace stslab::viz
