// libFuzzer target: any bytes as a CSV submission file (a header of form, unit, period or
// record, then field names), validated against examples/tomsk, with the stored-values round
// trip as the oracle (submission_oracle.hpp). Build and run: see docs/fuzzing.md.
#include "submission_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mera::fuzz::fuzz_submission_file("fuzz.csv", data, size);
}
