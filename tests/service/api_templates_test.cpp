// Workbooks through the service (issue 17): GET /api/templates gives the workbook `mera template`
// writes, within the caller's reach; the workbook filled in by python3-openpyxl (a writer that is
// not mera's) and POSTed as an .xlsx body is stored, and a wrong one is refused with the cell of
// each error in its diagnostics.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "routes_world.hpp"

using nlohmann::json;
using namespace mera::test;

namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// sheets_fill.py fill TEMPLATE OUT [wrong]; its output names the cell made wrong.
std::string fill(const std::string& dir, const std::string& out, bool wrong) {
  std::string log = dir + "/fill.log";
  std::string command = std::string("/usr/bin/python3 ") + MERA_SOURCE_DIR + "/tests/cli/sheets_fill.py fill " + dir + "/blood.xlsx " + out +
                        (wrong ? " wrong" : "") + " > " + log + " 2>&1";
  BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, read_file(log));
  return read_file(log);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_template_is_served_filled_in_by_another_writer_and_taken_back_each_error_at_its_cell) {
  RoutesWorld& w = routes_world();
  std::string org01 = w.login("org01"), org02 = w.login("org02");
  Reply t = w.raw("GET", "/api/templates?form=blood_families&unit=org01&period=2024Q3", "", org01);  // a period no other test reports
  BOOST_TEST(t.status == 200);
  BOOST_TEST(t.content_type == kXlsx);
  BOOST_TEST(t.text.rfind("PK\x03\x04", 0) == 0u);
  BOOST_TEST(t.disposition == "attachment; filename=\"blood_families_org01_2024Q3.xlsx\"; filename*=UTF-8''blood_families_org01_2024Q3.xlsx");
  expect_error(w.call("GET", "/api/templates?form=blood_families&unit=org01&period=2023Q1", "", org02), 403, "'org01'");
  expect_error(w.call("GET", "/api/templates?form=blood_familes", "", org01), 404, "did you mean 'blood_families'");
  expect_error(w.call("GET", "/api/templates", "", org01), 400, "form=blood_families");
  expect_error(w.call("GET", "/api/templates?form=blood_families"), 401, "Authorization: Bearer");

  std::string dir = w.dir / "";
  write_file(dir + "/blood.xlsx", t.text);
  std::string said = fill(dir, dir + "/wrong.xlsx", true);
  std::string cell = "Лист1!" + said.substr(said.find(" at ") + 4, said.find('\n') - said.find(" at ") - 4);
  Reply wrong = w.call("POST", "/api/submissions", read_file(dir + "/wrong.xlsx"), org01, kXlsx);
  BOOST_TEST(wrong.status == 400);
  bool at_cell = false;
  for (const auto& d : wrong.body["diagnostics"])
    if (d.value("cell", "") == cell && contains(d["message"], "-5")) at_cell = true;
  BOOST_TEST(at_cell, "no diagnostic at " << cell << ": " << wrong.text);

  fill(dir, dir + "/filled.xlsx", false);
  Reply stored = w.call("POST", "/api/submissions", read_file(dir + "/filled.xlsx"), org01, kXlsx);
  BOOST_TEST(stored.status == 201, stored.text);
  BOOST_TEST(stored.body["stored"] == 1);
  Reply list = w.call("GET", "/api/submissions?form=blood_families&unit=org01&period=2024Q3", "", org01);
  BOOST_TEST(contains(list.text, "Лист1!A3"), list.text);
  // Not a workbook at all, sent as one: refused with the reason.
  expect_error(w.call("POST", "/api/submissions", "form,unit\n", org01, kXlsx), 400, "");
}
