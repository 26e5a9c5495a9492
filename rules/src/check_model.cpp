// The whole-model check: the model header, unique names, levels and the route, enums, Lua,
// forms; then deadlines and indicators (their own files). Every problem is reported; the
// compiled model is handed out only when there are none. An error about a name that a regional
// model took out of its base gets a note at the drop.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checker.hpp"
#include "mera/forms/compile.hpp"

namespace mera::rules {

bool Checker::route_level(const dsl::Ident& name) {
  if (model.level(name.text)) return true;
  if (!declared_levels.count(name.text) && !unknown_on_route.count(name.text)) {
    std::vector<std::string> names(declared_levels.begin(), declared_levels.end());
    error(name.span, fmt::format("unknown level '{}'{}", name.text, forms::closest(name.text, names)));
  }
  return false;
}

std::string Checker::route_text() const {
  std::string text;
  for (const auto& l : model.levels) text += (text.empty() ? "" : " -> ") + l.name;
  return text;
}

namespace {

// The declarations of a model sorted by kind, in source order within each kind.
struct Declarations {
  std::vector<const dsl::ModelDecl*> models;
  std::vector<const dsl::LevelDecl*> levels;
  std::vector<const dsl::RouteDecl*> routes;
  std::vector<const dsl::EnumDecl*> enums;
  std::vector<const dsl::FormDecl*> forms;
  std::vector<const dsl::DeadlineDecl*> deadlines;
  std::vector<const dsl::IndicatorDecl*> indicators;
  std::vector<const dsl::LuaDecl*> lua;

  explicit Declarations(const std::vector<const dsl::Decl*>& decls) {
    for (const auto* d : decls) {
      std::visit([&](const auto& x) { add(x); }, d->node);
    }
  }
  void add(const dsl::ModelDecl& x) { models.push_back(&x); }
  void add(const dsl::LevelDecl& x) { levels.push_back(&x); }
  void add(const dsl::RouteDecl& x) { routes.push_back(&x); }
  void add(const dsl::EnumDecl& x) { enums.push_back(&x); }
  void add(const dsl::FormDecl& x) { forms.push_back(&x); }
  void add(const dsl::DeadlineDecl& x) { deadlines.push_back(&x); }
  void add(const dsl::IndicatorDecl& x) { indicators.push_back(&x); }
  void add(const dsl::LuaDecl& x) { lua.push_back(&x); }
  void add(const dsl::DropDecl&) {}   // applied by the loader
  void add(const dsl::AmendDecl&) {}  // likewise
};

void check_header(Checker& c, const Declarations& d, const std::vector<dsl::SourcePtr>& sources) {
  if (d.models.empty()) {
    dsl::Span start{sources.empty() ? nullptr : sources.front().get(), 0, 0};
    c.error(start, "the model has no 'model' declaration: add 'model NAME \"label\" { effective YYYY-MM-DD }'");
    return;
  }
  const dsl::ModelDecl& m = *d.models.back();  // a region's header stands in for its base's
  c.model.name = m.name.text;
  c.model.label = m.label ? m.label->text : m.name.text;
  if (m.extends) c.model.extends = m.extends->text;
  if (m.effective) c.model.effective = *m.effective;
  else c.error(m.name.span, fmt::format("model '{}' has no effective date: add 'effective YYYY-MM-DD' inside its braces", m.name.text));
  check_calendar(c, m);
}

// Forms, enums and indicators share one namespace: all three can stand in an expression.
void check_unique_names(Checker& c, const Declarations& d) {
  std::map<std::string, std::pair<const char*, dsl::Span>, std::less<>> seen;
  auto declare = [&](const dsl::Ident& name, const char* kind) {
    auto [it, fresh] = seen.emplace(name.text, std::pair{kind, name.span});
    if (fresh) return;
    c.error(name.span, fmt::format("'{}' is already declared as {} {}", name.text, it->second.first, name.text));
    c.diags.note(it->second.second, "the first declaration is here");
  };
  for (const auto* e : d.enums) declare(e->name, "enum");
  for (const auto* f : d.forms) declare(f->name, "form");
  for (const auto* i : d.indicators) declare(i->name, "indicator");
}

// level declarations, and the route that orders them bottom to top.
void check_levels(Checker& c, const Declarations& d) {
  std::map<std::string, const dsl::LevelDecl*, std::less<>> declared;
  for (const auto* l : d.levels) {
    auto [it, fresh] = declared.emplace(l->name.text, l);
    c.declared_levels.insert(l->name.text);
    if (!fresh) {
      c.error(l->name.span, fmt::format("level '{}' is declared twice", l->name.text));
      c.diags.note(it->second->name.span, "the first declaration is here");
    }
  }
  if (d.routes.empty()) {
    if (!d.models.empty()) c.error(d.models.back()->name.span, "the model has no route: add 'route LEVEL -> LEVEL ...' from the bottom level up");
    return;
  }
  for (std::size_t i = 1; i < d.routes.size(); ++i) {
    c.error(d.routes[i]->span, "a second route: a model has one route through its levels");
    c.diags.note(d.routes[0]->span, "the first route is here");
  }
  bool misspelt = false;
  for (const auto& ref : d.routes[0]->levels) {
    auto it = declared.find(ref.text);
    std::vector<std::string> names;
    for (const auto& [n, l] : declared) names.push_back(n);
    if (it == declared.end()) {
      c.error(ref.span, fmt::format("unknown level '{}'{}", ref.text, forms::closest(ref.text, names)));
      c.unknown_on_route.insert(ref.text);
      misspelt = true;
    } else if (c.model.level(ref.text)) {
      c.error(ref.span, fmt::format("level '{}' appears twice on the route", ref.text));
    } else {
      c.model.levels.push_back({ref.text, it->second->label ? it->second->label->text : ref.text, static_cast<int>(c.model.levels.size()), it->second->span});
    }
  }
  // A level that the route misspells, or that only a second route names, is off the route
  // because of a mistake reported above: saying so again would be a second message for it.
  if (misspelt) return;
  auto on_a_route = [&](const std::string& name) {
    return std::any_of(d.routes.begin(), d.routes.end(), [&](const dsl::RouteDecl* r) {
      return std::any_of(r->levels.begin(), r->levels.end(), [&](const dsl::Ident& l) { return l.text == name; });
    });
  };
  for (const auto& [name, l] : declared)
    if (!on_a_route(name)) c.error(l->name.span, fmt::format("level '{}' is not on the route ({})", name, c.route_text()));
}

void check_enums(Checker& c, const Declarations& d) {
  for (const auto* e : d.enums) {
    auto en = std::make_unique<forms::Enum>();
    en->name = e->name.text;
    en->label = e->label ? e->label->text : e->name.text;
    en->span = e->span;
    for (const auto& v : e->values) {
      if (en->value(v.name.text)) {
        c.error(v.name.span, fmt::format("enum '{}' has the value '{}' twice", en->name, v.name.text));
        continue;
      }
      en->values.push_back({v.name.text, v.label ? v.label->text : v.name.text});
    }
    c.enums.emplace(en->name, en.get());
    c.model.enums.push_back(std::move(en));
  }
}

void check_forms(Checker& c, const Declarations& d) {
  for (const auto* f : d.forms) {
    auto form = std::make_unique<forms::Form>(forms::compile_form(*f, c.enums, c.model.functions, c.diags));
    for (const auto& m : f->members) {
      auto* by = std::get_if<dsl::ByClause>(&m);
      if (by && !c.model.levels.empty()) c.route_level(by->level);
    }
    c.model.forms.push_back(std::move(form));
  }
}

// ---- names that a region removed ----------------------------------------------------------

// The places where the merged model names something a region took out of its base and nothing
// declares again. The checker reports such a name where it stands (unknown level, unknown form,
// no such field), whatever the kind of declaration around it; this table lets that error say
// why the name is gone, without each check knowing about regions. Each place belongs to a use:
// a declaration, or a member of a form (one check, one field).
class RemovedNames {
 public:
  struct Place {
    const Removal* removal;
    const void* use;
  };

