// World map: accounts as coloured regions labelled with alias and id; users, roles, buckets, instances, KMS keys and
// VPC endpoints as labelled nodes; trust relationships as dashed edges (marked when they demand an ExternalId or
// MFA); the hop being replayed travelling along its edge; after each decision the resource shows the result (a check
// or a cross, the reason on hover); and which actor holds which credentials, with the time they have left.
// The geometry (world_map.hpp) is worked out first, then drawn.
#include "panels/world_map.hpp"

#include "panels/panels.hpp"

#include "aws/services.hpp"
#include "iam/arn.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>

namespace stslab::viz {
namespace {

using json = nlohmann::json;

const char* kind_tag(NodeKind k, Language lang) {
    switch (k) {
        case NodeKind::User: return tr(Ui::KindUser, lang);
        case NodeKind::Role: return tr(Ui::KindRole, lang);
        case NodeKind::Bucket: return tr(Ui::KindBucket, lang);
        case NodeKind::Instance: return tr(Ui::KindInstance, lang);
        case NodeKind::KmsKey: return tr(Ui::KindKmsKey, lang);
        case NodeKind::VpcEndpoint: return tr(Ui::KindVpcEndpoint, lang);
        case NodeKind::AccessPoint: return tr(Ui::KindAccessPoint, lang);
        case NodeKind::SamlProvider: return tr(Ui::KindSamlProvider, lang);
        case NodeKind::OidcProvider: return tr(Ui::KindOidcProvider, lang);
        case NodeKind::Root: return tr(Ui::KindRoot, lang);
        case NodeKind::Outside: return tr(Ui::KindActor, lang);
    }
    return "";
}

// The sizes nodes are laid out with, from the current font and style.
struct Metrics {
    float line = ImGui::GetTextLineHeight();
    float pad = ImGui::GetStyle().WindowPadding.x;
    // The least room between rows: the rows are spread over the region's height when it has more. Both this and the
    // air under the label band are what lets two rows fit in a map a quarter of a 1024x600 window.
    float node_h = line * 1.5f, hgap = line * 0.8f, vgap = line * 0.5f;
    float head = line * 1.6f;  // the label band, and a little air under it
    // A region with a note at its foot (its place in the organization) keeps its lines (kNoteLines at most, by the
    // region's width) clear of nodes.
    float foot(const MapRegion& r, float width) const {
        if (r.note.empty()) return line * 0.3f;
        return std::round(line * (0.6f + static_cast<float>(note_lines(r, width - 1.5f * pad).size())));
    }
};

// `nodes` (of `widths`, by node index) in rows no wider than `room`, and of no more than `per_row` nodes.
std::vector<std::vector<std::size_t>> flow(const std::vector<std::size_t>& nodes, const std::vector<float>& widths, float room,
                                           std::size_t per_row, float hgap) {
    std::vector<std::vector<std::size_t>> rows;
    float x = 0.0f;
    for (const std::size_t ni : nodes) {
        if (rows.empty() || (x > 0.0f && (x + widths[ni] > room || rows.back().size() >= per_row))) {
            rows.emplace_back();
            x = 0.0f;
        }
        rows.back().push_back(ni);
        x += widths[ni] + hgap;
    }
    return rows;
}

// `nodes` in at most `most` rows: as many as that allows with no more nodes in a row than they need (so that a tall
// region gets a column), else as few as they fit in; none when they do not fit.
std::vector<std::vector<std::size_t>> rows_of(const std::vector<std::size_t>& nodes, const std::vector<float>& widths, float room,
                                              std::size_t most, float hgap) {
    for (std::size_t fit = std::min(most, nodes.size()); fit > 0; --fit)
        if (auto rows = flow(nodes, widths, room, (nodes.size() + fit - 1) / fit, hgap); rows.size() <= fit) return rows;
    auto fewest = flow(nodes, widths, room, nodes.size(), hgap);
    return fewest.size() <= most ? fewest : std::vector<std::vector<std::size_t>>{};
}

// The height a region `region_width` wide needs to draw all its nodes in as few rows as they fit in (`least`: in one
// row, whatever it holds).
float region_height(const MapRegion& r, const std::vector<float>& widths, float region_width, const Metrics& k, bool least) {
    if (r.nodes.empty()) return k.head + k.foot(r, region_width);
    const std::size_t rows = least ? 1 : flow(r.nodes, widths, region_width - 2.0f * k.pad, r.nodes.size(), k.hgap).size();
    return k.head + static_cast<float>(rows) * (k.node_h + k.vgap) - k.vgap + k.foot(r, region_width);
}

// Heights for regions stacked in `room`: each the height its nodes need and a share of what is left in proportion;
// when that is more than there is, each one row and a share of the rest in proportion to what it lacks.
std::vector<float> share_heights(const std::vector<float>& need, const std::vector<float>& least, float room) {
    float all = 0.0f, some = 0.0f;
    for (std::size_t i = 0; i < need.size(); ++i) {
        all += need[i];
        some += least[i];
    }
    std::vector<float> out(need.size());
    for (std::size_t i = 0; i < need.size(); ++i) {
        if (all <= room) out[i] = need[i] * room / all;
        else if (some <= room) out[i] = least[i] + (room - some) * (need[i] - least[i]) / (all - some);
        else out[i] = least[i] * room / some;
    }
    return out;
}

// Lays a region's nodes out in rows under its label, the rows centred and spread over its height so that hops between
// them stay apart. What does not fit is folded: first the nodes the run involves least (Replay::steps_of_node), of
// those the last to be involved, then the last listed; so the role a lesson is about stays in view.
void place_region(const Replay& replay, MapLayout& m, MapRegion& r, const std::vector<float>& widths, const Metrics& k) {
    const float top = r.min.y + k.head, bottom = r.max.y - k.foot(r, r.max.x - r.min.x);
    const float rw = r.max.x - r.min.x;
    const std::size_t fit = top + k.node_h > bottom ? 0 : static_cast<std::size_t>(std::floor((bottom - top + k.vgap) / (k.node_h + k.vgap)));
    const auto fold_first = [&](std::size_t a, std::size_t b) {
        const Replay::NodeSteps sa = replay.steps_of_node(m.nodes[a].key), sb = replay.steps_of_node(m.nodes[b].key);
        if (sa.count != sb.count) return sa.count < sb.count;
        if (sa.first != sb.first) return sa.first > sb.first;
        return a > b;
    };
    std::vector<std::size_t> shown = r.nodes;
    std::vector<std::vector<std::size_t>> rows = rows_of(shown, widths, rw - 2.0f * k.pad, fit, k.hgap);
    while (rows.empty() && !shown.empty()) {
        shown.erase(std::min_element(shown.begin(), shown.end(), fold_first));
        rows = rows_of(shown, widths, rw - 2.0f * k.pad, fit, k.hgap);
    }
    for (const std::size_t ni : r.nodes)
        if (std::find(shown.begin(), shown.end(), ni) == shown.end()) r.folded.push_back(ni);
    if (rows.empty()) return;
    const float used = static_cast<float>(rows.size()) * k.node_h;
    const float spacing = std::min(k.line * 3.0f, (bottom - top - used) / static_cast<float>(rows.size()));
    float y = top + spacing * 0.5f;
    // A single column zigzags, so that a hop between two nodes does not run through the ones between them.
    const bool column = rows.size() > 2 && std::all_of(rows.begin(), rows.end(), [](const auto& row) { return row.size() == 1; });
    for (std::size_t row = 0; row < rows.size(); ++row, y += k.node_h + spacing) {
        float row_width = -k.hgap;
        for (const std::size_t ni : rows[row]) row_width += widths[ni] + k.hgap;
        float nx = r.min.x + (rw - row_width) * 0.5f;
        if (column) nx += (row % 2 == 0 ? -1.0f : 1.0f) * std::max(0.0f, std::min(rw * 0.2f, (rw - row_width) * 0.5f - k.pad));
        for (const std::size_t ni : rows[row]) {
            MapNode& node = m.nodes[ni];
            node.min = ImVec2(nx, y);
            node.max = ImVec2(nx + widths[ni], y + k.node_h);
            node.placed = true;
            nx += widths[ni] + k.hgap;
        }
    }
}

// The point where the segment from the centre of the box [min, max] towards `towards` leaves the box.
ImVec2 edge_point(ImVec2 min, ImVec2 max, ImVec2 towards) {
    const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    const float dx = towards.x - c.x, dy = towards.y - c.y;
    const float hw = (max.x - min.x) * 0.5f, hh = (max.y - min.y) * 0.5f;
    if (std::fabs(dx) < 1e-3f && std::fabs(dy) < 1e-3f) return c;
    const float t = std::min(std::fabs(dx) > 1e-3f ? hw / std::fabs(dx) : 1e9f, std::fabs(dy) > 1e-3f ? hh / std::fabs(dy) : 1e9f);
    return ImVec2(c.x + dx * std::min(t, 1.0f), c.y + dy * std::min(t, 1.0f));
}

ImVec2 edge_point(const MapNode& n, ImVec2 towards) { return edge_point(n.min, n.max, towards); }

ImVec2 centre_of(const MapEnd& e) { return ImVec2((e.min.x + e.max.x) * 0.5f, (e.min.y + e.max.y) * 0.5f); }

// A node as an end of a line on the map.
MapEnd end_at(const MapNode& n) { return MapEnd{n.key, n.min, n.max}; }

float distance(ImVec2 a, ImVec2 b) { return std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)); }

float path_length(const std::vector<ImVec2>& path) {
    float length = 0.0f;
    for (std::size_t i = 1; i < path.size(); ++i) length += distance(path[i - 1], path[i]);
    return length;
}

// The point a fraction `t` of the way along a path.
ImVec2 point_along(const std::vector<ImVec2>& path, float t) {
    float left = path_length(path) * t;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const float d = distance(path[i - 1], path[i]);
        if (left <= d && d > 0.0f)
            return ImVec2(path[i - 1].x + (path[i].x - path[i - 1].x) * left / d, path[i - 1].y + (path[i].y - path[i - 1].y) * left / d);
        left -= d;
    }
    return path.back();
}

// The point of a path nearest `p`.
ImVec2 nearest_on_path(const std::vector<ImVec2>& path, ImVec2 p) {
    ImVec2 best = path.front();
    for (std::size_t i = 1; i < path.size(); ++i) {
        const ImVec2 a = path[i - 1], b = path[i];
        const float dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
        const float t = length2 > 0.0f ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0f, 1.0f) : 0.0f;
        const ImVec2 q(a.x + dx * t, a.y + dy * t);
        if (distance(q, p) < distance(best, p)) best = q;
    }
    return best;
}

