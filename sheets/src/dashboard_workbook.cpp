// The dashboard workbook: each BookSheet written cell by cell, a format per kind of cell made
// once (libxlsxwriter keeps every format until the book is closed).
#include "mera/sheets/dashboard_workbook.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "temp_book.hpp"

namespace mera::sheets {

namespace {

constexpr lxw_color_t kMet = 0xC6EFCE, kMissed = 0xFFC7CE, kHeading = 0xFFF2CC;

// "#,##0.0" for one decimal; "0.0%" for a percent (Excel shows the fraction times 100). The
// thousands and decimal marks are the reader's own locale's: Russian Excel shows 1 532,5.
std::string number_format(BookCell::Kind kind, int digits) {
  std::string decimals = digits > 0 ? "." + std::string(static_cast<std::size_t>(digits), '0') : "";
  switch (kind) {
    case BookCell::Kind::percent: return "0" + decimals + "%";
    case BookCell::Kind::integer: return "#,##0";
    case BookCell::Kind::number: return "#,##0" + decimals;
    default: return "@";
  }
}

class Formats {
 public:
  explicit Formats(lxw_workbook* book) : book_(book) {}

  lxw_format* of(const BookCell& c) {
    auto key = std::make_tuple(c.kind, c.kind == BookCell::Kind::text ? 0 : c.digits, c.status, c.heading);
    auto [at, fresh] = made_.try_emplace(key, nullptr);
    if (fresh) at->second = make(c);
    return at->second;
  }

 private:
  lxw_format* make(const BookCell& c) {
    lxw_format* f = workbook_add_format(book_);
    if (c.kind != BookCell::Kind::text) format_set_num_format(f, number_format(c.kind, c.digits).c_str());
    if (c.heading) {
      format_set_bold(f);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_bg_color(f, kHeading);
    }
    if (c.status != BookCell::Status::none) format_set_bg_color(f, c.status == BookCell::Status::met ? kMet : kMissed);
    return f;
  }

  lxw_workbook* book_;
  std::map<std::tuple<BookCell::Kind, int, BookCell::Status, bool>, lxw_format*> made_;
};

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const BookCell& c, Formats& formats) {
  lxw_format* f = formats.of(c);
  if (c.kind != BookCell::Kind::text && c.number) worksheet_write_number(sheet, row, col, *c.number, f);
  else if (!c.text.empty()) worksheet_write_string(sheet, row, col, c.text.c_str(), f);
  else if (c.heading || c.status != BookCell::Status::none) worksheet_write_blank(sheet, row, col, f);
}

void write_sheet(lxw_workbook* book, const BookSheet& s, Formats& formats) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, s.name.c_str());
  std::size_t columns = 0;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    columns = std::max(columns, s.rows[r].size());
    for (std::size_t c = 0; c < s.rows[r].size(); ++c)
      write_cell(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), s.rows[r][c], formats);
  }
  for (std::size_t c = 0; c < columns; ++c) worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c < s.frozen_columns ? 28 : 16, nullptr);
  if (!s.rows.empty()) worksheet_set_row(sheet, 0, 60, nullptr);
  worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(s.frozen_rows), static_cast<lxw_col_t>(s.frozen_columns));
}

}  // namespace

std::string make_dashboard_workbook(const std::vector<BookSheet>& sheets) {
  return workbook_bytes([&](lxw_workbook* book) {
    Formats formats(book);
    for (const auto& s : sheets) write_sheet(book, s, formats);
  });
}

}  // namespace mera::sheets
