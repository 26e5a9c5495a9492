// SHA-256 against the FIPS 180-2 test vectors, whole and fed in pieces.
#include <boost/test/unit_test.hpp>

#include <string>

#include "mera/storage/sha256.hpp"

using mera::storage::Sha256;
using mera::storage::sha256_hex;

namespace {
const std::string k448Bits = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
}

BOOST_AUTO_TEST_SUITE(storage_sha256)

BOOST_AUTO_TEST_CASE(fips_180_2_vectors) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex(k448Bits) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256_hex(std::string(1'000'000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Pieces of every size from 1 to 130 cross the 64-byte block boundary at every offset, and the
// 55/56/64-byte messages hit each case of the padding.
BOOST_AUTO_TEST_CASE(pieces_give_the_same_digest) {
  std::string message;
  for (int i = 0; i < 1000; ++i) message += static_cast<char>('a' + i % 26);
  for (std::size_t piece = 1; piece <= 130; ++piece) {
    Sha256 sha;
    for (std::size_t at = 0; at < message.size(); at += piece) sha.update(std::string_view(message).substr(at, piece));
    BOOST_TEST(sha.finish() == sha256_hex(message), "piece size " << piece);
  }
  BOOST_TEST(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  BOOST_TEST(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  BOOST_TEST(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

BOOST_AUTO_TEST_SUITE_END()
