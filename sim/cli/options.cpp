#include "cli/options.hpp"

namespace stslab::cli {

bool is_help(const std::string& arg) { return arg == "--help" || arg == "-h"; }

Options::Options(const std::vector<std::string>& args, const std::set<std::string>& valued,
                 const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (is_help(a)) throw HelpRequested();
        if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        const bool inline_value = name.find('=') != std::string::npos;
        if (inline_value) {
            value = name.substr(name.find('=') + 1);
            name = name.substr(0, name.find('='));
        }
        if (flags.count(name)) {
            if (inline_value) throw UsageError("option --" + name + " takes no value");
            flags_.insert(name);
        } else if (valued.count(name)) {
            if (!inline_value) {
                if (i + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
                value = args[++i];
            }
            // Given twice, which one was meant? (`export --until a --until b` would silently draw up to b.)
            if (!values_.emplace(name, value).second) throw UsageError("option --" + name + " is given twice");
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::string Options::get(const std::string& name, const std::string& fallback) const {
    const auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

std::uint64_t Options::get_uint(const std::string& name, std::uint64_t fallback) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const std::string& v = it->second;
    if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("option --" + name + " needs a non-negative integer, not '" + v + "'");
    return std::stoull(v);
}

}  // namespace stslab::cli
