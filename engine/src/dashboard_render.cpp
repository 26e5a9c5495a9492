// A dashboard as people read it (an aligned table with the model's labels), as JSON and as CSV
// for machines (exact values with full precision beside the displayed ones), and --explain.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mera/dsl/printable.hpp"
#include "mera/dsl/format.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/engine/dashboard_json.hpp"
#include "mera/engine/display.hpp"
#include "mera/engine/publish.hpp"
#include "mera/dsl/utf8.hpp"
#include "dashboard_export.hpp"
#include "dashboard_lines.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

using dsl::display_width;
using dsl::padded;

const forms::Null* why_empty(const IndicatorValue& v) { return v.value.get<forms::Null>(); }

}  // namespace

std::string revision_words(const Dashboard& d) {
  const storage::Revision& r = d.revision->revision;
  if (r.id == d.in_force) return text::tr("revision {} (in force from {})", r.id, r.effective.iso());
  std::string current = d.in_force ? text::tr("revision {} is in force for this period", d.in_force)
                                   : text::tr("no approved revision is in force for this period");
  return text::tr("revision {} ({}, effective {}; what-if: {}, and nothing is stored)", r.id, status_words(r.status), r.effective.iso(), current);
}

namespace {

std::string heading(const Dashboard& d) {
  std::string out = text::tr("{} «{}», {}, period {}", d.revision->model->name, d.revision->model->label, revision_words(d), d.period.text()) + "\n";
  if (!d.period_note.empty()) out += text::tr("(no --period given: {})", d.period_note) + "\n";
  return out;
}

std::string table(const Dashboard& d) {
  std::string out = heading(d);
  for (const auto& u : d.units) {
    out += fmt::format("\n{} «{}» ({})\n", dsl::printable(u.unit.id), dsl::printable(u.unit.name), u.unit.level);
    std::vector<Line> all;
    for (const auto& v : u.values)
      for (auto& l : lines(v, d.revision->model->locale)) all.push_back(std::move(l));
    const std::string indicator = text::tr("indicator"), value = text::tr("value"), target = text::tr("target");
    std::size_t label_w = display_width(indicator), value_w = display_width(value), target_w = display_width(target);
    for (const auto& l : all) {
      label_w = std::max(label_w, display_width(l.label));
      value_w = std::max(value_w, display_width(l.shown));
      target_w = std::max(target_w, display_width(l.target));
    }
    const std::string status = text::tr("status");
    std::size_t status_w = std::max<std::size_t>(6, display_width(status));
    for (const auto& l : all) status_w = std::max(status_w, display_width(text::translate(l.status)));
    out += fmt::format("  {}  {}  {}  {}  {}\n", padded(indicator, label_w), padded(value, value_w, true), padded(target, target_w),
                       padded(status, status_w), text::tr("name"));
    std::string notes;
    for (const auto& l : all) {
      out += fmt::format("  {}  {}  {}  {}  {}\n", padded(l.label, label_w), padded(l.shown, value_w, true), padded(l.target, target_w),
                         padded(text::translate(l.status), status_w), l.name);
      if (const auto* n = l.empty; n && !n->detail.empty() && n->reason != forms::NoValue::lua_error)
        notes += fmt::format("    {}: {}\n", l.name, n->detail);
    }
    if (!notes.empty()) out += "  " + text::tr("why some values are empty:") + "\n" + notes;
  }
  out += "\n" + text::tr("`mera eval --explain NAME` shows how a value came about.") + "\n";
  return out;
}

nlohmann::json number_or_null(const forms::Value& v) {
  if (const double* x = v.get<double>()) return *x;
  return nullptr;
}

// A breakdown indicator's categories, each as an indicator of its own would be.
nlohmann::ordered_json categories_json(const IndicatorValue& v) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& c : v.categories) {
    nlohmann::ordered_json j;
    j["name"] = c.category->name;
    j["label"] = category_label(c);
    j["value"] = number_or_null(c.value);
    j["display"] = display(v.indicator->format, c.value);
    if (const auto* n = c.value.get<forms::Null>()) {
      j["reason"] = no_value_words(n->reason);
      j["detail"] = n->detail;
    }
    if (v.indicator->target)
      j["target"] = {{"op", v.indicator->target->op}, {"value", number_or_null(c.target_value)}, {"status", target_words(c.target)}};
    out.push_back(std::move(j));
  }
  return out;
}

