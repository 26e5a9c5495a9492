// The golden tests of the language: every case is a file, so adding a case is adding a file.
//   golden/check/NAME.mera (or a folder NAME/)  beside  NAME.expected: what `mera check` prints
//   golden/fmt/NAME.mera                        beside  NAME.formatted: what `mera fmt` writes
// Run with MERA_UPDATE_GOLDEN=1 to write the actual outputs as the new expectations (then read
// the diff before committing it). A mismatch prints the whole actual output.
#define BOOST_TEST_MODULE mera_golden
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "mera/dsl/format.hpp"
#include "mera/dsl/parse.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"

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

std::vector<fs::path> cases(const fs::path& dir, bool with_folders) {
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".mera" || (with_folders && e.is_directory())) found.push_back(e.path());
  std::sort(found.begin(), found.end());
  return found;
}

bool register_cases() {
  auto& master = utf::framework::master_test_suite();
  auto* check = BOOST_TEST_SUITE("check");
  for (const auto& c : cases(golden_dir() / "check", true)) {
    std::string name = c.filename().string();
    fs::path expected = c.parent_path() / (c.stem().string() + ".expected");
    check->add(utf::make_test_case([=] { compare(expected, check_output(c.parent_path(), name)); }, name, __FILE__, __LINE__));
  }
  master.add(check);
  auto* fmt = BOOST_TEST_SUITE("fmt");
  for (const auto& c : cases(golden_dir() / "fmt", false)) {
    fs::path expected = c.parent_path() / (c.stem().string() + ".formatted");
    fmt->add(utf::make_test_case([=] { compare(expected, fmt_output(c)); }, c.filename().string(), __FILE__, __LINE__));
  }
  master.add(fmt);
  return true;
}

const bool registered = register_cases();

}  // namespace
