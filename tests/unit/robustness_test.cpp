// Nothing crashes on any input, and the bundled model answers a broken name with exactly one
// diagnostic at the place of the break.
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "mera/dsl/utf8.hpp"
#include "test_model.hpp"

namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(robustness)

BOOST_AUTO_TEST_CASE(garbage_ends_in_diagnostics) {
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    std::string text(1 + random() % 20000, ' ');
    for (auto& c : text) c = round % 2 ? static_cast<char>(random()) : "{}()[]\"#.,:-><=+*/ \nabcформ0123456789%"[random() % 37];
    auto checked = mera::test::check_text(text);
    BOOST_TEST(checked.result.diags.has_errors());
  }
}

BOOST_AUTO_TEST_CASE(ten_megabytes_parse_without_trouble) {
  std::string text = "model big \"Big\" { effective 2020-01-01 }\n";
  for (int i = 0; text.size() < 10u << 20; ++i) text += "level level_" + std::to_string(i) + " \"Уровень номер " + std::to_string(i) + "\"\n";
  text += "route level_0 -> level_1\n";
  auto checked = mera::test::check_text(text);
  // Every level but two is off the route: one message each, and no crash on the way.
  BOOST_TEST(checked.result.diags.error_count() > 100000u);
  std::string deep = "indicator x { value = " + std::string(1u << 20, '(') + " }";
  BOOST_TEST(mera::test::check_text(deep).output.find("nested too deeply") != std::string::npos);
}

namespace {

// Offsets of whole-word occurrences of `word` outside comments, strings and lua blocks.
std::vector<std::size_t> code_occurrences(const std::string& text, const std::string& word) {
  std::vector<std::size_t> found;
  auto is_word = [](unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#') i = text.find('\n', i);
    else if (text[i] == '"') i = text.find('"', i + 1);
    else if (text.compare(i, 2, "[[") == 0) i = text.find("]]", i);
    else if (text.compare(i, word.size(), word) == 0 && (i == 0 || !is_word(text[i - 1])) &&
             !is_word(text[i + word.size()]))
      found.push_back(i);
    if (i == std::string::npos) break;
  }
  return found;
}

// Is the word at `at` the place where a name is declared (rather than used)?
bool declares(const std::string& text, std::size_t at) {
  std::size_t line = text.rfind('\n', at) + 1;
  std::string before = text.substr(line, at - line);
  for (const char* kw : {"form ", "field ", "indicator ", "enum ", "level ", "model "})
    if (before.find_first_not_of(' ') == before.find(kw) && before.find(kw) != std::string::npos &&
        before.substr(before.find(kw) + std::string(kw).size()).find_first_not_of(' ') == std::string::npos)
      return true;
  return before.find("enum ") != std::string::npos;  // enum values
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_broken_name_in_tomsk_gives_one_diagnostic_in_place) {
  fs::path dir = fs::path(MERA_SOURCE_DIR) / "examples" / "tomsk";
  mera::engine::LuaSandbox lua;
  auto base = mera::rules::load_model(dir, lua);
  BOOST_REQUIRE(base.model);
  std::set<std::string> names;
  for (const auto& f : base.model->forms) {
    names.insert(f->name);
    for (const auto& fl : f->fields) names.insert(fl.name);
  }
  for (const auto& i : base.model->indicators) names.insert(i.name);
  for (const auto& e : base.model->enums) names.insert(e->name);
  for (const auto& l : base.model->levels) names.insert(l.name);
  fs::path work = fs::temp_directory_path() / ("mera-broken-names-" + std::to_string(::getpid())) / "tomsk";
  fs::remove_all(work.parent_path());
  std::size_t tried = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".mera") continue;  // units.csv and data/ are not the model
    std::string original = mera::dsl::read_source(entry.path().string())->text();
    for (const auto& name : names) {
      for (std::size_t at : code_occurrences(original, name)) {
        if (declares(original, at)) continue;
        fs::remove_all(work);
        fs::create_directories(work);
        fs::copy(dir, work);
        std::string broken = original;
        broken.insert(at + name.size(), "zz");
        std::ofstream(work / entry.path().filename(), std::ios::binary) << broken;
        auto result = mera::rules::load_model(work, lua);
        ++tried;
        std::string out = mera::dsl::render(result.diags);
        BOOST_TEST_CONTEXT(entry.path().filename().string() << ": " << name << "zz at byte " << at) {
          BOOST_TEST(result.diags.all().size() == 1u, out);
          if (result.diags.all().size() == 1u) {
            const auto& span = result.diags.all()[0].span;
            auto file = std::make_shared<mera::dsl::SourceFile>("x", broken);
            BOOST_TEST(file->line_of(span.begin) == file->line_of(at), out);
            BOOST_TEST(span.begin <= at + name.size() + 2);
            BOOST_TEST(span.end >= at, out);
          }
        }
      }
    }
  }
  BOOST_TEST(tried > 100u);
  fs::remove_all(work.parent_path());
}

BOOST_AUTO_TEST_SUITE_END()
