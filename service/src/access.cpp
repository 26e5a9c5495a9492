// The access rules of the service, in one table: a row per action, a column per role. Every
// route asks decide(); nothing else in the service knows who may do what. The test
// tests/unit/access_test.cpp walks every cell against every position of a unit in the tree.
#include "mera/service/access.hpp"

#include <fmt/format.h>

#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

constexpr Reach N = Reach::none, A = Reach::anywhere, O = Reach::own, S = Reach::subtree, C = Reach::children,
                T = Reach::top;

// clang-format off
// Columns: submitter, reviewer, viewer, methodologist, approver, admin (the order of Role).
constexpr Reach kTable[kActions.size()][kRoles.size()] = {
    /* read_model       */ {A, A, A, A, A, A},
    /* validate         */ {O, N, N, N, N, S},  // whoever may submit (or import) for a unit
    /* submit           */ {O, N, N, N, N, N},
    /* import_history   */ {N, N, N, N, N, S},  // an administrator's import of old reports
    /* read_submissions */ {S, S, S, S, S, S},
    /* read_status      */ {S, S, S, S, S, S},
    /* review           */ {N, C, N, N, N, N},  // only the reports of the units directly below
    /* forward          */ {N, O, N, N, N, N},
    /* publish_revision */ {N, N, N, S, N, N},
    /* approve_revision */ {N, N, N, N, T, N},  // the department at the top of the route (1.5)
    /* manage_accounts  */ {N, N, N, N, N, S},
    /* read_audit       */ {N, N, N, N, N, S},
    /* read_units       */ {S, S, S, S, S, S},
    /* read_indicators  */ {S, S, S, S, S, S},
    /* read_deadlines   */ {S, S, S, S, S, S},
    /* read_revisions   */ {A, A, A, A, A, A},  // the model's text is everybody's, as read_model
    /* what_if          */ {N, N, N, S, S, N},  // who writes a revision, and who approves it
};
// clang-format on

}  // namespace

const char* action_name(Action action) {
  switch (action) {
    case Action::read_model: return "read_model";
    case Action::validate: return "validate";
    case Action::submit: return "submit";
    case Action::import_history: return "import_history";
    case Action::read_submissions: return "read_submissions";
    case Action::read_status: return "read_status";
    case Action::review: return "review";
    case Action::forward: return "forward";
    case Action::publish_revision: return "publish_revision";
    case Action::approve_revision: return "approve_revision";
    case Action::manage_accounts: return "manage_accounts";
    case Action::read_audit: return "read_audit";
    case Action::read_units: return "read_units";
    case Action::read_indicators: return "read_indicators";
    case Action::read_deadlines: return "read_deadlines";
    case Action::read_revisions: return "read_revisions";
    case Action::what_if: return "what_if";
  }
  return "";
}

// In English the table's own name, so that a message names what docs/service.md shows.
std::string action_words(Action action) {
  switch (action) {
    case Action::read_model: return text::tr("read_model");
    case Action::validate: return text::tr("validate");
    case Action::submit: return text::tr("submit");
    case Action::import_history: return text::tr("import_history");
    case Action::read_submissions: return text::tr("read_submissions");
    case Action::read_status: return text::tr("read_status");
    case Action::review: return text::tr("review");
    case Action::forward: return text::tr("forward");
    case Action::publish_revision: return text::tr("publish_revision");
    case Action::approve_revision: return text::tr("approve_revision");
    case Action::manage_accounts: return text::tr("manage_accounts");
    case Action::read_audit: return text::tr("read_audit");
    case Action::read_units: return text::tr("read_units");
    case Action::read_indicators: return text::tr("read_indicators");
    case Action::read_deadlines: return text::tr("read_deadlines");
    case Action::read_revisions: return text::tr("read_revisions");
    case Action::what_if: return text::tr("what_if");
  }
  return "";
}

std::string reach_words(Reach r) {
  switch (r) {
    case Reach::none: return text::tr("nowhere");
    case Reach::anywhere: return text::tr("for every unit");
    case Reach::own: return text::tr("only for its own unit");
    case Reach::subtree: return text::tr("for its own unit and the units below it");
    case Reach::children: return text::tr("only for the units directly below its own");
    case Reach::top: return text::tr("only when its unit is the top of the tree");
  }
  return "";
}

Reach reach(Role role, Action action) { return kTable[static_cast<int>(action)][static_cast<int>(role)]; }

Decision decide(const Caller& caller, Action action, std::string_view unit, dsl::Date day, const engine::UnitTree& tree) {
  Reach r = reach(caller.role, action);
  bool allowed = false;
  switch (r) {
    case Reach::none: break;
    case Reach::anywhere: allowed = true; break;
    case Reach::own: allowed = unit == caller.unit; break;
    case Reach::subtree: allowed = tree.under(unit, caller.unit, day); break;
    case Reach::children: allowed = unit != caller.unit && tree.parent_on(unit, day) == caller.unit; break;
    case Reach::top: allowed = unit == caller.unit && tree.parent_on(unit, day) == std::string(); break;
  }
  if (allowed) return {true, {}};
  if (r == Reach::none)
    return {false, text::tr("the account '{}' ({}) may not {}: that needs another role; ask your administrator", caller.login,
                            role_name(caller.role), action_words(action))};
  return {false, text::tr("the account '{}' ({} of {}) may {} {}, and '{}' is not among them as the unit tree stood on {}",
                          caller.login, role_name(caller.role), caller.unit, action_words(action), reach_words(r), unit, day.iso())};
}

}  // namespace mera::service
