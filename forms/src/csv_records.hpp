// The records of a CSV file (RFC 4180): cells separated by ',' or ';', quoted cells with ""
// for a quote and line breaks inside, records ended by LF or CRLF. Knows nothing of columns.
#pragma once

#include <string>
#include <vector>

#include "mera/dsl/diagnostic.hpp"

namespace mera::forms::csv {

struct Cell {
  std::size_t begin = 0, end = 0;  // the cell as written, quotes included
  std::string text;                // its contents, "" read as one quote
};

// One record; its cells are reused from record to record (their strings keep their capacity).
struct Record {
  std::vector<Cell> cells;
  std::size_t size = 0;              // cells in use
  std::size_t begin = 0, end = 0;    // the record's bytes, its line break excluded
  bool broken = false;               // a problem of its text was reported (quotes, not UTF-8)
  bool not_utf8 = false;

  const Cell& operator[](std::size_t i) const { return cells[i]; }
};

class Scanner {
 public:
  // Reads `file` from byte `start`; the separator is the one the first line that is not blank
  // uses outside quotes (the more frequent if both).
  Scanner(const dsl::SourceFile& file, std::size_t start, dsl::Diagnostics& diags);

  char separator() const { return separator_; }
  // The next record that is not blank (no cell holds more than blank space); false at the end
  // of the file, and after a quote that is never closed (it swallowed the rest of the file).
  bool next(Record& r);

 private:
  bool cell(Record& r);  // reads one cell; true when a separator follows it
  void quoted(Cell& c, Record& r);
  void unquoted(Cell& c);
  bool cell_ends(std::size_t at) const;
  void check_utf8(Record& r);

  const dsl::SourceFile& file_;
  const std::string& text_;
  dsl::Diagnostics& diags_;
  std::size_t pos_;
  char separator_ = ',';
  bool swallowed_ = false;  // an unterminated quote reached the end of the file
};

}  // namespace mera::forms::csv
