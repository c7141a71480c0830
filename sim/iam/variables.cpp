#include "iam/variables.hpp"

#include "iam/wildcard.hpp"

#include <cctype>

namespace stslab::iam {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

ValueTemplate ValueTemplate::parse(std::string_view text, bool variables_enabled) {
    ValueTemplate t;
    t.text_ = std::string(text);
    auto add_text = [&](std::string_view s, Kind kind) {
        if (s.empty()) return;
        if (!t.parts_.empty() && t.parts_.back().kind == kind) {
            t.parts_.back().text += s;
        } else {
            t.parts_.push_back(Part{kind, std::string(s), false, {}});
        }
    };
    if (!variables_enabled || text.find("${") == std::string_view::npos) {
        t.plain_ = true;  // one Text part: text_ itself
        return t;
    }
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find("${", i);
        if (open == std::string_view::npos) {
            add_text(text.substr(i), Kind::Text);
            break;
        }
        add_text(text.substr(i, open - i), Kind::Text);
        // Parse "${ key [, 'default'] }" from open + 2.
        std::size_t p = open + 2;
        while (p < text.size() && is_space(text[p])) ++p;
        const std::size_t key_start = p;
        while (p < text.size() && text[p] != '}' && text[p] != ',' && !is_space(text[p])) ++p;
        const std::string_view key = text.substr(key_start, p - key_start);
        while (p < text.size() && is_space(text[p])) ++p;
        bool ok = !key.empty() && p < text.size();
        Part part{Kind::Variable, {}, false, {}};
        if (ok && text[p] == ',') {
            ++p;
            while (p < text.size() && is_space(text[p])) ++p;
            ok = p < text.size() && text[p] == '\'';
            ++p;
            bool closed = false;
            while (ok && p < text.size()) {
                if (text[p] == '\'') {
                    if (p + 1 < text.size() && text[p + 1] == '\'') {
                        part.fallback += '\'';
                        p += 2;
                        continue;
                    }
                    closed = true;
                    ++p;
                    break;
                }
                part.fallback += text[p++];
            }
            ok = ok && closed;
            part.has_default = true;
            while (ok && p < text.size() && is_space(text[p])) ++p;
        }
        ok = ok && p < text.size() && text[p] == '}';
        if (!ok) {  // not variable syntax: keep "${" literally and go on after it
            add_text(text.substr(open, 2), Kind::Text);
            i = open + 2;
            continue;
        }
        if (key == "*" || key == "?" || key == "$") {
            add_text(key, Kind::Literal);
        } else {
            for (char c : key) part.text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            t.parts_.push_back(std::move(part));
            t.has_variables_ = true;
        }
        i = p + 1;
    }
    return t;
}

template <class Append>
bool ValueTemplate::resolve(const RequestContext& context, std::string& out, Append append_policy_text) const {
    out.clear();
    if (plain_) {
        append_policy_text(out, text_);
        return true;
    }
    for (const Part& part : parts_) {
        switch (part.kind) {
            case Kind::Text:
                append_policy_text(out, part.text);
                break;
            case Kind::Literal:
                glob::append_literal(out, part.text);
                break;
            case Kind::Variable: {
                const ContextEntry* e = context.get(part.text);
                // "When policy variables reference a condition context key that has no value or is not present
                // ... the value is effectively null": an empty value (a tag can have one) counts as none.
                if (e && !e->multivalued && e->values.size() == 1 && !e->values.front().empty()) {
                    glob::append_literal(out, e->values.front());
                } else if (part.has_default) {
                    glob::append_literal(out, part.fallback);
                } else {
                    return false;
                }
                break;
            }
        }
    }
    return true;
}

bool ValueTemplate::resolve_code(const RequestContext& context, std::string& out) const {
    return resolve(context, out, [](std::string& o, const std::string& s) { glob::append_pattern(o, s); });
}

bool ValueTemplate::resolve_text(const RequestContext& context, std::string& out) const {
    // Resolve as literal code, then drop the escapes: the result is plain text.
    std::string code;
    if (!resolve(context, code, [](std::string& o, const std::string& s) { glob::append_literal(o, s); }))
        return false;
    out = glob::display(code);
    return true;
}

std::string ValueTemplate::static_code() const {
    std::string code;
    if (plain_) {
        glob::append_pattern(code, text_);
        return code;
    }
    for (const Part& part : parts_) {
        if (part.kind == Kind::Text) glob::append_pattern(code, part.text);
        if (part.kind == Kind::Literal) glob::append_literal(code, part.text);
    }
    return code;
}

}  // namespace stslab::iam
