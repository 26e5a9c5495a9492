// The parts of a workbook that the reader needs, each read from its XML: which sheets there are
// and where, the shared strings, which cell styles show dates, and a sheet's cells.
#pragma once

#include <string>
#include <vector>

#include "cell_ref.hpp"
#include "zip_parts.hpp"

namespace mera::sheets {

struct SheetEntry {
  std::string name;  // as the tab shows it: "Лист1"
  std::string path;  // in the archive: "xl/worksheets/sheet1.xml"
};

struct WorkbookIndex {
  std::vector<SheetEntry> sheets;  // in the order of the tabs
  bool from_1904 = false;          // dates count from 1904 (workbookPr date1904)

  const SheetEntry* sheet(std::string_view name) const;
};

// xl/workbook.xml and its relationships. Throws Refusal when the workbook has no workbook part.
WorkbookIndex read_index(const ZipParts& zip);

// xl/sharedStrings.xml: the texts that cells of type "s" name by index (none when absent).
std::vector<std::string> read_shared_strings(const ZipParts& zip);

// xl/styles.xml: for each cell style (the `s` of a cell), whether it shows a date.
std::vector<bool> read_date_styles(const ZipParts& zip);

struct Cell {
  CellRef ref;
  std::string text;  // as mera reads it: a number as written, a date as ISO, true/false
};

struct CellContext {
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_styles;
  bool from_1904;
};

inline constexpr std::size_t kMaxCells = 1000000;

// The cells of a sheet that hold something, ordered by row, then column. Throws Refusal when
// the sheet has more than kMaxCells of them or a cell's reference or shared string is wrong.
std::vector<Cell> read_cells(const ZipParts& zip, const SheetEntry& sheet, const CellContext& context);

}  // namespace mera::sheets