// Where a region's title shows, and at the right of its band "+N more" when it folds nodes (so that it takes no row
// from them); where its note shows.
void place_title(MapRegion& r, Language lang) {
    const float line = ImGui::GetTextLineHeight(), pad = ImGui::GetStyle().WindowPadding.x;
    float right = r.max.x - pad * 0.5f;
    if (!r.folded.empty()) {
        // "+N more", or "+N" when the long form would leave the account's twelve digits no room.
        r.more = trf(Ui::MoreNodes, lang, r.folded.size());
        const float id = ImGui::CalcTextSize(r.account.c_str()).x;
        if (r.max.x - pad - ImGui::CalcTextSize(r.more.c_str()).x - 8.0f - line * 0.3f < r.min.x + pad * 1.5f + id)
            r.more = trf(Ui::MoreNodesShort, lang, r.folded.size());
        const ImVec2 ts = ImGui::CalcTextSize(r.more.c_str());
        r.more_min = ImVec2(std::max(r.min.x + pad, r.max.x - pad - ts.x - 8.0f), r.min.y + 3.0f);
        r.more_max = ImVec2(r.more_min.x + ts.x + 8.0f, r.more_min.y + ts.y + 2.0f);
        right = r.more_min.x - line * 0.3f;
    }
    r.title_min = ImVec2(r.min.x + pad * 0.5f, r.min.y + 2.0f);
    r.title_max = ImVec2(std::min(right, r.min.x + pad * 1.5f + ImGui::CalcTextSize(r.label.c_str()).x), r.min.y + line * 1.5f - 2.0f);
    r.mark = ImVec2(std::min(r.title_max.x + line * 0.1f, right - line * 0.9f), r.min.y + line * 0.3f);
    if (r.note.empty()) return;
    r.note_lines = note_lines(r, r.max.x - r.min.x - 1.5f * pad);
    float wide = 0.0f;
    for (const std::string& l : r.note_lines) wide = std::max(wide, ImGui::CalcTextSize(l.c_str()).x);
    const float lines = static_cast<float>(r.note_lines.size());
    r.note_min = ImVec2(r.min.x + pad, r.max.y - line * lines - 10.0f);
    r.note_max = ImVec2(std::min(r.max.x, r.note_min.x + wide), r.note_min.y + line * lines);
}

// An account's title, where a line to the account ends.
MapEnd account_end(const MapRegion& r) { return MapEnd{"account:" + r.account, r.title_min, r.title_max}; }

// Where a hop ends for the node `key`: the node when it is drawn; else the title of the account it is in (folded), or
// of `account` when the map has no such node (a federated user, a managed policy, no target at all).
std::optional<MapEnd> end_of(const MapLayout& m, const std::string& key, const std::string& account) {
    if (const MapNode* n = m.find(key)) return end_at(*n);
    const auto node = m.by_key.find(key);
    const std::string& in = node != m.by_key.end() ? m.nodes[node->second].account : account;
    const auto r = m.region_of.find(in);
    if (r == m.region_of.end() || (node == m.by_key.end() && in.empty())) return std::nullopt;
    return account_end(m.regions[r->second]);
}

// The idp actor running the identity provider a Federated principal names: the one whose metadata a SAML
// provider holds, or whose issuer an OIDC provider (or a well-known host) is.
const MapNode* idp_node(const Replay& replay, const MapLayout& m, const std::string& federated) {
    const aws::World& w = replay.scenario().world;
    if (const aws::SamlProvider* sp = w.saml_provider(federated)) return m.find("actor:" + sp->metadata);
    const aws::OidcProvider* op = w.oidc_provider(federated);
    const std::string host = op != nullptr ? op->host : federated;
    if (const aws::IdentityProvider* idp = w.idp_by_issuer("https://" + host)) return m.find("actor:" + idp->actor);
    return nullptr;
}

// Where a trust edge or a hop leaves from: a box's border (a node's, an account's title), facing the way it goes; or
// any point of the segment [a, b] (an account's band under its title, for a role of its own).
struct EdgeSource {
    std::optional<MapEnd> box;
    ImVec2 a, b;
    ImVec2 facing(ImVec2 p) const {
        if (box) return edge_point(box->min, box->max, p);
        const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const float t = len2 > 0.0f ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
        return ImVec2(a.x + dx * t, a.y + dy * t);
    }
};

// Where a trust edge from a whole account leaves: for a role in that account, anywhere along the band under the
// account's title (never on the title itself); for a role elsewhere, the account's title, where a hop to the account
// ends too. (From the border facing the role, the flagship's "VendorAccess may be assumed by the vendor's account" was
// a stub across the gap between the two accounts, a dozen pixels long, with ExternalId hanging off it.)
EdgeSource account_source(const MapRegion& r, const MapNode& target) {
    const float line = ImGui::GetTextLineHeight(), pad = ImGui::GetStyle().WindowPadding.x;
    const ImVec2 c = target.centre();
    if (c.x >= r.min.x && c.x <= r.max.x && c.y >= r.min.y && c.y <= r.max.y) {
        const float y = r.min.y + line * 1.4f;
        return EdgeSource{std::nullopt, ImVec2(r.min.x + pad, y), ImVec2(r.max.x - pad, y)};
    }
    return EdgeSource{account_end(r), {}, {}};
}

// Whether the region's box holds the point.
bool holds(const MapRegion& r, ImVec2 p) { return p.x >= r.min.x && p.x <= r.max.x && p.y >= r.min.y && p.y <= r.max.y; }

// The region whose box holds the node, if any.
const MapRegion* region_holding(const MapLayout& m, const MapNode& n) {
    for (const MapRegion& r : m.regions)
        if (holds(r, n.centre())) return &r;
    return nullptr;
}

// A trust edge's or a hop's path: the shortest from its source to `target` that runs through no node it does not
// connect (a line through a node would strike its label out: the lesson's "user admin" read crossed out), straight
// when nothing is in the way, else bent a little clear of the corners of the nodes in the way. With no such path
// (nodes wall the target in), straight. Nor, when there is a way round, through the title band or the note of an
// account that holds neither end: the words struck out as a node's would be (lesson 18's trust edges across
// production's title at its corner, its last hop across management's "no SCP applies"); round them, it takes the gaps
// between accounts. Searched over the corners as waypoints (a visibility graph), from any point the source may leave
// from: a box's centre (the line is drawn from its border), or points along an account's segment.
std::vector<ImVec2> route(const MapLayout& m, const EdgeSource& source, const MapEnd& target) {
    const float line = ImGui::GetTextLineHeight(), g = line * 0.4f;
    const auto in_the_way = [&](const MapNode& n) { return n.placed && (!source.box || n.key != source.box->key) && n.key != target.key; };
    // The words of the accounts that hold neither end: each title band, and each note's foot, across the account.
    const ImVec2 from = source.box ? centre_of(*source.box) : ImVec2((source.a.x + source.b.x) * 0.5f, (source.a.y + source.b.y) * 0.5f);
    std::vector<MapBox> words;
    for (const MapRegion& r : m.regions) {
        if (holds(r, from) || holds(r, centre_of(target))) continue;
        words.push_back(MapBox{r.min, ImVec2(r.max.x, r.min.y + line * 1.5f)});
        if (!r.note.empty()) words.push_back(MapBox{ImVec2(r.min.x, r.note_min.y), r.max});
    }
    bool round_words = true;  // false when no way goes round them (the search's second pass)
    const auto clear = [&](ImVec2 a, ImVec2 b) {
        return std::none_of(m.nodes.begin(), m.nodes.end(), [&](const MapNode& n) { return in_the_way(n) && segment_crosses(a, b, n.min, n.max); }) &&
               (!round_words || std::none_of(words.begin(), words.end(), [&](const MapBox& w) { return segment_crosses(a, b, w.min, w.max); }));
    };
    std::vector<ImVec2> at;  // the starts, then the corners, then the target's centre
    if (source.box) {
        at.push_back(centre_of(*source.box));
    } else {
        at.push_back(source.facing(centre_of(target)));
        const float length = distance(source.a, source.b);
        for (float s = 0.0f; length > 0.0f && s <= length; s += line * 0.5f)
            at.emplace_back(source.a.x + (source.b.x - source.a.x) * s / length, source.a.y + (source.b.y - source.a.y) * s / length);
    }
    const std::size_t starts = at.size();
    // A waypoint on the map and in no node in the way.
    const auto waypoint = [&](ImVec2 w) {
        if (w.x > m.min.x && w.x < m.max.x && w.y > m.min.y && w.y < m.max.y &&
            std::none_of(m.nodes.begin(), m.nodes.end(), [&](const MapNode& o) {
                return in_the_way(o) && w.x >= o.min.x && w.x <= o.max.x && w.y >= o.min.y && w.y <= o.max.y;
            }))
            at.push_back(w);
    };
    for (const MapNode& n : m.nodes) {
        if (!in_the_way(n)) continue;
        // Round a node's corners inside its account: a node as wide as its account (lesson 18's development, three
        // rows of roles and a provider) put the corners past the frame, and the edges round it stuck out of it.
        ImVec2 lo(n.min.x - g, n.min.y - g), hi(n.max.x + g, n.max.y + g);
        if (const MapRegion* r = region_holding(m, n)) {
            lo = ImVec2(std::max(lo.x, n.min.x - std::max(1.0f, (n.min.x - r->min.x) * 0.5f)),
                        std::max(lo.y, n.min.y - std::max(1.0f, (n.min.y - r->min.y) * 0.5f)));
            hi = ImVec2(std::min(hi.x, n.max.x + std::max(1.0f, (r->max.x - n.max.x) * 0.5f)),
                        std::min(hi.y, n.max.y + std::max(1.0f, (r->max.y - n.max.y) * 0.5f)));
        }
        for (const ImVec2 w : {lo, ImVec2(hi.x, lo.y), hi, ImVec2(lo.x, hi.y)}) waypoint(w);
    }
    // Round the words' corners out in the gaps between accounts, half a gap (layout_world_map's) past their account.
    const float out = ImGui::GetStyle().ItemSpacing.x * 0.75f;
    for (const MapBox& b : words)
        for (const ImVec2 w : {ImVec2(b.min.x - out, b.min.y - out), ImVec2(b.max.x + out, b.min.y - out), ImVec2(b.max.x + out, b.max.y + out),
                               ImVec2(b.min.x - out, b.max.y + out)})
            waypoint(w);
    at.push_back(centre_of(target));
    const std::size_t end = at.size() - 1;
    // Dijkstra's shortest paths, checking a step's way only when it would be shorter; round the words when that
    // reaches the target, else through them.
    std::vector<float> dist;  // -1: not reached
    std::vector<std::size_t> prev;
    for (const bool round : {true, false}) {
        if (!round && dist[end] >= 0.0f) break;
        round_words = round;
        dist.assign(at.size(), -1.0f);
        prev.assign(at.size(), kNone);
        std::vector<bool> done(at.size(), false);
        for (std::size_t i = 0; i < starts; ++i) dist[i] = 0.0f;
        for (;;) {
            std::size_t u = kNone;
            for (std::size_t i = 0; i < at.size(); ++i)
                if (!done[i] && dist[i] >= 0.0f && (u == kNone || dist[i] < dist[u])) u = i;
            if (u == kNone || u == end) break;
            done[u] = true;
            for (std::size_t v = starts; v < at.size(); ++v) {
                const float d = dist[u] + distance(at[u], at[v]);
                if (!done[v] && (dist[v] < 0.0f || d < dist[v]) && clear(at[u], at[v])) {
                    dist[v] = d;
                    prev[v] = u;
                }
            }
        }
    }
    std::vector<ImVec2> path;
    if (dist[end] < 0.0f) {
        path = {at[0], at[end]};
    } else {
        for (std::size_t v = end; v != kNone; v = prev[v]) path.push_back(at[v]);
        std::reverse(path.begin(), path.end());
    }
    if (source.box) path.front() = edge_point(source.box->min, source.box->max, path[1]);
    path.back() = edge_point(target.min, target.max, path[path.size() - 2]);
    return path;
}

