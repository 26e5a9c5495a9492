// A dashboard as people read it (an aligned table with the model's labels), as JSON and as CSV
// for machines (exact values with full precision beside the displayed ones), and --explain.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mera/dsl/format.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/engine/display.hpp"

namespace mera::engine {
namespace {

// Columns are aligned by characters on screen, not bytes: the labels are Cyrillic.
std::size_t width(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string_view text, std::size_t to, bool right = false) {
  std::string fill(to > width(text) ? to - width(text) : 0, ' ');
  return right ? fill + std::string(text) : std::string(text) + fill;
}

const forms::Null* why_empty(const IndicatorValue& v) { return v.value.get<forms::Null>(); }

std::string heading(const Dashboard& d) {
  const auto& r = d.revision->revision;
  return fmt::format("{} «{}», revision {} (in force from {}), period {}\n", d.revision->model->name, d.revision->model->label,
                     r.id, r.effective.iso(), d.period.text());
}

std::string table(const Dashboard& d) {
  std::string out = heading(d);
  for (const auto& u : d.units) {
    out += fmt::format("\n{} «{}» ({})\n", u.unit.id, u.unit.name, u.unit.level);
    std::size_t label_w = width("indicator"), value_w = width("value"), target_w = width("target");
    for (const auto& v : u.values) {
      label_w = std::max(label_w, width(v.indicator->label));
      value_w = std::max(value_w, width(display(v.indicator->format, v.value)));
      target_w = std::max(target_w, width(target_text(*v.indicator, v)));
    }
    out += fmt::format("  {}  {}  {}  {:<6}  {}\n", pad("indicator", label_w), pad("value", value_w, true), pad("target", target_w), "status", "name");
    std::string notes;
    for (const auto& v : u.values) {
      out += fmt::format("  {}  {}  {}  {:<6}  {}\n", pad(v.indicator->label, label_w), pad(display(v.indicator->format, v.value), value_w, true),
                         pad(target_text(*v.indicator, v), target_w), target_words(v.target), v.indicator->name);
      if (const auto* n = why_empty(v); n && !n->detail.empty() && n->reason != forms::NoValue::lua_error)
        notes += fmt::format("    {}: {}\n", v.indicator->name, n->detail);
    }
    if (!notes.empty()) out += "  why some values are empty:\n" + notes;
  }
  out += "\n`mera eval --explain NAME` shows how a value came about.\n";
  return out;
}

nlohmann::json number_or_null(const forms::Value& v) {
  if (const double* x = v.get<double>()) return *x;
  return nullptr;
}

std::string json(const Dashboard& d) {
  nlohmann::ordered_json out;
  out["model"] = d.revision->model->name;
  out["revision"] = d.revision->revision.id;
  out["effective"] = d.revision->revision.effective.iso();
  out["period"] = d.period.text();
  out["units"] = nlohmann::ordered_json::array();
  for (const auto& u : d.units) {
    nlohmann::ordered_json unit;
    unit["unit"] = u.unit.id;
    unit["name"] = u.unit.name;
    unit["level"] = u.unit.level;
    unit["indicators"] = nlohmann::ordered_json::array();
    for (const auto& v : u.values) {
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
      unit["indicators"].push_back(std::move(i));
    }
    out["units"].push_back(std::move(unit));
  }
  return out.dump(2) + "\n";
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv(const Dashboard& d) {
  std::string out = "unit,period,indicator,label,value,display,target,status,reason,detail\n";
  for (const auto& u : d.units)
    for (const auto& v : u.values) {
      const auto* n = why_empty(v);
      const double* x = v.value.get<double>();
      const double* t = v.target_value.get<double>();
      std::string target = v.indicator->target && t ? v.indicator->target->op + exact(*t) : "";
      for (const std::string& field : {u.unit.id, d.period.text(), v.indicator->name, v.indicator->label, x ? exact(*x) : std::string(),
                                       display(v.indicator->format, v.value), target, target_words(v.target),
                                       n ? no_value_words(n->reason) : std::string(), n ? n->detail : std::string()})
        out += csv_field(field) + ',';
      out.back() = '\n';
    }
  return out;
}

std::string value_line(const rules::Format& format, const forms::Value& v) {
  if (const auto* n = v.get<forms::Null>()) return no_value_words(n->reason) + (n->detail.empty() ? "" : ": " + n->detail);
  if (const double* x = v.get<double>()) return fmt::format("{} (shown as {})", exact(*x), display(format, v));
  return forms::to_text(v);
}

const char* format_words(const rules::Format& f) {
  switch (f.kind) {
    case rules::Format::Kind::percent: return "percent";
    case rules::Format::Kind::integer: return "int";
    default: return "number";
  }
}

}  // namespace

std::string render(const Dashboard& dashboard, DashboardFormat format) {
  switch (format) {
    case DashboardFormat::json: return json(dashboard);
    case DashboardFormat::csv: return csv(dashboard);
    default: return table(dashboard);
  }
}

std::string render(const Explanation& e, const Dashboard& d) {
  const rules::Indicator& ind = *e.result.indicator;
  const auto& unit = d.units.front().unit;
  std::string out = fmt::format("{} «{}»\nfor {} «{}», period {}, under revision {} of model {}\n\n", ind.name, ind.label, unit.id, unit.name,
                                d.period.text(), d.revision->revision.id, d.revision->model->name);
  out += fmt::format("  value  = {}\n         = {}\n", dsl::format_expr(ind.value), value_line(ind.format, e.result.value));
  out += fmt::format("  format   {}{}{}\n", format_words(ind.format),
                     ind.format.kind == rules::Format::Kind::integer ? "" : fmt::format(" digits {}", ind.format.digits),
                     ind.format.truncate ? " truncate (cut, not rounded, for display)" : "");
  if (ind.target)
    out += fmt::format("  target {} {} -> {}\n", ind.target->op, dsl::format_expr(ind.target->value),
                       e.result.target == TargetStatus::none ? "nothing to judge" : target_words(e.result.target));
  if (!e.uses.empty()) {
    out += "\nindicators it uses:\n";
    for (const auto& u : e.uses)
      out += fmt::format("  {} for {} = {}\n", u.value.indicator->name, u.period.text(), value_line(u.value.indicator->format, u.value.value));
    out += "  (each explained by `mera eval --explain NAME`)\n";
  }
  for (const auto& a : e.aggregates) {
    out += fmt::format("\n{} over {} = {}\n", dsl::format_expr(*a.expr), a.period.text(),
                       a.value.is_null() ? value_line(ind.format, a.value) : forms::to_text(a.value));
    if (a.units.empty()) {
      out += "  no reports in scope\n";
      continue;
    }
    std::size_t unit_w = width("unit");
    for (const auto& c : a.units) unit_w = std::max(unit_w, width(c.unit));
    bool where = a.expr->has_where;
    out += fmt::format("  {}  {:>7}  {}{:>10}  submissions\n", pad("unit", unit_w), "reports", where ? "matched  " : "", "adds");
    for (const auto& c : a.units) {
      std::string ids;
      for (auto id : c.submissions) ids += (ids.empty() ? "" : " ") + std::to_string(id);
      if (c.matched > c.submissions.size()) ids += fmt::format(" ... ({} in all)", c.matched);
      out += fmt::format("  {}  {:>7}  {}{:>10}  {}\n", pad(c.unit, unit_w), c.rows, where ? fmt::format("{:>7}  ", c.matched) : "",
                         exact(c.total), ids);
    }
  }
  out += "\n`mera submissions --db DB --id N` shows a submission in full.\n";
  return out;
}

}  // namespace mera::engine
