// The golden tests of the language: every case is a file, so adding a case is adding a file.
//   golden/check/NAME.mera (or a folder NAME/)  beside  NAME.expected: what `mera check` prints;
//     NAME.ru.mera (or NAME.ru/) the same in Russian (LANG=ru_RU.UTF-8 for `mera check`)
//   golden/fmt/NAME.mera                        beside  NAME.formatted: what `mera fmt` writes
//   golden/submit/NAME.jsonl|.json|.csv         beside  NAME.EXT.expected: what `mera submit` prints
//     into a fresh database made from golden/submit/model (its units.csv too), after
//     NAME.before.EXT if there is one, and how many submissions the database then holds;
//     NAME.ru.EXT the same in Russian (LANG=ru_RU.UTF-8 for `mera submit`); NAME.cp1251.EXT is
//     read as Windows-1251 (`mera submit --encoding cp1251`); beside NAME.EXT.stored (create it
//     empty to opt in), the submissions stored, one a line: form, unit, period or record, values;
//     NAME.units.csv beside it, units of the case's own, imported first
//   golden/units/NAME.csv                       beside  NAME.csv.expected: what `mera units import`
//     prints into a fresh database of golden/submit/model, and the tree it then holds; NAME.ru.csv
//     the same in Russian
//   golden/eval/WORLD/NAME.eval                 beside  NAME.eval.expected: what `mera eval` prints
//     (the .eval file holds its arguments: --unit U --period P --all --format F --explain I)
//     over a database made from WORLD/model (with its units.csv) and every WORLD/data file;
//     NAME.ru.eval the same in Russian
//   golden/diff/NAME/ with old.mera (or a folder old/) and new.mera (or new/)  beside
//     NAME.expected: what `mera model diff old new` prints; the diagnostics of each side, and
//     the diff only when both sides check; NAME.ru.expected beside them: the same in Russian
//     (to add one, create it empty and run with MERA_UPDATE_GOLDEN=1)
// Run with MERA_UPDATE_GOLDEN=1 to write the actual outputs as the new expectations (then read
// the diff before committing it). A mismatch prints the whole actual output.
#define BOOST_TEST_MODULE mera_golden
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <unistd.h>

#include "mera/dsl/format.hpp"
#include "mera/dsl/parse.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/units_import.hpp"
#include "mera/forms/encoding.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"
#include "mera/rules/diff.hpp"
#include "mera/storage/database.hpp"
#include "mera/text/language.hpp"

namespace fs = std::filesystem;
namespace utf = boost::unit_test;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool updating() { return std::getenv("MERA_UPDATE_GOLDEN") != nullptr; }

void compare(const fs::path& expected_path, const std::string& actual) {
  if (updating()) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  BOOST_REQUIRE_MESSAGE(fs::exists(expected_path), "missing " << expected_path.string() << "; actual output:\n" << actual);
  std::string expected = read(expected_path);
  BOOST_CHECK_MESSAGE(expected == actual, "output differs from " << expected_path.filename().string()
                                                                 << "\n--- actual ---\n" << actual << "--- expected ---\n" << expected);
}

// What `mera check` prints for a case, with paths relative to the case folder.
std::string check_output(const fs::path& dir, const std::string& name) {
  fs::path cwd = fs::current_path();
  fs::current_path(dir);
  mera::engine::LuaSandbox lua;
  auto result = mera::rules::load_model(name, lua);
  fs::current_path(cwd);
  std::string out = mera::dsl::render(result.diags);
  if (result.model) out += result.model->summary() + "\n";
  return out;
}

std::string fmt_output(const fs::path& file) {
  mera::dsl::Diagnostics diags;
  auto parsed = mera::dsl::parse(mera::dsl::read_source(file.string()), diags);
  if (diags.has_errors()) return mera::dsl::render(diags);
  return mera::dsl::format(parsed);
}

fs::path golden_dir() { return fs::path(MERA_SOURCE_DIR) / "tests" / "golden"; }

// A case's file as `mera submit` reads it: converted from Windows-1251 when its name says cp1251.
mera::dsl::SourcePtr source_of(const std::string& name) {
  auto file = mera::dsl::read_source(name);
  if (name.find(".cp1251.") == std::string::npos) return file;
  std::string why;
  auto text = mera::forms::cp1251_to_utf8(file->text(), why);
  BOOST_REQUIRE_MESSAGE(text, why);
  return std::make_shared<mera::dsl::SourceFile>(name, std::move(*text));
}

