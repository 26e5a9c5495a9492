// Loading a model from disk: the files of a folder, parsed; a regional model's base found
// beside it and merged in (replace, drop, additions) before the whole is checked.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "mera/dsl/parse.hpp"
#include "mera/rules/check.hpp"

namespace mera::rules {
namespace fs = std::filesystem;

namespace {

// A model as parsed: its files and its declarations after merging any base.
struct Syntax {
  std::vector<std::shared_ptr<dsl::File>> files;
  std::vector<const dsl::Decl*> decls;
  const dsl::ModelDecl* model = nullptr;
};

// Where a model's files come from: the disk, or the files of a stored revision. Paths are
// generic ('/'-separated) either way, so that `extends` finds the base beside the model.
class FileTree {
 public:
  virtual ~FileTree() = default;
  virtual bool is_folder(const fs::path& path) const = 0;
  virtual bool is_file(const fs::path& path) const = 0;
  // The .mera files of a folder, sorted; or the file itself.
  std::vector<fs::path> model_files(const fs::path& path) const {
    if (!is_folder(path) && !is_file(path)) throw std::runtime_error(fmt::format("{}: no such file or folder", path.string()));
    if (!is_folder(path)) return {path};
    std::vector<fs::path> files = folder_files(path);
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error(fmt::format("{}: the folder has no .mera files", path.string()));
    return files;
  }
  virtual dsl::SourcePtr read(const fs::path& path) const = 0;

 protected:
  virtual std::vector<fs::path> folder_files(const fs::path& folder) const = 0;
};

class Disk : public FileTree {
 public:
  bool is_folder(const fs::path& path) const override { return fs::is_directory(path); }
  bool is_file(const fs::path& path) const override { return fs::is_regular_file(path); }
  dsl::SourcePtr read(const fs::path& path) const override { return dsl::read_source(path.string()); }

 protected:
  std::vector<fs::path> folder_files(const fs::path& folder) const override {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder))
      if (entry.is_regular_file() && entry.path().extension() == ".mera") files.push_back(entry.path());
    return files;
  }
};

class Stored : public FileTree {
 public:
  explicit Stored(const ModelFiles& files) : files_(files) {}
  bool is_folder(const fs::path& path) const override {
    std::string prefix = path.generic_string() + "/";
    auto it = files_.lower_bound(prefix);
    return it != files_.end() && it->first.starts_with(prefix);
  }
  bool is_file(const fs::path& path) const override { return files_.contains(path.generic_string()); }
  dsl::SourcePtr read(const fs::path& path) const override {
    auto it = files_.find(path.generic_string());
    if (it == files_.end()) throw std::runtime_error(fmt::format("{}: not among the stored files of the model", path.generic_string()));
    return std::make_shared<dsl::SourceFile>(it->first, it->second);
  }

 protected:
  std::vector<fs::path> folder_files(const fs::path& folder) const override {
    std::string prefix = folder.generic_string() + "/";
    std::vector<fs::path> files;
    for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix); ++it) {
      fs::path p(it->first);
      if (p.parent_path() == folder && p.extension() == ".mera") files.push_back(p);
    }
    return files;
  }

 private:
  const ModelFiles& files_;
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

class Loader {
 public:
  Loader(const FileTree& tree, dsl::Diagnostics& diags) : tree_(tree), diags_(diags) {}
  std::vector<dsl::SourcePtr> sources;

  Syntax load(const fs::path& path, std::vector<std::string> chain);

 private:
  Syntax parse_files(const fs::path& path);
  void merge(Syntax& base, const Syntax& region, const std::string& base_name);
  void apply(std::vector<const dsl::Decl*>& decls, const dsl::Decl& d, const std::string& base_name);

  bool droppable(const dsl::DropDecl& d);

  const FileTree& tree_;
  dsl::Diagnostics& diags_;
  std::map<std::string, dsl::Span> dropped_;  // keys already dropped, and where
};

// Only what the language lets a region drop; a deadline is named by its form and its hop.
bool Loader::droppable(const dsl::DropDecl& d) {
  const std::string& kind = d.kind.text;
  if (kind != "level" && kind != "enum" && kind != "form" && kind != "deadline" && kind != "indicator") {
    diags_.error(d.kind.span, fmt::format("cannot drop a {}: 'drop' works for level, enum, form, deadline and indicator{}", kind,
                                          forms::closest(kind, {"level", "enum", "form", "deadline", "indicator"})));
    return false;
  }
  if (kind == "deadline" && !d.from) {
    diags_.error(d.name.span, fmt::format("a deadline is dropped with its hop: 'drop deadline {} FROM -> TO'", d.name.text));
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
          diags_.error(m->name.span, "a second 'model' declaration: a model has exactly one");
          diags_.note(s.model->name.span, "the first one is here");
        } else {
          s.model = m;
        }
      }
    }
  }
  return s;
}