  RemovedNames(const Removals& removed, const std::vector<const dsl::Decl*>& decls) : removed_(removed) {
    for (const auto* d : decls) declared(*d);
    for (const auto* d : decls) {
      use_ = d;
      std::visit([&](const auto& x) { refs(x); }, d->node);
    }
  }

  const Place* at(const dsl::Span& s) const {
    auto it = found_.find({s.file, s.begin});
    return it == found_.end() ? nullptr : &it->second;
  }

 private:
  void declared(const dsl::Decl& d) {
    if (auto* l = std::get_if<dsl::LevelDecl>(&d.node)) declared_.insert("level " + l->name.text);
    if (auto* e = std::get_if<dsl::EnumDecl>(&d.node)) declared_.insert("enum " + e->name.text);
    if (auto* i = std::get_if<dsl::IndicatorDecl>(&d.node)) declared_.insert("indicator " + i->name.text);
    if (auto* f = std::get_if<dsl::FormDecl>(&d.node)) {
      declared_.insert("form " + f->name.text);
      for (const auto& m : f->members)
        if (auto* x = std::get_if<dsl::FieldDecl>(&m)) declared_.insert(field_key(f->name.text, x->name.text));
    }
  }

  static std::string field_key(const std::string& form, const std::string& field) { return "field " + form + "." + field; }

  // A name written at `span` means the first of `keys` that something declares, or that was removed.
  void name(const dsl::Span& span, std::initializer_list<std::string> keys) {
    for (const auto& k : keys) {
      if (declared_.count(k)) return;
      if (auto r = removed_.find(k); r != removed_.end()) found_.try_emplace({span.file, span.begin}, Place{&r->second, use_});
    }
  }

