#include "iam/ip.hpp"

#include <vector>

namespace stslab::iam {
namespace {

bool parse_v4(std::string_view text, std::uint8_t* out) {
    int part = 0;
    std::size_t i = 0;
    while (part < 4) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
        unsigned value = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
            if (++digits > 3 || value > 255) return false;
            ++i;
        }
        out[part++] = static_cast<std::uint8_t>(value);
        if (part < 4) {
            if (i >= text.size() || text[i] != '.') return false;
            ++i;
        }
    }
    return i == text.size();
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Parses colon-separated 16-bit groups (and an optional IPv4 tail) into `groups`; false on a malformed group.
bool parse_groups(std::string_view text, std::vector<std::uint16_t>& groups, bool allow_v4_tail) {
    if (text.empty()) return true;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = text.find(':', start);
        const std::string_view g = text.substr(start, colon == std::string_view::npos ? text.npos : colon - start);
        if (colon == std::string_view::npos && allow_v4_tail && g.find('.') != std::string_view::npos) {
            std::uint8_t v4[4];
            if (!parse_v4(g, v4)) return false;
            groups.push_back(static_cast<std::uint16_t>(v4[0] << 8 | v4[1]));
            groups.push_back(static_cast<std::uint16_t>(v4[2] << 8 | v4[3]));
            return true;
        }
        if (g.empty() || g.size() > 4) return false;
        unsigned value = 0;
        for (char c : g) {
            const int h = hex_value(c);
            if (h < 0) return false;
            value = value * 16 + static_cast<unsigned>(h);
        }
        groups.push_back(static_cast<std::uint16_t>(value));
        if (colon == std::string_view::npos) return true;
        start = colon + 1;
    }
}

bool parse_v6(std::string_view text, std::uint8_t* out) {
    std::vector<std::uint16_t> head, tail;
    const std::size_t dbl = text.find("::");
    if (dbl != std::string_view::npos) {
        if (text.find("::", dbl + 1) != std::string_view::npos) return false;
        if (!parse_groups(text.substr(0, dbl), head, false) || !parse_groups(text.substr(dbl + 2), tail, true))
            return false;
        if (head.size() + tail.size() > 7) return false;
    } else {
        if (!parse_groups(text, head, true) || head.size() != 8) return false;
    }
    std::uint16_t groups[8] = {};
    for (std::size_t i = 0; i < head.size(); ++i) groups[i] = head[i];
    for (std::size_t i = 0; i < tail.size(); ++i) groups[8 - tail.size() + i] = tail[i];
    for (int i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
        out[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xff);
    }
    return true;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    IpAddress a;
    if (text.find(':') != std::string_view::npos) {
        a.v6 = true;
        if (!parse_v6(text, a.bytes.data())) return std::nullopt;
    } else if (!parse_v4(text, a.bytes.data())) {
        return std::nullopt;
    }
    return a;
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
    const std::size_t slash = text.find('/');
    const auto address = IpAddress::parse(text.substr(0, slash));
    if (!address) return std::nullopt;
    Cidr c;
    c.network = *address;
    const unsigned max = address->v6 ? 128 : 32;
    c.prefix = max;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3) return std::nullopt;
        unsigned value = 0;
        for (char d : digits) {
            if (d < '0' || d > '9') return std::nullopt;
            value = value * 10 + static_cast<unsigned>(d - '0');
        }
        if (value > max) return std::nullopt;
        c.prefix = value;
    }
    return c;
}

bool Cidr::contains(const IpAddress& address) const {
    if (address.v6 != network.v6) return false;
    unsigned bits = prefix;
    for (std::size_t i = 0; bits > 0; ++i) {
        const unsigned take = bits >= 8 ? 8 : bits;
        const auto mask = static_cast<std::uint8_t>(0xff << (8 - take));
        if ((address.bytes[i] & mask) != (network.bytes[i] & mask)) return false;
        bits -= take;
    }
    return true;
}

}  // namespace stslab::iam
