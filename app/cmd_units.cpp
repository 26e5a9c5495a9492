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

namespace mera::app {

int run_units_import(const std::string& db_path, const std::string& file, const std::string& user) {
  storage::Database db = storage::Database::open(db_path);
  engine::Revisions revisions(db);
  std::string why;
  const engine::LoadedRevision* rev = revisions.newest(why);
  if (!rev) {
    std::cerr << "mera: error: " << db_path << ": " << why << '\n';
    return failure;
  }
  dsl::SourcePtr table = dsl::read_source(file);
  engine::UnitsReport report = engine::import_units(db, *table, *rev->model, user, storage::now_utc());
  std::cerr << dsl::render(report.diags);
  if (report.refused) {
    std::size_t n = report.diags.error_count();
    std::cerr << fmt::format("{}: {} {}; nothing was imported\n", file, n, n == 1 ? "error" : "errors");
    return input_errors;
  }
  std::cout << fmt::format("{}: {} units and {} memberships added, {} memberships ended, {} rows already stored\n", file,
                           report.units_added, report.memberships_added, report.memberships_closed, report.unchanged);
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
    std::cerr << fmt::format("mera: error: '{}' is not a date; write it as 2021-03-31\n", day_text);
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
  std::cout << fmt::format("the unit tree on {}: {} units\n", day.iso(), members);
  auto [from, to] = children.equal_range("");
  for (auto it = from; it != to; ++it) print_subtree(tree, children, it->second, 1);
  return ok;
}

}  // namespace mera::app
