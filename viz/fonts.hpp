// The font atlas: ImGui's default font, with NanumGothic merged in for Hangul.
#pragma once

#include <string>

namespace stslab::viz {

// Builds the font atlas at `size_px`: ImGui's default font, with NanumGothic merged in for the Hangul of the viewer's
// own words (every Korean text of kUiTexts, text.hpp) and of `korean_text` (the open scenarios' Korean text), and the
// punctuation and arrows narration uses. Only the syllables needed: all 11,172 would take a 2048x2048 atlas and a
// fifth of a second. Returns the warning to show when Korean cannot render, or "".
// STSLAB_KOREAN_FONT overrides the font file (other distributions, and the missing-font test).
std::string load_fonts(float size_px, const std::string& korean_text);

}  // namespace stslab::viz
