// form NAME "label" { period | record per KEY; by LEVEL; field ...; check ... }
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "mera/forms/compile.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

using Kind = Type::Kind;
using dsl::Expr;

namespace {

class FormCompiler {
 public:
  FormCompiler(const dsl::FormDecl& decl, const EnumTable& enums, const FunctionTable& functions, dsl::Diagnostics& diags)
      : decl_(decl), enums_(enums), tc_(diags), scope_(form_, enums, functions) {}

  Form run() {
    form_.name = decl_.name.text;
    form_.label = decl_.label ? decl_.label->text : decl_.name.text;
    form_.span = decl_.span;
    for (const auto& m : decl_.members)
      if (auto* f = std::get_if<dsl::FieldDecl>(&m)) declare(*f);
    clauses();
    for (const auto& m : decl_.members)
      if (auto* f = std::get_if<dsl::FieldDecl>(&m)) options(*f);
    calculated_cycles();
    for (const auto& m : decl_.members)
      if (auto* c = std::get_if<dsl::CheckDecl>(&m)) check(*c);
    return std::move(form_);
  }

 private:
  void fail(dsl::Span span, std::string message) { tc_.fail(span, std::move(message)); }

  // The field's name and type; options come once every field is known (`when` may look ahead).
  void declare(const dsl::FieldDecl& d) {
    if (const Field* first = form_.field(d.name.text)) {
      fail(d.name.span, text::tr("form '{}' already has a field '{}'", form_.name, d.name.text));
      tc_.diags().note(first->span, text::tr("the first one is here"));
      return;
    }
    Field f;
    f.name = d.name.text;
    f.label = d.label ? d.label->text : d.name.text;
    f.span = d.span;
    f.type = field_type(d);
    form_.fields.push_back(std::move(f));
    decls_.push_back(&d);
  }

  Type field_type(const dsl::FieldDecl& d) {
    const std::string& t = d.type.text;
    Type type = Type::of(Kind::error);
    if (t == "int") type = Type{Kind::number, nullptr, true};
    else if (t == "number") type = Type::of(Kind::number);
    else if (t == "percent") type = Type{Kind::number, nullptr, false, true};
    else if (t == "bool") type = Type::of(Kind::boolean);
    else if (t == "text") type = Type::of(Kind::text);
    else if (t == "date") type = Type::of(Kind::date);
    else if (auto it = enums_.find(t); it != enums_.end()) type = Type{Kind::category, it->second};
    else {
      std::vector<std::string> names{"int", "number", "percent", "bool", "text", "date"};
      for (const auto& [n, e] : enums_) names.push_back(n);
      fail(d.type.span, text::tr("unknown type '{}': a field is int, number, percent, bool, text, date or an enum{}", t, closest(t, names)));
    }
    if (!d.breakdown) return type;
    auto it = enums_.find(d.breakdown->text);
    if (it == enums_.end()) {
      fail(d.breakdown->span, text::tr("unknown enum '{}' after 'by'{}", d.breakdown->text, did_you_mean(d.breakdown->text, enums_)));
      return Type::of(Kind::error);
    }
    if (!type.is(Kind::number) || type.percent) {
      if (!type.is(Kind::error)) fail(d.type.span, text::tr("a breakdown counts or measures per category: it is 'int by {}' or 'number by {}', not '{} by'", it->first, it->first, t));
      return Type::of(Kind::error);
    }
    return Type{Kind::breakdown, it->second, type.integer};
  }

  void clauses() {
    const dsl::PeriodClause* period = nullptr;
    const dsl::RecordClause* record = nullptr;
    const dsl::ByClause* by = nullptr;
    for (const auto& m : decl_.members) {
      if (auto* p = std::get_if<dsl::PeriodClause>(&m)) once(period, p, "period");
      if (auto* r = std::get_if<dsl::RecordClause>(&m)) once(record, r, "record per");
      if (auto* b = std::get_if<dsl::ByClause>(&m)) once(by, b, "by");
    }
    if (period && record) fail(record->span, text::tr("form '{}' is either periodic ('period') or one submission per record ('record per'), not both", form_.name));
    else if (!period && !record) fail(decl_.name.span, text::tr("form '{}' needs 'period KIND' (month, quarter, half_year, year) or 'record per FIELD'", form_.name));
    if (!by) fail(decl_.name.span, text::tr("form '{}' does not say which level submits it: add 'by LEVEL'", form_.name));
    else form_.level = by->level.text;
    if (period) period_kind(*period);
    if (record && !period) record_key(*record);
  }

  template <typename Clause> void once(const Clause*& slot, const Clause* c, const char* word) {
    if (slot) fail(c->span, text::tr("form '{}' has '{}' twice", form_.name, word));
    else slot = c;
  }

  void period_kind(const dsl::PeriodClause& p) {
    if (auto k = period_kind_from(p.kind.text)) {
      form_.period = *k;
      form_.period_known = true;
    }
    else fail(p.kind.span, text::tr("unknown period kind '{}': use month, quarter, half_year or year{}", p.kind.text, closest(p.kind.text, {"month", "quarter", "half_year", "year"})));
  }

