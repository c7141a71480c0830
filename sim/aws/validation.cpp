#include "aws/validation.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace stslab::aws {

using namespace std::string_view_literals;  // `s == "text"sv` compares lengths first: no strlen, no call

bool tag_characters(std::string_view text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || std::isalnum(c) || c == ' ' || std::string_view("_.:/=+-@").find(ch) != std::string_view::npos) continue;
        return false;
    }
    return true;
}

const char* pattern_text(Pattern pattern) {
    switch (pattern) {
        case Pattern::None: return "";
        case Pattern::SessionName: return "[\\w+=,.@-]*";
        case Pattern::ExternalId: return "[\\w+=,.@:\\/-]*";
        case Pattern::SerialNumber: return "[\\w+=/:,.@-]*";
        case Pattern::Digits: return "[\\d]*";
        case Pattern::Word: return "[\\w]*";
        case Pattern::RoleDescription: return "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";
    }
    return "";
}

bool matches_pattern(const std::string& value, Pattern pattern) {
    if (pattern == Pattern::None) return true;
    if (pattern == Pattern::RoleDescription) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            const auto c = static_cast<unsigned char>(value[i]);
            if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E)) continue;
            // U+00A1-U+00BF is C2 A1-BF in UTF-8, U+00C0-U+00FF is C3 80-BF.
            const auto next = i + 1 < value.size() ? static_cast<unsigned char>(value[i + 1]) : 0;
            if ((c == 0xC2 && next >= 0xA1 && next <= 0xBF) || (c == 0xC3 && next >= 0x80 && next <= 0xBF)) {
                ++i;
                continue;
            }
            return false;
        }
        return true;
    }
    const char* extra = pattern == Pattern::SessionName  ? "+=,.@-"
                        : pattern == Pattern::ExternalId ? "+=,.@:/-"
                        : pattern == Pattern::SerialNumber ? "+=/:,.@-"
                                                           : "";
    for (unsigned char c : value) {
        if (pattern == Pattern::Digits) {
            if (!std::isdigit(c)) return false;
            continue;
        }
        if (std::isalnum(c) || c == '_') continue;
        bool ok = false;
        for (const char* e = extra; *e; ++e) ok = ok || c == static_cast<unsigned char>(*e);
        if (!ok) return false;
    }
    return true;
}

namespace {

std::string value_at(const std::string& value, const char* member) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
}

}  // namespace

std::optional<std::string> ParamValidator::string(const char* name, const char* member, bool required,
                                                  std::size_t min_len, std::size_t max_len, Pattern pattern) {
    const auto it = params_.find(name);
    if (it == params_.end() || it->is_null()) {
        if (required) missing(member);
        return std::nullopt;
    }
    if (!it->is_string()) {
        add(value_at(it->dump(), member) + "Member must be a string");
        return std::nullopt;
    }
    const std::string v = it->get<std::string>();
    // AWS counts characters; the sandbox counts UTF-8 code points.
    const std::size_t length = utf8_length(v);
    if (length < min_len) add(value_at(v, member) + "Member must have length greater than or equal to " + std::to_string(min_len));
    if (length > max_len) add(value_at(v, member) + "Member must have length less than or equal to " + std::to_string(max_len));
    if (!matches_pattern(v, pattern))
        add(value_at(v, member) + "Member must satisfy regular expression pattern: " + pattern_text(pattern));
    return v;
}

