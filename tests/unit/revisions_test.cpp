// Revisions of the model (issue 6): a formula changed from 2021 governs 2021 and leaves 2020
// as it was; a draft changes nothing, neither validation nor values, until the department
// approves it; every refusal says why and stores nothing.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "mera/engine/dashboard.hpp"
#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/publish.hpp"
#include "temp_folder.hpp"

namespace fs = std::filesystem;
using namespace mera;

namespace {

const char* kHeader = R"(model r "Регион" { effective DATE }
level organization "Организация"
level department "Департамент"
route organization -> department
)";

const char* kForm = R"(form families "Семьи" {
  period quarter
  by organization
  field families int >= 0 "Обслужено семей"
  field positive int >= 0 "С положительной динамикой"
  field stable   int >= 0 "Со стабильной ситуацией"
  CHECK
}
)";

// 2020: positive families only. From 2021 the region counts stable ones too, and checks that
// the two together do not exceed the families served.
const char* kOldIndicator = R"(indicator positive_share "Доля семей с положительной динамикой" {
  value  = sum(families.positive) / sum(families.families)
  format percent digits 1
}
)";
const char* kNewIndicator = R"(indicator positive_share "Доля семей с положительной динамикой" {
  value  = (sum(families.positive) + sum(families.stable)) / sum(families.families)
  format percent digits 1
}
)";
const char* kNewCheck = R"m(check positive + stable <= families "{positive} + {stable} больше, чем обслужено семей ({families})")m";

const char* kUnits = R"(id,name,level,parent,from,to
dep,Департамент,department,,2020-01-01,
o1,Организация 1,organization,dep,2020-01-01,
o2,Организация 2,organization,dep,2020-01-01,
)";

const std::string kNow = "2026-01-01T00:00:00Z";

std::string replace_all(std::string text, const std::string& what, const std::string& with) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) text.replace(at, what.size(), with);
  return text;
}

// An indicator's exact value and the revision it was evaluated under.
struct Share {
  double value = 0;
  std::int64_t revision = 0;
  friend bool operator==(const Share&, const Share&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Share& s) { return out << s.value << " under revision " << s.revision; }
};

struct Region {
  test::TempFolder folder{"mera-revisions"};  // declared first: removed after the database is closed
  fs::path dir = write_units(folder.path());
  std::string path = (dir / "r.db").string();
  storage::Database db = make_db();

  // A model folder `name` (the v1 rules, or v2: the new formula and the new check).
  // `indicator` renames positive_share.
  std::string model(const std::string& name, const std::string& effective, bool v2, const std::string& indicator = "positive_share") const {
    fs::path folder = dir / name;
    fs::create_directories(folder);
    std::ofstream(folder / "model.mera") << replace_all(kHeader, "DATE", effective) << replace_all(kForm, "CHECK", v2 ? kNewCheck : "")
                                         << replace_all(v2 ? kNewIndicator : kOldIndicator, "positive_share", indicator);
    return folder.string();
  }

  engine::FileReport submit(const std::string& lines, bool correct = false) {
    auto file = std::make_shared<dsl::SourceFile>("s.jsonl", lines);
    return engine::submit_file(db, file, {"clerk", correct, kNow});
  }

  // Every quarter of 2020 and 2021 for both organizations: 10 families, 4 positive, 3 stable.
  void submit_two_years() {
    std::string lines;
    for (const char* unit : {"o1", "o2"})
      for (int year : {2020, 2021})
        for (int q = 1; q <= 4; ++q)
          lines += fmt::format(R"({{"form": "families", "unit": "{}", "period": "{}Q{}", "values": {{"families": 10, "positive": 4, "stable": 3}}}})",
                               unit, year, q) + "\n";
    auto report = submit(lines);
    BOOST_REQUIRE_MESSAGE(!report.refused, dsl::render(report.diags));
  }

  // Valid until the next call: the dashboard points into the loaded revisions.
  engine::Dashboard eval(const std::string& period, std::int64_t revision = 0) {
    tree_ = std::make_unique<engine::UnitTree>(engine::UnitTree::load(db));
    revisions_ = std::make_unique<engine::Revisions>(db);
    engine::DashboardBuilder builder(db, *revisions_, *tree_);
    engine::DashboardRequest request;
    request.period = period;
    request.revision = revision;
    return builder.build(request);
  }
  // The value of positive_share at the top, and the revision it was evaluated under.
  Share share(const std::string& period, std::int64_t revision = 0) {
    engine::Dashboard d = eval(period, revision);
    const double* x = d.units.at(0).values.at(0).value.get<double>();
    BOOST_REQUIRE(x);
    return {*x, d.revision->revision.id};
  }
  std::string table(const std::string& period) { return engine::render(eval(period), engine::DashboardFormat::table); }

