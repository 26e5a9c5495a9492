// The template workbook, written by libxlsxwriter to a temporary file (the Debian library has
// no memory output) and read back as bytes. Sheets: the data sheet (names hidden in row 1,
// labels in row 2, values from row 3), the checks, and the hidden sheet `mera` with the form's
// name, the data sheet's name and the drop-down lists.
#include "mera/sheets/template.hpp"

#include <xlsxwriter.h>

#include "cell_ref.hpp"
#include "columns.hpp"
#include "temp_book.hpp"
#include "mera/dsl/format.hpp"
#include "mera/sheets/workbook.hpp"
#include "mera/text/tr.hpp"

namespace mera::sheets {

namespace {

constexpr const char* kDataSheet = "Лист1";
constexpr lxw_row_t kValidatedRows = 1000;  // rows of values that get the columns' validation

struct Sheets {
  lxw_workbook* book;
  lxw_worksheet* data;
  lxw_worksheet* checks;
  lxw_worksheet* meta;
  lxw_format* label;
  lxw_format* required_label;
  lxw_format* date;
  lxw_format* percent;
  lxw_format* text;
  lxw_format* wrap;
  lxw_col_t lists = 0;  // columns of `meta` used by drop-down lists
};

lxw_row_t row_index(std::size_t row) { return static_cast<lxw_row_t>(row - 1); }

// Whether `choices` fit in a list written in the validation itself: Excel takes at most 255
// characters, commas separate the choices, and libxlsxwriter 1.1.4 copies the list into a buffer
// of 255 bytes (a longer list in Cyrillic overflows it), so the bound is on bytes.
bool inline_list(const std::vector<std::string>& choices) {
  std::size_t bytes = 0;
  for (const auto& c : choices) {
    if (c.find_first_of(",\"") != std::string::npos) return false;
    bytes += c.size() + 1;
  }
  return bytes <= 255;
}

// The choices of a column: a drop-down list; they are also written to a column of the hidden
// sheet. A list too long for a drop-down is checked against that column by a formula
// (COUNTIF) instead, and its header's note names the choices: libxlsxwriter 1.1.4 leaks every
// list-from-a-range validation (LIST_FORMULA), which the sanitizer tree refuses.
void list_validation(Sheets& s, lxw_col_t col, const std::vector<std::string>& choices) {
  lxw_col_t at = static_cast<lxw_col_t>(3 + s.lists++);
  for (std::size_t i = 0; i < choices.size(); ++i) worksheet_write_string(s.meta, static_cast<lxw_row_t>(i), at, choices[i].c_str(), nullptr);
  lxw_data_validation v{};
  std::vector<char*> items;
  std::string formula;
  if (inline_list(choices)) {
    for (const auto& c : choices) items.push_back(const_cast<char*>(c.c_str()));
    items.push_back(nullptr);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = items.data();
  } else {
    std::string range = std::string(kMetaSheet) + "!$" + column_name(at + 1u) + "$1:$" + column_name(at + 1u) + "$" + std::to_string(choices.size());
    formula = "=COUNTIF(" + range + "," + cell_name({kFirstDataRow, col + 1u}) + ")>0";
    v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    v.value_formula = formula.data();
  }
  std::string message = text::tr("choose a value from the list");
  v.error_message = message.data();
  worksheet_data_validation_range(s.data, row_index(kFirstDataRow), col, row_index(kFirstDataRow) + kValidatedRows - 1, col, &v);
}

void number_validation(Sheets& s, lxw_col_t col, const Column& c) {
  if (!c.min && !c.max && c.kind != Column::Kind::integer) return;
  lxw_data_validation v{};
  v.validate = c.kind == Column::Kind::integer ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
  v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  v.minimum_number = c.min.value_or(-1e15);
  v.maximum_number = c.max.value_or(1e15);
  std::string message = c.kind == Column::Kind::integer ? text::tr("a whole number is expected") : text::tr("a number is expected");
  if (!c.bounds.empty()) message += " (" + c.bounds + ")";
  v.error_message = const_cast<char*>(message.c_str());
  worksheet_data_validation_range(s.data, row_index(kFirstDataRow), col, row_index(kFirstDataRow) + kValidatedRows - 1, col, &v);
}

void write_column(Sheets& s, lxw_col_t col, const Column& c) {
  worksheet_write_string(s.data, row_index(kNamesRow), col, c.name.c_str(), nullptr);
  std::string label = c.required ? c.label + " *" : c.label;
  worksheet_write_string(s.data, row_index(kLabelsRow), col, label.c_str(), c.required ? s.required_label : s.label);
  std::string note = column_note(c);
  worksheet_write_comment(s.data, row_index(kLabelsRow), col, note.c_str());
  lxw_format* format = c.kind == Column::Kind::date ? s.date : c.kind == Column::Kind::percent ? s.percent
                       : (c.kind == Column::Kind::text || c.kind == Column::Kind::unit || c.kind == Column::Kind::period) ? s.text : nullptr;
  worksheet_set_column(s.data, col, col, 22, format);
  if (c.kind == Column::Kind::category) list_validation(s, col, c.choices);
  else if (c.kind == Column::Kind::boolean) list_validation(s, col, {"да", "нет"});
  else if (c.kind == Column::Kind::integer || c.kind == Column::Kind::number || c.kind == Column::Kind::percent) number_validation(s, col, c);
}

void write_checks(Sheets& s, const forms::Form& form) {
  worksheet_write_string(s.checks, 0, 0, text::tr("Severity").c_str(), s.label);
  worksheet_write_string(s.checks, 0, 1, text::tr("Message").c_str(), s.label);
  worksheet_write_string(s.checks, 0, 2, text::tr("Condition").c_str(), s.label);
  worksheet_set_column(s.checks, 0, 0, 16, nullptr);
  worksheet_set_column(s.checks, 1, 1, 70, s.wrap);
  worksheet_set_column(s.checks, 2, 2, 50, s.wrap);
  lxw_row_t row = 1;
  for (const auto& check : form.checks) {
    std::string severity = check.severity == dsl::CheckSeverity::error ? text::tr("error") : text::tr("warning");
    worksheet_write_string(s.checks, row, 0, severity.c_str(), nullptr);
    worksheet_write_string(s.checks, row, 1, check.message.c_str(), nullptr);
    worksheet_write_string(s.checks, row, 2, dsl::format_expr(check.condition).c_str(), nullptr);
    ++row;
  }
  if (form.checks.empty()) worksheet_write_string(s.checks, 1, 1, text::tr("the form has no checks").c_str(), nullptr);
}

void write_meta(Sheets& s, const TemplateRequest& r) {
  const char* rows[][2] = {{"form", r.form->name.c_str()}, {"sheet", kDataSheet}, {"unit", r.unit.c_str()}, {"period", r.period.c_str()}};
  for (lxw_row_t i = 0; i < 4; ++i) {
    worksheet_write_string(s.meta, i, 0, rows[i][0], nullptr);
    if (*rows[i][1]) worksheet_write_string(s.meta, i, 1, rows[i][1], nullptr);
  }
}

// One value of a stored report in its cell, as a person would have typed it: a number (a percent
// as its share, shown as 62%), a date as Excel's date, yes/no as да/нет, a category by its label.
void write_value(Sheets& s, lxw_row_t row, lxw_col_t col, const Column& c, const forms::Value& v) {
  if (const auto* b = v.get<forms::Breakdown>()) {
    if (c.category < b->counts.size() && !b->why_empty(c.category)) worksheet_write_number(s.data, row, col, b->counts[c.category], nullptr);
  } else if (const double* d = v.get<double>()) {
    worksheet_write_number(s.data, row, col, *d, c.kind == Column::Kind::percent ? s.percent : nullptr);
  } else if (const bool* yes = v.get<bool>()) {
    worksheet_write_string(s.data, row, col, *yes ? "да" : "нет", nullptr);
  } else if (const auto* date = v.get<dsl::Date>()) {
    lxw_datetime when{date->year, date->month, date->day, 0, 0, 0};
    worksheet_write_datetime(s.data, row, col, &when, s.date);
  } else if (const auto* category = v.get<forms::Category>()) {
    const auto& value = category->enumeration->values[category->index];
    worksheet_write_string(s.data, row, col, (value.label.empty() ? value.name : value.label).c_str(), nullptr);
  } else if (const auto* text = v.get<std::string>()) {
    worksheet_write_string(s.data, row, col, text->c_str(), s.text);
  }
}

void write_report(Sheets& s, lxw_row_t row, const std::vector<Column>& columns, const FilledReport& report) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    auto col = static_cast<lxw_col_t>(i);
    if (c.kind == Column::Kind::unit) worksheet_write_string(s.data, row, col, report.unit.c_str(), s.text);
    else if (c.kind == Column::Kind::period) worksheet_write_string(s.data, row, col, report.period.c_str(), s.text);
    else if (c.field < report.values.size()) write_value(s, row, col, c, report.values[c.field]);
  }
}

