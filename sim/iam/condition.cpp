#include "iam/condition.hpp"
#include "core/text.hpp"

#include "core/error.hpp"
#include "iam/arn.hpp"
#include "iam/json_access.hpp"
#include "iam/policy_lite.hpp"
#include "iam/malformed.hpp"
#include "iam/wildcard.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace stslab::iam {
namespace {

struct OperatorSpec {
    const char* name;
    OperatorFamily family;
    Comparison comparison;
    bool negated;
};

constexpr OperatorSpec kOperators[] = {
    {"StringEquals", OperatorFamily::String, Comparison::Equals, false},
    {"StringNotEquals", OperatorFamily::String, Comparison::Equals, true},
    {"StringEqualsIgnoreCase", OperatorFamily::String, Comparison::EqualsIgnoreCase, false},
    {"StringNotEqualsIgnoreCase", OperatorFamily::String, Comparison::EqualsIgnoreCase, true},
    {"StringLike", OperatorFamily::String, Comparison::Like, false},
    {"StringNotLike", OperatorFamily::String, Comparison::Like, true},
    {"NumericEquals", OperatorFamily::Numeric, Comparison::Equals, false},
    {"NumericNotEquals", OperatorFamily::Numeric, Comparison::Equals, true},
    {"NumericLessThan", OperatorFamily::Numeric, Comparison::LessThan, false},
    {"NumericLessThanEquals", OperatorFamily::Numeric, Comparison::LessThanEquals, false},
    {"NumericGreaterThan", OperatorFamily::Numeric, Comparison::GreaterThan, false},
    {"NumericGreaterThanEquals", OperatorFamily::Numeric, Comparison::GreaterThanEquals, false},
    {"DateEquals", OperatorFamily::Date, Comparison::Equals, false},
    {"DateNotEquals", OperatorFamily::Date, Comparison::Equals, true},
    {"DateLessThan", OperatorFamily::Date, Comparison::LessThan, false},
    {"DateLessThanEquals", OperatorFamily::Date, Comparison::LessThanEquals, false},
    {"DateGreaterThan", OperatorFamily::Date, Comparison::GreaterThan, false},
    {"DateGreaterThanEquals", OperatorFamily::Date, Comparison::GreaterThanEquals, false},
    {"Bool", OperatorFamily::Bool, Comparison::Equals, false},
    {"BinaryEquals", OperatorFamily::Binary, Comparison::Equals, false},
    {"IpAddress", OperatorFamily::Ip, Comparison::InRange, false},
    {"NotIpAddress", OperatorFamily::Ip, Comparison::InRange, true},
    {"ArnEquals", OperatorFamily::Arn, Comparison::Like, false},
    {"ArnLike", OperatorFamily::Arn, Comparison::Like, false},
    {"ArnNotEquals", OperatorFamily::Arn, Comparison::Like, true},
    {"ArnNotLike", OperatorFamily::Arn, Comparison::Like, true},
    {"Null", OperatorFamily::Null, Comparison::IsAbsent, false},
};

// A whole-text decimal number ("42", "-1.5", "1e3"); nullopt otherwise.
std::optional<double> parse_number(std::string_view text) {
    if (text.empty() || text.size() > 64 || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
    char buffer[65];
    text.copy(buffer, text.size());
    buffer[text.size()] = '\0';
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(buffer, &end);
    if (end != buffer + text.size() || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
    // strtod also reads hexadecimal and "inf"/"nan"; AWS numbers are decimal.
    for (char c : text)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
            return std::nullopt;
    return value;
}

// For two whole-text integers ("-0042", "+7"), -1, 0 or 1 as `a` is less than, equal to or greater than `b`;
// nullopt when either is not an integer.
std::optional<int> integer_order(std::string_view a, std::string_view b) {
    const auto parts = [](std::string_view t) -> std::optional<std::pair<bool, std::string_view>> {
        const bool negative = !t.empty() && t.front() == '-';
        if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
        if (t.empty() || t.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
        t.remove_prefix(std::min(t.find_first_not_of('0'), t.size()));  // "000" is "", zero
        return std::pair{negative && !t.empty(), t};
    };
    const auto x = parts(a), y = parts(b);
    if (!x || !y) return std::nullopt;
    if (x->first != y->first) return x->first ? -1 : 1;
    const std::string_view p = x->second, q = y->second;
    const int magnitude = p.size() != q.size() ? (p.size() < q.size() ? -1 : 1) : (p < q ? -1 : p > q ? 1 : 0);
    return x->first ? -magnitude : magnitude;
}

// ISO 8601 ("2026-01-01T00:00:00Z", "2026-01-01") or epoch seconds ("1767225600"), as milliseconds.
std::optional<EpochMs> parse_date(std::string_view text) {
    bool digits = !text.empty();
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    if (digits) {
        if (text.size() > 12) return std::nullopt;
        return static_cast<EpochMs>(std::strtoll(std::string(text).c_str(), nullptr, 10)) * 1000;
    }
    try {
        return parse_iso8601(text);
    } catch (const Error&) {
        return std::nullopt;
    }
}

template <class T>
bool compare(Comparison c, T request, T policy) {
    switch (c) {
        case Comparison::Equals: return request == policy;
        case Comparison::LessThan: return request < policy;
        case Comparison::LessThanEquals: return request <= policy;
        case Comparison::GreaterThan: return request > policy;
        case Comparison::GreaterThanEquals: return request >= policy;
        default: return false;
    }
}

// The text of a JSON scalar as a condition value; nullopt for arrays, objects and null.
template <class J>
std::optional<std::string> scalar_text(const J& v) {
    if (v.is_string()) return std::string(json_access::text(v));
    if (v.is_boolean()) return std::string(json_access::boolean(v) ? "true" : "false");
    if (v.is_number()) return json_access::dump(v);
    return std::nullopt;
}

// Does one request value match one policy value (positively, before any negation)? Variables are resolved
// into `scratch`. A value of the wrong kind (a request "abc" for a Numeric operator) matches nothing.
bool value_matches(const Condition& c, const ConditionValue& pv, std::string_view request, const RequestContext& ctx,
                   std::string& scratch) {
    const ConditionOperator& op = c.op;
    switch (op.family) {
        case OperatorFamily::String:
        case OperatorFamily::Bool:
        case OperatorFamily::Binary: {
            const bool like = op.comparison == Comparison::Like;
            std::string_view policy = pv.code;
            if (pv.pattern.has_variables()) {
                const bool ok = like ? pv.pattern.resolve_code(ctx, scratch) : pv.pattern.resolve_text(ctx, scratch);
                if (!ok) return false;
                policy = scratch;
            }
            if (like) return glob::match(policy, request);
            if (op.comparison == Comparison::EqualsIgnoreCase || op.family == OperatorFamily::Bool)
                return equal_ignoring_case(policy, request);
            return policy == request;
        }
        case OperatorFamily::Arn: {
            if (!pv.pattern.has_variables()) return pv.arn.matches(request);
            return pv.pattern.resolve_code(ctx, scratch) && match_arn(scratch, request, CutShort::NeverMatches);
        }
        case OperatorFamily::Numeric: {
            const auto n = parse_number(request);
            if (!n) return false;
            // Two integers are compared exactly, whatever their size: 9007199254740993 and 9007199254740992 are
            // one double apart from nothing, but two numbers.
            if (const auto order = integer_order(request, pv.text)) return compare(op.comparison, *order, 0);
            return compare(op.comparison, *n, pv.number);
        }
        case OperatorFamily::Date: {
            const auto d = parse_date(request);
            return d && compare(op.comparison, *d, pv.date);
        }
        case OperatorFamily::Ip: {
            const std::size_t slash = request.find('/');
            const auto a = IpAddress::parse(request.substr(0, slash));
            return a && pv.cidr.contains(*a);
        }
        case OperatorFamily::Null: return false;
    }
    return false;
}

// Whether a request value can be compared at all by this operator's family (a negated operator on a value that
// cannot be read is false, not true).
bool readable(const ConditionOperator& op, std::string_view request) {
    switch (op.family) {
        case OperatorFamily::Numeric: return parse_number(request).has_value();
        case OperatorFamily::Date: return parse_date(request).has_value();
        case OperatorFamily::Ip: return IpAddress::parse(request.substr(0, request.find('/'))).has_value();
        default: return true;
    }
}

// The operator applied to one request value: OR over the policy values, negated operators NOR.
bool test_value(const Condition& c, std::string_view request, const RequestContext& ctx, std::string& scratch) {
    bool any = false;
    for (const auto& pv : c.values) {
        if (value_matches(c, pv, request, ctx, scratch)) {
            any = true;
            break;
        }
    }
    if (!c.op.negated) return any;
    return !any && readable(c.op, request);
}

}  // namespace

std::optional<ConditionOperator> ConditionOperator::parse(std::string_view name) {
    ConditionOperator op;
    op.name = std::string(name);
    std::string_view base = name;
    if (starts_with(base, "ForAnyValue:")) {
        op.qualifier = SetQualifier::ForAnyValue;
        base.remove_prefix(12);
    } else if (starts_with(base, "ForAllValues:")) {
        op.qualifier = SetQualifier::ForAllValues;
        base.remove_prefix(13);
    }
    if (ends_with(base, "IfExists")) {
        op.if_exists = true;
        base.remove_suffix(8);
    }
    for (const auto& spec : kOperators) {
        if (base != spec.name) continue;
        if (spec.family == OperatorFamily::Null && (op.if_exists || op.qualifier != SetQualifier::None))
            return std::nullopt;  // Null tests presence itself: no IfExists or set form
        op.family = spec.family;
        op.comparison = spec.comparison;
        op.negated = spec.negated;
        return op;
    }
    return std::nullopt;
}

const std::vector<std::string>& condition_operator_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& spec : kOperators) out.emplace_back(spec.name);
        return out;
    }();
    return names;
}

