// The world map's geometry, worked out apart from drawing it: where the accounts and their nodes go and which nodes
// fold for lack of room, the routes of the trust edges, and the hop of a step. world_map.cpp draws them; the tests
// check them in an ImGui context of their own (sizes come from the current font and style, so call these inside a
// frame).
#pragma once

#include "model/replay.hpp"
#include "text.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stslab::viz {

// A rectangle on the map: a label's, which other labels keep clear of.
struct MapBox {
    ImVec2 min, max;
    // The area it shares with `o`.
    float overlap_area(const MapBox& o) const {
        const float w = std::min(max.x, o.max.x) - std::max(min.x, o.min.x);
        const float h = std::min(max.y, o.max.y) - std::max(min.y, o.min.y);
        return w > 0.0f && h > 0.0f ? w * h : 0.0f;
    }
};

enum class NodeKind { User, Role, Bucket, Instance, KmsKey, VpcEndpoint, AccessPoint, SamlProvider, OidcProvider, Root, Outside };

struct MapNode {
    NodeKind kind;
    std::string key;     // ARN (or "actor:NAME" for actors outside AWS)
    std::string name;
    std::string account;
    std::vector<std::string> actors;  // actors acting as this principal
    ImVec2 min, max;
    bool placed = false;
    ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

struct MapRegion {
    std::string account;  // "" for outside AWS
    std::string alias;    // the account's name, "" when it has none
    std::string label;    // its title: "ALIAS  ACCOUNT", the account alone, or the region's name
    ImVec2 min, max;
    std::vector<std::size_t> nodes;   // indexes into MapLayout::nodes
    std::vector<std::size_t> folded;  // those it has no room to draw, in the same order: "+N more" names them on hover
    std::string note;  // the account's place in the organization, written at the region's foot
    std::string note_tail;  //   and what follows it when there is room (" (no FullAWSAccess)"), else on hover
    // Its short form when the note has no room: the OUs above it and "SCP ", then the names of the SCPs.
    std::string note_head;
    std::vector<std::string> note_scps;
    // What hovering the note shows: the SCPs (then any RCPs) that reach the account, a level a line, root first
    // ("  OU Workloads: WorkloadsAllowedServices, ProtectWorkloads"), each list under its heading.
    std::vector<std::string> levels;
    ImVec2 title_min, title_max;  // where its title shows (short of "+N more"): a line to the account ends there
    ImVec2 more_min, more_max;    // "+N more", at the right of its title band, when it folds nodes
    std::string more;             //   its text: "+N" when "+N more" would leave the account's id no room
    ImVec2 note_min, note_max;    // its note, at its foot, when it has one
    std::vector<std::string> note_lines;  // the note as drawn: wrapped at the region's width (note_lines)
    ImVec2 mark;                  // the top left of the outcome mark (a square 0.9 lines wide) of a call on it: right of
                                  //   its title, or over the title's end when "+N more" or its edge leaves no room
};

struct MapLayout {
    std::vector<MapNode> nodes;
    std::vector<MapRegion> regions;
    std::map<std::string, std::size_t> by_key;  // ARN -> node
    std::map<std::string, std::size_t> region_of;  // account id -> its region in `regions`
    ImVec2 min, max;                               // the map's rectangle
    Language lang = Language::English;             // the language it was laid out in (its words, the hops' labels)
    // The node `key` names, when it is drawn.
    const MapNode* find(const std::string& key) const {
        const auto it = by_key.find(key);
        return it == by_key.end() || !nodes[it->second].placed ? nullptr : &nodes[it->second];
    }
};

// Lays the map out in the rectangle at `origin` of `size`.
MapLayout layout_world_map(const Replay& replay, ImVec2 origin, ImVec2 size, Language lang);

// What a node says: its kind and name, and the actors acting as it when their names differ.
std::string node_text(const MapNode& n, Language lang);

// An account's note (MapRegion::note, note_tail, note_head and note_scps) as the lines it is drawn in at the region's
// foot, `room` wide, wrapped at spaces into at most kNoteLines lines: the note and its tail ("member account in
// Workloads/Prod, SCP DenyOutsideSeoul, ... (no FullAWSAccess)"); else without the tail; else its short form
// ("Workloads/Prod, SCP DenyOutsideSeoul, WorkloadsAllowedServices, ProtectWorkloads"); else that with its last SCPs
// given up for their count ("Workloads/Prod, SCP DenyOutsideSeoul +2", "Workloads/Prod, SCP +3"). An SCP's name is
// never cut ("FullAWSAc..." read as some other policy); the whole note and each level's SCPs show on hover. One line:
// a second took the room lesson 27's two-line hop labels need inside its prod account at 1920x1080, and they crossed
// into management.
constexpr std::size_t kNoteLines = 1;
std::vector<std::string> note_lines(const MapRegion& r, float room);
// A bucket's hover line for its default encryption: "default encryption: SSE-S3 (AES256)", "... aws:kms KEY-ARN", or
// "... aws:kms (aws/s3)" when it names no key.
std::string default_encryption_text(const aws::BucketEncryption& e, Language lang);

// Where a line on the map ends: a node, or an account's title.
struct MapEnd {
    std::string key;  // the node's key, or "account:ID"
    ImVec2 min, max;  // the box the line stops at
};

// The step's line: from the caller to what it acts on (the node, else the account it acts in), the answer back, a
// message between actors. `from` and `to` are the same box for a call on the caller itself (a user attaching a
// policy to itself), drawn as a loop.
struct MapHop {
    MapEnd from, to;
    std::vector<ImVec2> path;  // from `from` to `to` around the nodes it does not join, as trust edges go; a loop round
                               //   the corner of the box for a call on the caller itself
    std::string label;  // the call, and what it acts on when that has no node ("sts:GetFederationToken (federated-user/kim)")
    // For a call signed with credentials that are not its caller's own (Arrow::signed_by: lesson 21's stolen key),
    // written under the label: who AWS took the caller for, as CloudTrail records it ("as user/admin"); or, when AWS
    // took it for no one (a deleted key), whose key signed it ("with user/admin's key"). The hop still comes from the
    // caller, who sends it. "" otherwise.
    std::string as;
    // A call going to (or answering from) an account's title: whether it was allowed, as a node it acts on is marked,
    // once known (at its answer, or at its request the decisions made on it); drawn at the region's `mark`.
    std::optional<bool> allowed;
    ImVec2 mark;
};
std::optional<MapHop> map_hop(const Replay& replay, const MapLayout& m, std::size_t step);

// A trust relationship: who may assume a role (an AWS principal's node, or a whole account from its title), or an
// identity provider feeding its provider; drawn as a dashed path that goes around the nodes it does not connect.
struct TrustEdge {
    std::string from, to;       // keys: a node's, or "account:ID"
    std::vector<ImVec2> path;   // at least two points
    std::string demands;        // what the trust demands ("ExternalId", "MFA"), or ""
    MapBox tag;                 // where `demands` is written: by the edge, covering as little of the nodes as it can
};
std::vector<TrustEdge> trust_edges(const Replay& replay, const MapLayout& m);

// A hop's label where it goes: its box (the text inset 4 by 2 pixels, the hop's `as` on a line under it) and its text,
// the hop's label on one line or, when no account is wide enough for that, broken into lines.
struct HopLabel : MapBox {
    std::string text;
};

// Where the label of the hop at `step` goes, tried in turn: by points along its route and each segment's middle and its
// ends, above, below or beside them; then under, over or beside the boxes it joins; each moved onto the map, and also
// into each account it lies on (and there clear of the title band and the note), and, by a gap between accounts side by
// side, centred on the gap. The first place that covers no node and nothing else: inside one account (or in no
// account), no account's title, note or "+N more", no trust edge's demand, no outcome mark (a node's at `step`, the
// hop's by an account's title), not the hop itself, not in an account the hop does not join. Else, of those that
// cover no node, one that crosses no account's border and no title band's foot if there is one, else one across the
// gaps between accounts side by side (under their title bands, from well inside one account to well inside another),
// else any; of these, the one that covers least of the rest. Only when all cover a node, the one that covers least of
// the nodes. A label wider than every account is also tried broken into lines (before " (", after ": "), and so placed
// when that is better. Trust edges' demands as trust_edges placed them.
HopLabel hop_label_box(const Replay& replay, const MapLayout& m, const MapHop& hop, std::size_t step, const std::vector<TrustEdge>& trust);

// Whether the segment a-b runs through the inside of the box [min, max] (along or on its border is not through).
bool segment_crosses(ImVec2 a, ImVec2 b, ImVec2 min, ImVec2 max);

}  // namespace stslab::viz
