// Drawing ImGui's frame so that Mesa's software renderer (llvmpipe, what a classroom PC without a GPU and the
// headless tests run on) takes its fast paths. What llvmpipe 22.3 needs, from its source (src/gallium/drivers/
// llvmpipe: lp_state_derived.c check_linear_rasterizer, lp_setup_vbuf.c, lp_linear_sampler.c):
// - no depth or stencil buffer (the window asks for none: ImGui uses neither);
// - the font atlas in BGRA order (app.cpp uploads it so: a RGBA texture is sampled by the general shader code);
// - each draw call a run of whole quads, at most 1023 indices: llvmpipe tries each group of six indices as an
//   axis-aligned rectangle (glyphs, frames, backgrounds) only when the call's count is a multiple of six, and its
//   draw module cuts a longer call into 1023-index pieces, which are not.
// Nothing here changes what is drawn, only how the same triangles are handed over.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <vector>

namespace stslab::viz {

// A stretch of a draw command's indices: whole quads (two triangles sharing an edge), or other triangles.
struct IndexRun {
    unsigned offset = 0;  // in indices, from the start of what was split
    unsigned count = 0;
    bool quads = false;
};

// The most indices one quad run holds: a multiple of six below llvmpipe's 1023-index pieces.
constexpr unsigned kMaxQuadRunIndices = 1020;

// Cuts `count` indices (whole triangles) into runs of quads (each at most kMaxQuadRunIndices) and runs of the
// triangles between them, in order, covering every index once.
std::vector<IndexRun> software_runs(const ImDrawIdx* indices, unsigned count);

// Replaces each draw command of the frame by one command per run (same clip rectangle and texture).
void split_for_software_renderer(ImDrawData* data);

}  // namespace stslab::viz
