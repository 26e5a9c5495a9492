// A template workbook back to submissions. The hidden sheet `mera` says which form (B1) and which
// sheet holds the data (B2); that sheet's hidden first row holds the columns' names as a CSV
// header has them (unit, period, families, by_risk[low], ...), its second row the labels, and
// every row below that holds anything is one submission. They are written out as CSV text, each
// cell quoted, with the place of every cell, and read by forms::read_submissions. The form's
// name goes in a last column, so that the CSV reader's "column N" is the sheet's column N.
#include "mera/sheets/workbook.hpp"

#include <map>

#include "mera/forms/read.hpp"
#include "mera/text/tr.hpp"
#include "workbook_parts.hpp"
#include "xml_events.hpp"

namespace mera::sheets {

namespace {

bool ends_with_xlsx(const std::string& name) {
  if (name.size() < 5) return false;
  std::string tail = name.substr(name.size() - 5);
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".xlsx";
}

// The value of column B of the meta sheet's row whose column A is `key`.
std::string meta_value(const std::vector<Cell>& meta, std::string_view key) {
  for (std::size_t i = 0; i + 1 < meta.size(); ++i)
    if (meta[i].ref.column == 1 && meta[i].text == key && meta[i + 1].ref.row == meta[i].ref.row && meta[i + 1].ref.column == 2)
      return meta[i + 1].text;
  return {};
}

// The CSV text and its places, a row at a time.
class CsvText {
 public:
  explicit CsvText(std::string sheet) : sheet_(std::move(sheet)) {}
  void cell(const std::string& place, std::string_view value) {
    if (!at_line_start_) text_ += ',';
    at_line_start_ = false;
    places_.push_back({text_.size(), place});
    text_ += '"';
    for (char c : value) {
      if (c == '"') text_ += '"';
      text_ += c;
    }
    text_ += '"';
  }
  void end_row() {
    text_ += '\n';
    at_line_start_ = true;
  }
  dsl::SourcePtr file(const std::string& name) { return std::make_shared<dsl::SourceFile>(name, std::move(text_), std::move(places_)); }
  const std::string& sheet() const { return sheet_; }
  std::size_t& cells() { return cells_; }

 private:
  std::string sheet_;
  std::string text_;
  std::vector<dsl::Place> places_;
  bool at_line_start_ = true;
  std::size_t cells_ = 0;  // written so far
};

std::string place(const std::string& sheet, std::size_t row, std::size_t column) { return sheet + "!" + cell_name({row, column}); }

// The cells of one row from column A up to `width`, an empty one for each cell not written.
void write_cells(CsvText& out, const std::vector<Cell>& cells, std::size_t from, std::size_t to, std::size_t row, std::size_t width) {
  // A sparse sheet (a cell in column XFD, then a value in each of a million rows) must not
  // become a table of billions of empty cells: the table is bounded like the sheet.
  if ((out.cells() += width) > kMaxCells)
    throw Refusal{text::tr("the sheet {} holds values in more rows and columns ({} columns wide) than mera reads at once: keep the form's columns and at most {} cells",
                           out.sheet(), width, kMaxCells)};
  for (std::size_t column = 1, next = from; column <= width; ++column) {
    bool has = next < to && cells[next].ref.column == column;
    out.cell(place(out.sheet(), row, column), has ? std::string_view(cells[next].text) : std::string_view());
    if (has) ++next;
  }
}

struct Workbook {
  std::string form;
  std::string sheet;
  std::vector<Cell> cells;  // of the data sheet
};

Workbook open_workbook(const dsl::SourceFile& file) {
  ZipParts zip(file.text());
  WorkbookIndex index = read_index(zip);
  std::vector<std::string> shared = read_shared_strings(zip);
  std::vector<bool> dates = read_date_styles(zip);
  CellContext context{shared, dates, index.from_1904};
  const SheetEntry* meta = index.sheet(kMetaSheet);
  if (!meta)
    throw Refusal{text::tr("the workbook has no sheet '{}' (hidden, it names the form): make the workbook with 'mera template' and fill that one in", kMetaSheet)};
  std::vector<Cell> meta_cells = read_cells(zip, *meta, context);
  Workbook w{meta_value(meta_cells, "form"), meta_value(meta_cells, "sheet"), {}};
  if (w.form.empty() || w.sheet.empty())
    throw Refusal{text::tr("the sheet '{}' of the workbook does not name the form and its sheet (cells A1:B2): make the workbook again with 'mera template'", kMetaSheet)};
  const SheetEntry* data = index.sheet(w.sheet);
  if (!data) throw Refusal{text::tr("the workbook has no sheet '{}', where the form's values belong: was it renamed or deleted? Make the workbook again with 'mera template'", w.sheet)};
  w.cells = read_cells(zip, *data, context);
  return w;
}

dsl::SourcePtr as_csv(const std::string& name, const Workbook& w) {
  CsvText out(w.sheet);
  std::size_t width = 0;
  for (const auto& c : w.cells) width = std::max(width, c.ref.column);
  std::size_t i = 0, n = w.cells.size();
  while (i < n && w.cells[i].ref.row < kNamesRow) ++i;
  std::size_t end = i;
  while (end < n && w.cells[end].ref.row == kNamesRow) ++end;
  write_cells(out, w.cells, i, end, kNamesRow, width);
  out.cell(std::string(kMetaSheet) + "!B1", "form");
  out.end_row();
  for (i = end; i < n && w.cells[i].ref.row < kFirstDataRow;) ++i;
  while (i < n) {
    std::size_t row = w.cells[i].ref.row, to = i;
    while (to < n && w.cells[to].ref.row == row) ++to;
    bool filled = false;
    for (std::size_t k = i; k < to; ++k) filled = filled || !forms::blank(w.cells[k].text);
    if (filled) {
      write_cells(out, w.cells, i, to, row, width);
      out.cell(place(w.sheet, row, 1), w.form);  // the form's name, said by the sheet mera, at the row's first cell
      out.end_row();
    }
    i = to;
  }
  if (out.cells() == width)  // the names only: a template sent before it was filled in, or the wrong file saved
    throw Refusal{text::tr("the sheet {} has no values to submit: fill in the rows from row {} on (a row per report) and save the workbook", w.sheet,
                           kFirstDataRow)};
  return out.file(name);
}

}  // namespace

bool is_workbook(const dsl::SourceFile& file) { return ends_with_xlsx(file.name()) || file.text().starts_with("PK\x03\x04"); }

dsl::SourcePtr read_workbook(const dsl::SourceFile& file, dsl::Diagnostics& diags,
                             const std::function<void(forms::SubmissionInput&&)>& each) {
  dsl::SourcePtr csv;
  try {
    csv = as_csv(file.name(), open_workbook(file));
  } catch (const Refusal& r) {
    // The file as a whole: a place without a name, so no line of its bytes is shown.
    auto whole = std::make_shared<dsl::SourceFile>(file.name(), std::string(), std::vector<dsl::Place>{{0, ""}});
    diags.error({whole.get(), 0, 0}, r.message);
    return whole;
  }
  forms::read_submissions(*csv, diags, each);
  return csv;
}

}  // namespace mera::sheets