// What `mera submit` prints for a case, in a database of its own, at a fixed time.
std::string submit_output(const fs::path& file) {
  fs::path cwd = fs::current_path();
  fs::current_path(file.parent_path());
  fs::path db_path = fs::temp_directory_path() / ("mera-golden-" + std::to_string(::getpid()) + "-" + file.filename().string() + ".db");
  const std::string now = "2026-01-15T09:00:00Z";
  auto init = mera::engine::init_database(db_path.string(), "model", "golden", now);
  std::string out = mera::dsl::render(init.diags);
  if (init.created) {
    auto db = mera::storage::Database::open(db_path.string());
    mera::engine::SubmitOptions options{"golden", false, now};
    std::string units = file.stem().string() + ".units.csv";
    if (fs::exists(units)) {
      auto imported = mera::engine::import_units(db, *mera::dsl::read_source(units), *init.model, "golden", now);
      out += mera::dsl::render(imported.diags);
    }
    std::string before = file.stem().string() + ".before" + file.extension().string();
    for (const auto& name : {before, file.filename().string()}) {
      if (!fs::exists(name)) continue;
      auto report = mera::engine::submit_file(db, source_of(name), options);
      out += mera::dsl::render(report.diags) + mera::engine::summary(report) + "\n";
    }
    out += "the database holds " + std::to_string(db.submission_count()) + " submissions\n";
    if (fs::exists(file.string() + ".stored")) {
      std::string stored;
      for (const auto& s : db.submissions())
        stored += s.form + " " + s.unit + " " + (s.period.empty() ? s.record_key : s.period) + " " + s.values_json + "\n";
      compare(file.string() + ".stored", stored);
    }
  }
  fs::current_path(cwd);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  return out;
}

// What `mera units import` prints for a table, imported into a database of the golden model.
std::string units_output(const fs::path& file) {
  fs::path db_path = fs::temp_directory_path() / ("mera-golden-" + std::to_string(::getpid()) + "-" + file.filename().string() + ".db");
  fs::path cwd = fs::current_path();
  fs::current_path(golden_dir() / "submit");
  auto init = mera::engine::init_database(db_path.string(), "model", "golden", "2026-01-15T09:00:00Z");
  fs::current_path(file.parent_path());
  std::string out = mera::dsl::render(init.diags);
  {
    auto db = mera::storage::Database::open(db_path.string());
    auto report = mera::engine::import_units(db, *mera::dsl::read_source(file.filename().string()), *init.model, "golden", "2026-01-15T09:00:00Z");
    out += mera::dsl::render(report.diags);
    out += report.refused ? "refused\n"
                          : "added " + std::to_string(report.units_added) + " units, " + std::to_string(report.memberships_added) +
                                " memberships; ended " + std::to_string(report.memberships_closed) + "; unchanged " + std::to_string(report.unchanged) + "\n";
    for (const auto& m : db.memberships())
      out += m.unit + " <- " + (m.parent.empty() ? "(top)" : m.parent) + " " + m.from.iso() + ".." + (m.to ? m.to->iso() : "") + "\n";
  }
  fs::current_path(cwd);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  return out;
}

// The arguments of an .eval case, as `mera eval` takes them.
struct EvalCase {
  mera::engine::DashboardRequest request;
  std::string format = "table";
  std::string explain;
};

EvalCase read_eval_case(const fs::path& file) {
  EvalCase c;
  c.request.today = mera::dsl::Date{2026, 1, 15};
  std::istringstream words(read(file));
  std::string w, arg;
  while (words >> w) {
    if (w == "--all") c.request.all_units = true;
    else if (!(words >> arg)) throw std::runtime_error(file.string() + ": '" + w + "' needs a value");
    else if (w == "--unit") c.request.unit = arg;
    else if (w == "--period") c.request.period = arg;
    else if (w == "--format") c.format = arg;
    else if (w == "--explain") c.explain = arg;
    else throw std::runtime_error(file.string() + ": unknown argument '" + w + "'");
  }
  return c;
}

