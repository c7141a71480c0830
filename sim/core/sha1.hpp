// SHA-1 (FIPS 180-4) and Base64 (RFC 4648), for the identifiers AWS derives with them: the NameQualifier of an
// AssumeRoleWithSAML answer is Base64(SHA1(Issuer + AccountId + "/" + ProviderName)) (API_AssumeRoleWithSAML).
// The sandbox also signs identity-provider assertions and tokens with a keyed SHA-1 digest. Not for security.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace stslab {

using Sha1Digest = std::array<std::uint8_t, 20>;

Sha1Digest sha1(std::string_view data);
std::string to_hex(std::string_view bytes);  // two lower-case hexadecimal digits a byte
inline std::string to_hex(const Sha1Digest& d) { return to_hex(std::string_view(reinterpret_cast<const char*>(d.data()), d.size())); }
std::string base64(std::string_view bytes);
inline std::string base64(const Sha1Digest& d) { return base64(std::string_view(reinterpret_cast<const char*>(d.data()), d.size())); }

}  // namespace stslab
