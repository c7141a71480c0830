// SHA-1 against the FIPS 180-4 / RFC 3174 test vectors, and Base64 against RFC 4648 section 10.
#include "core/sha1.hpp"

#include <doctest/doctest.h>

using namespace stslab;

TEST_CASE("SHA-1 gives the published digests of the RFC 3174 test vectors") {
    CHECK(to_hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(to_hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(to_hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(to_hex(sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    // 55 and 56 bytes: the padding spills into a second block at 56.
    CHECK(to_hex(sha1(std::string(55, 'a'))) == "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    CHECK(to_hex(sha1(std::string(56, 'a'))) == "c2db330f6083854c99d4b5bfb6e8f29f201be699");
}

TEST_CASE("Base64 encodes the RFC 4648 examples with padding") {
    CHECK(base64(std::string_view("")) == "");
    CHECK(base64(std::string_view("f")) == "Zg==");
    CHECK(base64(std::string_view("fo")) == "Zm8=");
    CHECK(base64(std::string_view("foo")) == "Zm9v");
    CHECK(base64(std::string_view("foob")) == "Zm9vYg==");
    CHECK(base64(std::string_view("fooba")) == "Zm9vYmE=");
    CHECK(base64(std::string_view("foobar")) == "Zm9vYmFy");
}
