#include "iam/request.hpp"
#include "core/text.hpp"

#include "core/error.hpp"
#include "iam/arn.hpp"
#include "iam/wildcard.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace stslab::iam {
namespace {

// Whether two keys are the same in any case.
bool same_key(std::string_view a, std::string_view b) {
    // Keys mostly share their start ("aws:Principal..."): the length and the last byte tell most apart at once.
    if (a.size() != b.size() || (!a.empty() && ascii_lower(a.back()) != ascii_lower(b.back()))) return false;
    return equal_ignoring_case(a, b);
}

// The last '/'-separated segment ("user/path/alice" -> "alice").
std::string_view last_segment(std::string_view text) {
    const std::size_t slash = text.rfind('/');
    return slash == std::string_view::npos ? text : text.substr(slash + 1);
}

}  // namespace

const char* principal_type_name(PrincipalType type) {
    switch (type) {
        case PrincipalType::Anonymous: return "Anonymous";
        case PrincipalType::Root: return "Account";
        case PrincipalType::IAMUser: return "User";
        case PrincipalType::AssumedRole: return "AssumedRole";
        case PrincipalType::FederatedUser: return "FederatedUser";
        case PrincipalType::SAMLUser: return "SAMLUser";
        case PrincipalType::WebIdentityUser: return "WebIdentityUser";
        case PrincipalType::Service: return "Service";
    }
    return "Anonymous";
}

Principal Principal::from_arn(std::string_view text) {
    Principal p;
    if (text.empty() || text == "anonymous" || text == "*") return p;
    if (is_account_id(text)) {
        p.type = PrincipalType::Root;
        p.account = std::string(text);
        p.arn = account_root_arn(text);
        return p;
    }
    const auto arn = Arn::parse(text);
    if (!arn) {
        if (text.find('.') != std::string_view::npos && text.find(':') == std::string_view::npos) {
            p.type = PrincipalType::Service;
            p.arn = std::string(text);
            return p;
        }
        throw Error("'" + std::string(text) + "' is not a principal: expected an ARN, a 12-digit account id, a " +
                    "service name such as \"ec2.amazonaws.com\", or \"anonymous\"");
    }
    p.arn = std::string(text);
    p.account = arn->account;
    const std::string& res = arn->resource;
    const bool account_ok = is_account_id(arn->account);
    if (arn->service == "iam" && account_ok && res == "root") {
        p.type = PrincipalType::Root;
    } else if (arn->service == "iam" && account_ok && starts_with(res, "user/") && res.size() > 5) {
        p.type = PrincipalType::IAMUser;
        p.name = std::string(last_segment(res));
    } else if (arn->service == "sts" && account_ok && starts_with(res, "assumed-role/") &&
               std::count(res.begin(), res.end(), '/') == 2 && res.back() != '/' && res[13] != '/') {
        p.type = PrincipalType::AssumedRole;
        const std::string_view rest = std::string_view(res).substr(13);
        const std::size_t slash = rest.find('/');
        p.role_arn = "arn:" + arn->partition + ":iam::" + arn->account + ":role/" + std::string(rest.substr(0, slash));
        p.name = std::string(rest.substr(slash + 1));
    } else if (arn->service == "sts" && account_ok && starts_with(res, "federated-user/") && res.size() > 15) {
        p.type = PrincipalType::FederatedUser;
        p.name = res.substr(15);
    } else if (arn->service == "iam" && account_ok && starts_with(res, "saml-provider/")) {
        p.type = PrincipalType::SAMLUser;
    } else if (arn->service == "iam" && account_ok && starts_with(res, "oidc-provider/")) {
        p.type = PrincipalType::WebIdentityUser;
    } else {
        throw Error("'" + std::string(text) + "' is not a principal that can make a request: expected a user, " +
                    "a role session (arn:aws:sts::ACCT:assumed-role/ROLE/SESSION), a federated user, or root");
    }
    return p;
}

const std::string& Principal::display() const {
    static const std::string anonymous = "anonymous";
    return type == PrincipalType::Anonymous ? anonymous : arn;
}

ContextEntry& RequestContext::slot(std::string_view key) {
    for (auto& e : entries_)
        if (same_key(e.key, key)) {
            if (e.key != key) e.key = std::string(key);
            return e;
        }
    entries_.push_back(ContextEntry{std::string(key), {}, false});
    return entries_.back();
}

void RequestContext::set(std::string_view key, std::string value) {
    ContextEntry& e = slot(key);
    e.values.assign(1, std::move(value));
    e.multivalued = false;
}

void RequestContext::set_multi(std::string_view key, std::vector<std::string> values) {
    ContextEntry& e = slot(key);
    e.values = std::move(values);
    e.multivalued = true;
}