  void refs(const dsl::RouteDecl& r) {
    for (const auto& l : r.levels) name(l.span, {"level " + l.text});
  }
  void refs(const dsl::DeadlineDecl& d) {
    name(d.form.span, {"form " + d.form.text});
    name(d.from.span, {"level " + d.from.text});
    name(d.to.span, {"level " + d.to.text});
  }
  void refs(const dsl::IndicatorDecl& i) {
    for (const auto& m : i.members) {
      if (auto* v = std::get_if<dsl::ValueClause>(&m)) expr(v->value, nullptr);
      if (auto* t = std::get_if<dsl::TargetClause>(&m)) expr(t->value, nullptr);
    }
  }
  void refs(const dsl::FormDecl& f) {
    const std::string& form = f.name.text;
    for (const auto& m : f.members) {
      use_ = &m;
      if (auto* b = std::get_if<dsl::ByClause>(&m)) name(b->level.span, {"level " + b->level.text});
      if (auto* r = std::get_if<dsl::RecordClause>(&m)) name(r->key.span, {field_key(form, r->key.text)});
      if (auto* c = std::get_if<dsl::CheckDecl>(&m)) {
        expr(c->condition, &form);
        placeholders(c->message, form);
      }
      if (auto* x = std::get_if<dsl::FieldDecl>(&m)) {
        name(x->type.span, {"enum " + x->type.text});
        if (x->breakdown) name(x->breakdown->span, {"enum " + x->breakdown->text});
        if (x->when) expr(*x->when, &form);
        if (x->formula) expr(*x->formula, &form);
      }
    }
  }
  void refs(const auto&) {}  // model, level, enum, lua: they name nothing declared elsewhere

  // In a form (`form` set) a bare name is one of its fields; in an indicator, an indicator, form
  // or enum, and `form.field` a field; inside `where`, the aggregated form's fields.
  void expr(const dsl::Expr& e, const std::string* form) {
    using Kind = dsl::Expr::Kind;
    if (e.kind == Kind::name) {
      const auto& p = e.path;
      if (p.size() == 1 && form) name(p[0].span, {field_key(*form, p[0].text)});
      else if (p.size() == 1) name(p[0].span, {"indicator " + p[0].text, "form " + p[0].text, "enum " + p[0].text});
      else name(p[0].span, {"form " + p[0].text, "enum " + p[0].text});
      if (p.size() > 1 && !form) name(p[1].span, {field_key(p[0].text, p[1].text)});
      return;
    }
    if (e.kind == Kind::aggregate && !form) {
      const dsl::Expr& source = e.args[0].kind == Kind::index ? e.args[0].args[0] : e.args[0];
      expr(e.args[0], nullptr);
      if (e.has_where && source.kind == Kind::name) expr(e.args[1], &source.path.front().text);
      return;
    }
    for (const auto& a : e.args) expr(a, form);
  }

  // "{positive} ..." in a check's message: the error is at the braces.
  void placeholders(const dsl::Label& message, const std::string& form) {
    const std::string& text = message.span.file->text();
    for (auto open = text.find('{', message.span.begin); open < message.span.end; open = text.find('{', open + 1)) {
      auto close = text.find('}', open);
      if (close >= message.span.end) return;
      name({message.span.file, static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(close + 1)},
           {field_key(form, text.substr(open + 1, close - open - 1))});
    }
  }

  const Removals& removed_;
  std::set<std::string, std::less<>> declared_;
  std::map<std::pair<const dsl::SourceFile*, std::uint32_t>, Place> found_;
  const void* use_ = nullptr;  // the declaration or form member being read
};

// The same diagnostics, with the note of a removal after each error at a name it removed. One
// use that names a removed thing twice (`sum(f.a) / sum(f.b)` of a dropped form, a check and
// its message quoting a dropped field) is one mistake: its first error stands for it.
dsl::Diagnostics note_removals(const dsl::Diagnostics& diags, const RemovedNames& names) {
  dsl::Diagnostics out;
  std::set<std::pair<const Removal*, const void*>> told;
  for (const auto& d : diags.all()) {
    const RemovedNames::Place* p = d.severity == dsl::Severity::error ? names.at(d.span) : nullptr;
    if (p && !told.emplace(p->removal, p->use).second) continue;
    if (d.severity == dsl::Severity::warning) out.warning(d.span, d.message);
    else out.error(d.span, d.message);
    for (const auto& n : d.notes) out.note(n.span, n.message);
    if (p) out.note(p->removal->at, p->removal->note);
  }
  return out;
}

}  // namespace

CheckResult check(const std::vector<const dsl::Decl*>& decls, const std::vector<dsl::SourcePtr>& sources, const LuaHost& lua,
                  const Removals& removed) {
  CheckResult result;
  auto model = std::make_shared<Model>();
  model->sources = sources;
  Checker c{result.diags, *model, {}, {}, {}, {}, {}};
  Declarations d(decls);
  check_header(c, d, sources);
  check_unique_names(c, d);
  check_levels(c, d);
  check_enums(c, d);
  check_lua(c, d.lua, lua);
  check_forms(c, d);
  check_deadlines(c, d.deadlines);
  check_indicators(c, d.indicators);
  if (!removed.empty()) result.diags = note_removals(result.diags, RemovedNames(removed, decls));
  result.diags.sort();
  if (!result.diags.has_errors()) result.model = std::move(model);
  return result;
}

}  // namespace mera::rules