Syntax Loader::load(const fs::path& path, std::vector<std::string> chain) {
  Syntax s = parse_files(path);
  if (diags_.has_errors() || !s.model || !s.model->extends) return s;
  const dsl::Ident& base = *s.model->extends;
  if (std::find(chain.begin(), chain.end(), base.text) != chain.end() || base.text == s.model->name.text) {
    diags_.error(base.span, fmt::format("model '{}' extends itself (through '{}')", s.model->name.text, base.text));
    return s;
  }
  // The base lives beside the model: examples/kaluga extends tomsk -> examples/tomsk.
  fs::path here = fs::path(path).lexically_normal();
  if (here.filename().empty()) here = here.parent_path();  // "examples/kaluga/" names the folder
  fs::path folder = here.parent_path() / base.text;
  fs::path file = folder;
  file += ".mera";
  fs::path found = tree_.is_folder(folder) ? folder : tree_.is_file(file) ? file : fs::path();
  if (found.empty()) {
    diags_.error(base.span, fmt::format("base model '{}' not found: looked for {} and {}", base.text, folder.string(), file.string()));
    return s;
  }
  chain.push_back(s.model->name.text);
  Syntax merged = load(found, chain);
  if (diags_.has_errors()) return s;
  merge(merged, s, base.text);
  return merged;
}

// The region's declarations change the base's: a model, route or lua block of the region
// stands in for the base's; `replace` and `drop` act on one declaration; the rest is added.
void Loader::merge(Syntax& base, const Syntax& region, const std::string& base_name) {
  for (const auto* d : region.decls) apply(base.decls, *d, base_name);
  base.files.insert(base.files.end(), region.files.begin(), region.files.end());
  base.model = region.model;
}

void Loader::apply(std::vector<const dsl::Decl*>& decls, const dsl::Decl& d, const std::string& base_name) {
  auto find = [&](const std::string& key) {
    return std::find_if(decls.begin(), decls.end(), [&](const dsl::Decl* x) { return key_of(x->node) == key; });
  };
  if (auto* drop = std::get_if<dsl::DropDecl>(&d.node)) {
    if (!droppable(*drop)) return;
    std::string key = key_of(*drop);
    auto it = find(key);
    if (auto before = dropped_.find(key); before != dropped_.end()) {
      diags_.error(drop->name.span, fmt::format("{} is dropped twice", key));
      diags_.note(before->second, "the first 'drop' is here");
    } else if (it == decls.end()) {
      diags_.error(drop->name.span, fmt::format("cannot drop {}: the base model '{}' does not declare it", key, base_name));
    } else {
      decls.erase(it);
      dropped_.emplace(key, drop->span);
    }
    return;
  }
  std::string key = key_of(d.node);
  auto it = key.empty() ? decls.end() : find(key);
  bool implicit = key == "model" || key == "route";
  if (d.replace && it == decls.end()) {
    diags_.error(d.span, fmt::format("'replace' needs {} in the base model '{}'; to add a new one, leave out 'replace'", key, base_name));
  } else if (!d.replace && !implicit && it != decls.end()) {
    diags_.error(name_of(d).span, fmt::format("{} is already declared by the base model '{}': write 'replace {}' to change it", key, base_name, key));
    diags_.note(name_of(**it).span, "the base model declares it here");
  } else if (it != decls.end()) {
    *it = &d;
  } else {
    decls.push_back(&d);
  }
}

// A model that extends nothing has nothing to replace or drop.
void refuse_overrides(const Syntax& s, dsl::Diagnostics& diags) {
  for (const auto* d : s.decls) {
    if (auto* drop = std::get_if<dsl::DropDecl>(&d->node))
      diags.error(drop->span, "'drop' is for a model that extends another ('model NAME extends BASE')");
    else if (d->replace)  // the span of the word 'replace': the declaration after it is fine
      diags.error({d->span.file, d->span.begin, d->span.begin + 7}, "'replace' is for a model that extends another ('model NAME extends BASE')");
  }
}

CheckResult load_from(const FileTree& tree, const fs::path& path, const LuaHost& lua) {
  CheckResult result;
  Loader loader(tree, result.diags);
  Syntax s = loader.load(path, {});
  if (!result.diags.has_errors() && s.model && !s.model->extends) refuse_overrides(s, result.diags);
  if (result.diags.has_errors()) {
    result.diags.sort();
    return result;
  }
  CheckResult checked = check(s.decls, loader.sources, lua);
  checked.diags.sort();
  return checked;
}

}  // namespace

CheckResult load_model(const fs::path& path, const LuaHost& lua) { return load_from(Disk(), path, lua); }

CheckResult load_model(const ModelFiles& files, const std::string& root, const LuaHost& lua) {
  return load_from(Stored(files), fs::path(root), lua);
}

StoredModel stored_model(const Model& model, const fs::path& path) {
  fs::path here = path.lexically_normal();
  if (here.filename().empty()) here = here.parent_path();  // "examples/tomsk/" names the folder
  fs::path holder = here.parent_path();
  StoredModel stored;
  stored.root = here.filename().generic_string();
  for (const auto& source : model.sources) {
    fs::path relative = fs::path(source->name()).lexically_normal().lexically_relative(holder.empty() ? fs::path(".") : holder);
    stored.files.emplace(relative.generic_string(), source->text());
  }
  return stored;
}

}  // namespace mera::rules
