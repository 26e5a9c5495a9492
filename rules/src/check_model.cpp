// The whole-model check: the model header, unique names, levels and the route, enums, Lua,
// forms; then deadlines and indicators (their own files). Every problem is reported; the
// compiled model is handed out only when there are none. An error about a name that a regional
// model took out of its base gets a note at the drop (removed_names.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checker.hpp"
#include "removed_names.hpp"
#include "mera/forms/compile.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {

bool Checker::route_level(const dsl::Ident& name) {
  if (model.level(name.text)) return true;
  if (!declared_levels.count(name.text) && !unknown_on_route.count(name.text)) {
    std::vector<std::string> names(declared_levels.begin(), declared_levels.end());
    error(name.span, text::tr("unknown level '{}'{}", name.text, forms::closest(name.text, names)));
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

// locale NAME: ru or en; a region's own, else its base's.
void check_locale(Checker& c, const Declarations& d) {
  for (auto it = d.models.rbegin(); it != d.models.rend(); ++it) {
    const auto& locale = (*it)->locale;
    if (!locale) continue;
    if (locale->text == "ru") c.model.locale = NumberLocale::ru;
    else if (locale->text != "en")
      c.error(locale->span, text::tr("unknown locale '{}': write 'locale ru' (numbers as 62,4 % and 1 532) or 'locale en' (62.4 % and 1532, the default){}",
                                     locale->text, forms::closest(locale->text, {"ru", "en"})));
    return;
  }
}

void check_header(Checker& c, const Declarations& d, const std::vector<dsl::SourcePtr>& sources) {
  if (d.models.empty()) {
    dsl::Span start{sources.empty() ? nullptr : sources.front().get(), 0, 0};
    c.error(start, text::tr("the model has no 'model' declaration: add 'model NAME \"label\" {{ effective YYYY-MM-DD }}'"));
    return;
  }
  const dsl::ModelDecl& m = *d.models.back();  // a region's header stands in for its base's
  c.model.name = m.name.text;
  c.model.label = m.label ? m.label->text : m.name.text;
  if (m.extends) c.model.extends = m.extends->text;
  if (m.effective) {
    c.model.effective = *m.effective;
    c.model.effective_span = m.effective_span;
  }
  else c.error(m.name.span, text::tr("model '{}' has no effective date: add 'effective YYYY-MM-DD' inside its braces", m.name.text));
  check_locale(c, d);
  check_calendar(c, m);
}

// Forms, enums and indicators share one namespace: all three can stand in an expression.
void check_unique_names(Checker& c, const Declarations& d) {
  std::map<std::string, std::pair<const char*, dsl::Span>, std::less<>> seen;
  auto declare = [&](const dsl::Ident& name, const char* kind) {
    auto [it, fresh] = seen.emplace(name.text, std::pair{kind, name.span});
    if (fresh) return;
    c.error(name.span, text::tr("'{}' is already declared as {} {}", name.text, it->second.first, name.text));
    c.diags.note(it->second.second, text::tr("the first declaration is here"));
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
      c.error(l->name.span, text::tr("level '{}' is declared twice", l->name.text));
      c.diags.note(it->second->name.span, text::tr("the first declaration is here"));
    }
  }
  if (d.routes.empty()) {
    if (!d.models.empty()) c.error(d.models.back()->name.span, text::tr("the model has no route: add 'route LEVEL -> LEVEL ...' from the bottom level up"));
    return;
  }
  for (std::size_t i = 1; i < d.routes.size(); ++i) {
    c.error(d.routes[i]->span, text::tr("a second route: a model has one route through its levels"));
    c.diags.note(d.routes[0]->span, text::tr("the first route is here"));
  }
  bool misspelt = false;
  for (const auto& ref : d.routes[0]->levels) {
    auto it = declared.find(ref.text);
    std::vector<std::string> names;
    for (const auto& [n, l] : declared) names.push_back(n);
    if (it == declared.end()) {
      c.error(ref.span, text::tr("unknown level '{}'{}", ref.text, forms::closest(ref.text, names)));
      c.unknown_on_route.insert(ref.text);
      misspelt = true;
    } else if (c.model.level(ref.text)) {
      c.error(ref.span, text::tr("level '{}' appears twice on the route", ref.text));
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
    if (!on_a_route(name)) c.error(l->name.span, text::tr("level '{}' is not on the route ({})", name, c.route_text()));
}

void check_enums(Checker& c, const Declarations& d) {
  for (const auto* e : d.enums) {
    auto en = std::make_unique<forms::Enum>();
    en->name = e->name.text;
    en->label = e->label ? e->label->text : e->name.text;
    en->span = e->span;
    for (const auto& v : e->values) {
      if (en->value(v.name.text)) {
        c.error(v.name.span, text::tr("enum '{}' has the value '{}' twice", en->name, v.name.text));
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
  if (!removed.empty()) result.diags = note_removals(result.diags, decls, removed);
  result.diags.sort();
  if (!result.diags.has_errors()) result.model = std::move(model);
  return result;
}

}  // namespace mera::rules
