// The readers behind read_submissions (read.hpp), one per format, and what they share.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/submission.hpp"

namespace mera::forms {

using EachSubmission = std::function<void(SubmissionInput&&)>;

// Each reads `file` from byte `start` (after a byte order mark) and returns how many
// submissions it passed to `each`. The file is smaller than 4 GB (spans are 32-bit).
std::size_t read_json(const dsl::SourceFile& file, std::size_t start, dsl::Diagnostics& diags,
                      const EachSubmission& each);
std::size_t read_csv(const dsl::SourceFile& file, std::size_t start, dsl::Diagnostics& diags,
                     const EachSubmission& each);

// "the file is not UTF-8 text (byte 0xCF at offset 12); save it as UTF-8"
std::string not_utf8_message(std::string_view text, std::size_t offset);

// "the file is N bytes, larger than the 4 GB ..."
std::string too_large_message(std::size_t size);

// Where the text begins after a UTF-8 byte order mark, if it has one.
std::size_t after_bom(std::string_view text);

// Whether the bytes at `offset` do not begin a well-formed UTF-8 character.
bool bad_utf8_at(std::string_view text, std::size_t offset);

inline dsl::Span span_of(const dsl::SourceFile& file, std::size_t begin, std::size_t end) {
  return {&file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

}  // namespace mera::forms