void write_book(Sheets& s, const TemplateRequest& r) {
  std::vector<Column> columns = form_columns(*r.form);
  lxw_row_col_options hidden{};
  hidden.hidden = LXW_TRUE;
  worksheet_set_row_opt(s.data, row_index(kNamesRow), LXW_DEF_ROW_HEIGHT, nullptr, &hidden);
  worksheet_set_row(s.data, row_index(kLabelsRow), 45, nullptr);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto col = static_cast<lxw_col_t>(i);
    write_column(s, col, columns[i]);
    if (columns[i].kind == Column::Kind::unit && !r.units.empty()) list_validation(s, col, r.units);
    const std::string& given = columns[i].kind == Column::Kind::unit ? r.unit : columns[i].kind == Column::Kind::period ? r.period : std::string();
    if (!given.empty() && r.reports.empty()) worksheet_write_string(s.data, row_index(kFirstDataRow), col, given.c_str(), s.text);
  }
  for (std::size_t i = 0; i < r.reports.size(); ++i) write_report(s, row_index(kFirstDataRow + i), columns, r.reports[i]);
  worksheet_freeze_panes(s.data, row_index(kFirstDataRow), 0);
  write_checks(s, *r.form);
  write_meta(s, r);
}

lxw_format* bold(lxw_workbook* book, bool fill) {
  lxw_format* f = workbook_add_format(book);
  format_set_bold(f);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  if (fill) format_set_bg_color(f, 0xFFF2CC);
  return f;
}

}  // namespace

std::string make_template(const TemplateRequest& request) {
  return workbook_bytes([&](lxw_workbook* book) {
    Sheets s{book, workbook_add_worksheet(book, kDataSheet), workbook_add_worksheet(book, text::tr("Checks").c_str()),
             workbook_add_worksheet(book, kMetaSheet), bold(book, false), bold(book, true), workbook_add_format(book),
             workbook_add_format(book), workbook_add_format(book), workbook_add_format(book)};
    format_set_num_format(s.date, "dd.mm.yyyy");
    format_set_num_format(s.percent, "0%");
    format_set_num_format(s.text, "@");
    format_set_text_wrap(s.wrap);
    worksheet_hide(s.meta);
    write_book(s, request);
  });
}

std::string template_file_name(const TemplateRequest& request) {
  std::string name = request.form->name;
  if (!request.unit.empty()) name += "_" + request.unit;
  if (!request.period.empty()) name += "_" + request.period;
  return name + ".xlsx";
}

}  // namespace mera::sheets