  void record_key(const dsl::RecordClause& r) {
    form_.period = PeriodKind::record;
    form_.period_known = true;
    form_.record_key = r.key.text;
    const Field* key = form_.field(r.key.text);
    auto at = std::find_if(decls_.begin(), decls_.end(), [&](auto* d) { return d->name.text == r.key.text; });
    if (!key) fail(r.key.span, text::tr("the record key '{}' is not a field of form '{}'", r.key.text, form_.name));
    else if (at != decls_.end() && !(*at)->required) fail(r.key.span, text::tr("the record key '{}' must be a required field: add 'required' to it", r.key.text));
  }

  Field& field_of(const dsl::FieldDecl& d) {
    for (auto& f : form_.fields)
      if (f.span.begin == d.span.begin) return f;
    return form_.fields.front();  // unreachable: every declared field was added
  }

  void options(const dsl::FieldDecl& d);
  void bounds(const dsl::FieldDecl& d, Field& f);
  void rollup(const dsl::FieldDecl& d, Field& f);
  void calculated_cycles();
  bool cycle_from(const Field& from, const std::string& target, std::vector<std::string>& path,
                  std::set<std::string>& seen);
  void check(const dsl::CheckDecl& c);
  void placeholders(const dsl::Label& message);

  const dsl::FormDecl& decl_;
  const EnumTable& enums_;
  Form form_;
  TypeChecker tc_;
  FormScope scope_;
  std::vector<const dsl::FieldDecl*> decls_;  // the declarations of form_.fields, same order
};

namespace {
// How a field's type is named in a message: "an int" rather than "a number" when declared so.
std::string field_kind(const Field& f) {
  return f.type.is(Kind::number) && f.type.integer ? text::tr("an int") : describe(f.type);
}

std::string literal_kind(const Expr& e) {
  return e.kind == Expr::Kind::date ? text::tr("a date") : e.kind == Expr::Kind::percent ? text::tr("a percent") : text::tr("a number");
}
}  // namespace

void FormCompiler::options(const dsl::FieldDecl& d) {
  if (std::find(decls_.begin(), decls_.end(), &d) == decls_.end()) return;  // a duplicate, reported
  Field& f = field_of(d);
  f.required = d.required.has_value();
  bounds(d, f);
  rollup(d, f);
  if (d.when) {
    f.when = *d.when;
    tc_.expect(*d.when, scope_, Kind::boolean, text::tr("the 'when' of field '{}'", f.name));
  }
  if (d.formula) {
    f.formula = *d.formula;
    if (d.required) fail(*d.required, text::tr("field '{}' is calculated, never submitted, so it cannot be required", f.name));
    Type t = tc_.check(*d.formula, scope_);
    bool fits = t.unknown() || t.is(Kind::null) || (t.kind == f.type.kind && t.enumeration == f.type.enumeration);
    if (!fits && !f.type.is(Kind::error))
      fail(d.formula->span, text::tr("field '{}' is {}, but its formula gives {}", f.name, field_kind(f), describe(t)));
    else if (fits && f.type.integer && t.is(Kind::number) && !t.integer)
      fail(d.formula->span, text::tr("field '{}' is an int, but its formula can give a fraction: make the field a number", f.name));
  }
}


void FormCompiler::bounds(const dsl::FieldDecl& d, Field& f) {
  const dsl::Bound* low = nullptr;
  const dsl::Bound* high = nullptr;
  for (const auto& b : d.bounds) {
    f.bounds.push_back({b.op, b.value});
    bool numeric_field = f.type.is(Kind::number) || f.type.is(Kind::breakdown);
    bool fits = (numeric_field && (b.value.kind == Expr::Kind::number || b.value.kind == Expr::Kind::percent)) ||
                (f.type.is(Kind::date) && b.value.kind == Expr::Kind::date);
    if (f.type.is(Kind::error)) continue;
    if (!numeric_field && !f.type.is(Kind::date)) {
      fail(b.value.span, text::tr("field '{}' is {}: bounds apply to numbers and dates only", f.name, describe(f.type)));
    } else if (!fits) {
      fail(b.value.span, text::tr("field '{}' is {}, but its bound {} is {}", f.name, field_kind(f), b.value.text, literal_kind(b.value)));
    } else if (f.type.percent && b.value.kind == Expr::Kind::number && b.value.number != 0) {
      fail(b.value.span, text::tr("field '{}' is a percent: write its bound as a percent ({}%)", f.name, b.value.text));
    } else if (f.type.integer && b.value.kind == Expr::Kind::number && b.value.text.find('.') != std::string::npos) {
      fail(b.value.span, text::tr("field '{}' is an int, but its bound {} is not a whole number", f.name, b.value.text));
    } else {
      const dsl::Bound*& side = b.op[0] == '>' ? low : high;
      if (side && b.op[0] == '>') fail(b.span, text::tr("field '{}' has two lower bounds ({} {} and {} {}): keep one", f.name, side->op, side->value.text, b.op, b.value.text));
      else if (side) fail(b.span, text::tr("field '{}' has two upper bounds ({} {} and {} {}): keep one", f.name, side->op, side->value.text, b.op, b.value.text));
      else side = &b;
    }
  }
  if (!low || !high) return;
  // >= 10 <= 5 leaves nothing, and so does > 5 <= 5; dates compare as days.
  auto order = [](const Expr& v) { return v.kind == Expr::Kind::date ? static_cast<double>(v.date.days()) : v.number; };
  bool strict = low->op.size() == 1 || high->op.size() == 1;
  if (order(low->value) > order(high->value) || (strict && order(low->value) == order(high->value))) {
    const dsl::Bound* first = low->value.span.begin < high->value.span.begin ? low : high;
    const dsl::Bound* last = first == low ? high : low;
    fail({d.name.span.file, first->span.begin, last->span.end},
         text::tr("the bounds of field '{}' leave no possible value: nothing is {} {} and {} {}", f.name, low->op,
                     low->value.text, high->op, high->value.text));
  }
}

void FormCompiler::rollup(const dsl::FieldDecl& d, Field& f) {
  bool summable = f.type.is(Kind::number) || f.type.is(Kind::breakdown);
  f.rollup = summable && !f.type.percent ? Rollup::sum : Rollup::last;
  if (!d.rollup) return;
  const auto& word = d.rollup->text;
  if (word == "last") f.rollup = Rollup::last;
  else if (word != "sum") fail(d.rollup->span, text::tr("unknown rollup '{}': use 'sum' for flows or 'last' for stocks", word));
  else if (!summable || f.type.percent) fail(d.rollup->span, text::tr("field '{}' is {}: it cannot be summed; use 'rollup last'", f.name, describe(f.type)));
  else f.rollup = Rollup::sum;
}

// A calculated field may use other calculated fields, but never, through them, itself. Each
// cycle is one mistake: it is reported once, at its first field, with the whole way round.
void FormCompiler::calculated_cycles() {
  std::set<std::string> reported;
  for (const auto& f : form_.fields) {
    if (!f.formula || reported.count(f.name)) continue;
    std::vector<std::string> path{f.name};
    std::set<std::string> seen;
    if (!cycle_from(f, f.name, path, seen)) continue;
    reported.insert(path.begin(), path.end());
    std::string way;
    for (const auto& n : path) way += (way.empty() ? "" : " -> ") + n;
    fail(f.formula->span, text::tr("field '{}' is calculated from itself: {}", f.name, way));
  }
}

namespace {
void collect_names(const Expr& e, std::vector<std::string>& out) {
  if (e.kind == Expr::Kind::name && e.path.size() == 1) out.push_back(e.path[0].text);
  for (const auto& a : e.args) collect_names(a, out);
}
}  // namespace

// Whether `from`'s formula leads back to `target`; `path` gets the fields on the way.
bool FormCompiler::cycle_from(const Field& from, const std::string& target, std::vector<std::string>& path,
                              std::set<std::string>& seen) {
  std::vector<std::string> names;
  collect_names(*from.formula, names);
  for (const auto& n : names) {
    if (n == target) {
      path.push_back(n);
      return true;
    }
    const Field* next = form_.field(n);
    if (!next || !next->formula || !seen.insert(n).second) continue;
    path.push_back(n);
    if (cycle_from(*next, target, path, seen)) return true;
    path.pop_back();
  }
  return false;
}

void FormCompiler::check(const dsl::CheckDecl& c) {
  form_.checks.push_back({c.severity, c.condition, c.message.text, c.span});
  tc_.expect(c.condition, scope_, Kind::boolean, text::tr("a check"));
  placeholders(c.message);
}

// "{positive} + {negative} > {families}": each {name} must be a field of the form.
void FormCompiler::placeholders(const dsl::Label& message) {
  std::string_view raw = std::string_view(message.span.file->text()).substr(message.span.begin, message.span.end - message.span.begin);
  for (std::size_t open = raw.find('{'); open != std::string_view::npos; open = raw.find('{', open + 1)) {
    std::size_t close = raw.find('}', open);
    auto at = static_cast<std::uint32_t>(message.span.begin + open);
    if (close == std::string_view::npos) {
      fail({message.span.file, at, at + 1}, text::tr("'{{' in a message opens a field's name but is never closed with '}}'"));
      return;
    }
    std::string name(raw.substr(open + 1, close - open - 1));
    if (!form_.field(name)) {
      fail({message.span.file, at, static_cast<std::uint32_t>(message.span.begin + close + 1)},
           text::tr("the message quotes '{{{}}}', but form '{}' has no field '{}'{}", name, form_.name, name, closest(name, form_.field_names())));
    }
  }
}

}  // namespace

Form compile_form(const dsl::FormDecl& decl, const EnumTable& enums, const FunctionTable& functions, dsl::Diagnostics& diags) {
  return FormCompiler(decl, enums, functions, diags).run();
}

}  // namespace mera::forms