void draw_arrowhead(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float size) {
    const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
    if (len < 1.0f) return;
    const float ux = dx / len, uy = dy / len;
    draw->AddTriangleFilled(to, ImVec2(to.x - ux * size - uy * size * 0.5f, to.y - uy * size + ux * size * 0.5f),
                            ImVec2(to.x - ux * size + uy * size * 0.5f, to.y - uy * size - ux * size * 0.5f), colour);
}

// How much of `b` the drawn nodes cover.
float node_cover(const MapLayout& m, const MapBox& b) {
    float area = 0.0f;
    for (const MapNode& n : m.nodes)
        if (n.placed) area += b.overlap_area(MapBox{n.min, n.max});
    return area;
}

// The trust edges, dashed, under the nodes.
void draw_trust(const std::vector<TrustEdge>& edges, ImDrawList* draw) {
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const float line = ImGui::GetTextLineHeight();
    for (const TrustEdge& e : edges) {
        for (std::size_t i = 1; i < e.path.size(); ++i)
            dashed_line(draw, e.path[i - 1], e.path[i], colour, 1.0f);  // whole pixels wide: ImGui draws a dash as one quad, not three
        draw_arrowhead(draw, e.path[e.path.size() - 2], e.path.back(), colour, line * 0.5f);
    }
}

// What the trust edges demand (the ExternalId a lesson is about), written at their tags over the nodes, on the window's
// background.
void draw_demands(const std::vector<TrustEdge>& edges, ImDrawList* draw) {
    for (const TrustEdge& e : edges) {
        if (e.demands.empty()) continue;
        draw->AddRectFilled(e.tag.min, e.tag.max, ImGui::GetColorU32(ImGuiCol_WindowBg));
        draw->AddText(ImVec2(e.tag.min.x + 2, e.tag.min.y + 1), ImGui::GetColorU32(warning_colour()), e.demands.c_str());
    }
}

// Where a trust edge's demand is written, by its edge, from its middle out: right or left of it, above or below, the
// first place that covers no node, else the one that covers least.
MapBox demand_tag(const MapLayout& m, const std::vector<ImVec2>& path, const std::string& demands) {
    const ImVec2 ts = ImGui::CalcTextSize(demands.c_str());
    std::optional<MapBox> place;
    float least = 0.0f;
    for (const float t : {0.5f, 0.3f, 0.7f})
        for (const ImVec2 offset : {ImVec2(0, 0), ImVec2(-ts.x, 0), ImVec2(-ts.x * 0.5f, -ts.y - 2), ImVec2(-ts.x * 0.5f, 2)}) {
            const ImVec2 p = point_along(path, t);
            const MapBox b{ImVec2(p.x + offset.x - 2, p.y + offset.y - 1), ImVec2(p.x + offset.x + ts.x + 2, p.y + offset.y + ts.y + 1)};
            if (const float area = node_cover(m, b); !place || area < least) {
                place = b;
                least = area;
            }
        }
    return *place;
}

// The path a hop takes: between its two ends the way a trust edge goes, around the nodes it does not join (route); a
// loop out of one box and back into it for a call on the caller itself, on the box's right (its left near the map's
// right edge).
std::vector<ImVec2> hop_path(const MapLayout& m, const MapEnd& from, const MapEnd& to) {
    const float line = ImGui::GetTextLineHeight();
    if (from.key != to.key) {
        std::vector<ImVec2> path = route(m, EdgeSource{from, {}, {}}, to);
        const bool stacked = from.min.x < to.max.x && to.min.x < from.max.x;  // one above the other
        if (!stacked || path_length(path) >= line * 2.0f) return path;
        // Boxes stacked nearly touching (the flagship's role on its bucket) would get an arrow shorter than its head:
        // a bracket instead, out of one box's side and into the other's, past the wider of them. (Boxes side by side
        // keep their short arrow: it runs across, and a bracket would loop round the far box.)
        const bool right = std::max(from.max.x, to.max.x) + line * 1.5f <= m.max.x;
        const float x = right ? std::max(from.max.x, to.max.x) + line : std::min(from.min.x, to.min.x) - line;
        const float from_y = (from.min.y + from.max.y) * 0.5f, to_y = (to.min.y + to.max.y) * 0.5f;
        return {ImVec2(right ? from.max.x : from.min.x, from_y), ImVec2(x, from_y), ImVec2(x, to_y),
                ImVec2(right ? to.max.x : to.min.x, to_y)};
    }
    // Three quarters of a circle round the box's top corner, from its top edge to its side: clear of the corner,
    // where a node's outcome is marked.
    const float radius = line * 1.2f;
    const float out = from.max.x + radius * 1.5f > m.max.x ? -1.0f : 1.0f;
    const ImVec2 corner(out > 0.0f ? from.max.x : from.min.x, from.min.y);
    std::vector<ImVec2> path;
    for (int i = 0; i <= 24; ++i) {  // from the top edge (pointing inward), over the top, out and down to the side
        const float a = 3.14159265f * (1.0f + 1.5f * static_cast<float>(i) / 24.0f);
        path.emplace_back(corner.x + out * std::cos(a) * radius, corner.y + std::sin(a) * radius);
    }
    return path;
}

// Under the label of a call signed with credentials that are not its caller's own (MapHop::as): who AWS took the
// caller for, else whose key signed it; an ARN in the call's account without its prefix ("user/admin"), as the
// CloudTrail panel shows it.
std::string signed_line(const Arrow& a, Language lang) {
    if (a.signed_by.empty()) return "";
    // A role session's ARN as ROLE/SESSION (the map shows roles by name), another ARN of the call's account without
    // its prefix.
    const auto shorter = [&](const std::string& who) {
        const std::optional<iam::Arn> arn = iam::Arn::parse(who);
        if (arn && arn->account == a.account && starts_with(arn->resource, "assumed-role/")) return arn->resource.substr(13);
        return arn && arn->account == a.account && !arn->resource.empty() ? arn->resource : who;
    };
    return a.seen_as.empty() ? trf(Ui::SignedWithKeyOf, lang, shorter(a.signed_by).c_str())
                             : trf(Ui::SignedAs, lang, shorter(a.seen_as).c_str());
}

// A call's outcome, a check or a cross 0.9 lines square at `at` (its top left), on a disc of the window's background.
void draw_outcome(ImDrawList* draw, ImVec2 at, bool ok) {
    const float line = ImGui::GetTextLineHeight();
    draw->AddCircleFilled(ImVec2(at.x + line * 0.45f, at.y + line * 0.45f), line * 0.6f, ImGui::GetColorU32(ImGuiCol_WindowBg));
    draw_mark(draw, at, line * 0.9f, ok);
}

// A hop's colour: an answer's outcome, a message's, or the text's for a request.
ImU32 hop_colour(const Arrow& a) {
    return a.kind == ArrowKind::Answer ? (a.failed ? deny_colour() : allow_colour())
           : a.kind == ArrowKind::Message ? message_colour() : ImGui::GetColorU32(ImGuiCol_Text);
}

// The hop itself (its path, head, the dot travelling along it, its outcome mark and the leader to a far label).
void draw_hop(const Replay& replay, std::size_t step, float travelled, const MapHop& hop, const HopLabel& label, ImDrawList* draw) {
    const ImU32 colour = hop_colour(replay.arrow(step));
    const std::vector<ImVec2>& path = hop.path;
    draw->AddPolyline(path.data(), static_cast<int>(path.size()), colour, 0, 3.0f);
    const float line = ImGui::GetTextLineHeight();
    draw_arrowhead(draw, path[path.size() - 2], path.back(), colour, line * 0.7f);
    // The dot while the hop travels; arrived, the arrowhead says where it went, and a dot would sit on the name of what
    // it reached (viewer review: "user dev", "admin" covered).
    if (travelled < 1.0f) draw->AddCircleFilled(point_along(path, travelled), line * 0.45f, colour);
    if (hop.allowed) draw_outcome(draw, hop.mark, *hop.allowed);
    // A label that found no room beside its hop (lesson 26's refused AssumeRole, placed in another account beside the
    // EC2 service's session) is tied to it by a thin line, so that it does not read as what it sits next to.
    const ImVec2 centre((label.min.x + label.max.x) * 0.5f, (label.min.y + label.max.y) * 0.5f);
    const ImVec2 on = nearest_on_path(path, centre);
    const ImVec2 edge(std::clamp(on.x, label.min.x, label.max.x), std::clamp(on.y, label.min.y, label.max.y));
    if (distance(on, edge) > line * 1.5f)
        dashed_line(draw, edge, on, (colour & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 160), 1.5f, 3.0f);
}

// The hop's label, drawn last: over the accounts' titles the hop itself passes under.
void draw_hop_label(const Replay& replay, std::size_t step, const MapHop& hop, const HopLabel& label, ImDrawList* draw) {
    const ImU32 colour = hop_colour(replay.arrow(step));
    const float line = ImGui::GetTextLineHeight();
    draw->AddRectFilled(label.min, label.max, ImGui::GetColorU32(ImGuiCol_PopupBg));
    draw->AddText(ImVec2(label.min.x + 4, label.min.y + 2), colour, label.text.c_str());
    // Who AWS took the caller for, in the colour of what a trust demands: the lesson's point.
    if (!hop.as.empty())
        draw->AddText(ImVec2(label.min.x + 4, label.max.y - 2 - line), ImGui::GetColorU32(warning_colour()), hop.as.c_str());
}

