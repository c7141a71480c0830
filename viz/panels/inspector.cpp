// Inspector: the focused file's step at the cursor (picking an arrow or a CloudTrail row moves the cursor there). Its decision explained
// in AWS's evaluation order (explicit deny, RCPs, SCPs, resource-based policy, identity-based policies, permissions
// boundary, session policy; for AssumeRole the trust policy and its conditions such as sts:ExternalId), every
// policy and statement considered with what matched, the deciding statement highlighted; the request and response
// as formatted JSON; and the credentials involved, with the time they have left in simulated time.
#include "panels/panels.hpp"

#include "aws/idp.hpp"
#include "iam/policy.hpp"

#include <algorithm>

namespace stslab::viz {
namespace {

using json = nlohmann::json;

bool flag(const json& j, const char* key) {
    if (!j.is_object()) return false;
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

void coloured(ImU32 colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text_wrapped(text);
    ImGui::PopStyleColor();
}

// One part of a statement: "action  ✓  s3:GetObject matches s3:Get*".
void part(const char* name, const json& j, Language lang) {
    if (!j.is_object()) return;
    const bool ok = flag(j, "matched");
    const float line = ImGui::GetTextLineHeight();
    ImGui::TextDisabled("%-9s", name);
    ImGui::SameLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_mark(ImGui::GetWindowDrawList(), ImVec2(p.x, p.y + line * 0.1f), line * 0.8f, ok);
    ImGui::Dummy(ImVec2(line, line));
    ImGui::SameLine();
    const std::string ko = lang == Language::Korean ? text_of(j, "detail_ko") : std::string();
    text_wrapped(ko.empty() ? text_of(j, "detail") : ko);
}

std::string values_text(const json& values) {
    if (values.is_string()) return "\"" + values.get<std::string>() + "\"";
    return values.dump();
}

void statement(const json& st, bool decided, Language lang) {
    const bool applies = flag(st, "applies");
    const bool deny = text_of(st, "effect") == "Deny";
    std::string head = text_of(st, "path");
    if (!text_of(st, "sid").empty()) head += " (" + text_of(st, "sid") + ")";
    head += "  " + text_of(st, "effect") + tr(applies ? Ui::Applies : Ui::DoesNotApply, lang);
    if (decided) head += tr(Ui::Decided, lang);
    const ImU32 colour = !applies ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : deny ? deny_colour() : allow_colour();
    if (decided) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + ImGui::GetTextLineHeightWithSpacing()),
                                                  deny ? deny_colour(0.18f) : allow_colour(0.18f));
    }
    coloured(colour, head);
    ImGui::Indent();
    part("action", st.value("action", json()), lang);
    part("resource", st.value("resource", json()), lang);
    if (st.contains("principal")) part("principal", st["principal"], lang);
    if (st.contains("conditions")) {
        for (const json& c : st["conditions"]) {
            const bool present = flag(c, "key_present");
            const std::string in_request =
                c.contains("values_in_request") ? trf(Ui::InThisRequest, lang, values_text(c["values_in_request"]).c_str()) : "";
            const std::string request =
                present ? values_text(c.contains("request_values") ? c["request_values"] : c.value("request_value", json()))
                        : tr(Ui::KeyAbsent, lang);
            const std::string text = trf(Ui::Condition, lang, text_of(c, "operator").c_str(), text_of(c, "key").c_str(),
                                         values_text(c.value("values", json())).c_str(), in_request.c_str(), request.c_str());
            part("condition", json{{"matched", flag(c, "matched")}, {"detail", text}}, lang);
        }
    }
    ImGui::Unindent();
}

bool is_decider(const json& decision, const json& policy, const json& st) {
    if (!decision.contains("matched")) return false;
    const bool allowed = text_of(decision, "decision") == "Allow";
    for (const json& m : decision["matched"]) {
        if (text_of(m, "policy") != text_of(policy, "name") || text_of(m, "statement") != text_of(st, "path")) continue;
        if ((text_of(m, "effect") == "Deny") != allowed) return true;
    }
    return false;
}

