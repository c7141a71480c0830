// png_probe FILE.png W H: exits 0 only if FILE.png exists, is exactly W x H pixels, and is not blank: it has
// at least kMinColours distinct colours and at least kMinOther of its pixels differ from the most common one.
// Prints what it found either way, so a failing test says why.
#include <stb_image.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>

namespace {

constexpr std::size_t kMinColours = 16;  // an empty layout has frames, borders, text and anti-aliasing
constexpr double kMinOther = 0.02;       // fraction of pixels not in the dominant colour

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: png_probe FILE.png WIDTH HEIGHT\n");
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
    return ok ? 0 : 1;
}
