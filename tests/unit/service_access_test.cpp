// The access table of the service, walked whole: every role x action has the reach written
// below (the table of docs/service.md, spelled out again here on purpose), and decide() allows
// exactly where that reach says, for every position of a unit in the dated tree: own, child,
// grandchild, sibling, parent, another branch, a unit that moved (before and after), the top.
#include <boost/test/unit_test.hpp>

#include <map>

#include "mera/engine/unit_tree.hpp"
#include "mera/service/access.hpp"
#include "workflow_fixture.hpp"

using namespace mera::service;
using mera::dsl::Date;

namespace {

// The table in words: one line per action, the reach of each role in Role order
// (submitter, reviewer, viewer, methodologist, approver, admin).
const std::map<std::string, std::array<Reach, 6>> kExpected = [] {
  constexpr Reach N = Reach::none, A = Reach::anywhere, O = Reach::own, S = Reach::subtree, C = Reach::children, T = Reach::top;
  return std::map<std::string, std::array<Reach, 6>>{
      {"read_model", {A, A, A, A, A, A}},       {"validate", {O, N, N, N, N, S}},
      {"submit", {O, N, N, N, N, N}},           {"import_history", {N, N, N, N, N, S}},
      {"read_submissions", {S, S, S, S, S, S}}, {"read_status", {S, S, S, S, S, S}},
      {"review", {N, C, N, N, N, N}},           {"forward", {N, O, N, N, N, N}},
      {"publish_revision", {N, N, N, S, N, N}}, {"approve_revision", {N, N, N, N, T, N}},
      {"manage_accounts", {N, N, N, N, N, S}},  {"read_audit", {N, N, N, N, N, S}},
      {"read_units", {S, S, S, S, S, S}},       {"read_indicators", {S, S, S, S, S, S}},
      {"read_deadlines", {S, S, S, S, S, S}},   {"read_revisions", {A, A, A, A, A, A}},
      {"what_if", {N, N, N, S, S, N}},
  };
}();

// A unit's position relative to the caller's unit, and where each reach allows it.
struct Position {
  const char* name;
  const char* unit;
  Date day;
  bool own, child, below;  // below: the unit itself or anywhere under it
  bool top;                // the caller's unit is the top of the tree (only for the top caller)
};

bool allowed_by(Reach r, const Position& p) {
  switch (r) {
    case Reach::none: return false;
    case Reach::anywhere: return true;
    case Reach::own: return p.own;
    case Reach::subtree: return p.below;
    case Reach::children: return p.child;
    case Reach::top: return p.own && p.top;
  }
  return false;
}

// The fixture's tree (dep <- ctr <- p1, p2; o3 under p2 until 2021-06-30, then under p1) with a
// grandchild of p1 and a unit of another branch added.
mera::engine::UnitTree tree_of(mera::test::WorkflowDb& w) {
  auto tx = w.db.write();
  w.db.add_unit({"o1a", "Филиал", "organization"});
  w.db.add_membership({0, "o1a", "o1", Date{2021, 1, 1}, std::nullopt});
  w.db.add_unit({"o4", "Организация 4", "organization"});
  w.db.add_membership({0, "o4", "p2", Date{2021, 1, 1}, std::nullopt});
  tx.commit();
  return mera::engine::UnitTree::load(w.db);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_access)

BOOST_AUTO_TEST_CASE(the_table_is_the_one_documented) {
  BOOST_REQUIRE(kExpected.size() == kActions.size());
  for (Action a : kActions)
    for (std::size_t r = 0; r < kRoles.size(); ++r)
      BOOST_TEST((reach(kRoles[r], a) == kExpected.at(action_name(a))[r]), action_name(a) << " for " << role_name(kRoles[r]));
}

BOOST_AUTO_TEST_CASE(every_role_action_and_position_is_decided_as_the_table_says) {
  mera::test::WorkflowDb w;
  auto tree = tree_of(w);
  const Date spring{2021, 3, 31}, autumn{2021, 9, 30};
  // The caller's unit is p1 (a platform), then dep (the top).
  const std::vector<Position> from_p1 = {
      {"own", "p1", autumn, true, false, true, false},
      {"child", "o1", autumn, false, true, true, false},
      {"grandchild", "o1a", autumn, false, false, true, false},
      {"sibling", "p2", autumn, false, false, false, false},
      {"parent", "ctr", autumn, false, false, false, false},
      {"top", "dep", autumn, false, false, false, false},
      {"another branch", "o4", autumn, false, false, false, false},
      {"moved in, before the move", "o3", spring, false, false, false, false},
      {"moved in, after the move", "o3", autumn, false, true, true, false},
      {"not a unit", "nowhere", autumn, false, false, false, false},
  };
  const std::vector<Position> from_dep = {
      {"own (the top)", "dep", autumn, true, false, true, true},
      {"child", "ctr", autumn, false, true, true, true},
      {"far below", "o1a", autumn, false, false, true, true},
  };
  std::size_t decisions = 0;
  for (const auto& [unit, positions] : {std::pair{"p1", from_p1}, std::pair{"dep", from_dep}}) {
    for (Role role : kRoles) {
      Caller caller{"someone", unit, role};
      for (Action action : kActions) {
        for (const Position& p : positions) {
          Decision d = decide(caller, action, p.unit, p.day, tree);
          bool want = allowed_by(reach(role, action), p);
          BOOST_TEST(d.allowed == want, role_name(role) << " of " << unit << ", " << action_name(action) << ", " << p.name << " ("
                                                        << p.unit << " on " << p.day.iso() << "): " << d.why);
          if (!d.allowed) BOOST_TEST(!d.why.empty());
          ++decisions;
        }
      }
    }
  }
  BOOST_TEST(decisions == (from_p1.size() + from_dep.size()) * kRoles.size() * kActions.size());
}

BOOST_AUTO_TEST_CASE(a_refusal_says_what_the_account_may_do) {
  mera::test::WorkflowDb w;
  auto tree = tree_of(w);
  Decision other = decide({"ivanova", "o1", Role::submitter}, Action::submit, "o2", Date{2021, 3, 31}, tree);
  BOOST_TEST(other.why ==
             "the account 'ivanova' (submitter of o1) may submit only for its own unit, and 'o2' is not among them as the unit tree "
             "stood on 2021-03-31");
  Decision role = decide({"ivanova", "o1", Role::viewer}, Action::submit, "o1", Date{2021, 3, 31}, tree);
  BOOST_TEST(role.why == "the account 'ivanova' (viewer) may not submit: that needs another role; ask your administrator");
}

BOOST_AUTO_TEST_SUITE_END()
