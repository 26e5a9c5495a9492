#include "mera/engine/revisions.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mera::engine {

rules::CheckResult check_revision(const storage::Revision& revision) {
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
    throw std::runtime_error(fmt::format("revision {} of model '{}' no longer checks:\n{}", revision.id, revision.model, dsl::render(checked.diags)));
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
  why = first.year == 9999 ? std::string("the database has no approved model revision")
                           : fmt::format("no approved model revision is in force on {} (the first takes effect on {})", day.iso(), first.iso());
  return nullptr;
}

const LoadedRevision* Revisions::newest(std::string& why) {
  const storage::Revision* best = nullptr;
  auto all = db_.revisions();
  for (const auto& r : all)
    if (r.status == "approved" && (!best || best->effective <= r.effective)) best = &r;
  if (!best) {
    why = "the database has no approved model revision";
    return nullptr;
  }
  return &get(*best);
}

}  // namespace mera::engine