void node_tooltip(const Replay& replay, const MapNode& n, const DecisionInfo* decision, const Arrow* failed_answer, Language lang) {
    ImGui::BeginTooltip();
    ImGui::Text("%s %s", kind_tag(n.kind, lang), n.key.c_str());
    if (failed_answer != nullptr)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(deny_colour()), "%s",
                           trf(Ui::CallFailed, lang, failed_answer->error.c_str()).c_str());
    for (const auto& a : n.actors) ImGui::TextDisabled("%s", trf(Ui::ActsAs, lang, a.c_str()).c_str());
    if (decision != nullptr && decision->data != nullptr) {
        const json& d = *decision->data;
        ImGui::Separator();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(decision->allowed ? allow_colour() : deny_colour()), "%s",
                           plain_label(d.value("summary", "")).c_str());
        const std::string message = d.value("message", "");
        if (!message.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
            ImGui::TextUnformatted(message.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    if (n.kind == NodeKind::Bucket) {
        // What a bucket does to the requests it gets: the encryption its uploads get by default, and its policy.
        const auto b = replay.scenario().world.buckets.find(n.name);
        if (b != replay.scenario().world.buckets.end()) {
            ImGui::Separator();
            ImGui::TextDisabled("%s", default_encryption_text(b->second.encryption, lang).c_str());
            if (b->second.policy && b->second.policy->document) {
                ImGui::TextDisabled("%s", tr(Ui::BucketPolicy, lang));
                json_text(*b->second.policy->document, "bucket-policy");
            }
        }
    }
    if (n.kind == NodeKind::VpcEndpoint) {
        // The endpoint's service and VPC, in AWS's words, and the policy every request through it must meet.
        const std::string id = n.key.substr(n.key.rfind('/') + 1);
        if (const aws::VpcEndpoint* e = replay.scenario().world.vpc_endpoint(id); e != nullptr && e->policy.document) {
            ImGui::Separator();
            ImGui::TextDisabled("%s", trf(Ui::EndpointPolicy, lang, e->service.c_str(), e->vpc.empty() ? "-" : e->vpc.c_str()).c_str());
            json_text(*e->policy.document, "endpoint-policy");
        }
    }
    if (n.kind == NodeKind::Instance) {
        // Where EC2 delivers the instance's role credentials (aws:Ec2InstanceSourceVpc, aws:Ec2InstanceSourcePrivateIPv4).
        const auto i = replay.scenario().world.instances.find(n.name);
        if (i != replay.scenario().world.instances.end() && (!i->second.vpc.empty() || !i->second.private_ip.empty())) {
            ImGui::Separator();
            ImGui::TextDisabled("%s", trf(Ui::InstanceNetwork, lang, i->second.vpc.empty() ? "-" : i->second.vpc.c_str(),
                                          i->second.private_ip.empty() ? "-" : i->second.private_ip.c_str()).c_str());
        }
    }
    if (n.kind == NodeKind::AccessPoint) {
        // Which bucket it opens, from where, and the policy a request through it must meet (with a VPC network origin,
        // the Deny S3 applies to any other, as its last statement).
        if (const aws::AccessPoint* ap = replay.scenario().world.access_point(n.key)) {
            ImGui::Separator();
            ImGui::TextDisabled("%s", trf(Ui::AccessPointPolicy, lang, ap->bucket.c_str(),
                                          (ap->vpc.empty() ? std::string("Internet") : "VPC " + ap->vpc).c_str()).c_str());
            if (ap->policy && ap->policy->document) json_text(*ap->policy->document, "access-point-policy");
        }
    }
    if (n.kind == NodeKind::KmsKey) {
        if (const aws::KmsKey* key = replay.scenario().world.kms_key(n.key); key != nullptr && key->policy.document) {
            ImGui::Separator();
            ImGui::TextDisabled("%s", tr(Ui::KeyPolicy, lang));
            json_text(*key->policy.document, "key-policy");
        }
    }
    if (n.kind == NodeKind::Role) {
        const Scenario& s = replay.scenario();
        for (const auto& [id, account] : s.world.accounts)
            for (const auto& [name, role] : account.roles)
                if (role.arn == n.key) {
                    ImGui::Separator();
                    ImGui::TextDisabled("%s", tr(Ui::TrustPolicy, lang));
                    json_text(*role.trust.document, "trust");
                }
    }
    ImGui::EndTooltip();
}

void draw_nodes(const Replay& replay, const ViewState& view, std::size_t step, const MapLayout& m, ImDrawList* draw) {
    const Language lang = view.ui_language();
    const float line = ImGui::GetTextLineHeight();
    // The window's own background, opaque: a trust edge drawn before that still passes under a node stays under it,
    // clear of its label.
    ImVec4 ground = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    ground.w = 1.0f;
    for (const MapNode& n : m.nodes) {
        if (!n.placed) continue;
        const bool acting = !n.actors.empty();
        const ImU32 border = n.account.empty() ? message_colour() : account_colour(replay, n.account);
        draw->AddRectFilled(n.min, n.max, ImGui::ColorConvertFloat4ToU32(ground));
        draw->AddRectFilled(n.min, n.max, ImGui::GetColorU32(ImGuiCol_FrameBg));
        draw->AddRect(n.min, n.max, border, 0.0f, 0, acting ? 2.0f : 1.0f);
        draw->PushClipRect(n.min, n.max, true);
        const std::string tag = kind_tag(n.kind, lang);
        const float x = n.min.x + line * 0.5f, y = n.min.y + line * 0.25f;
        draw->AddText(ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_TextDisabled), tag.c_str());
        const float name_x = x + ImGui::CalcTextSize(tag.c_str()).x;
        // An instance no longer running says so, dimmed ("i-0bbb... (terminated)"): the map shows the world at the
        // cursor, not as the scenario began.
        const std::string state = n.kind == NodeKind::Instance ? replay.instance_state(n.name, step) : "";
        const bool halted = !state.empty() && state != "running";
        // A name too long for its box ends in "...", not mid-letter at the border (the tooltip has it whole).
        const std::string suffix = halted ? " (" + state + ")" : "";
        const float room = n.max.x - name_x - line * 0.25f - ImGui::CalcTextSize(suffix.c_str()).x;
        const std::string rest = fit_text(node_text(n, lang).substr(tag.size()), room) + suffix;
        draw->AddText(ImVec2(name_x, y),
                      halted ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : acting ? message_colour() : ImGui::GetColorU32(ImGuiCol_Text),
                      rest.c_str());
        draw->PopClipRect();
        // The outcome of the latest call on this resource, up to the cursor (Replay::outcome_on).
        const Replay::Outcome outcome = replay.outcome_on(n.key, step);
        if (outcome.known()) draw_outcome(draw, ImVec2(n.max.x - line * 0.55f, n.min.y - line * 0.45f), outcome.ok());
        ImGui::SetCursorScreenPos(n.min);
        ImGui::PushID(n.key.c_str());
        ImGui::InvisibleButton("##node", ImVec2(std::max(1.0f, n.max.x - n.min.x), std::max(1.0f, n.max.y - n.min.y)));
        if (ImGui::IsItemHovered())
            node_tooltip(replay, n, outcome.decision, outcome.answer != nullptr && outcome.answer->failed ? outcome.answer : nullptr, lang);
        ImGui::PopID();
    }
}

// A region's colours: its band's and inner frame's tint, and its edge (an account's colour; a neutral one outside AWS).
ImU32 region_fill(const Replay& replay, const MapRegion& r) {
    return r.account.empty() ? message_colour(0.08f) : account_colour(replay, r.account, 0.22f);
}
ImU32 region_edge(const Replay& replay, const MapRegion& r) {
    return r.account.empty() ? message_colour(0.8f) : account_colour(replay, r.account, 0.9f);
}

// The width of a region's tinted frame, inside its edge.
constexpr float kFrameStroke = 8.0f;