std::optional<std::int64_t> ParamValidator::integer(const char* name, const char* member, bool required,
                                                    std::int64_t min, std::int64_t max) {
    const auto it = params_.find(name);
    if (it == params_.end() || it->is_null()) {
        if (required) missing(member);
        return std::nullopt;
    }
    std::int64_t v = 0;
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        // Past every 64-bit signed value (18446744073709551615 read as one would be -1): too large, as written.
        add(value_at(it->dump(), member) + "Member must have value less than or equal to " + std::to_string(max));
        return std::nullopt;
    }
    if (it->is_number_integer()) {
        v = it->get<std::int64_t>();
    } else if (it->is_string() && !it->get<std::string>().empty() && it->get<std::string>().size() < 18 &&
               it->get<std::string>().find_first_not_of("0123456789") == std::string::npos) {
        v = std::stoll(it->get<std::string>());
    } else {
        add(value_at(it->is_string() ? it->get<std::string>() : it->dump(), member) + "Member must be an integer");
        return std::nullopt;
    }
    if (v < min) add(value_at(std::to_string(v), member) + "Member must have value greater than or equal to " + std::to_string(min));
    if (v > max) add(value_at(std::to_string(v), member) + "Member must have value less than or equal to " + std::to_string(max));
    return v;
}

std::string ParamValidator::message() const {
    std::string m = std::to_string(violations_.size()) +
                    (violations_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (std::size_t i = 0; i < violations_.size(); ++i) {
        if (i) m += "; ";
        m += violations_[i];
    }
    return m;
}

bool policy_characters(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        // A control character, or the lead byte of a UTF-8 character above U+00FF (from U+0100 on they start at 0xC4).
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0xC4;
    });
}

bool check_tag_key(const std::string& key, const std::string& member, ParamValidator& v) {
    const std::string at = "Value '" + key + "' at '" + member + "' failed to satisfy constraint: ";
    // AWS's length violations, as for every other member: the bound that was broken.
    if (key.empty() || utf8_length(key) > 128) {
        v.add(at + (key.empty() ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 128"));
        return false;
    }
    if (!tag_characters(key)) {
        v.add(at + "Member must satisfy regular expression pattern: " + std::string(kTagPattern) + "+");
        return false;
    }
    return true;
}

std::string list_member(const std::string& list, std::size_t n) { return list + "." + std::to_string(n) + ".member"; }

void check_tag(const std::string& key, const std::string& value, std::size_t n, ParamValidator& v) {
    const std::string member = list_member("tags", n);
    if (check_tag_key(key, member + ".key", v) && equal_ignoring_case(key.substr(0, 4), "aws:"))
        v.add("Value '" + key + "' at '" + member + ".key' failed to satisfy constraint: Member must not begin with 'aws:'");
    const std::string at = "Value '" + value + "' at '" + member + ".value' failed to satisfy constraint: ";
    if (utf8_length(value) > 256) v.add(at + "Member must have length less than or equal to 256");
    else if (!tag_characters(value)) v.add(at + "Member must satisfy regular expression pattern: " + std::string(kTagPattern) + "*");
}

bool trusts_any_identity_pool(const iam::Policy& trust) {
    return std::any_of(trust.statements.begin(), trust.statements.end(), [](const iam::Statement& st) {
        return st.effect == iam::Effect::Allow && st.principal_element == iam::PrincipalElement::Principal &&
               st.conditions.empty() &&
               std::any_of(st.principals.entries.begin(), st.principals.entries.end(), [](const iam::PrincipalEntry& e) {
                   return e.kind == iam::PrincipalEntry::Kind::Federated && e.value == "cognito-identity.amazonaws.com"sv;
               });
    });
}

// A required parameter that must be one of `allowed` (UpdateAccessKey's Status, GetWebIdentityToken's SigningAlgorithm): AWS's enum violation.
void check_enum(const nlohmann::json& params, const char* name, const char* member, std::initializer_list<const char*> allowed,
                ParamValidator& v) {
    const auto it = params.find(name);
    if (it == params.end() || it->is_null()) {
        v.missing(member);
        return;
    }
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    if (std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return text == a; })) return;
    std::string set;
    for (const char* a : allowed) set += (set.empty() ? "" : ", ") + std::string(a);
    v.add("Value '" + text + "' at '" + member + "' failed to satisfy constraint: Member must satisfy enum value set: [" +
          set + "]");
}

}  // namespace stslab::aws
