// libFuzzer target: any bytes as a JSON submission file (an object, an array, JSON lines),
// validated against examples/tomsk, with the stored-values round trip as the oracle
// (submission_oracle.hpp). Build and run: see docs/fuzzing.md.
#include "submission_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mera::fuzz::fuzz_submission_file("fuzz.jsonl", data, size);
}