namespace {

template <class J>
Condition compile_condition_from(const ConditionOperator& op, std::string key, const J& values,
                                 bool variables_enabled, std::string path_text) {
    Condition c;
    c.op = op;
    c.key_lower = ascii_lowered(key);
    c.key = std::move(key);
    c.path = std::move(path_text);
    const std::string& path = c.path;
    const bool list = values.is_array();
    const std::size_t count = list ? values.size() : 1;
    if (count == 0) throw MalformedPolicyDocument(path, "a condition key needs at least one value");
    c.values.reserve(count);
    for (std::size_t index = 0; index < count; ++index) {
        const J& item = list ? values[index] : values;
        auto item_path = [&] { return list ? path + "/" + std::to_string(index) : path; };
        const auto text = scalar_text(item);
        if (!text)
            throw MalformedPolicyDocument(item_path(), "a condition value must be a string, number or boolean, not " +
                                                         std::string(item.type_name()));
        ConditionValue v;
        v.text = *text;
        switch (op.family) {
            case OperatorFamily::String:
            case OperatorFamily::Bool:
            case OperatorFamily::Binary:
            case OperatorFamily::Arn: {
                // Policy variables in String, ARN and Bool values: "You can use a policy variable with the Boolean
                // condition operator", and "You can not use a policy variable with the Binary condition operator"
                // (reference_policies_elements_condition_operators, section by section). reference_policies_variables
                // lists Boolean among the operators that cannot have one; the operators' own page is followed.
                const bool vars = variables_enabled && op.family != OperatorFamily::Binary;
                v.pattern = ValueTemplate::parse(v.text, vars);
                if (op.family == OperatorFamily::Arn) {
                    if (!v.pattern.has_variables())
                        v.arn = ArnMatcher::from_code(v.pattern.static_code(), CutShort::NeverMatches);
                } else if (op.comparison == Comparison::Like) {
                    v.code = v.pattern.static_code();
                } else {
                    std::string plain;
                    v.pattern.resolve_text(RequestContext{}, plain);  // no variables: never fails
                    v.code = op.comparison == Comparison::EqualsIgnoreCase ? ascii_lowered(plain) : plain;
                    if (v.pattern.has_variables()) v.code.clear();
                }
                break;
            }
            case OperatorFamily::Numeric: {
                const auto n = parse_number(v.text);
                if (!n) throw MalformedPolicyDocument(item_path(), "'" + v.text + "' is not a number (" + op.name +
                                                                     " compares numbers)");
                v.number = *n;
                break;
            }
            case OperatorFamily::Date: {
                const auto d = parse_date(v.text);
                if (!d)
                    throw MalformedPolicyDocument(
                        item_path(), "'" + v.text + "' is not a date (" + op.name +
                                       " needs an ISO 8601 time such as \"2026-01-01T00:00:00Z\" or epoch seconds)");
                v.date = *d;
                break;
            }
            case OperatorFamily::Ip: {
                const auto cidr = Cidr::parse(v.text);
                if (!cidr)
                    throw MalformedPolicyDocument(item_path(), "'" + v.text + "' is not an IP address or CIDR block (" +
                                                                 op.name + " needs e.g. \"203.0.113.0/24\" or "
                                                                 "\"2001:db8::/32\")");
                v.cidr = *cidr;
                break;
            }
            case OperatorFamily::Null: {
                if (!equal_ignoring_case(v.text, "true") && !equal_ignoring_case(v.text, "false"))
                    throw MalformedPolicyDocument(item_path(),
                                                  "'" + v.text + "' is not a Null value (expected true or false)");
                v.flag = equal_ignoring_case(v.text, "true");
                break;
            }
        }
        c.values.push_back(std::move(v));
    }
    return c;
}

}  // namespace

