// stslab-viz: the replay viewer's command line. Argument errors print a message and the usage and exit 2;
// a file that does not exist exits 1; no display exits 3 (see app.hpp).
#include "app.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

namespace {

constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "usage: stslab-viz [FILE [FILE2]] [--step N] [--screenshot FILE.png] [--size WxH] [--scale F]\n"
    "                  [--frames N] [--theme dark|light] [--lang en|ko] [--bench-frames N]\n"
    "  FILE               a scenario to replay; two files open side by side with one shared cursor\n"
    "  --step N           start on step N (0 is the start, before the first message)\n"
    "  --screenshot FILE  render the state at --step off screen, write it as a PNG, and exit\n"
    "  --size WxH         window size in pixels (default 1280x720)\n"
    "  --scale F          UI scale, 0.5 to 4 (default: fit the window, 100% at 720 pixels tall, 150% at 1080)\n"
    "  --theme dark|light colours (default dark; the View menu switches too)\n"
    "  --lang en|ko       language of the viewer and its narration to start with (default en)\n"
    "  --frames N         run N frames, then exit\n"
    "  --bench-frames N   replay a generated 100,000-event run for N frames, one step a frame, and print\n"
    "                     the time to the first frame and the CPU time per frame\n"
    "keys: Space play/pause, Right/Left step, Home/End, N next AssumeRole, F5 reload, F11 full screen,\n"
    "      F12 save PNG, Ctrl+= / Ctrl+- UI scale, Ctrl+0 fit the window, Ctrl+O open\n";

int usage_error(const std::string& message) {
    std::fprintf(stderr, "stslab-viz: %s\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

std::optional<long> parse_int(const std::string& text, long min, long max) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9) {
        return std::nullopt;
    }
    const long value = std::strtol(text.c_str(), nullptr, 10);
    if (value < min || value > max) return std::nullopt;
    return value;
}

std::optional<float> parse_scale(const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const float value = std::strtof(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno != 0 || !(value >= 0.5f && value <= 4.0f)) return std::nullopt;
    return value;
}

bool parse_size(const std::string& text, int& width, int& height) {
    const std::size_t x = text.find('x');
    if (x == std::string::npos) return false;
    const std::optional<long> w = parse_int(text.substr(0, x), 64, 16384);
    const std::optional<long> h = parse_int(text.substr(x + 1), 64, 16384);
    if (!w || !h) return false;
    width = static_cast<int>(*w);
    height = static_cast<int>(*h);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    stslab::viz::Options options;
    bool only_files = false;  // after "--"
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (only_files || arg.empty() || arg[0] != '-' || arg == "-") {
            options.files.push_back(arg);
            continue;
        }
        if (arg == "--") {
            only_files = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        // Every other option takes a value: "--name value" or "--name=value".
        std::string value;
        if (const std::size_t eq = arg.find('='); eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg.resize(eq);
        } else if (arg == "--screenshot" || arg == "--size" || arg == "--scale" || arg == "--theme" ||
                   arg == "--lang" || arg == "--frames" || arg == "--bench-frames" || arg == "--step") {
            if (i + 1 == argc) return usage_error(arg + " needs a value");
            value = argv[++i];
        } else {
            return usage_error("unknown option " + arg);
        }

        if (arg == "--screenshot") {
            const std::string extension = std::filesystem::path(value).extension().string();
            if (extension != ".png" && extension != ".PNG") {
                return usage_error("--screenshot needs a file name ending in .png, not '" + value + "'");
            }
            options.screenshot = value;
        } else if (arg == "--size") {
            if (!parse_size(value, options.width, options.height)) {
                return usage_error("--size needs WIDTHxHEIGHT, each 64 to 16384 (like 1280x720), not '" + value +
                                   "'");
            }
        } else if (arg == "--scale") {
            const std::optional<float> scale = parse_scale(value);
            if (!scale) return usage_error("--scale needs a number from 0.5 to 4, not '" + value + "'");
            options.scale = *scale;
        } else if (arg == "--theme") {
            if (value != "dark" && value != "light") {
                return usage_error("--theme is dark or light, not '" + value + "'");
            }
            options.light = value == "light";
        } else if (arg == "--lang") {
            if (value != "en" && value != "ko") return usage_error("--lang is en or ko, not '" + value + "'");
            options.korean = value == "ko";
        } else if (arg == "--step") {
            const std::optional<long> step = parse_int(value, 0, 100000000);
            if (!step) return usage_error("--step needs a whole number of at least 0, not '" + value + "'");
            options.step = *step;
        } else if (arg == "--frames" || arg == "--bench-frames") {
            const std::optional<long> frames = parse_int(value, 1, 100000000);
            if (!frames) return usage_error(arg + " needs a whole number of at least 1, not '" + value + "'");
            (arg == "--frames" ? options.frames : options.bench_frames) = static_cast<int>(*frames);
        } else {
            return usage_error("unknown option " + arg);
        }
    }

    if (options.files.size() > 2) return usage_error("at most two files open at once (side by side)");
    for (const std::string& file : options.files) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            std::fprintf(stderr, "stslab-viz: cannot open %s: %s\n", file.c_str(),
                         std::filesystem::exists(file, error) ? "not a regular file" : "no such file");
            return 1;
        }
    }
    return stslab::viz::run(options);
}