void RequestContext::set_default(std::string_view key, std::string value) {
    if (get(key)) return;
    entries_.push_back(ContextEntry{std::string(key), {std::move(value)}, false});
}

const ContextEntry* RequestContext::get(std::string_view key) const {
    for (const auto& e : entries_)
        if (same_key(e.key, key)) return &e;
    return nullptr;
}

void add_principal_keys(RequestContext& context, const Principal& p) {
    switch (p.type) {
        case PrincipalType::Anonymous:
            // "included in the request context for all requests, including anonymous requests"
            // (reference_policies_condition-keys; the values: reference_policies_variables, principal key values).
            context.set_default("aws:PrincipalType", "Anonymous");
            context.set_default("aws:PrincipalAccount", "anonymous");
            context.set_default("aws:userid", "anonymous");
            return;
        case PrincipalType::Service:
            context.set_default("aws:PrincipalServiceName", p.arn);
            // "present in the request when the call is made by an AWS service principal": the service's names
            // (reference_policies_condition-keys); the sandbox knows the one it is called by.
            if (!context.get("aws:PrincipalServiceNamesList")) context.set_multi("aws:PrincipalServiceNamesList", {p.arn});
            context.set_default("aws:PrincipalIsAWSService", "true");
            return;
        case PrincipalType::SAMLUser:
        case PrincipalType::WebIdentityUser:
            return;  // unauthenticated callers of AssumeRoleWith*: their keys come from the assertion or token
        default:
            break;
    }
    context.set_default("aws:PrincipalArn", p.type == PrincipalType::AssumedRole ? p.role_arn : p.arn);
    context.set_default("aws:PrincipalAccount", p.account);
    context.set_default("aws:PrincipalType", principal_type_name(p.type));
    // "present in the request context for all signed API requests that use AWS credentials"; true only for a
    // service principal (reference_policies_condition-keys).
    context.set_default("aws:PrincipalIsAWSService", "false");
    if (p.type == PrincipalType::IAMUser) context.set_default("aws:username", p.name);
    std::string id = p.id;
    if (id.empty() && p.type == PrincipalType::Root) id = p.account;
    if (id.empty() && p.type == PrincipalType::FederatedUser) id = p.account + ":" + p.name;
    if (!id.empty()) context.set_default("aws:userid", id);
}

