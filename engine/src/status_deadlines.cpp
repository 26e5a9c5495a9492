// Which deadlines are one unit's to meet: the same rules of who submits what (Duties) that status
// and review use, applied to the hops of the model.
#include <fmt/format.h>

#include <stdexcept>

#include "duties.hpp"
#include "mera/engine/status.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

struct UnitDeadlines::Tree {
  UnitTree tree;
  Duties duties;
  const storage::Unit* unit;
  Tree(const storage::Database& db, const std::string& id) : tree(UnitTree::load(db)), duties(db, tree), unit(tree.unit(id)) {}
};

UnitDeadlines::UnitDeadlines(const storage::Database& db, const std::string& unit) : tree_(std::make_unique<Tree>(db, unit)) {
  if (!tree_->unit)
    throw std::invalid_argument(text::tr("no unit '{}' in {}{}", unit, db.path(), forms::closest(unit, tree_->tree.ids())));
}

UnitDeadlines::~UnitDeadlines() = default;

const storage::Unit& UnitDeadlines::unit() const { return *tree_->unit; }

std::optional<std::string> UnitDeadlines::parent_for(const forms::Period& period) const {
  return tree_->duties.parent_for(tree_->unit->id, period);
}

bool UnitDeadlines::concerns(const rules::Model& model, const forms::Form& form, const rules::Deadline& hop, const forms::Period& period) const {
  const storage::Unit& u = *tree_->unit;
  if (hop.form != form.name || hop.from != u.level) return false;
  if (form.level == u.level) return tree_->duties.submits(u, form);  // its own report's first hop
  const rules::Level* mine = model.level(u.level);
  const rules::Level* submitters = model.level(form.level);
  if (!mine || !submitters || mine->rank <= submitters->rank) return false;
  return !tree_->duties.expected(form, period, u.id).empty();  // a forward of what is submitted below it
}

}  // namespace mera::engine
