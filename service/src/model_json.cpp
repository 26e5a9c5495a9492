#include "model_json.hpp"

#include "mera/dsl/format.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

json type_json(const forms::Type& t) {
  using K = forms::Type::Kind;
  const char* name = "any";
  switch (t.kind) {
    case K::number: name = t.percent ? "percent" : t.integer ? "int" : "number"; break;
    case K::boolean: name = "bool"; break;
    case K::text: name = "text"; break;
    case K::date: name = "date"; break;
    case K::category: name = "category"; break;
    case K::breakdown: name = "breakdown"; break;
    default: break;
  }
  json j = {{"kind", name}};
  if (t.enumeration) j["enum"] = t.enumeration->name;
  return j;
}

json field_json(const forms::Field& f) {
  json j = {{"name", f.name}, {"label", f.label}, {"type", type_json(f.type)}, {"required", f.required},
            {"rollup", f.rollup == forms::Rollup::sum ? "sum" : "last"}};
  j["bounds"] = json::array();
  for (const auto& b : f.bounds) j["bounds"].push_back({{"op", b.op}, {"value", dsl::format_expr(b.value)}});
  if (f.when) j["when"] = dsl::format_expr(*f.when);
  if (f.formula) j["formula"] = dsl::format_expr(*f.formula);
  return j;
}

json form_json(const forms::Form& f) {
  json j = {{"name", f.name}, {"label", f.label}, {"period", forms::period_kind_name(f.period)}, {"level", f.level}};
  if (f.period == forms::PeriodKind::record) j["record_key"] = f.record_key;
  j["fields"] = json::array();
  for (const auto& field : f.fields) j["fields"].push_back(field_json(field));
  j["checks"] = json::array();
  for (const auto& c : f.checks)
    j["checks"].push_back({{"severity", c.severity == dsl::CheckSeverity::error ? "error" : "warning"},
                           {"condition", dsl::format_expr(c.condition)},
                           {"message", c.message}});
  return j;
}

json deadline_json(const rules::Deadline& d) {
  json j = {{"form", d.form}, {"from", d.from}, {"to", d.to}, {"rules", json::array()}};
  for (const auto& r : d.rules) {
    json rule = {{"periods", r.selector}};
    switch (r.kind) {
      case dsl::DueRule::Kind::day_of_next_month: rule["due"] = "day_of_next_month"; rule["day"] = r.day; break;
      case dsl::DueRule::Kind::fixed_date: rule["due"] = "fixed_date"; rule["day"] = r.day; rule["month"] = r.month; break;
      case dsl::DueRule::Kind::days_after: rule["due"] = "days_after"; rule["days"] = r.day; break;
    }
    j["rules"].push_back(rule);
  }
  return j;
}

json indicator_json(const rules::Indicator& i) {
  static constexpr const char* kFormat[] = {"number", "percent", "integer"};
  json j = {{"name", i.name}, {"label", i.label}, {"value", dsl::format_expr(i.value)},
            {"format", {{"kind", kFormat[static_cast<int>(i.format.kind)]}, {"digits", i.format.digits}}}};
  if (i.target) j["target"] = {{"op", i.target->op}, {"value", dsl::format_expr(i.target->value)}};
  return j;
}

}  // namespace

json model_json(const rules::Model& m) {
  json j = {{"name", m.name}, {"label", m.label}, {"effective", m.effective.iso()}};
  if (!m.extends.empty()) j["extends"] = m.extends;
  j["levels"] = json::array();
  for (const auto& l : m.levels) j["levels"].push_back({{"name", l.name}, {"label", l.label}, {"rank", l.rank}});
  j["enums"] = json::array();
  for (const auto& e : m.enums) {
    json values = json::array();
    for (const auto& v : e->values) values.push_back({{"name", v.name}, {"label", v.label}});
    j["enums"].push_back({{"name", e->name}, {"label", e->label}, {"values", values}});
  }
  j["forms"] = json::array();
  for (const auto& f : m.forms) j["forms"].push_back(form_json(*f));
  j["indicators"] = json::array();
  for (const auto& i : m.indicators) j["indicators"].push_back(indicator_json(i));
  j["deadlines"] = json::array();
  for (const auto& d : m.deadlines) j["deadlines"].push_back(deadline_json(d));
  return j;
}

}  // namespace mera::service
