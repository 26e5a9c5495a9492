// `mera submissions --format json|csv|xlsx`: stored reports written back in exactly the form that
// `mera submit` reads (issue 17.4), so that a report can be exported, fixed and sent again as a
// correction. JSON is one submission per line ({"form", "unit", "period" | "record", "values"});
// CSV has the header `form,unit,period` (no period for a record form) and a column per field,
// `by_risk[low]` per category; XLSX is the form's template (sheets/template.hpp) filled in, a
// row per report. Calculated fields are left out (the form computes them again), and so are the
// date of receipt and the correction mark: a correction is dated when it arrives, and is asked
// for by `mera submit --correct`. Each report's values are read under the revision it was
// stored with; a CSV or a workbook holds the reports of one form.
#pragma once

#include <string>

#include "mera/storage/database.hpp"

namespace mera::engine {

enum class ExportFormat { json, csv, xlsx };

struct ExportAsked {
  storage::SubmissionFilter filter;  // its current versions only
  std::int64_t id = 0;               // this one submission instead, when not 0
  ExportFormat format = ExportFormat::json;
};

struct ExportMade {
  std::string error;      // why nothing was exported (none matched, several forms in a CSV), else empty
  std::string bytes;      // the file
  std::size_t count = 0;  // reports written
  std::string form;       // the form of the reports, when they are of one
  std::string file_name;  // for a workbook: "blood_families_org01_2023Q1.xlsx", as `mera template` names it
};

// Throws std::runtime_error when a stored revision no longer checks or a workbook cannot be written.
ExportMade export_submissions(const storage::Database& db, const ExportAsked& asked);

}  // namespace mera::engine
