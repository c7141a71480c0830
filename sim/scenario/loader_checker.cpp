#include "scenario/loader_checker.hpp"

#include "iam/wildcard.hpp"

#include <algorithm>

namespace stslab {

using nlohmann::json;

const char* json_type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "true or false";
        case json::value_t::null: return "null";
        case json::value_t::number_float: return "a number with a fraction";
        default: return "a number";
    }
}

std::string join_keys(const Keys& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
}

namespace {
constexpr std::size_t kLongestHintedWord = 512;
}

std::string spelling_hint(std::string_view word, const Keys& candidates) {
    if (word.size() > kLongestHintedWord) return {};
    // An ARN written without its path ("user/carol" for "user/eng/carol") is that user's, its path left out.
    if (const std::size_t slash = word.find('/'); slash != std::string_view::npos) {
        const std::string_view kind = word.substr(0, slash + 1), name = word.substr(word.rfind('/'));
        for (const auto& c : candidates)
            if (c.size() > word.size() && c.compare(0, kind.size(), kind) == 0 &&
                c.compare(c.size() - name.size(), name.size(), name) == 0)
                return " (did you mean \"" + c + "\"? a path is part of the ARN)";
    }
    return did_you_mean(word, candidates);
}

bool saved_under(const std::set<std::string>& saved, const std::string& name) {
    if (saved.count(name)) return true;
    for (const std::string& s : saved) {
        if (s.find("${") == std::string::npos) continue;
        std::string pattern;  // each template stands for any text
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t close = s.compare(i, 2, "${") == 0 ? s.find('}', i) : std::string::npos;
            if (close != std::string::npos) {
                pattern += '*';
                i = close + 1;
            } else {
                pattern += s[i++];
            }
        }
        if (iam::Glob::compile(pattern).matches(name)) return true;
    }
    return false;
}

std::string suggest(std::string_view word, const Keys& candidates) {
    const std::string hint = spelling_hint(word, candidates);
    if (!hint.empty()) return hint;
    return candidates.empty() ? std::string(" (there are none)") : " (expected one of: " + join_keys(candidates) + ")";
}

std::vector<Fault> Checker::faults_in_document_order() const {
    std::vector<Fault> faults = d_.faults();
    std::stable_sort(faults.begin(), faults.end(), [](const Fault& a, const Fault& b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
    return faults;
}

const json* Checker::member(const json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

bool Checker::object(const json& j, const std::string& ptr, const Keys& allowed) {
    if (!map(j, ptr)) return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
        note_misspelling(j, ptr, it.key(), allowed);
        fault(at(ptr, it.key()), "unknown key \"" + it.key() + "\"" + suggest(it.key(), allowed));
    }
    return true;
}

void Checker::note_misspelling(const json& j, const std::string& ptr, const std::string& key, const Keys& allowed) {
    const std::string meant = key.size() > kLongestHintedWord ? std::string() : closest_match(key, allowed);
    if (!meant.empty() && !j.contains(meant)) misspelt_.insert(at(ptr, meant));
}

bool Checker::map(const json& j, const std::string& ptr) {
    if (j.is_object()) return true;
    fault(ptr, std::string("expected an object, found ") + json_type_name(j));
    return false;
}

bool Checker::array(const json& obj, const char* key, const std::string& ptr, const char* of_what) {
    const json* v = member(obj, key);
    if (!v) return false;
    if (v->is_array()) return true;
    fault(at(ptr, key), std::string("expected an array of ") + of_what + ", found " + json_type_name(*v));
    return false;
}

void Checker::missing(const std::string& ptr, const char* key, const std::string& message) {
    if (!misspelt(ptr, key)) fault(ptr, message);
}

std::optional<std::string> Checker::string(const json& obj, const char* key, const std::string& ptr, bool required) {
    const json* v = member(obj, key);
    if (!v) {
        if (required) missing(ptr, key, std::string("missing \"") + key + "\" (a string)");
        return std::nullopt;
    }
    if (!v->is_string()) {
        fault(at(ptr, key), std::string("expected a string, found ") + json_type_name(*v));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::vector<std::string> Checker::strings(const json& obj, const char* key, const std::string& ptr) {
    std::vector<std::string> out;
    if (!array(obj, key, ptr, "strings")) return out;
    const json& list = obj.at(key);
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].is_string()) out.push_back(list[i].get<std::string>());
        else fault(at(at(ptr, key), i), std::string("expected a string, found ") + json_type_name(list[i]));
    }
    return out;
}

std::vector<std::string> Checker::distinct_strings(const json& obj, const char* key, const std::string& ptr) {
    std::vector<std::string> out = strings(obj, key, ptr);
    if (out.empty()) return out;
    const json& list = obj.at(key);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].is_string() && !seen.insert(list[i].get<std::string>()).second)
            fault(at(at(ptr, key), i), "\"" + list[i].get<std::string>() + "\" is listed twice");
    return out;
}

std::map<std::string, std::string> Checker::string_map(const json& obj, const char* key, const std::string& ptr) {
    std::map<std::string, std::string> out;
    const json* v = member(obj, key);
    if (!v || !map(*v, at(ptr, key))) return out;
    for (auto it = v->begin(); it != v->end(); ++it) {
        if (it->is_string()) out[it.key()] = it->get<std::string>();
        else fault(at(at(ptr, key), it.key()), std::string("expected a string, found ") + json_type_name(*it));
    }
    return out;
}

std::string Checker::color(const json& obj, const std::string& ptr) {
    const std::string c = string(obj, "color", ptr).value_or("");
    if (c.empty() || (c.size() == 7 && c[0] == '#' && c.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos))
        return c;
    fault(at(ptr, "color"), "a colour is written \"#rrggbb\", not \"" + c + "\"");
    return "";
}

LocalText Checker::text(const json& obj, const char* key, const std::string& ptr) {
    LocalText t;
    const json* v = member(obj, key);
    if (!v) return t;
    const std::string p = at(ptr, key);
    if (v->is_string()) {
        t.en = v->get<std::string>();
    } else if (v->is_object()) {
        object(*v, p, {"en", "ko"});
        t.en = string(*v, "en", p).value_or("");
        t.ko = string(*v, "ko", p).value_or("");
    } else {
        fault(p, std::string("expected a string or {\"en\": ..., \"ko\": ...}, found ") + json_type_name(*v));
    }
    return t;
}

}  // namespace stslab
