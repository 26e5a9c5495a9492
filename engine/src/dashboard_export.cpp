// Dashboards exported for spreadsheets (issue 17.4): the CSV that Russian Excel opens as it is
// (UTF-8 with a BOM, `;` between fields, a decimal comma) and the XLSX workbook (the cells laid
// out here, written by sheets/). Both put a series of periods side by side, one column per
// period; the values are the exact ones of `--format json`, the workbook shows them in the
// indicator's format.
#include "dashboard_export.hpp"

#include <map>

#include "dashboard_lines.hpp"
#include "mera/engine/display.hpp"
#include "mera/sheets/dashboard_workbook.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

namespace {

void add(std::vector<Row>& rows, std::map<std::string, std::size_t>& at, std::size_t periods, std::size_t p, const storage::Unit& unit,
         const rules::Indicator& ind, std::string name, std::string label, Cell cell) {
  auto [it, fresh] = at.try_emplace(unit.id + '\x1f' + name, rows.size());
  if (fresh) rows.push_back({&unit, &ind, std::move(name), std::move(label), std::vector<Cell>(periods)});
  rows[it->second].cells[p] = std::move(cell);
}

}  // namespace

std::vector<Row> export_rows(const std::vector<Dashboard>& series) {
  std::vector<Row> rows;
  std::map<std::string, std::size_t> at;
  for (std::size_t p = 0; p < series.size(); ++p)
    for (const auto& u : series[p].units)
      for (const auto& v : u.values) {
        const rules::Indicator& ind = *v.indicator;
        if (v.categories.empty()) add(rows, at, series.size(), p, u.unit, ind, ind.name, ind.label, {&v.value, v.target, target_text(ind, v)});
        for (const auto& c : v.categories)
          add(rows, at, series.size(), p, u.unit, ind, ind.name + "[" + c.category->name + "]", ind.label + " — " + category_label(c),
              {&c.value, c.target, target_text(ind, c.target_value)});
      }
  return rows;
}

namespace {

// ---- CSV for Excel ----

std::string excel_field(std::string_view s) {
  if (s.find_first_of(";\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The exact value with a decimal comma (0,8378378378378378); an empty value by its words.
std::string excel_number(const Cell& c) {
  if (!c.value) return "";
  if (const double* x = c.value->get<double>()) {
    std::string s = exact(*x);
    for (char& ch : s)
      if (ch == '.') ch = ',';
    return s;
  }
  if (const auto* n = c.value->get<forms::Null>()) return text::translate(no_value_words(n->reason));
  return "";
}

std::string excel_line(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ";") + excel_field(f);
  return out + "\r\n";
}

// ---- the workbook ----

using sheets::BookCell;

BookCell heading(std::string text) {
  BookCell c;
  c.text = std::move(text);
  c.heading = true;
  return c;
}

BookCell text_cell(std::string text) {
  BookCell c;
  c.text = std::move(text);
  return c;
}

BookCell value_cell(const rules::Indicator& ind, const Cell& cell) {
  BookCell c;
  if (!cell.value) return c;
  if (const double* x = cell.value->get<double>()) {
    c.kind = ind.format.kind == rules::Format::Kind::percent   ? BookCell::Kind::percent
             : ind.format.kind == rules::Format::Kind::integer ? BookCell::Kind::integer
                                                               : BookCell::Kind::number;
    c.number = *x;
    c.digits = ind.format.digits;
  } else if (const auto* n = cell.value->get<forms::Null>()) {
    c.text = text::translate(no_value_words(n->reason));
  }
  c.status = cell.status == TargetStatus::met ? BookCell::Status::met : cell.status == TargetStatus::missed ? BookCell::Status::missed : BookCell::Status::none;
  return c;
}

// A period's sheet: units as rows, indicators as columns; the rows above the units give each
// column's label, name and target.
sheets::BookSheet period_sheet(const std::vector<Dashboard>& series, const std::vector<Row>& all, std::size_t p) {
  const Dashboard& d = series[p];
  std::vector<const Row*> rows;  // those of period p
  for (const auto& r : all)
    if (r.cells[p].value) rows.push_back(&r);
  std::vector<const Row*> columns;  // the first unit's lines, and any other unit's not seen yet
  std::map<std::string, std::size_t> column_of;
  for (const Row* r : rows)
    if (column_of.try_emplace(r->name, columns.size()).second) columns.push_back(r);
  sheets::BookSheet s{d.period.text(), {}, 3, 2};
  std::vector<BookCell> labels{heading(text::tr("Unit")), heading(text::tr("Unit name"))}, names{heading(""), heading("")},
      targets{heading(text::tr("Target")), heading("")};
  for (const Row* c : columns) {
    labels.push_back(heading(c->label));
    names.push_back(heading(c->name));
    targets.push_back(heading(c->cells[p].target));
  }
  s.rows = {labels, names, targets};
  std::map<std::string, std::size_t> row_of;
  for (const Row* r : rows) {
    auto [it, fresh] = row_of.try_emplace(r->unit->id, s.rows.size());
    if (fresh) {
      s.rows.push_back({heading(r->unit->id), heading(r->unit->name)});
      s.rows.back().resize(2 + columns.size());
    }
    s.rows[it->second][2 + column_of[r->name]] = value_cell(*r->indicator, r->cells[p]);
  }
  return s;
}

// The series sheet: a row per unit and indicator, a column per period.
sheets::BookSheet series_sheet(const std::vector<Dashboard>& series, const std::vector<Row>& rows) {
  sheets::BookSheet s{text::tr("Series"), {}, 1, 4};
  std::vector<BookCell> header{heading(text::tr("Unit")), heading(text::tr("Unit name")), heading(text::tr("Indicator")), heading(text::tr("Name"))};
  for (const auto& d : series) header.push_back(heading(d.period.text()));
  s.rows.push_back(std::move(header));
  for (const auto& r : rows) {
    std::vector<BookCell> row{text_cell(r.unit->id), text_cell(r.unit->name), text_cell(r.label), text_cell(r.name)};
    for (const auto& c : r.cells) row.push_back(value_cell(*r.indicator, c));
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace

std::string excel_csv(const std::vector<Dashboard>& series) {
  bool single = series.size() == 1;
  std::vector<std::string> header{text::tr("Unit"), text::tr("Unit name"), text::tr("Indicator"), text::tr("Name")};
  for (const auto& d : series) header.push_back(d.period.text());
  if (single) {
    header.push_back(text::tr("Target"));
    header.push_back(text::tr("Status"));
  }
  std::string out = "\xEF\xBB\xBF" + excel_line(header);  // the BOM: Excel reads the file as UTF-8
  for (const auto& r : export_rows(series)) {
    std::vector<std::string> fields{r.unit->id, r.unit->name, r.label, r.name};
    for (const auto& c : r.cells) fields.push_back(excel_number(c));
    if (single) {
      fields.push_back(r.cells[0].target);
      fields.push_back(text::translate(target_words(r.cells[0].status)));
    }
    out += excel_line(fields);
  }
  return out;
}

std::string workbook(const std::vector<Dashboard>& series) {
  std::vector<Row> rows = export_rows(series);
  std::vector<sheets::BookSheet> sheets;
  if (series.size() > 1) sheets.push_back(series_sheet(series, rows));
  for (std::size_t p = 0; p < series.size(); ++p) sheets.push_back(period_sheet(series, rows, p));
  return sheets::make_dashboard_workbook(sheets);
}

}  // namespace mera::engine
