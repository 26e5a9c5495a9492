// A workbook made by `mera template` and filled in (in Excel, LibreOffice or any program that
// writes .xlsx) read back as submissions: its data sheet's cells become the CSV that the CSV
// reader takes in, so a workbook is read and checked exactly as a CSV file is, and every
// message names its sheet and cell: `blood.xlsx:Лист1!C7: error: ...`.
#pragma once

#include <functional>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/submission.hpp"

namespace mera::sheets {

// The hidden sheet of a template: the form's name, the data sheet's name, the columns' names.
inline constexpr const char* kMetaSheet = "mera";
inline constexpr std::size_t kNamesRow = 1;   // the data sheet's hidden row of field names
inline constexpr std::size_t kLabelsRow = 2;  // the labels a person reads
inline constexpr std::size_t kFirstDataRow = 3;

// Whether `file` is a workbook: named .xlsx, or a zip archive ("PK\3\4") by its first bytes.
bool is_workbook(const dsl::SourceFile& file);

// Calls `each` for every filled-in row of the workbook's data sheet. The spans point into the
// returned file (the cells as CSV text, named as `file` with each cell's place), which the caller
// keeps while it uses them; a workbook refused as a whole (not a zip, a zip bomb, a missing
// part or sheet, malformed XML) is one error at the file.Returns null when nothing was read.
dsl::SourcePtr read_workbook(const dsl::SourceFile& file, dsl::Diagnostics& diags,
                             const std::function<void(forms::SubmissionInput&&)>& each);

}  // namespace mera::sheets
