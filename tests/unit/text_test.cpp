// The language of messages (text/): Accept-Language and the environment, the per-thread scope,
// the Russian plural forms, the catalog's fall-back to English, and the diagnostic's frame.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <thread>

#include "mera/dsl/diagnostic.hpp"
#include "mera/text/catalog.hpp"
#include "mera/text/tr.hpp"

using namespace mera::text;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(accept_language_takes_the_highest_q_of_ours) {
  BOOST_TEST((from_accept_language("") == Language::en));
  BOOST_TEST((from_accept_language("ru") == Language::ru));
  BOOST_TEST((from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == Language::ru));
  BOOST_TEST((from_accept_language("en-US,en;q=0.9,ru;q=0.8") == Language::en));
  BOOST_TEST((from_accept_language("de-DE, ru;q=0.5") == Language::ru));  // German is not ours: the next one
  BOOST_TEST((from_accept_language("de-DE,fr;q=0.9") == Language::en));  // none of ours: English
  BOOST_TEST((from_accept_language("en;q=0.2, RU;q=0.8") == Language::ru));
  BOOST_TEST((from_accept_language("ru;q=0, en") == Language::en));  // q=0: not acceptable
  BOOST_TEST((from_accept_language("*") == Language::en));
  BOOST_TEST((from_accept_language("ru;q=abc") == Language::en));  // an unreadable q does not count
  BOOST_TEST((from_accept_language("russian") == Language::en));  // not a language tag of ours
  BOOST_TEST((from_accept_language("ru, en") == Language::ru));  // a tie: the first
}

