#include "scenario/expect.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "scenario/diagnostics.hpp"

namespace stslab {
namespace {

// A refusal by authorization, under each service's name: AccessDenied; EC2's UnauthorizedOperation; and IAM's
// InvalidClientTokenId for GetSessionToken credentials without MFA (the sandbox issues no other invalid token).
bool is_denial(const std::string& code) {
    return code == "AccessDenied" || code == "UnauthorizedOperation" || code == "InvalidClientTokenId" ||
           code == "AccessDeniedException" || code == "AuthorizationError";  // JSON-protocol services', SNS's
}

// English or Korean: the sandbox's own words in the language asked for (AWS's error codes and messages as they are).
const char* words(bool korean, const char* en, const char* ko) { return korean ? ko : en; }

std::string got(const CallOutcome& o, bool korean) {
    if (o.ok) return korean ? "성공" : "success";
    return o.error_code + ": " + o.error_message;
}

// "expected WHAT, got OUTCOME", or in Korean "WHAT을 예상했으나 결과는 OUTCOME" (를 after a vowel).
std::string expected_got(bool korean, const std::string& what, const std::string& outcome) {
    return korean ? what + korean_object_particle(what) + " 예상했으나 결과는 " + outcome : "expected " + what + ", got " + outcome;
}

// A field has the value expected: equal JSON; a number or boolean and the same written as text ("PackedPolicySize":
// "8", as AWS's query API answers <PackedPolicySize>8</PackedPolicySize>); or two ISO 8601 times (with a time of
// day) naming the same instant, however written ("2026-01-01T01:00:01Z", "2026-01-01T01:00:01.000Z",
// "2026-01-01T02:00:01+01:00").
bool same_value(const nlohmann::json& have, const nlohmann::json& want) {
    if (have == want) return true;
    if (have.is_string() != want.is_string()) {
        const nlohmann::json& text = have.is_string() ? have : want;
        const nlohmann::json& other = have.is_string() ? want : have;
        return (other.is_number() || other.is_boolean()) && other.dump() == text.get_ref<const std::string&>();
    }
    if (!have.is_string()) return false;
    const auto& a = have.get_ref<const std::string&>();
    const auto& b = want.get_ref<const std::string&>();
    if (a.find('T') == std::string::npos || b.find('T') == std::string::npos) return false;
    try {
        return parse_iso8601(a) == parse_iso8601(b);
    } catch (const Error&) {
        return false;
    }
}

// Where the member `path` names from `start` ends in `path` (npos: at its end): at the next dot, unless `v` is an
// object without that member but with a longer one that has dots of its own and that the path spells out there, up to
// a dot or the end ("https://sts.amazonaws.com/", the namespace of a web identity token's claims).
std::size_t part_end(const nlohmann::json& v, const std::string& path, std::size_t start) {
    const std::size_t dot = path.find('.', start);
    if (!v.is_object() || v.contains(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) return dot;
    std::size_t longest = 0;
    for (auto m = v.begin(); m != v.end(); ++m) {
        const std::string& key = m.key();
        const std::size_t end = start + key.size();
        if (key.size() > longest && key.find('.') != std::string::npos && path.compare(start, key.size(), key) == 0 &&
            (end == path.size() || path[end] == '.'))
            longest = key.size();
    }
    if (longest == 0) return dot;
    return start + longest == path.size() ? std::string::npos : start + longest;
}

}  // namespace

std::string describe(const Expectation& e, bool korean) {
    switch (e.kind) {
        case Expectation::Kind::None: return korean ? "없음" : "nothing";
        case Expectation::Kind::Allow:
            return e.fields.empty() ? (korean ? "허용" : "allow") : (korean ? "허용 (응답 필드 포함)" : "allow with fields");
        case Expectation::Kind::Deny: return korean ? "거부" : "deny";
        case Expectation::Kind::Error: return (korean ? "오류 " : "error ") + e.error;
    }
    return "";
}

nlohmann::json value_at_path(const nlohmann::json& response, const std::string& path) {
    const nlohmann::json* v = &response;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = part_end(*v, path, start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (v->is_object() && v->contains(part)) {
            v = &(*v)[part];
        } else if (v->is_array() && !part.empty() && part.size() < 9 &&
                   part.find_first_not_of("0123456789") == std::string::npos && std::stoul(part) < v->size()) {
            v = &(*v)[std::stoul(part)];
        } else {
            return nullptr;
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return *v;
}

namespace {

// Why a path of "fields" finds nothing in the answer: the first member it names that is not there, with the one it
// may have meant (a case slip, "AssumedRoleUser.ARN" for ".Arn") or the members there are. "" when the path is in
// the answer, or it stops at something that is not an object.
std::string missing_member(const nlohmann::json& response, const std::string& path, bool korean) {
    const nlohmann::json* v = &response;
    std::string walked;
    for (std::size_t start = 0; start <= path.size();) {
        const std::size_t dot = part_end(*v, path, start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!v->is_object()) return "";
        const auto it = v->find(part);
        if (it == v->end()) {
            std::vector<std::string> members;
            std::string meant;
            for (auto m = v->begin(); m != v->end(); ++m) {
                members.push_back(m.key());
                if (equal_ignoring_case(m.key(), part)) meant = m.key();
            }
            if (meant.empty()) meant = closest_match(part, members);
            const std::string where = walked.empty() ? std::string(korean ? "응답" : "the answer") : walked;
            std::string list;
            for (const std::string& m : members) list += (list.empty() ? "" : ", ") + m;
            if (korean)
                return " (" + where + "에는 \"" + part + "\" 멤버가 없습니다" +
                       (!meant.empty() ? ". \"" + meant + "\"을(를) 뜻했나요?" : list.empty() ? ". 멤버가 하나도 없습니다" : ". 있는 멤버: " + list) + ")";
            return " (" + where + " has no member \"" + part + "\"" +
                   (!meant.empty() ? ": did you mean \"" + meant + "\"?" : list.empty() ? "; it has none" : "; it has " + list) + ")";
        }
        v = &*it;
        walked += (walked.empty() ? "" : ".") + part;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return "";
}

}  // namespace

std::string check_expectation(const Expectation& e, const CallOutcome& o, bool korean) {
    const std::string outcome = got(o, korean);
    switch (e.kind) {
        case Expectation::Kind::None: return "";
        case Expectation::Kind::Allow: {
            if (!o.ok) return expected_got(korean, words(korean, "allow", "허용"), outcome);
            for (const auto& [path, want] : e.fields) {
                const nlohmann::json have = o.response ? value_at_path(*o.response, path) : nlohmann::json();
                if (!same_value(have, want))
                    return expected_got(korean, path + " = " + want.dump(),
                                        have.is_null() ? words(korean, "nothing", "없음") : have.dump()) +
                           (have.is_null() && o.response ? missing_member(*o.response, path, korean) : std::string());
            }
            return "";
        }
        case Expectation::Kind::Deny:
            if (o.ok || !is_denial(o.error_code) || o.unauthenticated)
                return expected_got(korean, words(korean, "deny", "거부"), outcome) +
                       (!o.unauthenticated ? ""
                        : korean ? " (이 액세스 키로 인증되는 보안 주체가 없습니다: {\"error\": \"InvalidClientTokenId\"}를 예상하세요)"
                                 : " (the access key authenticates no one: expect {\"error\": \"InvalidClientTokenId\"})");
            break;
        case Expectation::Kind::Error:
            // The format page equates AccessDenied with a denial: EC2's name for it satisfies it too.
            if (o.ok || (o.error_code != e.error && !(e.error == "AccessDenied" && o.error_code == "UnauthorizedOperation")))
                return expected_got(korean, describe(e, korean), outcome);
            break;
    }
    if (!e.message_contains.empty() && o.error_message.find(e.message_contains) == std::string::npos)
        return expected_got(korean, words(korean, "a message containing \"", "\"") + e.message_contains +
                                        words(korean, "\"", "\"를 포함하는 메시지"),
                            outcome);
    return "";
}

}  // namespace stslab
