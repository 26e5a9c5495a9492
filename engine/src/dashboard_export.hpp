// Dashboards for spreadsheets: see dashboard_export.cpp.
#pragma once

#include <string>
#include <vector>

#include "mera/engine/dashboard.hpp"

namespace mera::engine {

// One value of a line for one period.
struct Cell {
  const forms::Value* value = nullptr;  // null: the line is not in that period's dashboard
  TargetStatus status = TargetStatus::none;
  std::string target;  // "≥ 60 %"
};

// A line of the export: a unit's indicator, or one category of a breakdown indicator, with a
// cell per period of the series.
struct Row {
  const storage::Unit* unit = nullptr;
  const rules::Indicator* indicator = nullptr;
  std::string name, label;  // blood_positive_share, risk_share[high]; the label
  std::vector<Cell> cells;
};

// The rows of a series in the order they first appear: unit by unit, indicator by indicator
// (a breakdown: category by category, labelled "indicator — category").
std::vector<Row> export_rows(const std::vector<Dashboard>& series);
// The table of a series for people: per unit, a row per indicator and a column per period.
std::string series_table(const std::vector<Dashboard>& series);

// `--format csv-excel`: a header, then a row per unit and indicator (a breakdown: per category),
// a column of exact values per period; for one period also the target and its status.
std::string excel_csv(const std::vector<Dashboard>& series);
// `--format xlsx`: the workbook's bytes. A range: first the sheet of the series (a column per
// period), then a sheet per period (units as rows, indicators as columns); one period: its sheet.
std::string workbook(const std::vector<Dashboard>& series);

}  // namespace mera::engine
