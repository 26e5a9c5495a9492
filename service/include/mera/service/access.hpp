// Who may do what where: the one table of the service's access rules (src/access.cpp), and the
// decision for one request. Every account acts only within its unit's sub-tree of the dated
// unit tree, on the day the request is about (DESIGN.md, "The service"; Regulation 1.5, 3.3).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "mera/dsl/date.hpp"
#include "mera/engine/unit_tree.hpp"
#include "mera/service/roles.hpp"

namespace mera::service {

enum class Action {
  read_model,        // the model as JSON: forms, checks, indicators, deadlines
  validate,          // check a draft report of a unit; nothing stored
  submit,            // submit or correct a report of a unit
  import_history,    // submit reports with their own submitted_at (historical data), marked imported
  read_submissions,  // list and read the reports of a unit
  read_status,       // what is due, overdue, returned, late for a unit
  review,            // accept or return a report of a unit
  forward,           // send a unit's own consolidated report up the route
  publish_revision,  // store a draft revision of the model
  approve_revision,  // approve a revision (the top of the route, Regulation 1.5)
  manage_accounts,   // add, disable accounts of units
  read_audit,        // the audit log of a unit's sub-tree
  read_units,        // the unit tree on a day
  read_indicators,   // indicators of a unit and period (eval, explain, the dashboard)
  read_deadlines,    // when a unit's reports are due, hop by hop
  read_revisions,    // the model's revisions: list, and what one means differently from another
  what_if,           // indicators of a unit under a revision not (yet) in force, beside those in force
};

inline constexpr std::array<Action, 17> kActions = {
    Action::read_model, Action::validate, Action::submit,           Action::import_history,
    Action::read_submissions, Action::read_status, Action::review,  Action::forward,
    Action::publish_revision, Action::approve_revision, Action::manage_accounts, Action::read_audit,
    Action::read_units, Action::read_indicators, Action::read_deadlines, Action::read_revisions,
    Action::what_if};

const char* action_name(Action action);  // "read_submissions"
// The action as a message says it: its name in English, a phrase in Russian ("читать отчёты").
std::string action_words(Action action);

// Where, relative to the account's own unit, an action is allowed.
enum class Reach {
  none,      // never
  anywhere,  // not about a unit (the model is the same for everybody)
  own,       // the account's unit itself
  subtree,   // the account's unit and every unit below it
  children,  // the units directly below the account's unit
  top,       // the account's unit, and only when it is the top of the tree
};

std::string reach_words(Reach reach);  // "for its own unit and the units below it", in the reader's language

// The table: one cell per role and action.
Reach reach(Role role, Action action);

struct Decision {
  bool allowed = false;
  std::string why;  // when refused: what the account may do instead, for the person
};

// May `caller` do `action` on `unit` as the tree stood on `day`? `unit` is ignored for Reach::anywhere.
Decision decide(const Caller& caller, Action action, std::string_view unit, dsl::Date day, const engine::UnitTree& tree);

}  // namespace mera::service
