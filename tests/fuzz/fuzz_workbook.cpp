// libFuzzer target: any bytes as an .xlsx workbook (sheets/workbook.hpp: libzip, expat), its
// rows validated against examples/tomsk as `mera submit` does, with the stored-values round trip
// of the CSV and JSON targets (submission_oracle.hpp) as one oracle and, as another, that every
// diagnostic names a place of the workbook (a cell, or the file as a whole), never a line and
// column of bytes that are not text. Build and run: see docs/fuzzing.md.
#include "mera/sheets/workbook.hpp"
#include "submission_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto source = std::make_shared<mera::dsl::SourceFile>("fuzz.xlsx", std::string(reinterpret_cast<const char*>(data), size));
  mera::dsl::Diagnostics diags;
  mera::dsl::SourcePtr cells = mera::sheets::read_workbook(*source, diags, [&](mera::forms::SubmissionInput&& input) {
    mera::fuzz::validate_and_round_trip(std::move(input), diags);
  });
  for (const auto& d : diags.all()) {
    if (d.span.known() && !d.span.file->place_of(d.span.begin)) {
      std::fprintf(stderr, "fuzz: a diagnostic of a workbook names no place of it: %s\n", d.message.c_str());
      std::abort();
    }
  }
  (void)mera::dsl::render(diags);
  return 0;
}