// A region's words, its title, its note and "+N more" (which names the folded nodes on hover), drawn over the hop: a
// hop between two accounts may cross a third's title, which stays readable on a patch of its own band (the hop
// passes under it).
void draw_region_words(const Replay& replay, const MapLayout& m, const MapRegion& r, Language lang, ImDrawList* draw) {
    const ImU32 fill = region_fill(replay, r), text = readable_colour(region_edge(replay, r));
    const ImU32 ground = ImGui::GetColorU32(ImGuiCol_WindowBg, 1.0f);
    const float pad = ImGui::GetStyle().WindowPadding.x;
    // The words on a backdrop that starts no further up or left than `inner` (a title's starts inside the frame's
    // wide stroke: over it, it cut a step into the band's top edge and a notch into its left).
    const auto words = [&](ImVec2 at, const std::string& t, ImU32 under, ImVec2 inner) {
        const ImVec2 size = ImGui::CalcTextSize(t.c_str());
        const ImVec2 lo(std::max(at.x - 2.0f, inner.x), std::max(at.y, inner.y)), hi(at.x + size.x + 2.0f, at.y + size.y);
        draw->AddRectFilled(lo, hi, ground);
        if (under != 0) draw->AddRectFilled(lo, hi, under);
        draw->AddText(at, text, t.c_str());
    };
    // A title too long for its band gives up the account's name before its twelve digits: a cut id reads as another
    // account's ("your-co...  111111111111", not "your-company  11111111"). With no room beside the id for any of the
    // name, the name alone when it fits ("other-customer": what the lesson calls it), else the id. A name cut to
    // fewer than four characters ("...  333333333333", "ot...  333333333333") names nothing: as good as no room.
    const float room = r.title_max.x - r.min.x - pad;
    std::string title = fit_text(r.label, room);
    if (title != r.label && !r.alias.empty()) {
        const std::string id = "  " + r.account;
        const std::string name = fit_text(r.alias, room - ImGui::CalcTextSize(id.c_str()).x);
        const auto characters = [](const std::string& t) {
            return std::count_if(t.begin(), t.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
        };
        title = characters(name) >= 4 + 3                      ? name + id
                : ImGui::CalcTextSize(r.alias.c_str()).x <= room ? r.alias
                                                                 : fit_text(r.account, room);
    }
    draw->PushClipRect(r.min, ImVec2(r.title_max.x, r.max.y), true);
    words(ImVec2(r.min.x + pad, r.min.y + 4.0f), title, fill, ImVec2(r.min.x + kFrameStroke, r.min.y + kFrameStroke));
    draw->PopClipRect();
    if (!r.note.empty()) {  // as note_lines fits it to the region's width
        draw->PushClipRect(r.min, r.max, true);
        for (std::size_t i = 0; i < r.note_lines.size(); ++i)
            words(ImVec2(r.note_min.x, r.note_min.y + ImGui::GetTextLineHeight() * static_cast<float>(i)), r.note_lines[i], 0, r.min);
        draw->PopClipRect();
        // Hovered, the whole note and the policies of each level above the account.
        ImGui::SetCursorScreenPos(r.note_min);
        ImGui::PushID(("note:" + r.account).c_str());
        ImGui::InvisibleButton("##note", ImVec2(std::max(1.0f, std::min(r.note_max.x, r.max.x) - r.note_min.x),
                                                std::max(1.0f, r.note_max.y - r.note_min.y)));
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted((r.note + r.note_tail).c_str());
            for (std::size_t i = 0; i < r.levels.size(); ++i) {
                if (r.levels[i].rfind("  ", 0) != 0) {  // a heading
                    ImGui::Separator();
                    ImGui::TextDisabled("%s", r.levels[i].c_str());
                } else {
                    ImGui::TextUnformatted(r.levels[i].c_str());
                }
            }
            ImGui::EndTooltip();
        }
        ImGui::PopID();
    }
    if (r.folded.empty()) return;
    draw->AddRectFilled(r.more_min, r.more_max, ImGui::GetColorU32(ImGuiCol_FrameBg));
    draw->AddText(ImVec2(r.more_min.x + 4.0f, r.more_min.y + 1.0f), ImGui::GetColorU32(ImGuiCol_Text), r.more.c_str());
    ImGui::SetCursorScreenPos(r.more_min);
    ImGui::PushID(("fold:" + r.account).c_str());
    ImGui::InvisibleButton("##folded", ImVec2(r.more_max.x - r.more_min.x, r.more_max.y - r.more_min.y));
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextDisabled("%s", tr(Ui::FoldedNodes, lang));
        for (const std::size_t ni : r.folded) ImGui::TextUnformatted(node_text(m.nodes[ni], lang).c_str());
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

// An account's organization policies by level, as the evaluation walks them (`scp_levels`, which the account's note
// reads too, and World::rcp_levels): a heading, then "  the root: FullAWSAccess, DenyOutsideSeoul", ... down to the
// account. RCPs only when the organization
// attaches any besides the default RCPFullAWSAccess.
std::vector<std::string> organization_levels(const aws::World& world, const std::string& account,
                                             const std::vector<std::vector<const iam::Policy*>>& scp_levels, Language lang) {
    std::vector<std::string> out;
    const auto list = [&](Ui heading, const std::vector<std::vector<const iam::Policy*>>& levels,
                          const std::shared_ptr<const std::vector<std::string>>& targets) {
        if (levels.empty() || !targets || targets->size() != levels.size()) return;
        out.push_back(tr(heading, lang));
        for (std::size_t i = 0; i < levels.size(); ++i) {
            std::string names;
            for (const iam::Policy* p : levels[i]) names += (names.empty() ? "" : ", ") + p->name;
            out.push_back("  " + iam::organization_level_name((*targets)[i], lang == Language::Korean) + ": " + names);
        }
    };
    list(Ui::ScpLevels, scp_levels, world.scp_level_targets(account));
    if (!world.organization->rcps.empty())
        list(Ui::RcpLevels, world.rcp_levels(account), world.rcp_level_targets(account));
    return out;
}

// A region: a tinted label band and a wide tinted frame; the inside stays clear. Its words come later
// (draw_region_words).
void draw_region(const Replay& replay, const MapRegion& r, ImDrawList* draw) {
    const ImU32 fill = region_fill(replay, r), edge = region_edge(replay, r);
    const float line = ImGui::GetTextLineHeight();
    // Corners are square throughout the map: Mesa's software renderer fills rectangles on its fast path, and a
    // rounded box is a fan of triangles across its whole area (render/draw_split.hpp).
    const float band = line * 1.5f;
    draw->AddRectFilled(r.min, ImVec2(r.max.x, std::min(r.max.y, r.min.y + band)), fill);
    const float half = kFrameStroke * 0.5f;
    draw->AddRect(ImVec2(r.min.x + half, r.min.y + half), ImVec2(r.max.x - half, r.max.y - half), fill, 0.0f, 0, kFrameStroke);
    draw->AddRect(r.min, r.max, edge, 0.0f, 0, 2.0f);
}

// Who holds which temporary credentials now: a dotted line from the holder to the role it acts as, and one line
// each in the map's corner with the time left.
void draw_held(const Replay& replay, const ViewState& view, std::size_t step, const MapLayout& m, ImDrawList* draw, ImVec2 corner) {
    const Language lang = view.ui_language();
    const SimTime now = view.now();  // the cursor's moment, also in a pane that waits
    const aws::World& world = replay.scenario().world;
    // The temporary credentials held, each with whether its role's revocation reached it: its credentials are still
    // valid, but the role denies them everything (id_roles_use_revoke-sessions), so it is shown, and marked so, in
    // the colour of a denial.
    std::vector<std::pair<const CredentialInfo*, bool>> held;
    for (const CredentialInfo* c : replay.held_after(step))
        if (c->expires_t >= 0) held.emplace_back(c, replay.revoked_after(*c, step));
    // One dotted line per holder and role, however many sessions: green when any of them is live, so the live ones
    // are drawn first.
    std::vector<std::pair<const CredentialInfo*, bool>> live_first = held;
    std::stable_partition(live_first.begin(), live_first.end(), [](const auto& h) { return !h.second; });
    std::vector<std::pair<const MapNode*, const MapNode*>> drawn;
    for (const auto& [c, revoked] : live_first) {
        const MapNode* r = m.find(role_of_session(world, c->principal));
        const MapNode* a = m.find(replay.node_of_actor(c->holder));
        if (r == nullptr || a == nullptr || r == a || std::find(drawn.begin(), drawn.end(), std::pair(a, r)) != drawn.end())
            continue;
        drawn.emplace_back(a, r);
        dashed_line(draw, edge_point(*a, r->centre()), edge_point(*r, a->centre()),
                    revoked ? deny_colour(0.6f) : allow_colour(0.8f), 2.0f, 2.0f);
    }
    // The first three, one line each, and how many more there are.
    const float line = ImGui::GetTextLineHeight();
    const std::size_t shown = std::min<std::size_t>(held.size(), 3);
    const float room = draw->GetClipRectMax().x - corner.x - 4.0f;
    float y = corner.y - line * static_cast<float>(shown + (held.size() > shown ? 1 : 0));
    // Each line in full ("vendor (0:59:29 left) holds the session VendorAccess/vendor-for-your-company"), or,
    // when one of them is too wide for the map (two maps side by side), all of them in the short form, so that the
    // lines read alike: the holder, the time left to the second, and the session's name, its start given up for its
    // end, where the sessions of one role differ ("...for-your-company", "...for-other-customer").
    struct Held {
        std::string holder, left, name, full;
        bool revoked;
    };
    std::vector<Held> lines;
    bool short_form = false;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& [c, revoked] = held[i];
        const std::string role = role_of_session(world, c->principal);
        // The session's own name tells two sessions of one role apart (the vendor's, one for each customer).
        // The time left to the second, in either form ("0:59:29"): milliseconds would only flicker.
        std::string left = format_sim_time(std::max<SimTime>(0, c->expires_t - now)).substr(1);
        left = left.substr(0, left.find('.'));
        Held h{c->holder, left, held_name(world, *c), "", revoked};
        h.full = trf(role.empty() ? Ui::HoldsCredentials : Ui::HoldsSession, lang, h.holder.c_str(), h.left.c_str(),
                     h.name.c_str()) +
                 (revoked ? tr(Ui::RevokedAll, lang) : "");
        short_form |= ImGui::CalcTextSize(h.full.c_str()).x > room;
        lines.push_back(std::move(h));
    }
    for (const Held& h : lines) {
        std::string text = h.full;
        if (short_form) {
            const std::string head = h.holder + " (" + h.left + "): ";
            const std::string tail = h.revoked ? tr(Ui::Revoked, lang) : "";
            text = head + fit_text(h.name, room - ImGui::CalcTextSize((head + tail).c_str()).x, Cut::Start) + tail;
        }
        draw->AddText(ImVec2(corner.x, y), h.revoked ? deny_colour() : allow_colour(), text.c_str());
        y += line;
    }
    if (held.size() > shown)
        draw->AddText(ImVec2(corner.x, y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                      trf(Ui::MoreCredentials, lang, held.size() - shown).c_str());
}

}  // namespace

std::string default_encryption_text(const aws::BucketEncryption& e, Language lang) {
    return trf(Ui::DefaultEncryption, lang, aws::describe(e).c_str());
}

std::string node_text(const MapNode& n, Language lang) {
    std::string text = std::string(kind_tag(n.kind, lang)) + " " + n.name;
    for (const auto& a : n.actors)
        if (a != n.name) text += " (" + a + ")";
    return text;
}

