// IP addresses and CIDR blocks for the IpAddress / NotIpAddress condition operators
// (reference_policies_elements_condition_operators, "IP address condition operators": RFC 4632 CIDR, IPv4 and
// IPv6). A policy value without "/n" is a single host (/32 or /128). An IPv4 address never matches an IPv6
// block and the other way round.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace stslab::iam {

struct IpAddress {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

    // Parses dotted IPv4 ("203.0.113.9") or IPv6 ("2001:db8::1", with "::" compression, optionally with an
    // embedded IPv4 tail). nullopt on anything else.
    static std::optional<IpAddress> parse(std::string_view text);
};

struct Cidr {
    IpAddress network;
    unsigned prefix = 0;  // 0..32 or 0..128

    // "203.0.113.0/24", "2001:db8::/32", or a bare address. nullopt when malformed or the prefix is too long.
    static std::optional<Cidr> parse(std::string_view text);
    bool contains(const IpAddress& address) const;
};

}  // namespace stslab::iam