BOOST_AUTO_TEST_CASE(environment_decides_by_lc_all_then_lc_messages_then_lang) {
  auto with = [](const char* all, const char* messages, const char* lang) {
    auto put = [](const char* name, const char* v) { v ? ::setenv(name, v, 1) : ::unsetenv(name); };
    put("LC_ALL", all);
    put("LC_MESSAGES", messages);
    put("LANG", lang);
    return from_environment();
  };
  const char* keep[3] = {std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG")};
  std::string saved[3];
  for (int i = 0; i < 3; ++i) saved[i] = keep[i] ? keep[i] : "";
  BOOST_TEST((with(nullptr, nullptr, "ru_RU.UTF-8") == Language::ru));
  BOOST_TEST((with(nullptr, nullptr, "en_US.UTF-8") == Language::en));
  BOOST_TEST((with("C.UTF-8", nullptr, "ru_RU.UTF-8") == Language::en));  // LC_ALL decides first
  BOOST_TEST((with(nullptr, "ru_RU.UTF-8", "en_US.UTF-8") == Language::ru));
  BOOST_TEST((with("", "", "ru") == Language::ru));  // empty ones are skipped
  BOOST_TEST((with(nullptr, nullptr, nullptr) == Language::en));
  with(keep[0] ? saved[0].c_str() : nullptr, keep[1] ? saved[1].c_str() : nullptr, keep[2] ? saved[2].c_str() : nullptr);
}

BOOST_AUTO_TEST_CASE(a_scope_is_of_its_thread_and_ends_with_it) {
  BOOST_TEST((current() == Language::en));
  {
    Scope ru(Language::ru);
    BOOST_TEST((current() == Language::ru));
    Language other = Language::ru;
    std::thread([&] { other = current(); }).join();
    BOOST_TEST((other == Language::en));  // another thread keeps the default
    {
      Scope en(Language::en);
      BOOST_TEST((current() == Language::en));
    }
    BOOST_TEST((current() == Language::ru));
  }
  BOOST_TEST((current() == Language::en));
}

BOOST_AUTO_TEST_CASE(russian_plural_forms) {
  const char* forms = "отчёт|отчёта|отчётов";
  BOOST_TEST(plural_form(1, forms) == "отчёт");
  BOOST_TEST(plural_form(21, forms) == "отчёт");
  BOOST_TEST(plural_form(101, forms) == "отчёт");
  BOOST_TEST(plural_form(2, forms) == "отчёта");
  BOOST_TEST(plural_form(4, forms) == "отчёта");
  BOOST_TEST(plural_form(22, forms) == "отчёта");
  BOOST_TEST(plural_form(0, forms) == "отчётов");
  BOOST_TEST(plural_form(5, forms) == "отчётов");
  BOOST_TEST(plural_form(11, forms) == "отчётов");
  BOOST_TEST(plural_form(12, forms) == "отчётов");
  BOOST_TEST(plural_form(14, forms) == "отчётов");
  BOOST_TEST(plural_form(111, forms) == "отчётов");
  BOOST_TEST(plural_form(1, "report|reports") == "report");
  BOOST_TEST(plural_form(0, "report|reports") == "reports");
  BOOST_TEST(plural_form(2, "report|reports") == "reports");
}

BOOST_AUTO_TEST_CASE(tr_formats_the_russian_template_with_the_same_arguments) {
  auto stored = [](int n) { return tr("{0}: {1} {1:submission|submissions} stored", "a.jsonl", count(n)); };
  BOOST_TEST(stored(1) == "a.jsonl: 1 submission stored");
  BOOST_TEST(stored(3) == "a.jsonl: 3 submissions stored");
  Scope ru(Language::ru);
  BOOST_TEST(stored(1) == "a.jsonl: сохранён 1 отчёт");
  BOOST_TEST(stored(3) == "a.jsonl: сохранено 3 отчёта");
  BOOST_TEST(stored(25) == "a.jsonl: сохранено 25 отчётов");
  // Word order changed by numbered arguments; `{}` of a count prints the number.
  BOOST_TEST(tr("{}={}: write {}=true or leave it out", "all", "yes", "all") == "all=yes: напишите all=true или уберите этот параметр");
}

BOOST_AUTO_TEST_CASE(a_message_without_an_entry_stays_english) {
  Scope ru(Language::ru);
  BOOST_TEST(russian("a message nobody translated") == nullptr);
  BOOST_TEST(translate("a message nobody translated") == "a message nobody translated");
  BOOST_TEST(translate("unterminated string") == "незакрытый текст в кавычках");
}

BOOST_AUTO_TEST_CASE(the_embedded_catalog_reads_without_a_problem) {
  const Catalog& c = russian_catalog();
  BOOST_TEST(c.problems.empty());
  BOOST_TEST(c.entries.size() > 100u);
}

BOOST_AUTO_TEST_CASE(po_strings_continue_and_unescape) {
  Catalog c = parse_po("# comment\nmsgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\nmsgid \"a \\\"b\\\"\"\n\"c\"\nmsgstr \"x\\\\y\"\n");
  BOOST_TEST(c.problems.empty());
  BOOST_REQUIRE(c.entries.size() == 1u);
  BOOST_TEST(c.entries[0].english == "a \"b\"c");
  BOOST_TEST(c.entries[0].russian == "x\\y");
  BOOST_TEST(c.entries[0].line == 6);
  Catalog bad = parse_po("msgid \"a\nmsgstr \"b\"\nmsgctxt \"c\"\n");
  BOOST_TEST(bad.problems.size() == 2u);
}

// The frame `file:line:col: error:` speaks the reader's language; the position stays as it is.
BOOST_AUTO_TEST_CASE(the_frame_of_a_diagnostic_is_russian_in_russian) {
  auto f = std::make_shared<mera::dsl::SourceFile>("a.jsonl", "{}\n");
  mera::dsl::Diagnostics d;
  d.error({f.get(), 0, 1}, "x");
  d.note({f.get(), 0, 1}, "y");
  Scope ru(Language::ru);
  BOOST_TEST(mera::dsl::render(d) == "a.jsonl:1:1: ошибка: x\n  {}\n  ^\na.jsonl:1:1: примечание: y\n  {}\n  ^\n");
}

BOOST_AUTO_TEST_SUITE_END()
