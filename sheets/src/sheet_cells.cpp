// A worksheet's cells: <sheetData><row r="3"><c r="C3" s="1" t="s"><v>0</v></c>...</row>.
// The type `t` says how to read the value: s a shared string, inlineStr the text in <is>, b a
// boolean (1/0), str a formula's text, e an error (#DIV/0!), n or none a number (a date when
// its style shows one). A cell without `r` follows the one before it, as the format allows.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "excel_date.hpp"
#include "mera/text/tr.hpp"
#include "workbook_parts.hpp"
#include "xml_events.hpp"

namespace mera::sheets {

namespace {

// A number as mera's readers take it: "12" for 12.0 or 1.2E1, the shortest decimal otherwise.
std::string plain_number(const std::string& v) {
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return v;
  if (d == std::floor(d) && std::fabs(d) < 1e15) return fmt::format("{:.0f}", d);
  return fmt::format("{}", d);
}

class SheetEvents : public XmlEvents {
 public:
  SheetEvents(const SheetEntry& sheet, const CellContext& context) : sheet_(sheet), context_(context) {}
  std::vector<Cell> cells;

  void start(std::string_view name, const char** a) override {
    if (name == "row") {
      const char* r = attribute(a, "r");
      row_ = r ? parse_row(r) : row_ + 1;
      column_ = 0;
    } else if (name == "c") {
      begin_cell(a);
    } else if (in_cell_ && (name == "v" || (name == "t" && inline_))) {
      collecting_ = true;
    } else if (in_cell_ && name == "is") {
      inline_ = true;
    } else if (in_cell_ && name == "rPh") {
      ++phonetic_;
    }
  }
  void end(std::string_view name) override {
    if (name == "c") end_cell();
    else if (name == "v" || name == "t") collecting_ = false;
    else if (name == "rPh") --phonetic_;
  }
  void text(std::string_view t) override {
    if (collecting_ && phonetic_ == 0) {
      if (value_.size() + t.size() > kMaxCellText) throw Refusal{text::tr("the cell {}!{} holds more than {} characters", sheet_.name, cell_name({row_, column_}), kMaxCellText)};
      value_ += t;
    }
  }

 private:
  static constexpr std::size_t kMaxCellText = 32767;  // Excel's own limit

  std::size_t parse_row(const char* r) {
    std::size_t row = 0;
    auto [end, ec] = std::from_chars(r, r + std::strlen(r), row);
    if (ec != std::errc() || *end || row == 0 || row > kMaxRow) throw Refusal{text::tr("the sheet {} has a row numbered '{}', which no workbook has", sheet_.name, r)};
    return row;
  }

  void begin_cell(const char** a) {
    const char* r = attribute(a, "r");
    if (r) {
      auto ref = parse_cell_ref(r);
      if (!ref) throw Refusal{text::tr("the sheet {} has a cell named '{}', which is not a cell's name", sheet_.name, r)};
      row_ = ref->row;
      column_ = ref->column;
    } else if (++column_ > kMaxColumn) {
      throw Refusal{text::tr("the sheet {} has a row of more than {} cells", sheet_.name, kMaxColumn)};
    }
    const char* t = attribute(a, "t");
    type_ = t ? t : "n";
    const char* s = attribute(a, "s");
    style_ = 0;
    if (s) std::from_chars(s, s + std::strlen(s), style_);
    in_cell_ = true;
    inline_ = false;
    value_.clear();
  }

  void end_cell() {
    in_cell_ = false;
    if (row_ == 0) row_ = 1;  // a cell before any row: the format has none, but it costs nothing
    std::string text = cell_text();
    if (text.empty()) return;
    if (cells.size() == kMaxCells) throw Refusal{text::tr("the sheet {} has more than {} cells with values: mera reads smaller workbooks", sheet_.name, kMaxCells)};
    cells.push_back({{row_, column_}, std::move(text)});
  }

  std::string cell_text() {
    if (type_ == "s") {
      std::size_t i = 0;
      auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (ec != std::errc() || end != value_.data() + value_.size() || i >= context_.shared.size())
        throw Refusal{text::tr("the cell {}!{} names a shared string that the workbook does not have", sheet_.name, cell_name({row_, column_}))};
      return context_.shared[i];
    }
    if (type_ == "b") return value_ == "1" ? "true" : value_ == "0" ? "false" : value_;
    if (type_ == "inlineStr" || type_ == "str" || type_ == "e" || value_.empty()) return value_;
    if (type_ == "d") return value_.ends_with("T00:00:00") ? value_.substr(0, value_.size() - 9) : value_;
    if (style_ < context_.date_styles.size() && context_.date_styles[style_]) {
      std::string iso = serial_to_iso(value_, context_.from_1904);
      if (!iso.empty()) return iso;
    }
    return plain_number(value_);
  }

  const SheetEntry& sheet_;
  const CellContext& context_;
  std::size_t row_ = 0, column_ = 0, style_ = 0;
  std::string type_, value_;
  bool in_cell_ = false, inline_ = false, collecting_ = false;
  int phonetic_ = 0;
};

}  // namespace

std::vector<Cell> read_cells(const ZipParts& zip, const SheetEntry& sheet, const CellContext& context) {
  auto part = zip.read(sheet.path);
  if (!part) throw Refusal{text::tr("the sheet {} is named by the workbook, but its part {} is missing: the file is damaged", sheet.name, sheet.path)};
  SheetEvents e(sheet, context);
  parse_xml(sheet.path, *part, e);
  std::stable_sort(e.cells.begin(), e.cells.end(), [](const Cell& a, const Cell& b) {
    return a.ref.row != b.ref.row ? a.ref.row < b.ref.row : a.ref.column < b.ref.column;
  });
  for (std::size_t i = 1; i < e.cells.size(); ++i)
    if (e.cells[i].ref.row == e.cells[i - 1].ref.row && e.cells[i].ref.column == e.cells[i - 1].ref.column)
      throw Refusal{text::tr("the cell {}!{} is given twice in the sheet's XML: the file is damaged; open it in Excel and save it again", sheet.name,
                             cell_name(e.cells[i].ref))};
  return std::move(e.cells);
}

}  // namespace mera::sheets