// The policy document as written, one statement at a time, each marked as the explanation found it: the
// statements that decided on a strong background, the others that applied on a light one.
void document(const json& doc, const json& decision, const json& policy, Language lang) {
    if (!doc.is_object()) {  // a policy kept without its text (the eval fast path's)
        ImGui::TextDisabled("%s", tr(Ui::NoDocument, lang));
        return;
    }
    if (!ImGui::TreeNodeEx("##document", ImGuiTreeNodeFlags_DefaultOpen, "%s", tr(Ui::TheDocument, lang))) return;
    const json statements = doc.contains("Statement") ? doc["Statement"] : json();
    json head = doc;
    head.erase("Statement");
    json_text(head, "head");
    const json list = statements.is_array() ? statements : json::array({statements});
    const json checks = policy.value("statements", json::array());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json check = i < checks.size() ? checks[i] : json::object();
        const bool applies = flag(check, "applies"), decided = is_decider(decision, policy, check);
        const bool deny = text_of(check, "effect") == "Deny";
        const std::string text = text_of(check, "path") + "  " + list[i].dump(2);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        if (applies)
            ImGui::GetWindowDrawList()->AddRectFilled(
                p, ImVec2(p.x + std::max(size.x, ImGui::GetContentRegionAvail().x), p.y + size.y),
                deny ? deny_colour(decided ? 0.30f : 0.12f) : allow_colour(decided ? 0.30f : 0.12f));
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::TreePop();
}

