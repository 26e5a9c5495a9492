// Loading a model from disk: the files of a folder, parsed; a regional model's base found
// beside it and merged in (replace, drop, amend, additions) before the whole is checked.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <stdexcept>

#include "mera/dsl/format.hpp"
#include "mera/dsl/parse.hpp"
#include "mera/rules/check.hpp"
#include "amendment.hpp"
#include "model_files.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {
namespace fs = std::filesystem;

namespace {

// A model as parsed: its files and its declarations after merging any base.
struct Syntax {
  std::vector<std::shared_ptr<dsl::File>> files;
  std::vector<const dsl::Decl*> decls;
  const dsl::ModelDecl* model = nullptr;
};

// The identity of a declaration for replace and drop: "indicator positive_share",
// "deadline blood_families organization platform". Empty for what is never replaced.
std::string key_of(const dsl::DeclNode& d) {
  if (auto* x = std::get_if<dsl::LevelDecl>(&d)) return "level " + x->name.text;
  if (auto* x = std::get_if<dsl::EnumDecl>(&d)) return "enum " + x->name.text;
  if (auto* x = std::get_if<dsl::FormDecl>(&d)) return "form " + x->name.text;
  if (auto* x = std::get_if<dsl::IndicatorDecl>(&d)) return "indicator " + x->name.text;
  if (auto* x = std::get_if<dsl::DeadlineDecl>(&d)) return fmt::format("deadline {} {} -> {}", x->form.text, x->from.text, x->to.text);
  if (std::holds_alternative<dsl::RouteDecl>(d)) return "route";
  if (std::holds_alternative<dsl::ModelDecl>(d)) return "model";
  return {};
}

std::string key_of(const dsl::DropDecl& d) {
  if (d.from && d.to) return fmt::format("{} {} {} -> {}", d.kind.text, d.name.text, d.from->text, d.to->text);
  return d.kind.text + " " + d.name.text;
}

const dsl::Ident kNoName;

const dsl::Ident& name_of(const dsl::Decl& d) {
  return std::visit([](const auto& x) -> const dsl::Ident& {
    if constexpr (requires { x.name; }) return x.name;
    else if constexpr (requires { x.form; }) return x.form;
    else if constexpr (requires { x.levels; }) return x.levels.front();
    else return kNoName;  // lua blocks have no name and are never keyed
  }, d.node);
}

// The regional model being merged into its base.
struct Region {
  const Syntax& syntax;
  const std::string& name;
  const std::string& base;

  bool declares(const dsl::Decl* d) const { return std::find(syntax.decls.begin(), syntax.decls.end(), d) != syntax.decls.end(); }
};

class Loader {
 public:
  Loader(const FileTree& tree, dsl::Diagnostics& diags) : tree_(tree), diags_(diags) {}
  std::vector<dsl::SourcePtr> sources;

  // `chain`: the models that led here, each extending the next (the region first).
  Syntax load(const fs::path& path, std::vector<const dsl::ModelDecl*> chain);
  const Removals& removed() const { return removed_; }

 private:
  bool report_cycle(const std::vector<const dsl::ModelDecl*>& chain);
  using Decls = std::vector<const dsl::Decl*>;

  Syntax parse_files(const fs::path& path);
  void merge(Syntax& base, const Syntax& region);
  void apply(Decls& decls, const dsl::Decl& d, const Region& r);
  bool drop(Decls& decls, const dsl::DropDecl& d, const Region& r);
  bool droppable(const dsl::DropDecl& d);
  void replaced(const dsl::Decl& old, const dsl::Decl& d, const Region& r);
  void amend(Decls& decls, const dsl::AmendDecl& a, const Region& r);
  void keep_route(const Decls& decls, const Region& r, const std::vector<const dsl::DropDecl*>& level_drops);
  void refuse_overrides(const Syntax& s);

