// mera model diff [--db DB] OLD NEW: what two models mean differently. Each side is a model
// folder or .mera file, or with --db a stored revision's number, so a draft can be compared
// with the revision it would replace, or with the folder being edited.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/engine/publish.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/rules/diff.hpp"
#include "mera/storage/database.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {
namespace {

bool all_digits(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }); }

struct Side {
  std::string name;  // how the output names it: a path, or "revision 2 (approved)", «редакция 2 (утверждена)»
  rules::CheckResult checked;
};

// A stored revision when --db is given and the argument is a number; a path otherwise.
Side load_side(const std::optional<storage::Database>& db, const std::string& arg) {
  if (db && all_digits(arg)) {
    std::optional<storage::Revision> r = db->revision(std::stoll(arg));
    if (!r) throw std::runtime_error(text::tr("{} has no revision {} (mera model list --db {} lists them)", db->path(), arg, db->path()));
    return {text::tr("revision {} ({})", r->id, engine::status_words(r->status)), engine::check_revision(*r)};
  }
  return {arg, rules::load_model(arg, engine::LuaSandbox())};
}

}  // namespace

int run_model_diff(const std::string& db_path, const std::string& old_arg, const std::string& new_arg) {
  std::optional<storage::Database> db;
  if (!db_path.empty()) db.emplace(storage::Database::open(db_path));
  Side before = load_side(db, old_arg), after = load_side(db, new_arg);
  std::cerr << dsl::render(before.checked.diags) << dsl::render(after.checked.diags);
  if (!before.checked.model || !after.checked.model) {
    std::cerr << text::tr("{} has errors: nothing to compare; correct them and compare again", !before.checked.model ? before.name : after.name)
              << "\n";
    return input_errors;
  }
  std::cout << rules::render(rules::diff_models(*before.checked.model, *after.checked.model), before.name, after.name);
  return ok;
}

}  // namespace mera::app