// One indicator's value: exact (null when empty, with why), as displayed, and its target.
nlohmann::ordered_json indicator_json(const IndicatorValue& v) {
  nlohmann::ordered_json i;
  i["name"] = v.indicator->name;
  i["label"] = v.indicator->label;
  i["value"] = number_or_null(v.value);
  i["display"] = display(v.indicator->format, v.value);
  if (const auto* n = why_empty(v)) {
    i["reason"] = no_value_words(n->reason);
    i["detail"] = n->detail;
  }
  if (v.indicator->target)
    i["target"] = {{"op", v.indicator->target->op}, {"value", number_or_null(v.target_value)}, {"status", target_words(v.target)}};
  if (!v.categories.empty()) i["categories"] = categories_json(v);
  return i;
}

nlohmann::ordered_json dashboard_json(const Dashboard& d) {
  nlohmann::ordered_json out;
  out["model"] = d.revision->model->name;
  out["revision"] = d.revision->revision.id;
  out["effective"] = d.revision->revision.effective.iso();
  if (d.revision->revision.id != d.in_force) {  // a what-if: say so, and what is in force
    out["status"] = d.revision->revision.status;
    out["in_force"] = d.in_force ? nlohmann::ordered_json(d.in_force) : nlohmann::ordered_json(nullptr);
  }
  out["period"] = d.period.text();
  if (!d.period_note.empty()) out["period_chosen"] = d.period_note;
  out["units"] = nlohmann::ordered_json::array();
  for (const auto& u : d.units) {
    nlohmann::ordered_json unit;
    unit["unit"] = u.unit.id;
    unit["name"] = u.unit.name;
    unit["level"] = u.unit.level;
    unit["indicators"] = nlohmann::ordered_json::array();
    for (const auto& v : u.values) unit["indicators"].push_back(indicator_json(v));
    out["units"].push_back(std::move(unit));
  }
  return out;
}

// One CSV row: an indicator, or one category of a breakdown indicator (name[category]).
std::string csv_row(const UnitValues& u, const Dashboard& d, const rules::Indicator& ind, const std::string& name, const std::string& label,
                    const forms::Value& value, const forms::Value& target_value, TargetStatus status) {
  const auto* n = value.get<forms::Null>();
  const double* x = value.get<double>();
  const double* t = target_value.get<double>();
  std::string target = ind.target && t ? ind.target->op + exact(*t) : "";
  std::string out;
  for (const std::string& field : {u.unit.id, d.period.text(), name, label, x ? exact(*x) : std::string(), display(ind.format, value), target,
                                   target_words(status), n ? no_value_words(n->reason) : std::string(), n ? n->detail : std::string()})
    out += csv_field(field) + ',';
  out.back() = '\n';
  return out;
}

std::string csv(const Dashboard& d) {
  std::string out = "unit,period,indicator,label,value,display,target,status,reason,detail\n";
  for (const auto& u : d.units)
    for (const auto& v : u.values) {
      const rules::Indicator& ind = *v.indicator;
      if (v.categories.empty()) out += csv_row(u, d, ind, ind.name, ind.label, v.value, v.target_value, v.target);
      for (const auto& c : v.categories)
        out += csv_row(u, d, ind, ind.name + "[" + c.category->name + "]", ind.label + " — " + category_label(c), c.value, c.target_value, c.target);
    }
  return out;
}

std::string value_line(const rules::Format& format, const forms::Value& v) {
  if (const auto* n = v.get<forms::Null>()) return text::translate(no_value_words(n->reason)) + (n->detail.empty() ? "" : ": " + n->detail);
  if (const double* x = v.get<double>()) return text::tr("{} (shown as {})", exact(*x), display(format, v));
  if (const auto* b = v.get<forms::Breakdown>()) {
    std::string exacts;
    for (std::size_t i = 0; i < b->counts.size(); ++i) {
      const forms::Null* n = b->why_empty(i);
      exacts += (i > 0 ? ", " : "") + b->enumeration->values[i].name + " " + (n ? text::translate(no_value_words(n->reason)) : exact(b->counts[i]));
    }
    return text::tr("{} (shown as {})", exacts, display(format, v));
  }
  return forms::to_text(v);
}

// The value of a breakdown indicator, one category a line.
// `indent` is where the value's text begins, after its "= ".
std::string category_lines(const rules::Format& format, const std::vector<CategoryValue>& categories, std::size_t indent) {
  std::size_t name_w = 0;
  for (const auto& c : categories) name_w = std::max(name_w, display_width(c.category->name));
  std::string out;
  for (const auto& c : categories) out += std::string(indent, ' ') + padded(c.category->name, name_w) + "  " + value_line(format, c.value) + "\n";
  return out;
}

// How the target of a breakdown indicator came out: "low missed, high met"; with a target per
// category, each one too: "low met (≤ 60.0 %), high missed (≤ 6.7 %)".
std::string category_targets(const rules::Indicator& ind, const IndicatorValue& v) {
  bool own = v.target_value.is<forms::Breakdown>();
  std::string out;
  for (const auto& c : v.categories) {
    out += (out.empty() ? "" : ", ") + c.category->name + " " + (c.target == TargetStatus::none ? text::tr("nothing to judge") : text::translate(target_words(c.target)));
    if (own) out += " (" + target_text(ind, c.target_value) + ")";
  }
  return out;
}