MapLayout layout_world_map(const Replay& replay, ImVec2 origin, ImVec2 size, Language lang) {
    MapLayout m;
    m.min = origin;
    m.max = ImVec2(origin.x + size.x, origin.y + size.y);
    m.lang = lang;
    const Scenario& s = replay.scenario();
    auto add = [&](NodeKind kind, const std::string& key, const std::string& name, const std::string& account) {
        m.by_key[key] = m.nodes.size();
        m.nodes.push_back(MapNode{kind, key, name, account, {}, {}, {}, false});
    };
    for (const auto& [id, account] : s.world.accounts) {
        for (const auto& [name, user] : account.users) add(NodeKind::User, user.arn, name, id);
        for (const auto& [name, role] : account.roles) add(NodeKind::Role, role.arn, name, id);
        for (const auto& [name, provider] : account.saml_providers) add(NodeKind::SamlProvider, provider.arn, name, id);
        for (const auto& [host, provider] : account.oidc_providers) add(NodeKind::OidcProvider, provider.arn, host, id);
    }
    // Users and roles the run made (iam:CreateUser, iam:CreateRole) are drawn too, in their accounts.
    for (const auto& [id, account] : replay.run().world.accounts) {
        if (!s.world.accounts.count(id)) continue;
        for (const auto& [name, user] : account.users)
            if (!m.by_key.count(user.arn)) add(NodeKind::User, user.arn, name, id);
        for (const auto& [name, role] : account.roles)
            if (!m.by_key.count(role.arn)) add(NodeKind::Role, role.arn, name, id);
    }
    for (const auto& [name, bucket] : s.world.buckets) add(NodeKind::Bucket, "arn:aws:s3:::" + name, name, bucket.account);
    for (const auto& [id, instance] : s.world.instances) add(NodeKind::Instance, instance.arn(), id, instance.account);
    for (const auto& [id, account] : s.world.accounts)
        // A key id is a UUID, shown by its first group as a short id (the hover has the ARN).
        for (const auto& [key_id, key] : account.kms_keys)
            add(NodeKind::KmsKey, key.arn, key_id.size() > 13 ? key_id.substr(0, 8) + "..." : key_id, id);
    for (const auto& [id, account] : s.world.accounts)
        // Named by its ARN, shown by a short id as a key is.
        for (const auto& [endpoint_id, endpoint] : account.vpc_endpoints)
            add(NodeKind::VpcEndpoint, endpoint.arn, endpoint_id.size() > 16 ? endpoint_id.substr(0, 13) + "..." : endpoint_id, id);
    for (const auto& [id, account] : s.world.accounts)
        for (const auto& [name, ap] : account.access_points) add(NodeKind::AccessPoint, ap.arn, name, id);
    bool outside = false, services = false;
    static const std::string kServices = "aws-services";  // the region of the AWS service principals acting
    for (const auto& [name, actor] : s.actors) {
        const auto it = m.by_key.find(actor.principal);
        const std::optional<iam::Arn> arn = iam::Arn::parse(actor.principal);
        const std::string root_account = arn && arn->service == "iam" && arn->resource == "root" ? arn->account : "";
        if (it != m.by_key.end()) {
            m.nodes[it->second].actors.push_back(name);
        } else if (!root_account.empty() && s.world.accounts.count(root_account)) {
            // An account's root user acting in the scenario (an SCP lesson's "even root is denied") is drawn in its
            // account, with the actor's name.
            add(NodeKind::Root, actor.principal, name, root_account);
            m.nodes.back().actors.push_back(name);
        } else if (actor.principal.empty()) {
            add(NodeKind::Outside, "actor:" + name, name, "");
            m.nodes.back().actors.push_back(name);
            outside = true;
        } else if (aws::is_service_principal(actor.principal)) {
            // An AWS service acting on a resource's behalf (lesson 25's S3 Inventory): in AWS, in no account.
            add(NodeKind::Outside, actor.principal, name, kServices);  // keyed as Replay::node_of_actor keys it
            m.nodes.back().actors.push_back(name);
            services = true;
        }
    }

    for (const auto& [id, account] : s.world.accounts) {
        MapRegion r;
        r.account = id;
        r.alias = account.alias;
        r.label = account.alias.empty() ? id : account.alias + "  " + id;
        // Its place in the organization: the management account, which no SCP restricts, or a member, with the OUs
        // above it ("Workloads/Prod") and the SCPs that reach it (at the root, on those OUs or on the account).
        if (const auto& org = s.world.organization; org && org->accounts.count(id)) {
            if (org->management == id) {
                r.note = tr(Ui::ManagementAccount, lang);
            } else {
                std::string scps;  // as the evaluation finds them (World::scp_levels), FullAWSAccess aside
                const auto levels = s.world.scp_levels(id);
                for (const auto& level : levels)
                    for (const iam::Policy* p : level)
                        // FullAWSAccess attached by the file itself (lesson 27 models its replacement so) says as
                        // little as AWS's default: where it is missing, the tail says so and the hover shows the level.
                        if (p != &org->full_aws_access_policy && p->name != "FullAWSAccess" &&
                            (", " + scps + ", ").find(", " + p->name + ", ") == std::string::npos)
                            scps += (scps.empty() ? "" : ", ") + p->name;
                std::string ous;
                for (const aws::OrganizationalUnit* ou : org->ou_chain(id)) ous += (ous.empty() ? "" : "/") + ou->name;
                if (!scps.empty()) {  // the short form: AWS's own words, the same in both languages
                    r.note_head = ous.empty() ? "SCP " : ous + ", SCP ";
                    for (std::size_t at = 0; at < scps.size();) {
                        const std::size_t end = std::min(scps.find(", ", at), scps.size());
                        r.note_scps.push_back(scps.substr(at, end - at));
                        at = end + 2;
                    }
                }
                if (ous.empty())
                    r.note = scps.empty() ? tr(Ui::MemberAccount, lang) : trf(Ui::MemberAccountScp, lang, scps.c_str());
                else
                    r.note = scps.empty() ? trf(Ui::MemberAccountOu, lang, ous.c_str())
                                          : trf(Ui::MemberAccountOuScp, lang, ous.c_str(), scps.c_str());
                // "(no FullAWSAccess)" when a level of its path has it neither by default nor attached by name: there
                // an allow-list limits the account (lesson 27's Workloads).
                const auto full = [&](const iam::Policy* p) { return p == &org->full_aws_access_policy || p->name == "FullAWSAccess"; };
                if (std::any_of(levels.begin(), levels.end(), [&](const auto& level) { return std::none_of(level.begin(), level.end(), full); }))
                    r.note_tail = tr(Ui::NoFullAwsAccess, lang);
                r.levels = organization_levels(s.world, id, levels, lang);
            }
        } else if (org) {
            // An account the organization does not have: no SCP reaches it, and no aws:PrincipalOrgID of ours.
            r.note = tr(Ui::NotInOrganization, lang);
        }
        m.regions.push_back(std::move(r));
    }
    if (services) {
        MapRegion r;
        r.account = kServices;
        r.label = tr(Ui::AwsServices, lang);
        m.regions.push_back(std::move(r));
    }
    if (outside) {
        MapRegion r;
        r.label = tr(Ui::OutsideAws, lang);
        m.regions.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < m.nodes.size(); ++i)
        for (auto& r : m.regions)
            if (r.account == m.nodes[i].account) r.nodes.push_back(i);

    // Regions in a grid: one row up to three accounts, then as square as it gets. The rows share the map's height by
    // the room their nodes need (the most any region of the row needs), so that the columns line up. The rows hold the
    // regions in order; or, when that saves the height of a row of nodes, regions of like need together (by need, cut
    // into rows; each row in order, the rows by their first region): lesson 18's management account, with no node to
    // draw, beside outside AWS, and development beside production.
    const std::size_t n = m.regions.size();
    const std::size_t cols = n <= 3 ? std::max<std::size_t>(n, 1) : static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n))));
    const float gap = ImGui::GetStyle().ItemSpacing.x * 1.5f;
    const float rw = (size.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const Metrics k;
    std::vector<float> text_widths(m.nodes.size());
    for (std::size_t i = 0; i < m.nodes.size(); ++i) text_widths[i] = ImGui::CalcTextSize(node_text(m.nodes[i], lang).c_str()).x + k.line;
    // Nodes as wide as their text, within their region's width; the height each region needs for them, and for one row.
    std::vector<float> widths(m.nodes.size()), need(n), least(n);
    const auto measure = [&](const std::vector<float>& region_w) {
        for (std::size_t i = 0; i < m.nodes.size(); ++i) widths[i] = std::min(rw - 2.0f * k.pad, text_widths[i]);
        for (std::size_t i = 0; i < n; ++i) {
            for (const std::size_t ni : m.regions[i].nodes) widths[ni] = std::min(region_w[i] - 2.0f * k.pad, text_widths[ni]);
            need[i] = region_height(m.regions[i], widths, region_w[i], k, false);
            least[i] = region_height(m.regions[i], widths, region_w[i], k, true);
        }
    };
    std::vector<float> region_w(n, rw);
    measure(region_w);
    using Grid = std::vector<std::vector<std::size_t>>;
    const auto grid_of = [&](const std::vector<std::size_t>& order) {
        Grid grid;
        for (std::size_t i = 0; i < n; i += cols) {
            grid.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(std::min(n, i + cols)));
            std::sort(grid.back().begin(), grid.back().end());
        }
        std::sort(grid.begin(), grid.end());
        return grid;
    };
    const auto most = [](const std::vector<float>& of, const std::vector<std::size_t>& row) {
        float h = 0.0f;
        for (const std::size_t i : row) h = std::max(h, of[i]);
        return h;
    };
    const auto height_of = [&](const Grid& grid) {
        float h = 0.0f;
        for (const auto& row : grid) h += most(need, row);
        return h;
    };
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    Grid grid = grid_of(order);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return need[a] > need[b]; });
    if (Grid packed = grid_of(order); height_of(packed) + k.node_h + k.vgap <= height_of(grid)) grid = std::move(packed);
    // The columns' widths, the same in every row so that they line up: each what its accounts' ids and widest nodes
    // need and a share of the rest by the most nodes one of them holds, so that an account crowded with roles is not
    // as narrow as one holding a single actor (lesson 26's "web" beside "AWS services" and "outside AWS"; the
    // screenshot review). Equal when they need more than there is.
    std::vector<float> col_least(cols, 0.0f), col_weight(cols, 0.0f);
    for (const auto& row : grid)
        for (std::size_t c = 0; c < row.size(); ++c) {
            // A title gives up the account's name before its id (draw_region_words): the id is the least it needs.
            const MapRegion& r = m.regions[row[c]];
            col_least[c] = std::max(col_least[c], ImGui::CalcTextSize((r.alias.empty() ? r.label : r.account).c_str()).x + 2.0f * k.pad);
            for (const std::size_t ni : r.nodes) col_least[c] = std::max(col_least[c], text_widths[ni] + 2.0f * k.pad);
            col_weight[c] = std::max(col_weight[c], static_cast<float>(r.nodes.size()));
        }
    const float needed = std::accumulate(col_least.begin(), col_least.end(), 0.0f);
    const float weights = std::accumulate(col_weight.begin(), col_weight.end(), 0.0f);
    const float room = size.x - gap * static_cast<float>(cols - 1);
    if (cols > 1 && needed <= room && weights > 0.0f) {
        for (const auto& row : grid)
            for (std::size_t c = 0; c < row.size(); ++c) region_w[row[c]] = col_least[c] + (room - needed) * col_weight[c] / weights;
        measure(region_w);
    }
    std::vector<float> row_need, row_least;
    for (const auto& row : grid) {
        row_need.push_back(most(need, row));
        row_least.push_back(most(least, row));
    }
    const std::vector<float> heights = share_heights(row_need, row_least, size.y - gap * static_cast<float>(grid.size() - 1));
    float y = origin.y;
    for (std::size_t row = 0; row < grid.size(); y += heights[row] + gap, ++row) {
        float x = origin.x;
        for (std::size_t c = 0; c < grid[row].size(); ++c) {
            MapRegion& r = m.regions[grid[row][c]];
            r.min = ImVec2(x, y);
            r.max = ImVec2(x + region_w[grid[row][c]], y + heights[row]);
            x = r.max.x + gap;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        m.region_of[m.regions[i].account] = i;
        place_region(replay, m, m.regions[i], widths, k);
        place_title(m.regions[i], lang);
    }
    return m;
}

// What a hop's label needs beside its text to sit in an account: its box's padding and a margin to the frame.
constexpr float kHopLabelMargin = 16.0f;

// The width of the widest account on the map.
float widest_region(const MapLayout& m) {
    return std::accumulate(m.regions.begin(), m.regions.end(), 0.0f,
                           [](float most, const MapRegion& r) { return std::max(most, r.max.x - r.min.x); });
}

std::optional<MapHop> map_hop(const Replay& replay, const MapLayout& m, std::size_t step) {
    if (step == 0 || step > replay.steps()) return std::nullopt;
    const Arrow& a = replay.arrow(step);
    // A call's target end falls back to the account the call acts in; an actor's end has nothing to fall back to.
    const std::optional<MapEnd> from = end_of(m, a.from_node, a.kind == ArrowKind::Answer ? a.account : "");
    const std::optional<MapEnd> to = end_of(m, a.to_node, a.kind == ArrowKind::Request ? a.account : "");
    if (!from || !to) return std::nullopt;
    MapHop hop{*from, *to, hop_path(m, *from, *to), plain_label(a.label), signed_line(a, m.lang), std::nullopt, {}};
    const std::string& target = a.kind == ArrowKind::Answer ? from->key : to->key;
    if (a.kind == ArrowKind::Message || target.rfind("account:", 0) != 0) return hop;
    // Drawn as its account, what the call acts on is named (the federated user, the managed policy), and its outcome
    // marked by the title.
    // A name longer than the widest account keeps its end ("(...customer-orders-archive)"): a table's 190-character
    // ARN ran across the whole map.
    if (const std::optional<iam::Arn> arn = iam::Arn::parse(a.target); arn && !arn->resource.empty())
        hop.label += " (" + fit_text(arn->resource, widest_region(m) - kHopLabelMargin - ImGui::CalcTextSize(" ()").x, Cut::Start) + ")";
    if (a.kind == ArrowKind::Answer) hop.allowed = !a.failed;
    else if (const std::vector<const DecisionInfo*> decisions = replay.decisions_of(step); !decisions.empty())
        hop.allowed = std::all_of(decisions.begin(), decisions.end(), [](const DecisionInfo* d) { return d->allowed; });
    hop.mark = m.regions[m.region_of.at(target.substr(8))].mark;
    return hop;
}