void decision_view(const DecisionInfo& d, int index, Language lang) {
    const json& j = *d.data;
    ImGui::PushID(index);
    const std::string outcome = text_of(j, "decision"), denied_by = text_of(j, "denied_by");
    // "Explicitly denied by a Deny in an identity-based policy", "Implicitly denied: no role trust policy allows it":
    // an implicit deny is no policy's doing, only the absence of an Allow. Korean has no articles.
    const std::string article = lang == Language::Korean || denied_by.empty() ? ""
                                : std::string("aeiou").find(denied_by[0]) != std::string::npos ? "an " : "a ";
    const std::string type = policy_type(denied_by, lang);
    // An explicit deny no statement made (S3 Block Public Access's RestrictPublicBuckets) is no policy's Deny.
    bool deny_statement = false;
    if (const auto m = j.find("matched"); m != j.end() && m->is_array())
        for (const json& st : *m) deny_statement |= text_of(st, "effect") == "Deny";
    std::string head = d.allowed                  ? tr(Ui::Allowed, lang)
                       : outcome == "ExplicitDeny" ? (denied_by.empty() || !deny_statement ? tr(Ui::ExplicitlyDenied, lang)
                                                                        : trf(Ui::ExplicitlyDeniedBy, lang, (article + type).c_str()))
                                                   : (denied_by.empty() ? tr(Ui::ImplicitlyDenied, lang)
                                                                        : trf(Ui::ImplicitlyDeniedNo, lang, type.c_str()));
    const std::string asked = text_of(j, "action") + " on " + text_of(j, "resource"), label = text_of(j, "label");
    // What the label adds to the request, "(no such role)", "(by the bucket owner's root user, ...)", goes with it. In
    // Korean the request reads as the terminal's Korean lines read it (Ui::RequestOn).
    const std::string added = label.compare(0, asked.size(), asked) == 0 ? label.substr(asked.size()) : "";
    head += " - " + trf(Ui::RequestOn, lang, text_of(j, "action").c_str(), text_of(j, "resource").c_str()) + label_note(added, lang);
    coloured(d.allowed ? allow_colour() : deny_colour(), head);
    // The step that decided a denial says why in words of this request (the condition that failed, the level
    // without an Allow): first, under the headline, where a projector's small panel still shows it whole (the
    // ExternalId the request had was below the fold at 1920x1080), then who asked and AWS's message.
    if (const std::string why = refusal_reason(j, lang == Language::Korean); !why.empty())
        coloured(deny_colour(), trf(Ui::Why, lang, why.c_str()));
    hint(trf(Ui::Principal, lang, text_of(j, "principal").c_str()).c_str());  // wrapped: a session's ARN is long
    const json* e = j.contains("explanation") ? &j["explanation"] : nullptr;
    const std::string message = text_of(j, "message");
    if (!message.empty()) text_wrapped(message);
    if (!e) {
        ImGui::PopID();
        return;
    }
    // The summary repeats AWS's message for a denial; shown only when it says something else (an Allow has none).
    const std::string summary_ko = lang == Language::Korean ? text_of(*e, "summary_ko") : std::string();
    const std::string summary = summary_ko.empty() ? text_of(*e, "summary") : summary_ko;
    if (!summary.empty() && (message.empty() || summary.find(message) == std::string::npos))
        text_wrapped(summary);
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(Ui::EvaluationOrder, lang));
    if (ImGui::BeginTable("steps", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("step", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("outcome", ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn("why", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const json& s : e->value("steps", json::array())) {
            const std::string o = text_of(s, "outcome");
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(evaluation_step(text_of(s, "step"), lang).c_str());
            ImGui::TableNextColumn();
            const ImU32 c = o == "deny" ? deny_colour() : o == "allow" ? allow_colour() : ImGui::GetColorU32(ImGuiCol_TextDisabled);
            ImGui::PushStyleColor(ImGuiCol_Text, c);
            ImGui::TextUnformatted(evaluation_outcome(o, lang).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            // The simulator says each step in Korean too (a trace recorded before it did has only English).
            const std::string ko = lang == Language::Korean ? text_of(s, "detail_ko") : std::string();
            text_wrapped(ko.empty() ? text_of(s, "detail") : ko);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(Ui::PoliciesConsidered, lang));
    int p_index = 0;
    for (const json& p : e->value("policies", json::array())) {
        ImGui::PushID(p_index++);
        std::string head_p = policy_type(text_of(p, "type"), lang) + ": " +
                             (lang == Language::Korean ? iam::policy_name_ko(text_of(p, "name")) : text_of(p, "name"));
        if (p.contains("level")) head_p += trf(Ui::OrganizationLevel, lang, p["level"].get<int>());
        head_p += tr(flag(p, "denies") ? Ui::PolicyDenies : flag(p, "allows") ? Ui::PolicyAllows : Ui::PolicyNoStatement, lang);
        // Open: the policies that decided, a role's trust policy (for AssumeRole it is the lesson), and a near miss:
        // a statement whose action and resource matched and only a condition failed (an ABAC tag that differs).
        bool near_miss = false;
        for (const json& st : p.value("statements", json::array()))
            near_miss |= st.contains("conditions_matched") && !flag(st, "conditions_matched") &&
                         st.contains("action") && flag(st["action"], "matched") && st.contains("resource") &&
                         flag(st["resource"], "matched");
        const bool decisive = flag(p, "denies") || flag(p, "allows") || near_miss || text_of(p, "type") == "role trust policy";
        ImGui::PushStyleColor(ImGuiCol_Text, flag(p, "denies") ? deny_colour() : flag(p, "allows") ? allow_colour()
                                                                                                   : ImGui::GetColorU32(ImGuiCol_Text));
        const bool open = ImGui::TreeNodeEx("##policy", decisive ? ImGuiTreeNodeFlags_DefaultOpen : 0, "%s", head_p.c_str());
        ImGui::PopStyleColor();
        if (open) {
            for (const json& st : p.value("statements", json::array())) statement(st, is_decider(j, p, st), lang);
            // "documents" lists the policies' documents in the explanation's order.
            const std::size_t index = static_cast<std::size_t>(p_index - 1);
            if (j.contains("documents") && j["documents"].is_array() && index < j["documents"].size())
                document(j["documents"][index], j, p, lang);
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    ImGui::PopID();
}

// The assertion or token a step carries: an IdP's answer (the message's "token"), or the SAMLAssertion /
// WebIdentityToken / accessToken of a request. nullptr when it carries none.
const json* carried_token(const json* body) {
    if (body == nullptr || !body->is_object()) return nullptr;
    if (const auto m = body->find("message"); m != body->end() && m->is_object())
        if (const auto t = m->find("token"); t != m->end() && t->is_object()) return &*t;
    if (const auto p = body->find("params"); p != body->end() && p->is_object())
        for (const char* k : {"SAMLAssertion", "WebIdentityToken", "accessToken"})
            if (const auto t = p->find(k); t != p->end() && t->is_object()) return &*t;
    return nullptr;
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void token_row(const std::string& name, const std::string& value) {
    if (value.empty()) return;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::TableSetColumnIndex(1);
    text_wrapped(value);
}

// A SAML assertion or an ID token as a student reads it: who issued it, about whom, for which audience, valid
// until when, and what it claims. STS checks the signature with the key of the IdP the token names; the replay
// checks it too, and says when the token was changed after it was signed (a tampered assertion), or was signed by
// another IdP than the one it names, instead of calling it what the IdP signed.
void token_view(const Replay& replay, const json& token, Language lang) {
    const bool saml = !token.contains("claims");
    const TokenSigner who = token_signer(replay.run().world, token);
    const char* what = tr(saml ? Ui::SamlDecoded : Ui::TokenDecoded, lang);
    if (who.signer != nullptr && who.signer == who.named) {
        ImGui::TextDisabled("%s", trf(Ui::WhatIdpSigned, lang, what).c_str());
    } else if (who.signer == nullptr) {
        coloured(deny_colour(), trf(Ui::ChangedAfterSigning, lang, what));
    } else {
        coloured(deny_colour(), trf(Ui::SignedByOther, lang, what, who.signer->actor.c_str(),
                                    who.named != nullptr ? who.named->actor.c_str() : tr(Ui::NoIdpInScenario, lang)));
    }
    if (!ImGui::BeginTable("token", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("PrincipalTag:Department").x);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    if (saml) {
        for (const char* k : {"Issuer", "Subject", "SubjectFormat", "Audience", "Recipient", "IssueInstant", "NotOnOrAfter", "SessionNotOnOrAfter"})
            token_row(k, text_of(&token, k));
        const json attributes = token.value("Attributes", json::object());
        const std::string prefix = "https://aws.amazon.com/SAML/Attributes/";
        for (auto it = attributes.begin(); it != attributes.end(); ++it) {
            const std::string name = it.key().rfind(prefix, 0) == 0 ? it.key().substr(prefix.size()) : it.key();
            std::string value;
            for (const json& v : it->is_array() ? *it : json::array({*it})) value += (value.empty() ? "" : "\n") + value_text(v);
            token_row(name, value);
        }
        token_row("Signature", text_of(&token, "Signature").substr(0, 16) + "...");
    } else {
        const json header = token.value("header", json::object());
        for (auto it = header.begin(); it != header.end(); ++it) token_row("header." + it.key(), value_text(*it));
        const json claims = token.value("claims", json::object());
        for (auto it = claims.begin(); it != claims.end(); ++it) {
            std::string value = value_text(*it);
            if ((it.key() == "exp" || it.key() == "iat") && it->is_number_integer())
                value += "  (" + format_iso8601_seconds(it->get<std::int64_t>() * kSecond) + ")";
            token_row(it.key(), value);
        }
        token_row("signature", text_of(&token, "signature").substr(0, 16) + "...");
    }
    ImGui::EndTable();
}

void credential_view(const CredentialInfo& c, SimTime now, Ui why, Language lang) {
    ImGui::TextDisabled("%s", tr(why, lang));
    // The kind is the STS operation that issued it (AWS's name in both languages), or a user's long-term key.
    ImGui::Text("%s  %s", c.access_key_id.c_str(), c.kind == "long-term" ? tr(Ui::LongTermKey, lang) : c.kind.c_str());
    text_wrapped(trf(Ui::Principal, lang, c.principal.c_str()));
    ImGui::TextUnformatted(trf(Ui::HeldBy, lang, c.holder.c_str()).c_str());
    if (c.expires_t >= 0) {
        ImGui::TextUnformatted(trf(Ui::IssuedExpires, lang, c.issued.c_str(), c.expires.c_str()).c_str());
        const SimTime left = c.expires_t - now;
        if (left > 0) ImGui::TextUnformatted(trf(Ui::TimeLeft, lang, format_sim_time(left).substr(1).c_str()).c_str());
        else coloured(deny_colour(), trf(Ui::ExpiredAgo, lang, format_sim_time(-left).substr(1).c_str()));
    } else {
        ImGui::TextDisabled("%s", tr(Ui::NoExpiry, lang));
    }
    ImGui::Separator();
}

}  // namespace

void draw_inspector(const PanelRect& rect, ViewState& view) {
    const Language lang = view.ui_language();
    // Side by side, which run it shows (the panes' "inspect this one" picks it).
    const float room = rect.size.x - ImGui::GetStyle().FramePadding.x * 2.0f;
    if (begin_panel("inspector", file_panel_title(view, tr(Ui::Inspector, lang), Ui::InspectorOf, room), rect)) {
        const Replay* replay = view.focused();
        const std::size_t step = view.step_of(view.focus);
        if (replay == nullptr) {
            hint(tr(Ui::InspectorNoScenario, lang));
        } else if (step == 0) {
            hint(tr(Ui::InspectorStart, lang));
            ImGui::Separator();
            for (const CredentialInfo* c : replay->held_after(0)) credential_view(*c, 0, Ui::HeldFromStart, lang);
        } else {
            const Arrow& a = replay->arrow(step);
            // An answer is inspected together with its request: the decision was made when the request arrived.
            const std::size_t request_step = a.kind == ArrowKind::Answer && a.partner != kNone ? a.partner : step;
            const Arrow& request = replay->arrow(request_step);
            const SimTime now = view.now();
            text_wrapped(trf(Ui::StepHeader, lang, step, replay->steps(), format_sim_time(a.sent).c_str(),
                             replay->lanes()[a.from].c_str(), replay->lanes()[a.to].c_str()));
            // Side by side, the other run goes on after this one has ended: this one shows its last step.
            if (step == replay->steps() && view.cursor > view.cursor_at(view.focus, step)) hint(tr(Ui::RunEndedHere, lang));
            const std::string origin = describe_origin(a.step_id, lang);
            coloured(a.failed ? deny_colour() : ImGui::GetColorU32(ImGuiCol_Text),
                     plain_label(a.label) + (origin.empty() ? "" : "   (" + origin + ")"));
            if (ImGui::BeginTabBar("inspect")) {
                const auto decisions = replay->decisions_of(request_step);
                const json* token = carried_token(request.body);
                auto token_tab = [&] {
                    if (token == nullptr || !ImGui::BeginTabItem(tr_label(Ui::TabToken, lang, "token").c_str())) return;
                    ImGui::BeginChild("token");
                    token_view(*replay, *token, lang);
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                };
                if (request.kind == ArrowKind::Message) token_tab();  // an IdP's answer: the token is the point
                if (request.kind == ArrowKind::Request && ImGui::BeginTabItem(tr_label(Ui::TabDecision, lang, "decision").c_str())) {
                    ImGui::BeginChild("decision");
                    const bool all_allowed = std::all_of(decisions.begin(), decisions.end(),
                                                         [](const DecisionInfo* d) { return d->allowed; });
                    if (decisions.empty()) {
                        hint(tr(a.failed || request.failed ? Ui::NoPolicyEvaluated : Ui::NoDecisionNeeded, lang));
                    } else if (all_allowed && (a.failed || request.failed)) {
                        // Policies allowed it, and the service still refused (a duration over the chaining limit).
                        coloured(deny_colour(), trf(Ui::AuthorizedButFailed, lang, (a.failed ? a.error : request.error).c_str()));
                    }
                    // A refusal first, where the call stopped (a launch allowed on its instance and AMI, refused
                    // iam:PassRole on its role); the checks it passed before follow, in their order.
                    std::vector<const DecisionInfo*> ordered(decisions.begin(), decisions.end());
                    std::stable_partition(ordered.begin(), ordered.end(), [](const DecisionInfo* d) { return !d->allowed; });
                    int i = 0;
                    for (const DecisionInfo* d : ordered) {
                        if (i > 0) ImGui::Separator();
                        decision_view(*d, i++, lang);
                    }
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                }
                if (request.kind != ArrowKind::Message) token_tab();
                if (ImGui::BeginTabItem(request.kind == ArrowKind::Message ? tr_label(Ui::TabMessage, lang, "message").c_str()
                                                                            : tr_label(Ui::TabRequest, lang, "request").c_str())) {
                    // JSON keeps its lines: a long value scrolls sideways rather than being cut at the edge.
                    ImGui::BeginChild("request", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
                    if (request.body != nullptr) json_text(*request.body, "request");
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                }
                if (request.kind == ArrowKind::Request && ImGui::BeginTabItem(tr_label(Ui::TabResponse, lang, "response").c_str())) {
                    ImGui::BeginChild("response", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
                    if (request.partner != kNone && request.partner <= step)
                        json_text(*replay->arrow(request.partner).body, "response");
                    else
                        hint(tr(Ui::AnswerNotYet, lang));
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                }
                if (ImGui::BeginTabItem(tr_label(Ui::TabCredentials, lang, "credentials").c_str())) {
                    ImGui::BeginChild("credentials");
                    const std::string key = request.body != nullptr ? text_of(*request.body, "access_key_id") : "";
                    if (const CredentialInfo* used = replay->credential(key)) credential_view(*used, now, Ui::SignedWith, lang);
                    else if (request.kind == ArrowKind::Request) hint(tr(Ui::NotSigned, lang));
                    for (const CredentialInfo& c : replay->credentials())
                        if (c.issued_step == request_step && c.expires_t >= 0) credential_view(c, now, Ui::IssuedByCall, lang);
                    ImGui::TextDisabled("%s", tr(Ui::HeldAtCursor, lang));
                    for (const CredentialInfo* c : replay->held_after(step))
                        ImGui::BulletText("%s: %s (%s)", c->holder.c_str(), c->principal.c_str(), c->access_key_id.c_str());
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                }
                ImGui::EndTabBar();
            }
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
