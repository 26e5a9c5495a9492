// mera units import --db DB FILE, mera units list --db DB [--on DATE]: the unit tree as data.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/unit_tree.hpp"
#include "mera/engine/units_import.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

int run_units_import(const std::string& db_path, const std::string& file, const std::string& user) {
  storage::Database db = storage::Database::open(db_path);
  engine::Revisions revisions(db);
  std::string why;
  const engine::LoadedRevision* rev = revisions.newest(why);
  if (!rev) {
    std::cerr << "mera: " << text::tr("error") << ": " << db_path << ": " << why << '\n';
    return failure;
  }
  dsl::SourcePtr table = dsl::read_source(file);
  engine::UnitsReport report = engine::import_units(db, *table, *rev->model, user, storage::now_utc());
  std::cerr << dsl::render(report.diags);
  if (report.refused) {
    std::cerr << text::tr("{0}: {1} {1:error|errors}; nothing was imported: correct them and import the file again", file,
                          text::count(report.diags.error_count())) << "\n";
    return input_errors;
  }
  std::cout << text::tr("{}: {} units and {} memberships added, {} memberships ended, {} rows already stored", file, text::count(report.units_added),
                        text::count(report.memberships_added), text::count(report.memberships_closed), text::count(report.unchanged)) << "\n";
  return ok;
}

namespace {

void print_subtree(const engine::UnitTree& tree, const std::multimap<std::string, std::string>& children, const std::string& id, int depth) {
  const storage::Unit* u = tree.unit(id);
  std::cout << fmt::format("{:{}}{}  {}  ({})\n", "", depth * 2, dsl::printable(id), dsl::printable(u->name), dsl::printable(u->level));
  auto [from, to] = children.equal_range(id);
  for (auto it = from; it != to; ++it) print_subtree(tree, children, it->second, depth + 1);
}

}  // namespace

int run_units_list(const std::string& db_path, const std::string& on) {
  storage::Database db = storage::Database::open(db_path);
  engine::UnitTree tree = engine::UnitTree::load(db);
  std::string day_text = on.empty() ? storage::now_utc().substr(0, 10) : on;
  std::optional<dsl::Date> parsed = dsl::parse_iso_date(day_text);
  if (!parsed) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("'{}' is not a date; write it as 2021-03-31", day_text) << "\n";
    return failure;
  }
  dsl::Date day = *parsed;
  std::multimap<std::string, std::string> children;  // parent -> child, "" for the top
  std::size_t members = 0;
  for (const auto& id : tree.ids())
    if (auto parent = tree.parent_on(id, day)) {
      children.emplace(*parent, id);
      ++members;
    }
  std::cout << text::tr("the unit tree on {}: {} units", day.iso(), text::count(members)) << "\n";
  auto [from, to] = children.equal_range("");
  for (auto it = from; it != to; ++it) print_subtree(tree, children, it->second, 1);
  return ok;
}

}  // namespace mera::app
