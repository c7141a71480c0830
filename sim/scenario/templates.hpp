// Templates in a reactive actor's handlers: "${message.role_arn}", "${vars.external_ids[message.customer]}",
// "${from}", "${actor}".
//
// A reference starts at a root (message: the message being handled; vars: the actor's own variables; from: the
// sender's name; actor: the actor's own name) and follows dotted member names or array indexes; a bracketed part
// is itself a reference whose value names the next member. A string that is exactly one template takes the JSON
// value it refers to (an object stays an object); otherwise templates are replaced by their text. IAM policy
// variables (${aws:username}, ${*}, ${?}, ${$}: anything with a colon, or those three) are left as they are, so a
// handler can pass a policy document that uses them.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace stslab {

// The roots a template starts at.
constexpr std::string_view kTemplateRoots[] = {"message", "vars", "from", "actor"};

// How deep "[...]" lookups may nest inside one template; deeper is a syntax fault.
constexpr int kMaxTemplateNesting = 8;

struct TemplateEnv {
    const nlohmann::json* message = nullptr;
    const nlohmann::json* vars = nullptr;
    std::string from;
    std::string actor;
};

// Resolves every template in `value` (recursively through objects and arrays). Throws stslab::Error naming the
// template when a reference does not resolve (a missing member, a bad index).
nlohmann::json resolve_templates(const nlohmann::json& value, const TemplateEnv& env);

// Checks the syntax of every template in `text` without resolving: balanced "${...}", a known root, well-formed
// path. Returns "" when fine, else what is wrong.
std::string check_template_syntax(std::string_view text);

// Whether `text` contains a template at all.
bool has_template(std::string_view text);

// A template as a fault names it: as written, or cut to its first 120 bytes and "..." when it runs on for pages.
std::string template_shown(std::string_view written);

}  // namespace stslab