// One database per world, made on first use and kept for all its cases.
std::string world_database(const fs::path& world, std::string& setup) {
  static std::map<fs::path, std::pair<std::string, std::string>> made;
  auto it = made.find(world);
  if (it != made.end()) {
    setup = it->second.second;
    return it->second.first;
  }
  fs::path db_path = fs::temp_directory_path() / ("mera-golden-" + std::to_string(::getpid()) + "-eval-" + world.filename().string() + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  fs::path cwd = fs::current_path();
  fs::current_path(world);
  const std::string now = "2026-01-15T09:00:00Z";
  auto init = mera::engine::init_database(db_path.string(), "model", "golden", now);
  setup = mera::dsl::render(init.diags);
  if (init.created) {
    auto db = mera::storage::Database::open(db_path.string());
    std::vector<fs::path> files;
    if (fs::is_directory("data"))
      for (const auto& e : fs::directory_iterator("data"))
        if (e.path().extension() == ".jsonl" || e.path().extension() == ".csv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      // A file whose name says "correct" replaces earlier reports, as `mera submit --correct`.
      bool correct = f.filename().string().find("correct") != std::string::npos;
      auto report = mera::engine::submit_file(db, mera::dsl::read_source(f.string()), {"golden", correct, now});
      if (report.refused) setup += mera::dsl::render(report.diags) + mera::engine::summary(report) + "\n";
    }
  }
  fs::current_path(cwd);
  made.emplace(world, std::make_pair(db_path.string(), setup));
  return db_path.string();
}

std::string eval_output(const fs::path& file) {
  std::string setup;
  std::string db_path = world_database(file.parent_path(), setup);
  if (!setup.empty()) return "setup:\n" + setup;
  EvalCase c = read_eval_case(file);
  auto db = mera::storage::Database::open(db_path);
  auto tree = mera::engine::UnitTree::load(db);
  mera::engine::Revisions revisions(db);
  mera::engine::DashboardBuilder builder(db, revisions, tree);
  try {
    if (!c.explain.empty()) {
      mera::engine::Dashboard d;
      std::string out = mera::engine::render(builder.explain(c.request, c.explain, d), d);
      return out + mera::dsl::render(d.problems);
    }
    auto series = builder.build_series(c.request);  // one period, or a range as `mera eval` takes it
    std::string out = mera::engine::render(series, *mera::engine::dashboard_format(c.format));
    for (const auto& d : series) out += mera::dsl::render(d.problems);
    return out;
  } catch (const mera::engine::RequestError& e) {
    return std::string("error: ") + e.what() + "\n";
  }
}

// One side of a diff case: the folder `side`/ if there is one, else the file `side`.mera.
std::string diff_side(const fs::path& dir, const std::string& side) {
  if (fs::is_directory(dir / side)) return side;
  if (fs::is_regular_file(dir / (side + ".mera"))) return side + ".mera";
  throw std::runtime_error(dir.string() + " has neither " + side + ".mera nor a folder " + side + "/");
}

// What `mera model diff` prints for a case, with paths relative to the case folder.
std::string diff_output(const fs::path& dir) {
  std::string old_name = diff_side(dir, "old"), new_name = diff_side(dir, "new");
  fs::path cwd = fs::current_path();
  fs::current_path(dir);
  mera::engine::LuaSandbox lua;
  auto before = mera::rules::load_model(old_name, lua);
  auto after = mera::rules::load_model(new_name, lua);
  fs::current_path(cwd);
  std::string out = mera::dsl::render(before.diags) + mera::dsl::render(after.diags);
  if (before.model && after.model) out += mera::rules::render(mera::rules::diff_models(*before.model, *after.model), old_name, new_name);
  return out;
}

std::vector<fs::path> cases(const fs::path& dir, bool with_folders) {
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".mera" || (with_folders && e.is_directory())) found.push_back(e.path());
  std::sort(found.begin(), found.end());
  return found;
}

// NAME.ru.EXT is a case told as a Russian reader is told; any other, as an English one.
mera::text::Language language_of(const fs::path& c) {
  return c.stem().extension() == ".ru" ? mera::text::Language::ru : mera::text::Language::en;
}

