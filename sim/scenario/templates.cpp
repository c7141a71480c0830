#include "scenario/templates.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

namespace stslab {
namespace {

struct Cursor {
    std::string_view s;
    std::size_t i = 0;
    bool end() const { return i >= s.size(); }
    char peek() const { return end() ? '\0' : s[i]; }
};

bool name_char(char c) { return c != '.' && c != '[' && c != ']' && c != '}' && c != '$' && c != '{'; }

std::string read_name(Cursor& c) {
    const std::size_t start = c.i;
    while (!c.end() && name_char(c.peek())) ++c.i;
    return std::string(c.s.substr(start, c.i - start));
}

// Parses (and, when env is given, evaluates) a reference up to, not including, `stop` (']' or '}').
// Returns the value; throws Error (with `what` describing the fault) on bad syntax or a missing member.
// Each [...] level recurses once, so the nesting is bounded: no text can exhaust the stack.
nlohmann::json reference(Cursor& c, char stop, const TemplateEnv* env, int depth = 0) {
    if (depth > kMaxTemplateNesting)
        throw Error("it nests [...] lookups more than " + std::to_string(kMaxTemplateNesting) + " deep");
    const std::string root = read_name(c);
    nlohmann::json value;
    if (root == "message") value = env && env->message ? *env->message : nlohmann::json::object();
    else if (root == "vars") value = env && env->vars ? *env->vars : nlohmann::json::object();
    else if (root == "from") value = env ? env->from : std::string();
    else if (root == "actor") value = env ? env->actor : std::string();
    else throw Error("unknown template root '" + root + "': expected message, vars, from or actor");
    std::string path = root;
    while (!c.end() && c.peek() != stop) {
        std::string member;
        if (c.peek() == '.') {
            ++c.i;
            member = read_name(c);
            if (member.empty()) throw Error("an empty member name after '.'");
            path += "." + member;
        } else if (c.peek() == '[') {
            ++c.i;
            const nlohmann::json key = reference(c, ']', env, depth + 1);
            if (c.peek() != ']') throw Error("a '[' is never closed with ']'");
            ++c.i;
            member = key.is_string() ? key.get<std::string>() : key.dump();
            path += "[" + member + "]";
        } else {
            throw Error(std::string("unexpected '") + c.peek() + "'");
        }
        if (!env) continue;
        if (value.is_object()) {
            const auto it = value.find(member);
            if (it == value.end()) throw Error("'" + path + "' does not exist");
            value = *it;
        } else if (value.is_array() && !member.empty() && member.find_first_not_of("0123456789") == std::string::npos &&
                   member.size() < 10 && std::stoul(member) < value.size()) {
            value = value[std::stoul(member)];
        } else {
            throw Error("'" + path + "' does not exist");
        }
    }
    if (c.end()) throw Error(stop == '}' ? "a '${' is never closed with '}'" : "a '[' is never closed with ']'");
    return value;
}

// Walks every template of `text`; with env, builds the resolved result.
nlohmann::json walk(std::string_view text, const TemplateEnv* env) {
    std::string out;
    nlohmann::json whole;
    std::size_t count = 0;
    std::size_t i = 0;
    bool only_template = false;
    while (i < text.size()) {
        const std::size_t open = text.find("${", i);
        if (open == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, open - i));
        // "$${" is a "${" meant as text: the template's own escape.
        if (open > i && text[open - 1] == '$') {
            out += '{';  // the first '$' is out already
            i = open + 2;
            continue;
        }
        // IAM policy variables (${aws:username}, ${*}, ${?}, ${$}) belong to the policy, not to the handler.
        const std::size_t close = text.find('}', open);
        const std::string_view inner = text.substr(open + 2, close == std::string_view::npos ? 0 : close - open - 2);
        if (close != std::string_view::npos &&
            (inner.find(':') != std::string_view::npos || inner == "*" || inner == "?" || inner == "$")) {
            out.append(text.substr(open, close - open + 1));
            i = close + 1;
            continue;
        }
        Cursor c{text, open + 2};
        nlohmann::json v;
        try {
            v = reference(c, '}', env);
        } catch (const Error& e) {
            throw Error("template '" + template_shown(close == std::string_view::npos ? text.substr(open)
                                                                                 : text.substr(open, close - open + 1)) +
                        "': " + e.what());
        }
        ++c.i;  // '}'
        only_template = open == 0 && c.i == text.size() && count == 0;
        whole = v;
        out += v.is_string() ? v.get<std::string>() : v.dump();
        ++count;
        i = c.i;
    }
    if (only_template) return whole;
    return out;
}

}  // namespace

bool has_template(std::string_view text) { return text.find("${") != std::string_view::npos; }

std::string template_shown(std::string_view written) {
    constexpr std::size_t kShown = 120;
    return written.size() <= kShown ? std::string(written) : std::string(utf8_prefix(written, kShown)) + "...";
}

std::string check_template_syntax(std::string_view text) {
    try {
        walk(text, nullptr);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

nlohmann::json resolve_templates(const nlohmann::json& value, const TemplateEnv& env) {
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        return has_template(s) ? walk(s, &env) : value;
    }
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = resolve_templates(it.value(), env);
        return out;
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : value) out.push_back(resolve_templates(e, env));
        return out;
    }
    return value;
}

}  // namespace stslab
