// The canonical formatter (dsl/src/format*.cpp): expressions print with the parentheses that
// precedence needs and no others, and `mera fmt` keeps its three promises on every file it
// sees: formatting again changes nothing, the tree is the same, no comment is lost or moved
// out of order. The expected layouts themselves are golden files (tests/golden/fmt).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "mera/dsl/format.hpp"
#include "mera/dsl/parse.hpp"

namespace dsl = mera::dsl;
namespace fs = std::filesystem;

namespace {

#ifdef MERA_SOURCE_DIR
const fs::path kSourceDir = MERA_SOURCE_DIR;
#else
const fs::path kSourceDir = fs::path(__FILE__).parent_path().parent_path().parent_path();
#endif

dsl::File parse_ok(const std::string& text) {
  auto src = std::make_shared<dsl::SourceFile>("t.mera", text);
  dsl::Diagnostics d;
  dsl::File file = dsl::parse(src, d);
  BOOST_REQUIRE_MESSAGE(!d.has_errors(), dsl::render(d) << "in:\n" << text);
  return file;
}

std::string read(const fs::path& p) {
  std::ostringstream s;
  s << std::ifstream(p, std::ios::binary).rdbuf();
  return s.str();
}

// The canonical form of an expression written as an indicator's value.
std::string canonical(const std::string& expr) {
  dsl::File f = parse_ok("indicator i { value = " + expr + " }\n");
  const auto& ind = std::get<dsl::IndicatorDecl>(f.decls.at(0).node);
  return dsl::format_expr(std::get<dsl::ValueClause>(ind.members.at(0)).value);
}

// A field's expressions; its bounds as a sorted set, since the formatter orders them.
void field_exprs(const dsl::FieldDecl& f, std::vector<std::string>& out) {
  std::vector<std::string> bounds;
  for (const auto& b : f.bounds) bounds.push_back(b.op + " " + dsl::format_expr(b.value));
  std::sort(bounds.begin(), bounds.end());
  out.insert(out.end(), bounds.begin(), bounds.end());
  if (f.when) out.push_back("when " + dsl::format_expr(*f.when));
  if (f.formula) out.push_back("= " + dsl::format_expr(*f.formula));
}

// Every expression of a file in canonical form, with the kind of each declaration, in order.
std::vector<std::string> expressions(const dsl::File& file) {
  std::vector<std::string> out;
  for (const auto& d : file.decls) {
    out.push_back("decl " + std::to_string(d.node.index()) + (d.replace ? " replace" : ""));
    if (const auto* form = std::get_if<dsl::FormDecl>(&d.node))
      for (const auto& m : form->members) {
        if (const auto* f = std::get_if<dsl::FieldDecl>(&m)) field_exprs(*f, out);
        if (const auto* c = std::get_if<dsl::CheckDecl>(&m)) out.push_back(dsl::format_expr(c->condition));
      }
    if (const auto* ind = std::get_if<dsl::IndicatorDecl>(&d.node))
      for (const auto& m : ind->members) {
        if (const auto* v = std::get_if<dsl::ValueClause>(&m)) out.push_back(dsl::format_expr(v->value));
        if (const auto* t = std::get_if<dsl::TargetClause>(&m)) out.push_back(t->op + dsl::format_expr(t->value));
      }
  }
  return out;
}

// Each comment of `file`, trailing blanks aside, appears in `text` after the one before it.
bool comments_in_order(const dsl::File& file, const std::string& text) {
  std::size_t from = 0;
  for (const auto& c : file.comments) {
    std::string body = c.text.substr(0, c.text.find_last_not_of(" \t\r") + 1);
    std::size_t at = text.find(body, from);
    if (at == std::string::npos) return false;
    from = at + body.size();
  }
  return true;
}

// The promises of `mera fmt` for one input; returns the formatted text.
std::string check_round_trip(const std::string& text) {
  dsl::File before = parse_ok(text);
  std::string once = dsl::format(before);
  dsl::File after = parse_ok(once);
  BOOST_TEST(dsl::format(after) == once, "not idempotent:\n" << once);
  BOOST_TEST(after.comments.size() == before.comments.size());
  BOOST_TEST(comments_in_order(before, once), "a comment is lost or out of order:\n" << once);
  BOOST_TEST(expressions(after) == expressions(before), boost::test_tools::per_element());
  BOOST_TEST((once.size() >= 2 && once.back() == '\n' && once[once.size() - 2] != '\n'));
  return once;
}

struct Case {
  const char* written;
  const char* canonical;
};

const Case kPrecedence[] = {
    {"a - (b - c)", "a - (b - c)"},          // chains fold left: the right one keeps its parens
    {"(a - b) - c", "a - b - c"},
    {"a+(b+c)", "a + (b + c)"},              // even where arithmetic would not care
    {"(a * b) + c", "a * b + c"},
    {"a * (b + c)", "a * (b + c)"},
    {"a / (b * c)", "a / (b * c)"},
    {"((a))", "a"},
    {"-(a + b)", "-(a + b)"},
    {"(-a) * b", "-a * b"},
    {"-(-a)", "- -a"},
    {"a - -b", "a - -b"},
    {"-(not a)", "-(not a)"},
    {"not (a and b)", "not (a and b)"},
    {"(not a) and b", "not a and b"},
    {"not (a == b)", "not a == b"},          // `not` binds looser than a comparison
    {"not not a", "not not a"},
    {"a or (b and c)", "a or b and c"},
    {"(a or b) and c", "(a or b) and c"},
    {"a or (b or c)", "a or (b or c)"},
    {"(a == b) and (c != d)", "a == b and c != d"},
    {"(a < b) == c", "(a < b) == c"},        // comparisons do not chain
    {"a == (b >= c)", "a == (b >= c)"},
    {"(a + b) in period", "a + b in period"},
    {"(a in period) == b", "(a in period) == b"},
    {"(a in period) or b", "a in period or b"},
    {"(if a then b else c) + 1", "(if a then b else c) + 1"},
    {"1 + (if a then b else c)", "1 + (if a then b else c)"},
    {"if a then b else (c + 1)", "if a then b else c + 1"},
    {"if (a or b) then (b) else (c)", "if a or b then b else c"},
    {"sum(f.x where (x > 0))", "sum(f.x where x > 0)"},
    {"count( case where closed in period and safe )", "count(case where closed in period and safe)"},
    {"sum(f.by_risk [ high ])", "sum(f.by_risk[high])"},
    {"f( a , ( b ) )", "f(a, b)"},
    {"g()", "g()"},
    {"previous( (x) ) / previous(x+1)", "previous(x) / previous(x + 1)"},
    {"by_risk [high]", "by_risk[high]"},
    {"1.50 + 60% + 007", "1.50 + 60% + 007"},  // literals as written
    {"d - 2020-06-10", "d - 2020-06-10"},
    {"x == null or true != false", "x == null or true != false"},
    {R"(t == "a\"b\\c")", R"(t == "a\"b\\c")"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(format)

BOOST_AUTO_TEST_CASE(expression_precedence) {
  for (const Case& c : kPrecedence) {
    BOOST_TEST_CONTEXT("value = " << c.written) {
      std::string once = canonical(c.written);
      BOOST_TEST(once == c.canonical);
      BOOST_TEST(canonical(once) == once);  // and the canonical text parses back to itself
    }
  }
}

BOOST_AUTO_TEST_CASE(string_escapes) {
  BOOST_TEST(dsl::format_string("a\"b\\c\nd\te") == R"("a\"b\\c\nd\te")");
  BOOST_TEST(dsl::format_string("Томск") == "\"Томск\"");
}

BOOST_AUTO_TEST_CASE(crlf_and_blank_lines) {
  std::string out = check_round_trip("\r\n\r\nlevel a\r\n\r\n\r\nlevel b # c \r\n\r\n");
  BOOST_TEST(out == "level a\n\nlevel b  # c\n");
}

BOOST_AUTO_TEST_CASE(lua_code_is_verbatim) {
  // Lua code is never touched, not even its trailing blanks; only the brackets are canonical.
  std::string out = check_round_trip("lua [===[\n  x = t[t[1]]  \n]===]\n");
  BOOST_TEST(out == "lua [=[\n  x = t[t[1]]  \n]=]\n");
  BOOST_TEST(check_round_trip("lua [=[return t[1]]=]") == "lua [=[return t[1]]=]\n");
}

BOOST_AUTO_TEST_CASE(comments_only) {
  BOOST_TEST(check_round_trip("  # one   \n\n\n# two") == "# one\n\n# two\n");
}

BOOST_AUTO_TEST_CASE(comments_everywhere) {
  check_round_trip(
      "# top\nreplace # a\n form f # b\n \"F\" # c\n { # d\n field x int = # e\n a + # f\n b # g\n"
      " check # h\n x > 0 # i\n \"m\" # j\n # k\n } # l\n enum e { a, # m\n b # n\n } # o\n"
      "deadline f a -> b { # p\n Q4: # q\n January 10 # r\n # s\n } # t\n# u");
}

BOOST_AUTO_TEST_CASE(golden_cases_keep_their_promises) {
  std::size_t count = 0;
  for (const auto& e : fs::directory_iterator(kSourceDir / "tests" / "golden" / "fmt")) {
    if (e.path().extension() != ".mera") continue;
    BOOST_TEST_CONTEXT(e.path().filename().string()) {
      check_round_trip(read(e.path()));
      fs::path formatted = fs::path(e.path()).replace_extension(".formatted");
      if (fs::exists(formatted)) BOOST_TEST(check_round_trip(read(formatted)) == read(formatted));
    }
    ++count;
  }
  BOOST_TEST(count >= 12u);
}

BOOST_AUTO_TEST_CASE(examples_are_stable) {
  for (const auto& e : fs::recursive_directory_iterator(kSourceDir / "examples")) {
    if (e.path().extension() != ".mera") continue;
    BOOST_TEST_CONTEXT(e.path().string()) { check_round_trip(read(e.path())); }
  }
}

// The checker's golden inputs are the widest sample of the language there is: every one that
// parses must keep the formatter's promises too.
BOOST_AUTO_TEST_CASE(checker_golden_inputs_are_stable) {
  std::size_t count = 0;
  for (const auto& e : fs::recursive_directory_iterator(kSourceDir / "tests" / "golden" / "check")) {
    if (e.path().extension() != ".mera") continue;
    std::string text = read(e.path());
    dsl::Diagnostics d;
    dsl::parse(std::make_shared<dsl::SourceFile>("t.mera", text), d);
    if (d.has_errors()) continue;  // a syntax-error case: nothing to format
    BOOST_TEST_CONTEXT(e.path().filename().string()) { check_round_trip(text); }
    ++count;
  }
  BOOST_TEST(count >= 30u);
}

BOOST_AUTO_TEST_SUITE_END()