  std::int64_t publish(const std::string& model_path, dsl::Date effective) {
    engine::PublishReport r = engine::publish_revision(db, {model_path, effective, "methodologist", kNow});
    BOOST_REQUIRE_MESSAGE(r.revision, r.refused + dsl::render(r.diags));
    return r.revision;
  }

 private:
  std::unique_ptr<engine::UnitTree> tree_;
  std::unique_ptr<engine::Revisions> revisions_;

  static fs::path write_units(const fs::path& d) {
    fs::create_directories(d / "v1");
    std::ofstream(d / "v1" / "units.csv") << kUnits;
    return d;
  }
  storage::Database make_db() {
    model("v1", "2020-01-01", false);
    auto init = engine::init_database(path, (dir / "v1").string(), "admin", "2020-01-01T00:00:00Z");
    BOOST_REQUIRE_MESSAGE(init.created, dsl::render(init.diags));
    return storage::Database::open(path);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(revisions)

BOOST_AUTO_TEST_CASE(a_formula_changed_from_2021_leaves_2020_as_it_was) {
  Region r;
  r.submit_two_years();
  BOOST_TEST(r.share("2020") == (Share{0.4, 1}));
  BOOST_TEST(r.share("2021") == (Share{0.4, 1}));
  const std::string table_2020 = r.table("2020");

  std::int64_t v2 = r.publish(r.model("v2", "2021-01-01", true), {2021, 1, 1});
  BOOST_TEST(v2 == 2);
  auto approved = engine::approve_revision(r.db, {v2, "dep", "head", kNow});
  BOOST_REQUIRE_MESSAGE(approved.approved, approved.refused);
  BOOST_TEST(approved.reports_checked_earlier == 8u);  // the 2021 reports, checked under revision 1
  BOOST_REQUIRE(approved.governs);
  BOOST_TEST(engine::span_text(*approved.governs) == "2021-01-01 onwards");
  BOOST_TEST(approved.revision.approved_by == "head as dep");
  BOOST_TEST(r.db.revision(v2)->approved_by == "head as dep");

  BOOST_TEST(r.share("2021") == (Share{0.7, 2}));
  BOOST_TEST(r.share("2021Q4") == (Share{0.7, 2}));
  BOOST_TEST(r.share("2020") == (Share{0.4, 1}));
  BOOST_TEST(r.share("2020Q4") == (Share{0.4, 1}));
  BOOST_TEST(r.table("2020") == table_2020);  // re-running 2020 prints exactly what it printed before
}

BOOST_AUTO_TEST_CASE(a_draft_changes_nothing_until_approved) {
  Region r;
  r.submit_two_years();
  const std::string before_2021 = r.table("2021"), before_2020 = r.table("2020");
  std::int64_t v2 = r.publish(r.model("v2", "2021-01-01", true), {2021, 1, 1});

  BOOST_TEST(r.table("2021") == before_2021);
  BOOST_TEST(r.table("2020") == before_2020);
  // A report the draft's new check would refuse is taken under the approved revision.
  auto late = r.submit(R"({"form": "families", "unit": "o1", "period": "2021Q1", "values": {"families": 10, "positive": 6, "stable": 6}})"
                       "\n",
                       true);
  BOOST_REQUIRE_MESSAGE(!late.refused, dsl::render(late.diags));
  BOOST_TEST(r.db.current("families", "o1", "2021Q1", "")->revision == 1);

  // What-if: the draft over stored history, without approving it. o1's corrected 2021Q1 has
  // 6 + 6 instead of 4 + 3: (8 * 7 - 7 + 12) / 80 = 61 / 80; under revision 1, (8 * 4 + 2) / 80.
  BOOST_TEST(r.share("2021", v2) == (Share{61.0 / 80, 2}));
  BOOST_TEST(r.share("2021") == (Share{34.0 / 80, 1}));

  auto approved = engine::approve_revision(r.db, {v2, "dep", "head", kNow});
  BOOST_REQUIRE_MESSAGE(approved.approved, approved.refused);
  // Now the new check governs 2021: the same values are refused, with the check's message.
  auto refused = r.submit(R"({"form": "families", "unit": "o2", "period": "2021Q1", "values": {"families": 10, "positive": 6, "stable": 6}})"
                          "\n",
                          true);
  BOOST_TEST(refused.refused);
  BOOST_TEST(dsl::render(refused.diags).find("6 + 6 больше, чем обслужено семей (10)") != std::string::npos, dsl::render(refused.diags));
  // The report taken before keeps the revision it was checked under.
  BOOST_TEST(r.db.current("families", "o1", "2021Q1", "")->revision == 1);
  auto fresh = r.submit(R"({"form": "families", "unit": "o2", "period": "2021Q2", "values": {"families": 9, "positive": 4, "stable": 3}})"
                        "\n",
                        true);
  BOOST_REQUIRE_MESSAGE(!fresh.refused, dsl::render(fresh.diags));
  BOOST_TEST(r.db.current("families", "o2", "2021Q2", "")->revision == 2);
}

BOOST_AUTO_TEST_CASE(compare_puts_the_revision_in_force_beside_the_draft) {
  Region r;
  r.submit_two_years();
  std::int64_t v2 = r.publish(r.model("v2", "2021-01-01", true), {2021, 1, 1});
  engine::UnitTree tree = engine::UnitTree::load(r.db);
  engine::Revisions revisions(r.db);
  engine::DashboardBuilder builder(r.db, revisions, tree);
  engine::DashboardRequest request;
  request.period = "2021";
  request.revision = v2;
  auto c = builder.compare(request);
  BOOST_REQUIRE(c.in_force);
  BOOST_TEST(c.in_force->revision->revision.id == 1);
  BOOST_TEST(c.what_if.revision->revision.id == v2);
  std::string table = engine::render(c, engine::DashboardFormat::table);
  BOOST_TEST(table.find("40.0 %      70.0 %  changed  positive_share") != std::string::npos, table);
  BOOST_TEST(table.find("1 of 1 values change") != std::string::npos, table);
  std::string csv = engine::render(c, engine::DashboardFormat::csv);
  BOOST_TEST(csv.find("dep,2021,positive_share,Доля семей с положительной динамикой,1,0.4,40.0 %,2,0.7,70.0 %,changed") != std::string::npos,
             csv);
  // An indicator only one side has is new, or gone.
  request.revision = r.publish(r.model("v3", "2022-01-01", false, "good_share"), {2022, 1, 1});
  std::string renamed = engine::render(builder.compare(request), engine::DashboardFormat::csv);
  BOOST_TEST(renamed.find("dep,2021,good_share,Доля семей с положительной динамикой,1,,,3,0.4,40.0 %,new\n") != std::string::npos, renamed);
  BOOST_TEST(renamed.find("dep,2021,positive_share,Доля семей с положительной динамикой,1,0.4,40.0 %,3,,,gone\n") != std::string::npos, renamed);
  request.revision = 0;
  BOOST_CHECK_THROW(builder.compare(request), engine::RequestError);
  request.revision = 9;
  BOOST_CHECK_THROW(builder.build(request), engine::RequestError);
}

BOOST_AUTO_TEST_CASE(refusals_say_why_and_store_nothing) {
  Region r;
  const std::size_t audit_before = r.db.audit().size();
  // A model that does not check.
  fs::path broken = r.dir / "broken";
  fs::create_directories(broken);
  std::ofstream(broken / "model.mera") << replace_all(kHeader, "DATE", "2021-01-01") << "indicator x \"X\" { value = sum(nothing.at_all) }\n";
  auto bad = engine::publish_revision(r.db, {broken.string(), {2021, 1, 1}, "m", kNow});
  BOOST_TEST(bad.revision == 0);
  BOOST_TEST(!bad.model);
  BOOST_TEST(dsl::render(bad.diags).find("error: ") != std::string::npos);
  // A date that disagrees with the model's own.
  auto wrong_date = engine::publish_revision(r.db, {r.model("v2", "2021-01-01", true), {2022, 1, 1}, "m", kNow});
  BOOST_TEST(wrong_date.revision == 0);
  BOOST_TEST(dsl::render(wrong_date.diags).find("model.mera:1:30: error: the model takes effect on 2021-01-01, and --effective says 2022-01-01") !=
                 std::string::npos,
             dsl::render(wrong_date.diags));
  // The same files as a stored revision.
  auto same = engine::publish_revision(r.db, {(r.dir / "v1").string(), {2020, 1, 1}, "m", kNow});
  BOOST_TEST(same.refused == "it is the same as revision 1 (approved, effective 2020-01-01)");
  // Another model than the database's.
  fs::path other = r.dir / "other";
  fs::create_directories(other);
  std::ofstream(other / "model.mera") << replace_all(replace_all(kHeader, "DATE", "2021-01-01"), "model r ", "model k ");
  auto stranger = engine::publish_revision(r.db, {other.string(), {2021, 1, 1}, "m", kNow});
  BOOST_TEST(stranger.refused.find("holds model 'r', and this is model 'k'") != std::string::npos, stranger.refused);
  BOOST_TEST(r.db.revisions().size() == 1u);
  BOOST_TEST(r.db.audit().size() == audit_before);

  std::int64_t v2 = r.publish(r.model("v2", "2021-01-01", true), {2021, 1, 1});
  auto unknown = engine::approve_revision(r.db, {7, "dep", "head", kNow});
  BOOST_TEST(!unknown.approved);
  BOOST_TEST(unknown.refused.find("has no such revision (it has 1, 2") != std::string::npos, unknown.refused);
  auto by_organization = engine::approve_revision(r.db, {v2, "o1", "clerk", kNow});
  BOOST_TEST(!by_organization.approved);
  BOOST_TEST(by_organization.refused.find("o1 is at level organization «Организация»: approve as dep") != std::string::npos,
             by_organization.refused);
  auto nobody = engine::approve_revision(r.db, {v2, "deq", "head", kNow});
  BOOST_TEST(nobody.refused == "no unit 'deq' in the unit tree; did you mean 'dep'?");
  BOOST_TEST(r.db.revision(v2)->status == "draft");

  BOOST_TEST(engine::approve_revision(r.db, {v2, "dep", "head", kNow}).approved);
  auto twice = engine::approve_revision(r.db, {v2, "dep", "head", kNow});
  BOOST_TEST(!twice.approved);
  BOOST_TEST(twice.refused == "it was approved already, by head as dep at " + kNow);
}

BOOST_AUTO_TEST_CASE(a_loaded_revision_shows_its_status_as_it_is_now) {
  Region r;
  std::int64_t v2 = r.publish(r.model("v2", "2021-01-01", true), {2021, 1, 1});
  engine::Revisions revisions(r.db);
  BOOST_TEST(revisions.get(*r.db.revision(v2)).revision.status == "draft");
  BOOST_REQUIRE(engine::approve_revision(r.db, {v2, "dep", "head", kNow}).approved);
  std::string why;
  const engine::LoadedRevision* now = revisions.in_force({2021, 1, 1}, why);
  BOOST_REQUIRE(now);
  BOOST_TEST(now->revision.id == v2);
  BOOST_TEST(now->revision.status == "approved");
}

BOOST_AUTO_TEST_CASE(which_periods_each_revision_governs) {
  auto rev = [](std::int64_t id, const char* status, dsl::Date effective) {
    storage::Revision r;
    r.id = id;
    r.status = status;
    r.effective = effective;
    return r;
  };
  auto spans = engine::in_force_spans({rev(1, "approved", {2020, 6, 10}), rev(2, "draft", {2021, 1, 1}), rev(3, "approved", {2022, 1, 1}),
                                       rev(4, "approved", {2021, 1, 1}), rev(5, "approved", {2022, 1, 1})});
  BOOST_REQUIRE(spans.size() == 3u);
  BOOST_TEST(engine::span_text(spans[0]) == "2020-06-10 .. 2020-12-31");
  BOOST_TEST(spans[0].revision == 1);
  BOOST_TEST(spans[1].revision == 4);
  BOOST_TEST(engine::span_text(spans[1]) == "2021-01-01 .. 2021-12-31");
  BOOST_TEST(spans[2].revision == 5);  // of two with one date, the later revision
  BOOST_TEST(engine::span_text(spans[2]) == "2022-01-01 onwards");
}

BOOST_AUTO_TEST_SUITE_END()