// The units' shares of an aggregate: what each unit adds up to (per category for a breakdown).
std::string contributions(const AggregateTrace& a) {
  // unit, reports, matched (with a `where`), adds (without categories), submissions
  std::vector<std::string> names = text::columns(MERA_TEXT("unit|reports|matched|adds|submissions"));
  names.resize(5);
  std::size_t unit_w = display_width(names[0]);
  for (const auto& c : a.units) unit_w = std::max(unit_w, display_width(dsl::printable(c.unit)));
  std::size_t reports_w = std::max<std::size_t>(7, display_width(names[1])), matched_w = std::max<std::size_t>(7, display_width(names[2]));
  bool where = a.expr->has_where;
  std::vector<std::string> columns{names[3]};
  if (a.categories) {
    columns.clear();
    for (const auto& v : a.categories->values) columns.push_back(v.name);
  }
  std::vector<std::size_t> widths;
  for (const auto& c : columns) widths.push_back(std::max<std::size_t>(a.categories ? 7 : 10, display_width(c)));
  std::string out = "  " + padded(names[0], unit_w) + "  " + padded(names[1], reports_w, true) + "  " + (where ? padded(names[2], matched_w) + "  " : "");
  for (std::size_t i = 0; i < columns.size(); ++i) out += padded(columns[i], widths[i], true) + "  ";
  out += names[4] + "\n";
  for (const auto& c : a.units) {
    std::string ids;
    for (auto id : c.submissions) ids += (ids.empty() ? "" : " ") + std::to_string(id);
    if (c.matched > c.submissions.size()) ids += text::tr(" ... ({} in all)", c.matched);
    out += "  " + padded(dsl::printable(c.unit), unit_w) + "  " + padded(std::to_string(c.rows), reports_w, true) + "  " +
           (where ? padded(std::to_string(c.matched), matched_w, true) + "  " : "");
    for (std::size_t i = 0; i < columns.size(); ++i)
      out += padded(exact(!a.categories ? c.total : i < c.categories.size() ? c.categories[i] : 0.0), widths[i], true) + "  ";
    out += ids + "\n";
  }
  return out;
}

const char* format_words(const rules::Format& f) {
  switch (f.kind) {
    case rules::Format::Kind::percent: return "percent";
    case rules::Format::Kind::integer: return "int";
    default: return "number";
  }
}


// An aggregate's value: a number, a breakdown's counts by category, or why it is empty.
nlohmann::ordered_json aggregate_value_json(const forms::Value& v) {
  if (const auto* n = v.get<forms::Null>()) return {{"value", nullptr}, {"reason", no_value_words(n->reason)}, {"detail", n->detail}};
  if (const double* x = v.get<double>()) return {{"value", *x}};
  if (const auto* b = v.get<forms::Breakdown>()) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < b->counts.size(); ++i)
      counts[b->enumeration->values[i].name] = b->why_empty(i) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(b->counts[i]);
    return {{"value", counts}};
  }
  return {{"value", forms::to_text(v)}};
}

