// Reading submission files: JSON (one object, an array of objects, or JSON lines) and CSV
// (a header of form, unit, period or record, then field names). A file is read one submission
// at a time, so a file of any size is never held as one tree.
#pragma once

#include <functional>
#include <string_view>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/submission.hpp"

namespace mera::forms {

enum class FileFormat { json, csv };

// By extension (.json, .jsonl, .ndjson -> json; .csv -> csv), else by the first character that
// is not blank ({ or [ -> json, otherwise csv).
FileFormat detect_format(const dsl::SourceFile& file);

// Calls `each` for every submission of `file`, in order. Syntax errors, text that is not UTF-8
// and a CSV row with the wrong number of cells go to `diags` with their place; reading goes on
// where it safely can (the next JSON line, the next CSV row) so that one run reports every
// problem. Returns the number of submissions passed to `each`.
std::size_t read_submissions(const dsl::SourceFile& file, dsl::Diagnostics& diags,
                             const std::function<void(SubmissionInput&&)>& each);

// A CSV file as rows of cells with their places (RFC 4180; ',' or ';' as the header line
// shows; a UTF-8 BOM skipped; blank lines skipped): the tokenizer under the submission reader,
// for other tables too (a model's units.csv). The first row passed is the header.
struct CsvCell {
  std::string text;
  dsl::Span span;
};
struct CsvRow {
  std::vector<CsvCell> cells;
  dsl::Span span;  // the whole row
};
void read_csv_rows(const dsl::SourceFile& file, dsl::Diagnostics& diags, const std::function<void(CsvRow&&)>& each);

// Whether `text` shows nothing: only blanks, line breaks and the other Unicode spaces (U+00A0,
// U+2000 to U+200A, U+3000, ...) and invisible characters (zero-width space, word joiner, byte
// order mark). A reason or a name made of them is as empty as "".
bool blank(std::string_view text);

// One JSON value from text that is not a user's file (the stored values of a submission); its
// spans point nowhere. Throws std::runtime_error naming the byte offset when the text is malformed.
RawValue parse_json(std::string_view text);

}  // namespace mera::forms
