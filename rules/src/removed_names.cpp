// Notes for errors at names a region removed: see removed_names.hpp.
#include "removed_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace mera::rules {
namespace {

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
dsl::Diagnostics with_notes(const dsl::Diagnostics& diags, const RemovedNames& names) {
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

dsl::Diagnostics note_removals(const dsl::Diagnostics& diags, const std::vector<const dsl::Decl*>& decls, const Removals& removed) {
  return with_notes(diags, RemovedNames(removed, decls));
}

}  // namespace mera::rules
