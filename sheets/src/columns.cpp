#include "columns.hpp"

#include <charconv>

#include "mera/dsl/format.hpp"
#include "mera/text/tr.hpp"

namespace mera::sheets {

namespace {

Column::Kind kind_of(const forms::Type& t) {
  using K = forms::Type::Kind;
  switch (t.kind) {
    case K::number: return t.percent ? Column::Kind::percent : t.integer ? Column::Kind::integer : Column::Kind::number;
    case K::breakdown: return Column::Kind::integer;
    case K::boolean: return Column::Kind::boolean;
    case K::date: return Column::Kind::date;
    case K::category: return Column::Kind::category;
    default: return Column::Kind::text;
  }
}

// A bound's literal as a number: "0", "1.5", "60%" (a share, 0.6).
std::optional<double> bound_number(std::string text) {
  bool percent = !text.empty() && text.back() == '%';
  if (percent) text.pop_back();
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return percent ? v / 100 : v;
}

void add_bounds(Column& c, const forms::Field& f) {
  for (const auto& b : f.bounds) {
    std::string value = dsl::format_expr(b.value);
    c.bounds += (c.bounds.empty() ? "" : ", ") + b.op + " " + value;
    auto v = bound_number(value);
    if (!v) continue;
    if (b.op == ">=" || (b.op == ">" && c.kind == Column::Kind::integer)) c.min = b.op == ">" ? *v + 1 : *v;
    else if (b.op == "<=" || (b.op == "<" && c.kind == Column::Kind::integer)) c.max = b.op == "<" ? *v - 1 : *v;
  }
}

Column field_column(const forms::Field& f) {
  Column c;
  c.kind = kind_of(f.type);
  c.name = f.name;
  c.label = f.label.empty() ? f.name : f.label;
  c.required = f.required;
  if (f.when) c.when = dsl::format_expr(*f.when);
  add_bounds(c, f);
  if (c.kind == Column::Kind::category && f.type.enumeration)
    for (const auto& v : f.type.enumeration->values) c.choices.push_back(v.label.empty() ? v.name : v.label);
  return c;
}

}  // namespace

std::vector<Column> form_columns(const forms::Form& form) {
  std::vector<Column> out;
  out.push_back({Column::Kind::unit, "unit", text::tr("Unit (its id)"), true, {}, {}, {}, {}, {}});
  if (form.period != forms::PeriodKind::record)
    out.push_back({Column::Kind::period, "period", text::tr("Period (2023Q1, 2023H1, 2023)"), true, {}, {}, {}, {}, {}});
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    const forms::Field& f = form.fields[i];
    if (f.calculated()) continue;
    Column c = field_column(f);
    c.field = i;
    if (f.type.is(forms::Type::Kind::breakdown) && f.type.enumeration) {
      for (std::size_t k = 0; k < f.type.enumeration->values.size(); ++k) {
        const auto& v = f.type.enumeration->values[k];
        Column part = c;
        part.category = k;
        part.name = f.name + "[" + v.name + "]";
        part.label = c.label + ": " + (v.label.empty() ? v.name : v.label);
        out.push_back(std::move(part));
      }
    } else {
      out.push_back(std::move(c));
    }
  }
  return out;
}

namespace {

std::string join(const std::vector<std::string>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : "; ") + c;
  return out;
}

}  // namespace

std::string column_note(const Column& c) {
  std::string type;
  switch (c.kind) {
    case Column::Kind::unit: type = text::tr("the unit's id, as in the unit tree (org01)"); break;
    case Column::Kind::period: type = text::tr("the period: 2023Q1 (a quarter), 2023H1 (a half-year), 2023 (a year)"); break;
    case Column::Kind::text: type = text::tr("text"); break;
    case Column::Kind::integer: type = text::tr("a whole number"); break;
    case Column::Kind::number: type = text::tr("a number"); break;
    case Column::Kind::percent: type = text::tr("a percent (60%)"); break;
    case Column::Kind::boolean: type = text::tr("yes or no (да/нет)"); break;
    case Column::Kind::date: type = text::tr("a date (31.03.2023)"); break;
    case Column::Kind::category: type = text::tr("one of: {}", join(c.choices)); break;
  }
  std::string note = type;
  if (!c.bounds.empty()) note += "; " + text::tr("bounds: {}", c.bounds);
  if (c.required) note += "; " + text::tr("required");
  if (!c.when.empty()) note += "; " + text::tr("filled in only when {}", c.when);
  return note + " (" + c.name + ")";
}

}  // namespace mera::sheets
