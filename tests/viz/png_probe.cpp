// png_probe FILE.png W H [CHECK...]: exits 0 only if FILE.png exists, is exactly W x H pixels, and is not blank:
// it has at least kMinColours distinct colours and at least kMinOther of its pixels differ from the most common
// one. Then each CHECK, about the pixels of one colour (each channel within kTolerance) in a rectangle:
//   --has RRGGBB X0 Y0 X1 Y1 N    at least N such pixels in [X0, X1) x [Y0, Y1)
//   --lacks RRGGBB X0 Y0 X1 Y1    none there
// and about two pixels:
//   --contrast X0 Y0 X1 Y1 R      the pixels at (X0, Y0) and (X1, Y1) have a contrast ratio of at least R (WCAG 2:
//                                 (L1 + 0.05) / (L2 + 0.05) of their relative luminances; 3 is the minimum for the
//                                 parts of a control a user must see)
// Prints what it found either way, so a failing test says why.
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>

namespace {

constexpr std::size_t kMinColours = 16;  // an empty layout has frames, borders, text and anti-aliasing
constexpr double kMinOther = 0.02;       // fraction of pixels not in the dominant colour
constexpr int kTolerance = 14;           // per channel, for --has and --lacks

const unsigned char* pixel(const unsigned char* pixels, int w, int x, int y) {
    return pixels + 4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x));
}

std::size_t count_colour(const unsigned char* pixels, int w, int h, unsigned long rgb, int x0, int y0, int x1, int y1) {
    const int want[3] = {static_cast<int>(rgb >> 16 & 0xff), static_cast<int>(rgb >> 8 & 0xff), static_cast<int>(rgb & 0xff)};
    std::size_t n = 0;
    for (int y = std::max(0, y0); y < std::min(h, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(w, x1); ++x) {
            const unsigned char* p = pixel(pixels, w, x, y);
            if (std::abs(p[0] - want[0]) <= kTolerance && std::abs(p[1] - want[1]) <= kTolerance &&
                std::abs(p[2] - want[2]) <= kTolerance)
                ++n;
        }
    return n;
}

// WCAG 2 relative luminance of an sRGB pixel.
double luminance(const unsigned char* p) {
    const auto linear = [](unsigned char c) {
        const double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(p[0]) + 0.7152 * linear(p[1]) + 0.0722 * linear(p[2]);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: png_probe FILE.png WIDTH HEIGHT [--has RRGGBB X0 Y0 X1 Y1 N | --lacks RRGGBB X0 Y0 X1 Y1 | "
                             "--contrast X0 Y0 X1 Y1 RATIO]...\n");
        return 2;
    }
    const char* path = argv[1];
    const int want_w = std::atoi(argv[2]);
    const int want_h = std::atoi(argv[3]);

    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(path, &w, &h, &channels, 4);
    if (pixels == nullptr) {
        std::printf("%s: cannot load: %s\n", path, stbi_failure_reason());
        return 1;
    }
    bool checks_ok = true;
    for (int i = 4; i < argc;) {
        const std::string what = argv[i];
        if (what == "--contrast" && i + 6 <= argc) {
            const int x0 = std::atoi(argv[i + 1]), y0 = std::atoi(argv[i + 2]), x1 = std::atoi(argv[i + 3]), y1 = std::atoi(argv[i + 4]);
            const double minimum = std::strtod(argv[i + 5], nullptr);
            if (std::min({x0, y0, x1, y1}) < 0 || std::max(x0, x1) >= w || std::max(y0, y1) >= h) {
                std::printf("FAIL: --contrast (%d,%d) (%d,%d) is outside the %dx%d picture\n", x0, y0, x1, y1, w, h);
                checks_ok = false;
            } else {
                const unsigned char* a = pixel(pixels, w, x0, y0);
                const unsigned char* b = pixel(pixels, w, x1, y1);
                const double la = luminance(a), lb = luminance(b);
                const double ratio = (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
                const bool ok = ratio >= minimum;
                std::printf("%s: #%02x%02x%02x at (%d,%d) against #%02x%02x%02x at (%d,%d): contrast %.2f:1, wanted at least %s:1\n",
                            ok ? "ok" : "FAIL", a[0], a[1], a[2], x0, y0, b[0], b[1], b[2], x1, y1, ratio, argv[i + 5]);
                checks_ok = checks_ok && ok;
            }
            i += 6;
            continue;
        }
        const bool has = what == "--has";
        const int needed = has ? 7 : 6;
        if ((!has && what != "--lacks") || i + needed > argc) {
            std::fprintf(stderr, "png_probe: bad check at '%s'\n", argv[i]);
            stbi_image_free(pixels);
            return 2;
        }
        const unsigned long rgb = std::strtoul(argv[i + 1], nullptr, 16);
        const int x0 = std::atoi(argv[i + 2]), y0 = std::atoi(argv[i + 3]), x1 = std::atoi(argv[i + 4]), y1 = std::atoi(argv[i + 5]);
        const std::size_t n = count_colour(pixels, w, h, rgb, x0, y0, x1, y1);
        const std::size_t minimum = has ? std::strtoul(argv[i + 6], nullptr, 10) : 0;
        const bool ok = has ? n >= minimum : n == 0;
        std::printf("%s: #%06lx in [%d,%d)x[%d,%d): %zu pixels, %s %s\n", ok ? "ok" : "FAIL", rgb, x0, x1, y0, y1, n,
                    has ? "wanted at least" : "wanted none", has ? argv[i + 6] : "");
        checks_ok = checks_ok && ok;
        i += needed;
    }
    std::unordered_map<std::uint32_t, std::size_t> counts;
    const std::size_t total = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    for (std::size_t i = 0; i < total; ++i) {
        const unsigned char* p = pixels + 4 * i;
        ++counts[p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24];
    }
    stbi_image_free(pixels);
    const auto dominant = std::max_element(counts.begin(), counts.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
    const double other = total == 0 ? 0.0 : 1.0 - static_cast<double>(dominant->second) / static_cast<double>(total);

    std::printf("%s: %dx%d (%d channels), %zu distinct colours, %.1f%% of pixels differ from #%02x%02x%02x\n", path,
                w, h, channels, counts.size(), 100.0 * other, dominant->first & 0xff, dominant->first >> 8 & 0xff,
                dominant->first >> 16 & 0xff);
    bool ok = true;
    if (w != want_w || h != want_h) {
        std::printf("FAIL: expected %dx%d\n", want_w, want_h);
        ok = false;
    }
    if (counts.size() < kMinColours) {
        std::printf("FAIL: fewer than %zu distinct colours: the picture is blank\n", kMinColours);
        ok = false;
    }
    if (other < kMinOther) {
        std::printf("FAIL: fewer than %.0f%% of pixels differ from the background: the picture is blank\n",
                    100.0 * kMinOther);
        ok = false;
    }
    return ok && checks_ok ? 0 : 1;
}