// A case that compares what `output` prints, in `language`, with the file `expected`.
utf::test_case* golden_case(const std::string& name, const fs::path& expected, mera::text::Language language,
                            std::function<std::string()> output) {
  return utf::make_test_case(
      [=] {
        mera::text::Scope scope(language);
        compare(expected, output());
      },
      name, __FILE__, __LINE__);
}

bool register_cases() {
  auto& master = utf::framework::master_test_suite();
  auto* check = BOOST_TEST_SUITE("check");
  for (const auto& c : cases(golden_dir() / "check", true)) {
    std::string name = c.filename().string();
    fs::path expected = c.parent_path() / (c.stem().string() + ".expected");
    // NAME.ru.mera or a folder NAME.ru: what a Russian methodologist is told
    bool russian = (fs::is_directory(c) ? c.extension() : c.stem().extension()) == ".ru";
    check->add(utf::make_test_case(
        [=] {
          mera::text::Scope language(russian ? mera::text::Language::ru : mera::text::Language::en);
          compare(expected, check_output(c.parent_path(), name));
        },
        name, __FILE__, __LINE__));
  }
  master.add(check);
  auto* fmt = BOOST_TEST_SUITE("fmt");
  for (const auto& c : cases(golden_dir() / "fmt", false)) {
    fs::path expected = c.parent_path() / (c.stem().string() + ".formatted");
    fmt->add(utf::make_test_case([=] { compare(expected, fmt_output(c)); }, c.filename().string(), __FILE__, __LINE__));
  }
  master.add(fmt);
  auto* submit = BOOST_TEST_SUITE("submit");
  std::vector<fs::path> data;
  for (const auto& e : fs::directory_iterator(golden_dir() / "submit")) {
    std::string ext = e.path().extension().string(), name = e.path().filename().string();
    bool part = name.find(".before.") != std::string::npos || name.find(".units.") != std::string::npos;  // of another case
    if ((ext == ".jsonl" || ext == ".json" || ext == ".csv") && !part) data.push_back(e.path());
  }
  std::sort(data.begin(), data.end());
  for (const auto& c : data) {
    fs::path expected = c.parent_path() / (c.filename().string() + ".expected");
    submit->add(golden_case(c.filename().string(), expected, language_of(c), [=] { return submit_output(c); }));
  }
  master.add(submit);
  auto* units = BOOST_TEST_SUITE("units");
  for (const auto& e : fs::directory_iterator(golden_dir() / "units")) {
    if (e.path().extension() != ".csv") continue;
    fs::path c = e.path(), expected = c.parent_path() / (c.filename().string() + ".expected");
    units->add(golden_case(c.filename().string(), expected, language_of(c), [=] { return units_output(c); }));
  }
  master.add(units);
  auto* eval = BOOST_TEST_SUITE("eval");
  for (const auto& world : fs::directory_iterator(golden_dir() / "eval")) {
    if (!world.is_directory()) continue;
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(world.path()))
      if (e.path().extension() == ".eval") found.push_back(e.path());
    std::sort(found.begin(), found.end());
    auto* suite = BOOST_TEST_SUITE(world.path().filename().string());
    for (const auto& c : found) {
      fs::path expected = c.parent_path() / (c.filename().string() + ".expected");
      suite->add(golden_case(c.filename().string(), expected, language_of(c), [=] { return eval_output(c); }));
    }
    eval->add(suite);
  }
  master.add(eval);
  auto* diff = BOOST_TEST_SUITE("diff");
  std::vector<fs::path> pairs;
  for (const auto& e : fs::directory_iterator(golden_dir() / "diff"))
    if (e.is_directory()) pairs.push_back(e.path());
  std::sort(pairs.begin(), pairs.end());
  for (const auto& c : pairs) {
    fs::path expected = c.parent_path() / (c.filename().string() + ".expected");
    diff->add(utf::make_test_case([=] { compare(expected, diff_output(c)); }, c.filename().string(), __FILE__, __LINE__));
    // The same two models read by a Russian methodologist, when NAME.ru.expected is there.
    fs::path russian = c.parent_path() / (c.filename().string() + ".ru.expected");
    if (fs::exists(russian))
      diff->add(golden_case(c.filename().string() + ".ru", russian, mera::text::Language::ru, [=] { return diff_output(c); }));
  }
  master.add(diff);
  return true;
}

const bool registered = register_cases();

}  // namespace
