// Policy variables (reference_policies_variables): `${aws:username}`, `${aws:PrincipalTag/team}` and any other
// single-valued request key, the escapes `${*}`, `${?}`, `${$}` (a literal `*`, `?`, `$`), and the default form
// `${key, 'default'}` (a doubled quote '' inside the default is one quote).
//
// Only documents with "Version": "2012-10-17" have variables; in 2008-10-17 (or with no Version) the text is
// taken literally. A variable whose key is absent, empty or multivalued ("has no value or is not present": the value
// is "effectively null") and has no default makes the value it is in unable to match. Substitution happens once: a
// value that itself looks like a variable is not expanded again.
// Text that is not well-formed variable syntax (an unclosed "${", "${}") is kept as literal text.
#pragma once

#include "iam/request.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace stslab::iam {

class ValueTemplate {
public:
    ValueTemplate() = default;
    static ValueTemplate parse(std::string_view text, bool variables_enabled);

    const std::string& text() const { return text_; }
    bool has_variables() const { return has_variables_; }

    // As plain text (exact operators): false when a variable has no value and no default.
    bool resolve_text(const RequestContext& context, std::string& out) const;
    // As a glob code (wildcard.hpp): the policy's own `*` and `?` are wildcards, substituted text is literal.
    bool resolve_code(const RequestContext& context, std::string& out) const;
    // The glob code of a template without variables (precomputed at compile time).
    std::string static_code() const;

private:
    enum class Kind : unsigned char { Text, Literal, Variable };
    struct Part {
        Kind kind = Kind::Text;
        std::string text;       // Text/Literal: the text; Variable: the key, lower-cased
        bool has_default = false;
        std::string fallback;   // Variable: the default value
    };
    template <class Append>
    bool resolve(const RequestContext& context, std::string& out, Append append_policy_text) const;

    std::string text_;
    std::vector<Part> parts_;  // empty when plain_
    bool has_variables_ = false;
    bool plain_ = false;       // no variable syntax at all: the whole text is one Text part (kept as text_ only)
};

}  // namespace stslab::iam
