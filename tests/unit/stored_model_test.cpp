// A model kept in the database (a revision's files) loads to the same model as from disk, with
// messages that name the stored paths.
#include <boost/test/unit_test.hpp>

#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"

namespace {
const std::string kRoot = MERA_SOURCE_DIR;
}

BOOST_AUTO_TEST_SUITE(stored_model)

BOOST_AUTO_TEST_CASE(tomsk_loads_the_same_from_its_stored_files) {
  mera::engine::LuaSandbox lua;
  auto disk = mera::rules::load_model(kRoot + "/examples/tomsk", lua);
  BOOST_REQUIRE(disk.model);
  auto stored = mera::rules::stored_model(*disk.model, kRoot + "/examples/tomsk/");
  BOOST_TEST(stored.root == "tomsk");
  BOOST_TEST(stored.files.contains("tomsk/model.mera"));
  BOOST_TEST(stored.files.size() == disk.model->sources.size());
  auto again = mera::rules::load_model(stored.files, stored.root, lua);
  BOOST_REQUIRE(again.model);
  BOOST_TEST(again.model->summary() == disk.model->summary());
}

BOOST_AUTO_TEST_CASE(a_region_keeps_its_base_beside_it) {
  mera::engine::LuaSandbox lua;
  std::string folder = kRoot + "/tests/golden/check/kaluga_region";
  auto disk = mera::rules::load_model(folder, lua);
  BOOST_REQUIRE(disk.model);
  auto stored = mera::rules::stored_model(*disk.model, folder);
  BOOST_TEST(stored.root == "kaluga_region");
  bool has_base = false;
  for (const auto& [path, text] : stored.files) has_base |= path.starts_with("tomsk_base/");
  BOOST_TEST(has_base);
  auto again = mera::rules::load_model(stored.files, stored.root, lua);
  BOOST_REQUIRE(again.model);
  BOOST_TEST(again.model->summary() == disk.model->summary());
}

BOOST_AUTO_TEST_CASE(errors_in_stored_files_name_the_stored_path) {
  mera::engine::LuaSandbox lua;
  mera::rules::ModelFiles files{{"m/model.mera", "model m \"M\" { effective 2020-01-01 }\nlevel org \"Org\"\nroute org -> nowhere\n"}};
  auto result = mera::rules::load_model(files, "m", lua);
  BOOST_TEST(!result.model);
  std::string text = mera::dsl::render(result.diags);
  BOOST_TEST(text.starts_with("m/model.mera:3:"), text);
  BOOST_CHECK_THROW(mera::rules::load_model(files, "absent", lua), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