namespace {

void put_length(std::string& out, std::size_t n) {
    for (; n >= 0x80; n >>= 7) out += static_cast<char>((n & 0x7F) | 0x80);
    out += static_cast<char>(n);
}

// A slot of the 64 of a packed request's small tables (its texts', the common keys'): a hash of the text's length and
// two of its characters.
std::size_t slot64(std::string_view text) {
    return text.empty() ? 0 : (text.size() * 31 + static_cast<unsigned char>(text.back()) * 7 +
                               static_cast<unsigned char>(text[text.size() / 2])) % 64;
}

// A packed request's texts (its principal's and its fields, then every context value, in that order): a text written
// earlier in the same request is written again as a reference to it, its number n as 2n+1; any other as its length
// as 2n and its characters. A request repeats itself: aws:PrincipalArn, aws:PrincipalAccount, aws:userid and
// aws:username are its principal's own, aws:ResourceAccount its resource's, the resource's organization the
// principal's (a quarter of a request's bytes).
class TextWriter {
public:
    // `texts` is the caller's, kept from request to request (one allocation, not several for every request).
    TextWriter(std::string& out, std::vector<std::string_view>& texts) : out_(out), texts_(texts) {
        slots_.fill(kNone);
        texts_.clear();
    }
    void put(std::string_view text) {
        const auto number = static_cast<std::uint32_t>(texts_.size());
        texts_.push_back(text);
        if (text.size() >= 2) {  // shorter, a reference would be no shorter
            std::uint32_t& slot = slots_[slot64(text)];  // direct-mapped: a text whose slot another took is written again
            if (slot != kNone && texts_[slot] == text) return put_length(out_, 2 * std::size_t{slot} + 1);
            slot = number;
        }
        put_length(out_, 2 * text.size());
        out_.append(text);
    }

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    std::string& out_;
    std::array<std::uint32_t, 64> slots_;  // the number of the text last seen in each, or kNone
    std::vector<std::string_view>& texts_;  // every text so far, by number (views of the request being packed)
};

// The context keys nearly every request has, which a packed request writes as their number in this table: they
// were half its bytes. Only the packed form depends on the table (any key may be added or left out).
constexpr std::string_view kCommonKeys[] = {
    "aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport", "aws:RequestedRegion", "aws:ViaAWSService",
    "aws:TokenIssueTime", "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:SourceIdentity",
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType",
    "aws:PrincipalIsAWSService", "aws:username", "aws:userid", "aws:ResourceAccount", "aws:ResourceOrgID",
    "aws:ResourceOrgPaths", "aws:SourceIp", "aws:TagKeys", "sts:RoleSessionName", "sts:ExternalId",
    "sts:SourceIdentity", "s3:authType", "s3:signatureversion", "s3:TLSVersion", "s3:ResourceAccount", "s3:max-keys",
};

// A key's number in kCommonKeys, or -1: an open-addressed table of 64 slots (every request packs twenty keys:
// std::unordered_map's hashing took 3% of a call).
int common_key(std::string_view key) {
    static const auto slots = [] {
        std::array<int, 64> table;
        table.fill(-1);
        for (std::size_t i = 0; i < std::size(kCommonKeys); ++i) {
            std::size_t at = slot64(kCommonKeys[i]);
            while (table[at] >= 0) at = (at + 1) % 64;
            table[at] = static_cast<int>(i);
        }
        return table;
    }();
    for (std::size_t at = slot64(key); slots[at] >= 0; at = (at + 1) % 64)
        if (kCommonKeys[slots[at]] == key) return slots[at];
    return -1;
}

// A context key: its number in kCommonKeys as 2n+1, else its length as 2n and its characters.
void put_key(std::string& out, std::string_view key) {
    if (const int n = common_key(key); n >= 0) return put_length(out, 2 * static_cast<std::size_t>(n) + 1);
    put_length(out, 2 * key.size());
    out.append(key);
}

struct PackedReader {
    std::string_view in;
    std::size_t length() {
        std::size_t n = 0;
        for (int shift = 0;; shift += 7) {
            const auto b = static_cast<unsigned char>(in.front());
            in.remove_prefix(1);
            n |= static_cast<std::size_t>(b & 0x7F) << shift;
            if (b < 0x80) return n;
        }
    }
    std::vector<std::string_view> texts;  // every text read so far, by number (TextWriter)
    std::string text() {
        const std::size_t code = length();
        if (code % 2 == 1) {
            texts.push_back(texts.at(code / 2));
        } else {
            texts.push_back(in.substr(0, code / 2));
            in.remove_prefix(code / 2);
        }
        return std::string(texts.back());
    }
    std::string key() {
        const std::size_t code = length();
        return code % 2 == 1 ? std::string(kCommonKeys[code / 2]) : chars(code / 2);
    }
    std::string chars(std::size_t n) {
        std::string s(in.substr(0, n));
        in.remove_prefix(n);
        return s;
    }
};

}  // namespace

PackedRequest::PackedRequest(const Request& r) {
    // Written into a buffer kept from request to request, then copied once at its exact size.
    static thread_local std::string out;
    static thread_local std::vector<std::string_view> written;
    out.clear();
    const Principal& p = r.principal;
    out += static_cast<char>(static_cast<unsigned>(p.type) | (p.console ? 0x80u : 0u));
    TextWriter texts(out, written);
    for (const std::string* s : {&p.arn, &p.account, &p.role_arn, &p.issuer_arn, &p.name, &p.id, &r.action, &r.resource,
                                 &r.resource_account})
        texts.put(*s);
    put_length(out, r.context.entries().size());
    for (const ContextEntry& e : r.context.entries()) {
        put_key(out, e.key);
        out += static_cast<char>(e.multivalued);
        put_length(out, e.values.size());
        for (const std::string& v : e.values) texts.put(v);
    }
    bytes_ = out;
}

Request PackedRequest::unpack() const {
    PackedReader in{bytes_, {}};
    Request r;
    Principal& p = r.principal;
    p.type = static_cast<PrincipalType>(static_cast<unsigned char>(in.in.front()) & 0x7fu);
    p.console = (static_cast<unsigned char>(in.in.front()) & 0x80u) != 0;
    in.in.remove_prefix(1);
    for (std::string* s : {&p.arn, &p.account, &p.role_arn, &p.issuer_arn, &p.name, &p.id, &r.action, &r.resource,
                           &r.resource_account})
        *s = in.text();
    const std::size_t entries = in.length();
    r.context.reserve(entries);
    for (std::size_t i = 0; i < entries; ++i) {
        std::string key = in.key();
        const bool multivalued = in.in.front() != 0;
        in.in.remove_prefix(1);
        std::vector<std::string> values(in.length());
        for (auto& v : values) v = in.text();
        if (multivalued) {
            r.context.set_multi(key, std::move(values));
        } else {
            r.context.set(key, values.empty() ? std::string() : std::move(values.front()));
        }
    }
    return r;
}

}  // namespace stslab::iam