HopLabel hop_label_box(const Replay& replay, const MapLayout& m, const MapHop& hop, std::size_t step, const std::vector<TrustEdge>& trust) {
    const std::vector<ImVec2>& path = hop.path;
    const float line = ImGui::GetTextLineHeight(), side = line * 0.9f, band = line * 1.5f;
    // What it had better not cover, and how much that weighs against the hop itself (a label on it hides where it
    // goes): the accounts' titles, notes and "+N more", and the outcome marks (the hop's by its account's title, the
    // nodes' at this step), twice the area covered; the trust edges' demands (the ExternalId a lesson is about) four
    // times; each, however little of it is covered, as much as the hop.
    std::vector<std::pair<MapBox, float>> avoid;
    for (const MapRegion& r : m.regions) {
        avoid.push_back({MapBox{r.title_min, r.title_max}, 2.0f});
        if (!r.note.empty()) avoid.push_back({MapBox{r.note_min, r.note_max}, 2.0f});
        if (!r.folded.empty()) avoid.push_back({MapBox{r.more_min, r.more_max}, 2.0f});
    }
    if (hop.allowed) avoid.push_back({MapBox{hop.mark, ImVec2(hop.mark.x + side, hop.mark.y + side)}, 2.0f});
    for (const MapNode& n : m.nodes)
        if (n.placed && replay.outcome_on(n.key, step).known()) {
            const ImVec2 at(n.max.x - line * 0.55f, n.min.y - line * 0.45f);  // as draw_nodes marks it
            avoid.push_back({MapBox{at, ImVec2(at.x + side, at.y + side)}, 2.0f});
        }
    for (const TrustEdge& e : trust)
        if (!e.demands.empty()) avoid.push_back({e.tag, 4.0f});
    const auto joins = [&](const MapRegion& r) { return holds(r, centre_of(hop.from)) || holds(r, centre_of(hop.to)); };
    // The gaps between accounts side by side: the x of the middle of each, and the heights under both title bands.
    struct Gap {
        float x, top, bottom;
    };
    std::vector<Gap> gaps;
    for (const MapRegion& a : m.regions)
        for (const MapRegion& b : m.regions) {
            const auto row = [&](const MapRegion& r) { return std::fabs(r.min.y - a.min.y) < 1.0f; };
            if (a.max.x < b.min.x && row(b) && std::none_of(m.regions.begin(), m.regions.end(), [&](const MapRegion& c) {
                    return row(c) && c.min.x > a.max.x && c.max.x < b.min.x;
                }))
                gaps.push_back(Gap{(a.max.x + b.min.x) * 0.5f, a.min.y + band, std::min(a.max.y, b.max.y)});
        }
    // A place's cost: first the nodes it covers (and what of it is off the map); then how it sits on the accounts'
    // frames: 0 inside one account's box (or clear of every account), 1 across the gaps between accounts side by side
    // under their title bands, from a line inside one to a line inside another (a label wider than any account), 2
    // across a border anywhere else or astride the foot of a title band; then the rest (in an account the hop does not
    // join, half its area: a label there reads as that account's). Slivers of less than a pixel's area are rounding,
    // not cover (a box just inside the map was a place off it).
    struct Cost {
        float nodes = 0.0f;
        int frames = 0;
        float rest = 0.0f;
        bool operator<(const Cost& o) const {
            if (nodes != o.nodes) return nodes < o.nodes;
            if (frames != o.frames) return frames < o.frames;
            return rest < o.rest;
        }
    };
    const auto cost = [&](const MapBox& b) {
        const float area = (b.max.x - b.min.x) * (b.max.y - b.min.y), off = area - b.overlap_area(MapBox{m.min, m.max});
        Cost c;
        c.nodes = off < 1.0f ? 0.0f : off;
        for (const MapNode& n : m.nodes)
            if (n.placed) c.nodes += b.overlap_area(MapBox{n.min, n.max});
        for (const auto& [box, weight] : avoid)
            if (const float covered = b.overlap_area(box); covered > 0.0f) c.rest += area + weight * covered;
        for (std::size_t i = 1; i < path.size(); ++i)  // the hop itself: a label on it hides where it goes
            if (segment_crosses(path[i - 1], path[i], b.min, b.max)) {
                c.rest += area;
                break;
            }
        bool crosses = false, sides_only = true;
        for (const MapRegion& r : m.regions) {
            const float in = b.overlap_area(MapBox{r.min, r.max});
            if (in < 1.0f) continue;
            // Over the frame's wide stroke, inside the edge: the border's colour ran through the first letters (lesson
            // 27's "dynamodb:CreateTable (table/orders)" on sandbox's left edge). As bad as covering a title, where
            // the account has room inside it.
            const float clear = b.overlap_area(MapBox{ImVec2(r.min.x + kFrameStroke, r.min.y + kFrameStroke),
                                                      ImVec2(r.max.x - kFrameStroke, r.max.y - kFrameStroke)});
            if (in - clear >= 1.0f && area - in < 1.0f) c.rest += area;
            if (area - in >= 1.0f) {  // astride its border, whose line runs through the text
                crosses = true;
                sides_only = sides_only && b.min.y >= r.min.y + band && b.max.y <= r.max.y;
                c.rest += 0.25f * std::min(in, area - in);
            } else if (const float t = b.overlap_area(MapBox{r.min, ImVec2(r.max.x, r.min.y + band)}); t >= 1.0f && area - t >= 1.0f) {
                c.frames = 2;
            } else if (!joins(r)) {
                c.rest += 0.5f * area;
            }
        }
        const auto well_inside = [&](float x) {
            return std::any_of(m.regions.begin(), m.regions.end(), [&](const MapRegion& r) {
                return x >= r.min.x + line && x <= r.max.x - line && b.min.y >= r.min.y && b.max.y <= r.max.y;
            });
        };
        if (crosses) c.frames = sides_only && well_inside(b.min.x) && well_inside(b.max.x) ? 1 : 2;
        return c;
    };
    // Where a label w by h may go (its top left): by points along the hop, the middles of its segments and its ends,
    // above or below them (centred, or reaching right or left from them), further above or below, or beside them; then
    // by the boxes it joins, under or over them (flush with their left or right side), or beside them. Each moved onto
    // the map; then into each account it lies on that has room for it, inside its frame (also clear of its title band
    // and note); then, by the gap between two accounts side by side, centred on the gap under their title bands. The
    // best of these, when it covers something, also moved just past what it covers.
    const auto best_place = [&](float w, float h, MapBox& best, Cost& least) {
        std::vector<ImVec2> anchors;
        for (const float t : {0.5f, 0.35f, 0.65f, 0.25f, 0.75f}) anchors.push_back(point_along(path, t));
        for (std::size_t i = 1; i < path.size(); ++i) anchors.emplace_back((path[i - 1].x + path[i].x) * 0.5f, (path[i - 1].y + path[i].y) * 0.5f);
        anchors.push_back(path.front());
        anchors.push_back(path.back());
        const float gap = line * 0.3f, reach = line * 0.5f, far = line * 1.3f;
        std::vector<ImVec2> places;
        for (const ImVec2 p : anchors) {
            for (const float y : {-gap - h, gap, -gap - h - far, gap + far})
                for (const float x : {-w * 0.5f, -reach, reach - w}) places.emplace_back(p.x + x, p.y + y);
            places.emplace_back(p.x + line * 0.6f, p.y - h * 0.5f);
            places.emplace_back(p.x - line * 0.6f - w, p.y - h * 0.5f);
        }
        for (const MapEnd* e : {&hop.from, &hop.to}) {
            for (const float y : {e->max.y + gap, e->min.y - gap - h})
                for (const float x : {e->min.x, e->max.x - w}) places.emplace_back(x, y);
            places.emplace_back(e->max.x + gap, (e->min.y + e->max.y - h) * 0.5f);
            places.emplace_back(e->min.x - gap - w, (e->min.y + e->max.y - h) * 0.5f);
        }
        const auto fit = [&](ImVec2 at, ImVec2 min, ImVec2 max) {
            return ImVec2(std::max(min.x, std::min(at.x, max.x - w)), std::max(min.y, std::min(at.y, max.y - h)));
        };
        bool found = false;
        for (const ImVec2 place : places) {
            const ImVec2 at = fit(place, m.min, m.max);
            const MapBox box{at, ImVec2(at.x + w, at.y + h)};
            std::vector<ImVec2> tries = {at};
            for (const MapRegion& r : m.regions) {
                if (box.overlap_area(MapBox{r.min, r.max}) <= 0.0f || r.max.x - r.min.x < w + 8.0f || r.max.y - r.min.y < h + 8.0f) continue;
                // Clear of the frame's stroke where the account is wide enough, else just inside its edge.
                const float inset = r.max.x - r.min.x >= w + 2.0f * kFrameStroke + 2.0f ? kFrameStroke + 1.0f : 4.0f;
                const float drop = r.max.y - r.min.y >= h + 2.0f * kFrameStroke + 2.0f ? kFrameStroke + 1.0f : 4.0f;
                tries.push_back(fit(at, ImVec2(r.min.x + inset, r.min.y + drop), ImVec2(r.max.x - inset, r.max.y - drop)));
                const float top = r.min.y + band + 2.0f, bottom = r.note.empty() ? r.max.y - kFrameStroke - 1.0f : r.note_min.y - 2.0f;
                if (bottom - top < h) continue;
                tries.push_back(fit(at, ImVec2(r.min.x + inset, top), ImVec2(r.max.x - inset, bottom)));
                // And just under or over each of its nodes: the room an account has is often between its rows (lesson
                // 27's two-line "ec2:DescribeInstances: UnauthorizedOperation" at 1600x900 had none in sandbox, and
                // straddled the gap to shared, whose room under its bucket no place reached).
                for (const std::size_t ni : r.nodes) {
                    const MapNode& n = m.nodes[ni];
                    if (!n.placed) continue;
                    for (const float y : {n.max.y + gap, n.min.y - gap - h})
                        tries.push_back(fit(ImVec2(at.x, y), ImVec2(r.min.x + inset, top), ImVec2(r.max.x - inset, bottom)));
                }
            }
            for (const Gap& g : gaps)
                if (box.min.x < g.x + w && box.max.x > g.x - w && g.bottom - g.top >= h)
                    tries.push_back(ImVec2(g.x - w * 0.5f, std::clamp(at.y, g.top, g.bottom - h)));
            for (const ImVec2 t : tries) {
                const MapBox b{t, ImVec2(t.x + w, t.y + h)};
                if (const Cost c = cost(b); !found || c < least) {
                    best = b;
                    least = c;
                    found = true;
                }
                if (least.nodes == 0.0f && least.frames == 0 && least.rest == 0.0f) return;
            }
        }
        // The best of them nudged off what it covers (a node, a title, a demand), just past it on each side: twice.
        for (int round = 0; round < 2; ++round) {
            std::vector<MapBox> covered;
            for (const MapNode& n : m.nodes)
                if (n.placed && best.overlap_area(MapBox{n.min, n.max}) > 0.0f) covered.push_back(MapBox{n.min, n.max});
            for (const auto& [box, weight] : avoid)
                if (best.overlap_area(box) > 0.0f) covered.push_back(box);
            const MapBox from = best;
            for (const MapBox& o : covered)
                for (const ImVec2 t : {ImVec2(from.min.x, o.max.y + 1.0f), ImVec2(from.min.x, o.min.y - 1.0f - h),
                                       ImVec2(o.max.x + 1.0f, from.min.y), ImVec2(o.min.x - 1.0f - w, from.min.y)}) {
                    const MapBox b{t, ImVec2(t.x + w, t.y + h)};
                    if (const Cost c = cost(b); c < least) {
                        best = b;
                        least = c;
                    }
                }
        }
    };
    // The label on one line; when no account is wide enough for it, also broken before " (" and after ": " into lines
    // each account's width has room for (as few as can be), kept when that places it better. `as` on a line under it.
    const float widest = widest_region(m);
    std::vector<std::string> texts = {hop.label};
    std::vector<std::string> pieces(1);
    for (std::size_t i = 0; i < hop.label.size(); ++i) {
        pieces.back() += hop.label[i];
        if (hop.label.compare(i, 2, ": ") == 0 || hop.label.compare(i + 1, 2, " (") == 0) {
            pieces.emplace_back();
            ++i;  // the space is the break
        }
    }
    const bool too_wide = ImGui::CalcTextSize(hop.label.c_str()).x + kHopLabelMargin > widest;
    if (pieces.size() > 1) {
        // As few lines as the widest account allows when none has room for one; else a line a piece, narrower, for
        // an account that has room for the label's width but not beside its nodes.
        std::string wrapped, row;
        for (const std::string& piece : pieces) {
            if (!row.empty() && (!too_wide || ImGui::CalcTextSize((row + " " + piece).c_str()).x + kHopLabelMargin > widest)) {
                wrapped += row + "\n";
                row.clear();
            }
            row += (row.empty() ? "" : " ") + piece;
        }
        texts.push_back(wrapped + row);
    }
    HopLabel out;
    Cost least;
    for (const std::string& text : texts) {
        ImVec2 ts = ImGui::CalcTextSize(text.c_str());
        if (!hop.as.empty()) ts = ImVec2(std::max(ts.x, ImGui::CalcTextSize(hop.as.c_str()).x), ts.y + line);
        MapBox box{};
        Cost c;
        best_place(ts.x + 8.0f, ts.y + 4.0f, box, c);
        if (text == texts.front() || c < least) {
            static_cast<MapBox&>(out) = box;
            out.text = text;
            least = c;
        }
    }
    return out;
}

