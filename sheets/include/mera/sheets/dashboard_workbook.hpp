// `mera eval --format xlsx`: a dashboard as a formatted workbook (libxlsxwriter). engine/ lays
// the dashboard out as sheets of cells (it knows indicators; this library knows workbooks): a
// label is text, a value is a number with its indicator's number format (a percent stays the
// exact fraction 0.838, shown as 83.8 %), a value judged against a target is coloured (met
// green, missed red), an empty value is the words of why it is empty, never 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mera::sheets {

struct BookCell {
  enum class Status { none, met, missed };
  enum class Kind { text, number, percent, integer };
  Kind kind = Kind::text;
  std::string text;                // Kind::text; or the words of an empty value
  std::optional<double> number;    // a number kind with a value
  int digits = 0;                  // decimals shown (number, percent)
  Status status = Status::none;
  bool heading = false;            // bold, filled: a header row or column
};

struct BookSheet {
  std::string name;                // at most 31 characters, unique in the book
  std::vector<std::vector<BookCell>> rows;
  std::size_t frozen_rows = 0, frozen_columns = 0;  // headers kept in view when scrolling
};

// The workbook's bytes. Throws std::runtime_error when libxlsxwriter cannot write it.
std::string make_dashboard_workbook(const std::vector<BookSheet>& sheets);

}  // namespace mera::sheets
