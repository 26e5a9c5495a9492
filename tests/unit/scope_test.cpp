// An evaluation asked about one unit reads only the reports of that unit and of the units ever
// below it (issue 15.3), and gives the same values as an evaluation over the whole tree: a unit
// that moved between regions and a corrected report included.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "mera/engine/dashboard.hpp"
#include "mera/engine/evaluator.hpp"
#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "temp_folder.hpp"

namespace fs = std::filesystem;
using namespace mera;

namespace {

const char* kModel = R"(model n "Страна" { effective 2020-01-01 }
level organization "Организация"
level region "Регион"
level country "Страна"
route organization -> region -> country

form families "Семьи" {
  period quarter
  by organization
  field families int >= 0 "Обслужено семей"
}

indicator served "Обслужено семей" {
  value = sum(families.families)
}
)";

// o4 moves from r2 to r1 on 2021-04-01: its first quarter counts for r2, the rest for r1.
const char* kUnits = R"(id,name,level,parent,from,to
all,Страна,country,,2020-01-01,
r1,Регион 1,region,all,2020-01-01,
r2,Регион 2,region,all,2020-01-01,
o1,Организация 1,organization,r1,2020-01-01,
o2,Организация 2,organization,r1,2020-01-01,
o3,Организация 3,organization,r2,2020-01-01,
o4,Организация 4,organization,r2,2020-01-01,2021-03-31
o4,Организация 4,organization,r1,2021-04-01,
)";

const std::string kNow = "2026-01-01T00:00:00Z";

struct Country {
  test::TempFolder folder{"mera-scope"};  // declared first: removed after the database is closed
  std::string path = make_model();
  storage::Database db = storage::Database::open(path);

  std::string make_model() {
    fs::path dir = folder.path() / "n";
    fs::create_directories(dir);
    std::ofstream(dir / "model.mera") << kModel;
    std::ofstream(dir / "units.csv") << kUnits;
    std::string db_path = (folder.path() / "n.db").string();
    auto init = engine::init_database(db_path, dir.string(), "admin", "2020-01-01T00:00:00Z");
    BOOST_REQUIRE_MESSAGE(init.created, dsl::render(init.diags));
    return db_path;
  }

  void submit(const std::string& lines, bool correct) {
    auto file = std::make_shared<dsl::SourceFile>("s.jsonl", lines);
    auto report = engine::submit_file(db, file, {"clerk", correct, kNow});
    BOOST_REQUIRE_MESSAGE(!report.refused, dsl::render(report.diags));
  }

  // Every quarter of 2021 for the four organizations (16 reports), o1's first quarter corrected.
  Country() {
    std::string lines;
    int n = 1;
    for (const char* unit : {"o1", "o2", "o3", "o4"})
      for (int q = 1; q <= 4; ++q, ++n)
        lines += fmt::format(R"({{"form": "families", "unit": "{}", "period": "2021Q{}", "values": {{"families": {}}}}})", unit, q, n) + "\n";
    submit(lines, false);
    submit(R"({"form": "families", "unit": "o1", "period": "2021Q1", "values": {"families": 100}})", true);
  }
};

double served(const std::vector<engine::IndicatorValue>& values) {
  const double* x = values.at(0).value.get<double>();
  BOOST_REQUIRE(x);
  return *x;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluation_scope)

BOOST_AUTO_TEST_CASE(one_region_reads_only_its_own_reports_and_agrees_with_the_whole_tree) {
  Country c;
  auto tree = engine::UnitTree::load(c.db);
  engine::Revisions revisions(c.db);
  std::string why;
  const engine::LoadedRevision* rev = revisions.in_force(dsl::Date{2021, 1, 1}, why);
  BOOST_REQUIRE_MESSAGE(rev, why);
  auto year = *forms::parse_period("2021");

  engine::Evaluator whole(c.db, *rev->model, rev->enums, rev->functions.get(), tree);
  double r1 = served(whole.evaluate("r1", year));
  BOOST_TEST(whole.rows_read() == 16u);  // the current versions: the correction replaced one

  engine::Evaluator scoped(c.db, *rev->model, rev->enums, rev->functions.get(), tree);
  scoped.only_below("r1");
  BOOST_TEST(served(scoped.evaluate("r1", year)) == r1);
  // o1's four (one corrected), o2's four and o4's four: o3's are never read, nor o1's first version.
  BOOST_TEST(scoped.rows_read() == 12u);
  // By hand: o1 100 + 2 + 3 + 4, o2 5..8, o4 from the second quarter 14 + 15 + 16.
  BOOST_TEST(r1 == 100 + 2 + 3 + 4 + (5 + 6 + 7 + 8) + (14 + 15 + 16));
  BOOST_TEST(served(scoped.evaluate("o4", year)) == 13 + 14 + 15 + 16);
  BOOST_CHECK_THROW(scoped.evaluate("r2", year), std::logic_error);  // its reports were not read

  engine::Evaluator region2(c.db, *rev->model, rev->enums, rev->functions.get(), tree);
  region2.only_below("r2");
  BOOST_TEST(served(region2.evaluate("r2", year)) == served(whole.evaluate("r2", year)));
  BOOST_TEST(region2.rows_read() == 8u);  // o3's four, and o4's: it was in r2 for the first quarter
}

BOOST_AUTO_TEST_CASE(the_dashboard_of_one_unit_and_its_explanation_agree_with_every_unit) {
  Country c;
  auto tree = engine::UnitTree::load(c.db);
  engine::Revisions revisions(c.db);
  engine::DashboardBuilder builder(c.db, revisions, tree);
  engine::DashboardRequest all;
  all.period = "2021";
  all.all_units = true;
  engine::Dashboard every = builder.build(all);
  for (const auto& u : every.units) {
    engine::DashboardRequest one;
    one.period = "2021";
    one.unit = u.unit.id;
    BOOST_TEST_CONTEXT(u.unit.id) {
      BOOST_TEST(served(builder.build(one).units.at(0).values) == served(u.values));
      engine::Dashboard context;
      engine::Explanation e = builder.explain(one, "served", context);
      const double* x = e.result.value.get<double>();
      BOOST_REQUIRE(x);
      BOOST_TEST(*x == served(u.values));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