std::vector<TrustEdge> trust_edges(const Replay& replay, const MapLayout& m) {
    std::vector<TrustEdge> edges;
    const auto add = [&](const EdgeSource& source, const std::string& from, const MapNode& target, const std::string& demands) {
        edges.push_back(TrustEdge{from, target.key, route(m, source, end_at(target)), demands, {}});
        if (!demands.empty()) edges.back().tag = demand_tag(m, edges.back().path, demands);
    };
    std::set<std::pair<const MapNode*, const MapNode*>> feeds;  // IdP actor -> provider, drawn once
    for (const auto& [id, account] : replay.scenario().world.accounts) {
        for (const auto& [name, role] : account.roles) {
            const MapNode* target = m.find(role.arn);
            if (target == nullptr) continue;
            const json& doc = *role.trust.document;
            const json statements = doc.contains("Statement") ? (doc["Statement"].is_array() ? doc["Statement"] : json::array({doc["Statement"]})) : json::array();
            for (const json& st : statements) {
                if (!st.is_object() || st.value("Effect", "") != "Allow" || !st.contains("Principal")) continue;
                const json& p = st["Principal"];
                if (!p.is_object()) continue;
                const std::string conditions = st.contains("Condition") ? st["Condition"].dump() : "";
                std::string demands;
                if (conditions.find("sts:ExternalId") != std::string::npos) demands = "ExternalId";
                if (conditions.find("MultiFactorAuth") != std::string::npos) demands += demands.empty() ? "MFA" : " + MFA";
                const json federated = !p.contains("Federated") ? json::array() : p["Federated"].is_array() ? p["Federated"] : json::array({p["Federated"]});
                for (const json& f : federated) {
                    if (!f.is_string()) continue;
                    const MapNode* provider = m.find(f.get<std::string>());
                    const MapNode* idp = idp_node(replay, m, f.get<std::string>());
                    if (provider != nullptr) add(EdgeSource{end_at(*provider), {}, {}}, provider->key, *target, demands);
                    const MapNode* to = provider != nullptr ? provider : target;  // a well-known issuer has no provider node
                    if (idp != nullptr && feeds.insert({idp, to}).second) add(EdgeSource{end_at(*idp), {}, {}}, idp->key, *to, "");
                }
                if (!p.contains("AWS")) continue;
                const json aws = p["AWS"].is_array() ? p["AWS"] : json::array({p["AWS"]});
                for (const json& who : aws) {
                    if (!who.is_string()) continue;
                    const std::string w = who.get<std::string>();
                    // A trust naming ACCT:root names the account (facts §1), never the root user's node.
                    if (const MapNode* n = m.find(w); n != nullptr && n->kind != NodeKind::Root) {
                        add(EdgeSource{end_at(*n), {}, {}}, n->key, *target, demands);
                        continue;
                    }
                    const std::optional<iam::Arn> parsed = iam::Arn::parse(w);
                    const std::string acct = iam::is_account_id(w) ? w : parsed ? parsed->account : "";
                    const auto r = m.region_of.find(acct);
                    if (r != m.region_of.end() && !acct.empty())
                        add(account_source(m.regions[r->second], *target), "account:" + acct, *target, demands);
                }
            }
        }
    }
    return edges;
}

bool segment_crosses(ImVec2 a, ImVec2 b, ImVec2 min, ImVec2 max) {
    // The part of a-b inside the box shrunk by a pixel (Liang-Barsky), as the parameters t0 < t1 along a-b.
    min = ImVec2(min.x + 1.0f, min.y + 1.0f);
    max = ImVec2(max.x - 1.0f, max.y - 1.0f);
    if (min.x >= max.x || min.y >= max.y) return false;
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float p[4] = {-dx, dx, -dy, dy};
    const float q[4] = {a.x - min.x, max.x - a.x, a.y - min.y, max.y - a.y};
    float t0 = 0.0f, t1 = 1.0f;
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0f) {
            if (q[i] < 0.0f) return false;
        } else if (p[i] < 0.0f) {
            t0 = std::max(t0, q[i] / p[i]);
        } else {
            t1 = std::min(t1, q[i] / p[i]);
        }
    }
    return t0 < t1;
}

MapLayout draw_world_map(const PanelRect& rect, ViewState& view, std::size_t file) {
    MapLayout m;
    const Language lang = view.ui_language();
    const std::string title = view.files.size() > 1 ? trf(Ui::WorldOf, lang, view.files[file].title(view.language).c_str())
                                                    : tr(Ui::WorldMap, lang);
    if (begin_panel(("map" + std::to_string(file)).c_str(), title, rect,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        const Replay* replay = view.replay(file);
        if (replay == nullptr) {
            if (file < view.files.size() && !view.files[file].error.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
                text_wrapped(trf(Ui::CouldNotBeLoaded, lang, view.files[file].path.c_str()));
                ImGui::PopStyleColor();
                ImGui::TextUnformatted(view.files[file].error.c_str());
            } else {
                hint(tr(Ui::WorldNoScenario, lang));
            }
        } else {
            if (const std::string& e = view.files[file].error; !e.empty()) {
                // The file on disk is broken now: its faults, over the last good run (hover for all of them).
                const std::size_t first_break = e.find('\n');
                ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
                text_wrapped(trf(Ui::FileHasErrors, lang, e.substr(0, first_break).c_str()) +
                             (first_break == std::string::npos ? "" : tr(Ui::MoreOnHover, lang)));
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.c_str());
            } else if (view.files.size() > 1) {
                if (file == view.focus) ImGui::TextColored(warning_colour(), "%s", tr(Ui::ShownInInspector, lang));
                else if (ImGui::SmallButton(tr_label(Ui::ShowInInspector, lang, "show").c_str())) view.focus = file;
                // A pane that did not move with the cursor says why, so that its last hop is not taken for this moment's.
                if (view.waits(file)) {
                    const bool ended = view.step_of(file) == replay->steps();
                    ImGui::SameLine();
                    // Set off from "in the inspector below", which it would otherwise read as one sentence with.
                    ImGui::TextDisabled("%s", fit_text(std::string("| ") + tr(ended ? Ui::PaneEnded : Ui::PaneWaits, lang),
                                                       ImGui::GetContentRegionAvail().x).c_str());
                }
            } else {
                ImGui::TextDisabled("%s", tr(Ui::MapLegend, lang));
            }
            const ImVec2 origin = ImGui::GetCursorScreenPos();
            const ImVec2 avail = ImGui::GetContentRegionAvail();
            // Room for the list of sessions held, as many lines as the run ever needs (at most 4): the same at every
            // step, so the nodes stay where they are while the cursor moves.
            const std::size_t sessions = replay->peak_sessions();
            const float legend = ImGui::GetTextLineHeight() * static_cast<float>(std::min<std::size_t>(sessions, 4));
            m = layout_world_map(*replay, origin, ImVec2(avail.x, avail.y - legend - (legend > 0 ? 4.0f : 0.0f)), lang);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const std::size_t step = view.step_of(file);
            for (const MapRegion& r : m.regions) draw_region(*replay, r, draw);
            const std::vector<TrustEdge> trust = trust_edges(*replay, m);
            draw_trust(trust, draw);
            draw_nodes(*replay, view, step, m, draw);
            draw_demands(trust, draw);
            draw_held(*replay, view, step, m, draw, ImVec2(origin.x + 4.0f, origin.y + avail.y - 2.0f));
            const std::optional<MapHop> hop = map_hop(*replay, m, step);
            const std::optional<HopLabel> label = hop ? std::optional(hop_label_box(*replay, m, *hop, step, trust)) : std::nullopt;
            if (hop) draw_hop(*replay, step, view.hop_of(file), *hop, *label, draw);
            for (const MapRegion& r : m.regions) draw_region_words(*replay, m, r, lang, draw);
            if (hop) draw_hop_label(*replay, step, *hop, *label, draw);
        }
    }
    ImGui::End();
    return m;
}

std::vector<std::string> note_lines(const MapRegion& r, float room) {
    const auto lines = [&](const std::string& text) {
        std::vector<std::string> out;
        const std::string wrapped = wrap_text(text, room);
        for (std::size_t at = 0; at <= wrapped.size();) {
            const std::size_t end = std::min(wrapped.find('\n', at), wrapped.size());
            out.push_back(wrapped.substr(at, end - at));
            at = end + 1;
        }
        return out;
    };
    std::vector<std::string> out;
    if ((out = lines(r.note + r.note_tail)).size() <= kNoteLines) return out;
    if (!r.note_tail.empty() && (out = lines(r.note)).size() <= kNoteLines) return out;
    for (std::size_t kept = r.note_scps.size() + 1; kept-- > 0 && !r.note_head.empty();) {
        std::string text = r.note_head;
        for (std::size_t i = 0; i < kept; ++i) text += (i == 0 ? "" : ", ") + r.note_scps[i];
        if (kept < r.note_scps.size()) text += (kept == 0 ? "+" : " +") + std::to_string(r.note_scps.size() - kept);
        if ((out = lines(text)).size() <= kNoteLines) return out;
    }
    // Not even the count ("Workloads/Prod, SCP +3"): the long form, its last line cut.
    out = lines(r.note);
    std::string last = out[kNoteLines - 1];
    for (std::size_t i = kNoteLines; i < out.size(); ++i) last += " " + out[i];
    out.resize(kNoteLines);
    out.back() = fit_text(last, room);
    return out;
}

}  // namespace stslab::viz