nlohmann::ordered_json explanation_json(const Explanation& e, const Dashboard& d) {
  const rules::Indicator& ind = *e.result.indicator;
  nlohmann::ordered_json out;
  out["model"] = d.revision->model->name;
  out["revision"] = d.revision->revision.id;
  out["unit"] = d.units.front().unit.id;
  out["period"] = d.period.text();
  if (!d.period_note.empty()) out["period_chosen"] = d.period_note;
  out["formula"] = dsl::format_expr(ind.value);
  out["format"] = format_words(ind.format);
  if (ind.target) out["target_formula"] = ind.target->op + " " + dsl::format_expr(ind.target->value);
  out["result"] = indicator_json(e.result);
  out["uses"] = nlohmann::ordered_json::array();
  for (const auto& u : e.uses) {
    nlohmann::ordered_json j = indicator_json(u.value);
    j["period"] = u.period.text();
    out["uses"].push_back(std::move(j));
  }
  out["aggregates"] = nlohmann::ordered_json::array();
  for (const auto& a : e.aggregates) {
    nlohmann::ordered_json j = aggregate_value_json(a.value);
    j["expression"] = dsl::format_expr(*a.expr);
    j["period"] = a.period.text();
    j["units"] = nlohmann::ordered_json::array();
    for (const auto& c : a.units) {
      nlohmann::ordered_json u = {{"unit", c.unit}, {"reports", c.rows}};
      if (a.expr->has_where) u["matched"] = c.matched;
      if (a.categories) {
        nlohmann::ordered_json by = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < a.categories->values.size(); ++i)
          by[a.categories->values[i].name] = i < c.categories.size() ? c.categories[i] : 0.0;
        u["adds"] = by;
      } else {
        u["adds"] = c.total;
      }
      u["submissions"] = c.submissions;
      if (c.matched > c.submissions.size()) u["submissions_in_all"] = c.matched;  // only the first few are listed
      j["units"].push_back(std::move(u));
    }
    out["aggregates"].push_back(std::move(j));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json to_json(const Dashboard& dashboard) { return dashboard_json(dashboard); }
nlohmann::ordered_json to_json(const Explanation& explanation, const Dashboard& context) { return explanation_json(explanation, context); }

std::string render(const Dashboard& dashboard, DashboardFormat format) {
  switch (format) {
    case DashboardFormat::json: return to_json(dashboard).dump(2) + "\n";
    case DashboardFormat::csv: return csv(dashboard);
    case DashboardFormat::csv_excel: return excel_csv({dashboard});
    case DashboardFormat::xlsx: return workbook({dashboard});
    default: return table(dashboard);
  }
}

std::string render(const std::vector<Dashboard>& series, DashboardFormat format) {
  if (format == DashboardFormat::csv_excel) return excel_csv(series);
  if (format == DashboardFormat::xlsx) return workbook(series);
  if (series.size() == 1) return render(series.front(), format);
  std::string out;
  switch (format) {
    case DashboardFormat::json: {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (const auto& d : series) all.push_back(to_json(d));
      return all.dump(2) + "\n";
    }
    case DashboardFormat::csv:
      for (const auto& d : series) {
        std::string one = csv(d);
        out += out.empty() ? one : one.substr(one.find('\n') + 1);  // the header once
      }
      return out;
    default: return series_table(series);
  }
}

std::string render(const Explanation& e, const Dashboard& d) {
  const rules::Indicator& ind = *e.result.indicator;
  const auto& unit = d.units.front().unit;
  std::string out = fmt::format("{} «{}»\n", ind.name, ind.label) +
                    text::tr("for {} «{}», period {}, under revision {} of model {}", dsl::printable(unit.id), dsl::printable(unit.name),
                             d.period.text(), d.revision->revision.id, d.revision->model->name) +
                    "\n\n";
  // The words of the left column, aligned on the '=' of the value: "value  = ...", "format   ...".
  const std::string value = text::tr("value"), format = text::tr("format"), target = text::tr("target");
  std::size_t w = std::max(display_width(value) + 2, display_width(format) + 1);
  std::string formula = "  " + padded(value, w) + "= " + dsl::format_expr(ind.value) + "\n" + "  " + std::string(w, ' ') + "= ";
  if (e.result.categories.empty())
    out += formula + value_line(ind.format, e.result.value) + "\n";
  else
    out += formula + text::tr("per category of {}:", e.result.value.as<forms::Breakdown>().enumeration->name) + "\n" +
           category_lines(ind.format, e.result.categories, w + 4);
  out += "  " + padded(format, w + 2) + format_words(ind.format) +
         (ind.format.kind == rules::Format::Kind::integer ? "" : fmt::format(" digits {}", ind.format.digits)) +
         (ind.format.truncate ? text::tr(" truncate (cut, not rounded, for display)") : "") + "\n";
  if (ind.target)
    out += fmt::format("  {} {} {} -> {}\n", target, ind.target->op, dsl::format_expr(ind.target->value),
                       !e.result.categories.empty()           ? category_targets(ind, e.result)
                       : e.result.target == TargetStatus::none ? text::tr("nothing to judge")
                                                              : text::translate(target_words(e.result.target)));
  if (!e.uses.empty()) {
    out += "\n" + text::tr("indicators it uses:") + "\n";
    for (const auto& u : e.uses)
      out += "  " + text::tr("{} for {} = {}", u.value.indicator->name, u.period.text(), value_line(u.value.indicator->format, u.value.value)) + "\n";
    out += "  " + text::tr("(each explained by `mera eval --explain NAME`)") + "\n";
  }
  for (const auto& a : e.aggregates) {
    out += "\n" + text::tr("{} over {} = {}", dsl::format_expr(*a.expr), a.period.text(),
                            a.value.is_null() ? value_line(ind.format, a.value) : forms::to_text(a.value)) + "\n";
    if (a.units.empty()) {
      out += "  " + text::tr("no reports in scope") + "\n";
      continue;
    }
    out += contributions(a);
  }
  out += "\n" + text::tr("`mera submissions --db DB --id N` shows a submission in full.") + "\n";
  return out;
}

}  // namespace mera::engine
