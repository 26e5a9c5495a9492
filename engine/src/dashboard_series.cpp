// A series of periods as a table for people (`mera eval --period 2021Q1..2022Q4`): per unit, a
// row per indicator and a column per period, each value as its indicator's format shows it, a
// value that misses its target marked ✗; the values' reasons for being empty below the unit.
#include <fmt/format.h>

#include <map>

#include "dashboard_export.hpp"
#include "dashboard_lines.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/engine/display.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

namespace {

using dsl::display_width;
using dsl::padded;

// The revision a series is evaluated under: once when the same for every period, else per period.
std::string series_heading(const std::vector<Dashboard>& series) {
  const Dashboard& first = series.front();
  const std::string periods = first.period.text() + ".." + series.back().period.text();
  bool one = true;
  for (const auto& d : series) one = one && d.revision == first.revision && d.in_force == first.in_force;
  if (one) return text::tr("{} «{}», {}, periods {}", first.revision->model->name, first.revision->model->label, revision_words(first), periods) + "\n";
  std::string out = text::tr("{} «{}», periods {}", first.revision->model->name, first.revision->model->label, periods) + "\n";
  for (const auto& d : series) out += "  " + d.period.text() + ": " + revision_words(d) + "\n";
  return out;
}

std::string shown(const Row& r, const Cell& c) {
  if (!c.value) return "";
  return display(r.indicator->format, *c.value) + (c.status == TargetStatus::missed ? " ✗" : "");
}

// The target of the row's last period that has one: "≥ 60.0 %".
std::string row_target(const Row& r) {
  for (auto c = r.cells.rbegin(); c != r.cells.rend(); ++c)
    if (!c->target.empty()) return c->target;
  return "";
}

std::string unit_table(const std::vector<Dashboard>& series, const std::vector<const Row*>& rows) {
  const std::string indicator = text::tr("indicator"), target = text::tr("target");
  std::size_t label_w = display_width(indicator), target_w = display_width(target);
  std::vector<std::size_t> value_w;
  for (const auto& d : series) value_w.push_back(std::max<std::size_t>(7, display_width(d.period.text())));
  for (const Row* r : rows) {
    label_w = std::max(label_w, display_width(r->label));
    target_w = std::max(target_w, display_width(row_target(*r)));
    for (std::size_t p = 0; p < series.size(); ++p) value_w[p] = std::max(value_w[p], display_width(shown(*r, r->cells[p])));
  }
  std::string out = "  " + padded(indicator, label_w);
  for (std::size_t p = 0; p < series.size(); ++p) out += "  " + padded(series[p].period.text(), value_w[p], true);
  out += "  " + padded(target, target_w) + "  " + text::tr("name") + "\n";
  std::string notes;
  for (const Row* r : rows) {
    out += "  " + padded(r->label, label_w);
    for (std::size_t p = 0; p < series.size(); ++p) {
      out += "  " + padded(shown(*r, r->cells[p]), value_w[p], true);
      const forms::Null* n = r->cells[p].value ? r->cells[p].value->get<forms::Null>() : nullptr;
      if (n && !n->detail.empty() && n->reason != forms::NoValue::lua_error) notes += fmt::format("    {} {}: {}\n", r->name, series[p].period.text(), n->detail);
    }
    out += "  " + padded(row_target(*r), target_w) + "  " + r->name + "\n";
  }
  if (!notes.empty()) out += "  " + text::tr("why some values are empty:") + "\n" + notes;
  return out;
}

}  // namespace

std::string series_table(const std::vector<Dashboard>& series) {
  std::string out = series_heading(series);
  std::vector<Row> rows = export_rows(series);
  std::vector<std::vector<const Row*>> units;  // in the order they first appear
  std::map<std::string, std::size_t> at;
  for (const auto& r : rows) {
    auto [it, fresh] = at.try_emplace(r.unit->id, units.size());
    if (fresh) units.emplace_back();
    units[it->second].push_back(&r);
  }
  for (const auto& of_unit : units) {
    const storage::Unit& unit = *of_unit.front()->unit;
    out += fmt::format("\n{} «{}» ({})\n", dsl::printable(unit.id), dsl::printable(unit.name), unit.level) + unit_table(series, of_unit);
  }
  out += "\n" + text::tr("✗: the value misses its target.") + " " + text::tr("`mera eval --explain NAME` shows how a value came about.") + "\n";
  return out;
}

}  // namespace mera::engine