Condition compile_condition(const ConditionOperator& op, std::string key, const nlohmann::json& values,
                            bool variables_enabled, std::string path) {
    return compile_condition_from(op, std::move(key), values, variables_enabled, std::move(path));
}

Condition compile_condition(const ConditionOperator& op, std::string key, const lite::Value& values,
                            bool variables_enabled, std::string path) {
    return compile_condition_from(op, std::move(key), values, variables_enabled, std::move(path));
}

bool condition_matches(const Condition& c, const RequestContext& ctx) {
    thread_local std::string scratch;
    const ContextEntry* entry = ctx.get(c.key_lower);
    const bool present = entry && !entry->values.empty();
    // A key whose values are only empty strings "resolves to a null dataset": ForAllValues is true, ForAnyValue
    // false, and Null counts it absent ("To prevent missing context keys or context keys with empty values from
    // evaluating to true, you can include the Null condition operator in your policy with a false value";
    // reference_policies_elements_condition_operators, reference_policies_multi-value-conditions).
    // Worked out only for the operators it concerns: this runs for every condition of every evaluation.
    const auto null_dataset = [&] {
        return !present ||
               std::all_of(entry->values.begin(), entry->values.end(), [](const std::string& v) { return v.empty(); });
    };
    if (c.op.family == OperatorFamily::Null) {
        const bool absent = null_dataset();
        for (const auto& v : c.values)
            if (v.flag == absent) return true;  // "true" matches an absent key, "false" a present one
        return false;
    }
    if (!present && c.op.if_exists) return true;
    if (c.op.qualifier != SetQualifier::None && null_dataset()) return c.op.qualifier == SetQualifier::ForAllValues;
    if (!present) return c.op.negated;
    const bool need_all = c.op.qualifier == SetQualifier::ForAllValues ||
                          (c.op.qualifier == SetQualifier::None && c.op.negated);
    for (const auto& value : entry->values) {
        const bool ok = test_value(c, value, ctx, scratch);
        if (need_all && !ok) return false;
        if (!need_all && ok) return true;
    }
    return need_all;
}

}  // namespace stslab::iam
