// Small string helpers shared across the simulator (C++17 has no string_view::starts_with).
#pragma once

#include <string_view>

namespace stslab {

inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace stslab
