#include "mera/engine/revisions.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <stdexcept>

#include "mera/text/tr.hpp"

namespace mera::engine {

namespace {

// A revision stored before 2026-12 from a model given as "." or ".." has that as its root and
// its files relative to the folder mera ran in, so the root names no stored folder. Read it as
// if the model's folder had the model's name: the files move under it, a base beside it.
bool root_without_name(const std::string& root) { return root.empty() || root == "." || root == ".."; }

rules::CheckResult load_unnamed_root(const storage::Revision& revision) {
  namespace fs = std::filesystem;
  rules::ModelFiles files;
  for (const auto& f : revision.files) {
    fs::path in_model = fs::path(f.path).lexically_relative(revision.root.empty() ? "." : revision.root);
    files.emplace((fs::path(revision.model) / in_model).lexically_normal().generic_string(), f.text);
  }
  return rules::load_model(files, revision.model, LuaSandbox());
}

}  // namespace

rules::CheckResult check_revision(const storage::Revision& revision) {
  if (root_without_name(revision.root)) return load_unnamed_root(revision);
  rules::ModelFiles files;
  for (const auto& f : revision.files) files.emplace(f.path, f.text);
  return rules::load_model(files, revision.root, LuaSandbox());
}

const LoadedRevision& Revisions::get(const storage::Revision& revision) {
  auto& slot = loaded_[revision.id];
  if (slot) {
    slot->revision = revision;  // the files never change, the status may have (approved since)
    return *slot;
  }
  auto checked = check_revision(revision);
  if (!checked.model)
    throw std::runtime_error(text::tr("revision {} of model '{}' no longer checks:\n{}", revision.id, revision.model, dsl::render(checked.diags)));
  auto loaded = std::make_unique<LoadedRevision>();
  loaded->revision = revision;
  loaded->model = checked.model;
  loaded->functions = std::make_unique<LuaFunctions>(*checked.model);
  for (const auto& e : checked.model->enums) loaded->enums.emplace(e->name, e.get());
  slot = std::move(loaded);
  return *slot;
}

const LoadedRevision* Revisions::in_force(dsl::Date day, std::string& why) {
  if (auto r = db_.revision_in_force(day)) return &get(*r);
  dsl::Date first{9999, 12, 31};
  for (const auto& r : db_.revisions())
    if (r.status == "approved" && r.effective < first) first = r.effective;
  why = first.year == 9999 ? text::tr("the database has no approved model revision")
                           : text::tr("no approved model revision is in force on {} (the first takes effect on {})", day.iso(), first.iso());
  return nullptr;
}

const LoadedRevision* Revisions::newest(std::string& why) {
  const storage::Revision* best = nullptr;
  auto all = db_.revisions();
  for (const auto& r : all)
    if (r.status == "approved" && (!best || best->effective <= r.effective)) best = &r;
  if (!best) {
    why = text::tr("the database has no approved model revision");
    return nullptr;
  }
  return &get(*best);
}

const LoadedRevision* RevisionsByDay::in_force(dsl::Date day, std::string& why) {
  auto [it, added] = days_.try_emplace(day.days());
  if (added) it->second.first = revisions_.in_force(day, it->second.second);
  why = it->second.second;
  return it->second.first;
}

const LoadedRevision* RevisionsByDay::newest(std::string& why) {
  if (!newest_) {
    newest_.emplace();
    newest_->first = revisions_.newest(newest_->second);
  }
  why = newest_->second;
  return newest_->first;
}

}  // namespace mera::engine