  const FileTree& tree_;
  dsl::Diagnostics& diags_;
  Removals removed_;                // what the regions of the chain took out of their bases
  std::deque<dsl::Decl> amended_;   // forms as amended: a base's form with a region's changes
};

// Only what the language lets a region drop; a deadline is named by its form and its hop.
bool Loader::droppable(const dsl::DropDecl& d) {
  const std::string& kind = d.kind.text;
  if (kind == "field" || kind == "check") {
    std::string what = kind == "field" ? "field " + d.name.text : text::tr("check \"its message\"");
    diags_.error(d.kind.span, text::tr("a {} is dropped inside an amendment of its form: 'amend form FORM {{ drop {} }}'", kind, what));
    return false;
  }
  if (kind != "level" && kind != "enum" && kind != "form" && kind != "deadline" && kind != "indicator") {
    diags_.error(d.kind.span, text::tr("cannot drop a {}: 'drop' works for level, enum, form, deadline and indicator{}", kind,
                                          forms::closest(kind, {"level", "enum", "form", "deadline", "indicator"})));
    return false;
  }
  if (kind == "deadline" && !d.from) {
    diags_.error(d.name.span, text::tr("a deadline is dropped with its hop: 'drop deadline {} FROM -> TO'", d.name.text));
    return false;
  }
  return true;
}

Syntax Loader::parse_files(const fs::path& path) {
  Syntax s;
  for (const auto& file : tree_.model_files(path)) {
    auto source = tree_.read(file);
    sources.push_back(source);
    s.files.push_back(std::make_shared<dsl::File>(dsl::parse(source, diags_)));
    for (const auto& d : s.files.back()->decls) {
      s.decls.push_back(&d);
      if (auto* m = std::get_if<dsl::ModelDecl>(&d.node)) {
        if (s.model) {
          diags_.error(m->name.span, text::tr("a second 'model' declaration: a model has exactly one"));
          diags_.note(s.model->name.span, text::tr("the first one is here"));
        } else {
          s.model = m;
        }
      }
    }
  }
  return s;
}

// A base that is already on the chain closes a cycle: named whole (a -> b -> c -> a), the error
// at the link that closes it and a note at every other link, so that the reader sees which
// 'extends' to take out wherever it is.
bool Loader::report_cycle(const std::vector<const dsl::ModelDecl*>& chain) {
  const dsl::ModelDecl& last = *chain.back();
  const dsl::Ident& base = *last.extends;
  auto start = std::find_if(chain.begin(), chain.end(), [&](const dsl::ModelDecl* m) { return m->name.text == base.text; });
  if (start == chain.end()) return false;
  if (start + 1 == chain.end()) {
    diags_.error(base.span, text::tr("model '{}' extends itself: a model extends another model (its base), or nothing", base.text));
    return true;
  }
  auto links = static_cast<std::size_t>(chain.end() - start);
  std::string cycle;
  for (auto it = start; it != chain.end(); ++it) cycle += (*it)->name.text + " -> ";
  diags_.error(base.span, text::tr("models extend each other in a cycle: {}{} (this 'extends' is link {} of {}): a base cannot "
                                      "extend a model built on it; remove one of the {} 'extends'",
                                      cycle, base.text, links, links, links));
  for (auto it = start; it + 1 != chain.end(); ++it)
    diags_.note((*it)->extends->span, text::tr("link {} of {}: '{}' extends '{}' here", it - start + 1, links, (*it)->name.text,
                                                  (*it)->extends->text));
  return true;
}

Syntax Loader::load(const fs::path& path, std::vector<const dsl::ModelDecl*> chain) {
  Syntax s = parse_files(path);
  if (diags_.has_errors() || !s.model) return s;
  if (!s.model->extends) {
    refuse_overrides(s);
    return s;
  }
  const dsl::Ident& base = *s.model->extends;
  chain.push_back(s.model);
  if (report_cycle(chain)) return s;
  // The base lives beside the model: examples/kaluga extends tomsk -> examples/tomsk.
  fs::path here = fs::path(path).lexically_normal();
  if (here.filename().empty()) here = here.parent_path();  // "examples/kaluga/" names the folder
  fs::path folder = here.parent_path() / base.text;
  fs::path file = folder;
  file += ".mera";
  fs::path found = tree_.is_folder(folder) ? folder : tree_.is_file(file) ? file : fs::path();
  if (found.empty()) {
    diags_.error(base.span, text::tr("base model '{}' not found: looked for {} and {}", base.text, folder.string(), file.string()));
    return s;
  }
  Syntax merged = load(found, chain);
  if (diags_.has_errors()) return s;
  merge(merged, s);
  return merged;
}

// The region's declarations change the base's: a model, route or lua block of the region
// stands in for the base's; `replace` and `drop` act on one declaration; the rest is added.
// Amendments come last, so that they find the forms as the region leaves them whatever the
// order of its files.
void Loader::merge(Syntax& base, const Syntax& region) {
  Region r{region, region.model->name.text, region.model->extends->text};
  std::vector<const dsl::DropDecl*> level_drops;
  for (const auto* d : region.decls) {
    if (auto* dropped = std::get_if<dsl::DropDecl>(&d->node)) {
      if (drop(base.decls, *dropped, r) && dropped->kind.text == "level") level_drops.push_back(dropped);
    } else if (!std::holds_alternative<dsl::AmendDecl>(d->node)) {
      apply(base.decls, *d, r);
    }
  }
  for (const auto* d : region.decls)
    if (auto* a = std::get_if<dsl::AmendDecl>(&d->node)) amend(base.decls, *a, r);
  keep_route(base.decls, r, level_drops);
  base.files.insert(base.files.end(), region.files.begin(), region.files.end());
  base.model = region.model;
}

void Loader::apply(Decls& decls, const dsl::Decl& d, const Region& r) {
  std::string key = key_of(d.node);
  auto it = key.empty() ? decls.end() : std::find_if(decls.begin(), decls.end(), [&](const dsl::Decl* x) { return key_of(x->node) == key; });
  bool implicit = key == "model" || key == "route";
  if (d.replace && it == decls.end()) {
    diags_.error(d.span, text::tr("'replace' needs {} in the base model '{}'; to add a new one, leave out 'replace'", key, r.base));
  } else if (!d.replace && !implicit && it != decls.end()) {
    diags_.error(name_of(d).span, text::tr("{} is already declared by the base model '{}': write 'replace {}' to change it", key, r.base, key));
    diags_.note(name_of(**it).span, text::tr("the base model declares it here"));
  } else if (it != decls.end()) {
    replaced(**it, d, r);
    *it = &d;
  } else {
    decls.push_back(&d);
  }
}

// True when the declaration is taken out.
bool Loader::drop(Decls& decls, const dsl::DropDecl& d, const Region& r) {
  if (!droppable(d)) return false;
  std::string key = key_of(d);
  auto it = std::find_if(decls.begin(), decls.end(), [&](const dsl::Decl* x) { return key_of(x->node) == key; });
  if (auto before = removed_.find(key); before != removed_.end()) {
    diags_.error(d.name.span, text::tr("{} is dropped twice", key));
    diags_.note(before->second.at, text::tr("the first 'drop' is here"));
  } else if (it == decls.end()) {
    std::vector<std::string> names;  // of the same kind, for "did you mean"
    for (const auto* x : decls)
      if (key_of(x->node).starts_with(d.kind.text + " ")) names.push_back(name_of(*x).text);
    diags_.error(d.name.span, text::tr("cannot drop {}: the base model '{}' does not declare it{}", key, r.base,
                                          d.from ? "" : forms::closest(d.name.text, names)));
  } else {
    decls.erase(it);
    removed_.emplace(key, Removal{d.span, text::tr("model '{}' drops it here; change or drop what still uses it", r.name)});
    return true;
  }
  return false;
}

// A replaced form may leave out fields of the base's: what still uses them is told why.
void Loader::replaced(const dsl::Decl& old, const dsl::Decl& d, const Region& r) {
  auto* before = std::get_if<dsl::FormDecl>(&old.node);
  auto* after = std::get_if<dsl::FormDecl>(&d.node);
  if (!before || !after) return;
  auto has = [&](const std::string& name) {
    return std::any_of(after->members.begin(), after->members.end(), [&](const dsl::FormMember& m) {
      auto* f = std::get_if<dsl::FieldDecl>(&m);
      return f && f->name.text == name;
    });
  };
  for (const auto& m : before->members) {
    auto* f = std::get_if<dsl::FieldDecl>(&m);
    if (!f || has(f->name.text)) continue;
    removed_[fmt::format("field {}.{}", after->name.text, f->name.text)] =
        {{d.span.file, d.span.begin, after->name.span.end}, text::tr("model '{}' replaces form '{}' here, without field '{}'", r.name, after->name.text, f->name.text)};
  }
}

// amend form NAME { ... }: the base's form, copied and changed; the copy stands in for it.
void Loader::amend(Decls& decls, const dsl::AmendDecl& a, const Region& r) {
  std::string key = "form " + a.form.text;
  auto it = std::find_if(decls.begin(), decls.end(), [&](const dsl::Decl* x) { return key_of(x->node) == key; });
  if (it == decls.end()) {
    if (auto gone = removed_.find(key); gone != removed_.end()) {
      diags_.error(a.form.span, text::tr("cannot amend form '{}': model '{}' drops it", a.form.text, r.name));
      diags_.note(gone->second.at, text::tr("the 'drop' is here"));
      return;
    }
    std::vector<std::string> forms;
    for (const auto* x : decls)
      if (auto* f = std::get_if<dsl::FormDecl>(&x->node)) forms.push_back(f->name.text);
    diags_.error(a.form.span, text::tr("cannot amend form '{}': the base model '{}' does not declare it{}", a.form.text, r.base,
                                          forms::closest(a.form.text, forms)));
    return;
  }
  if (r.declares(*it)) {
    diags_.error(a.form.span, text::tr("form '{}' is declared by model '{}' itself: change it there ('amend' changes a form of the base)", a.form.text, r.name));
    diags_.note(name_of(**it).span, text::tr("model '{}' declares it here", r.name));
    return;
  }
  dsl::Decl& copy = amended_.emplace_back(**it);
  Amendment(std::get<dsl::FormDecl>(copy.node), r.name, removed_, diags_).apply(a);
  *it = &copy;
}

// A level the region drops while it keeps the base's route would leave the route with a hole.
void Loader::keep_route(const Decls& decls, const Region& r, const std::vector<const dsl::DropDecl*>& level_drops) {
  auto route = std::find_if(decls.begin(), decls.end(), [](const dsl::Decl* x) { return std::holds_alternative<dsl::RouteDecl>(x->node); });
  if (route == decls.end() || r.declares(*route)) return;
  const auto& levels = std::get<dsl::RouteDecl>((*route)->node).levels;
  std::string text;
  for (const auto& l : levels) text += (text.empty() ? "" : " -> ") + l.text;
  for (const auto* d : level_drops) {
    if (std::none_of(levels.begin(), levels.end(), [&](const dsl::Ident& l) { return l.text == d->name.text; })) continue;
    diags_.error(d->name.span, text::tr("model '{}' drops level '{}', but the route it takes from '{}' goes through it ({}): write a 'route' of its own",
                                           r.name, d->name.text, r.base, text));
    diags_.note((*route)->span, text::tr("the route of '{}' is here", r.base));
  }
}

// A model that extends nothing has nothing to replace, drop or amend.
void Loader::refuse_overrides(const Syntax& s) {
  for (const auto* d : s.decls) {
    if (auto* drop = std::get_if<dsl::DropDecl>(&d->node))
      diags_.error(drop->span, text::tr("'drop' is for a model that extends another ('model NAME extends BASE')"));
    else if (std::holds_alternative<dsl::AmendDecl>(d->node))  // the word 'amend', as for 'replace'
      diags_.error({d->span.file, d->span.begin, d->span.begin + 5}, text::tr("'amend' is for a model that extends another ('model NAME extends BASE')"));
    else if (d->replace)  // the span of the word 'replace': the declaration after it is fine
      diags_.error({d->span.file, d->span.begin, d->span.begin + 7}, text::tr("'replace' is for a model that extends another ('model NAME extends BASE')"));
  }
}

CheckResult load_from(const FileTree& tree, const fs::path& path, const LuaHost& lua) {
  CheckResult result;
  Loader loader(tree, result.diags);
  Syntax s = loader.load(path, {});
  if (result.diags.has_errors()) {
    result.diags.sort();
    return result;
  }
  CheckResult checked = check(s.decls, loader.sources, lua, loader.removed());
  checked.diags.sort();
  return checked;
}

}  // namespace

CheckResult load_model(const fs::path& path, const LuaHost& lua) { return load_from(Disk(), path, lua); }

CheckResult load_model(const ModelFiles& files, const std::string& root, const LuaHost& lua) {
  return load_from(Stored(files), fs::path(root), lua);
}

// Absolute paths on both sides: "." or "../x" has no name of its own to be the root, and the
// stored files must not depend on the folder init or publish ran in.
StoredModel stored_model(const Model& model, const fs::path& path) {
  fs::path here = fs::absolute(path).lexically_normal();
  if (here.filename().empty()) here = here.parent_path();  // "examples/tomsk/" names the folder
  fs::path holder = here.parent_path();
  StoredModel stored;
  stored.root = here.filename().generic_string();
  for (const auto& source : model.sources) {
    fs::path relative = fs::absolute(source->name()).lexically_normal().lexically_relative(holder);
    stored.files.emplace(relative.generic_string(), source->text());
  }
  return stored;
}

}  // namespace mera::rules
