// The catalog against the sources (ctest `catalog`): every tr("...") template in the sources has
// a Russian entry in text/ru.po, every entry's placeholders are the English template's, and no
// entry is left that no tr( uses. Run with --stubs to print, as PO entries ready to fill in,
// the templates that have none.
//
// The sources are read with a small C++ tokenizer (comments, string and raw string literals), so
// a tr( in a comment is not a use, and a template split over several literals is one template.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mera/text/catalog.hpp"

namespace fs = std::filesystem;

namespace {

struct Use {
  std::string file;
  int line;
  bool raw;  // MERA_TEXT: a message used as it is, never formatted (its braces are braces)
};

struct Scan {
  std::map<std::string, std::vector<Use>> templates;
  std::vector<std::string> problems;
};

bool ident(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// The value of the C++ escapes the sources use inside a literal.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      default: out += c; break;  // \" \\ \'
    }
  }
  return out;
}

class Tokens {
 public:
  Tokens(std::string text, std::string file) : s_(std::move(text)), file_(std::move(file)) {}

  void scan(Scan& out) {
    while (skip_space(), i_ < s_.size()) {
      if (literal_here()) {
        std::string ignored;
        read_literal(ignored);
      } else if (s_[i_] == '\'') {
        skip_char_literal();
      } else if (ident(s_[i_])) {
        std::size_t begin = i_;
        while (i_ < s_.size() && ident(s_[i_])) ++i_;
        std::string word = s_.substr(begin, i_ - begin);
        if ((word == "tr" || word == "MERA_TEXT") && !member(begin)) call(out, word == "MERA_TEXT");
      } else {
        ++i_;
      }
    }
  }

 private:
  int line_at(std::size_t at) const { return 1 + static_cast<int>(std::count(s_.begin(), s_.begin() + static_cast<long>(at), '\n')); }

  // x.tr( or x->tr( would be another function of that name.
  bool member(std::size_t begin) const { return begin > 0 && (s_[begin - 1] == '.' || (begin > 1 && s_[begin - 1] == '>' && s_[begin - 2] == '-')); }

  void skip_space() {
    for (;;) {
      while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (s_.compare(i_, 2, "//") == 0) {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (s_.compare(i_, 2, "/*") == 0) {
        std::size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string::npos ? s_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  bool literal_here() const {
    if (s_[i_] == '"') return true;
    if (s_[i_] == 'R' && s_.compare(i_, 2, "R\"") == 0 && (i_ == 0 || !ident(s_[i_ - 1]))) return true;
    return false;
  }

  void skip_char_literal() {
    // 'x', '\'' ; a digit separator (1'000) is rare here and harmless to skip the same way
    ++i_;
    while (i_ < s_.size() && s_[i_] != '\'' && s_[i_] != '\n') i_ += s_[i_] == '\\' ? 2 : 1;
    ++i_;
  }

  // One literal at i_, its value appended to out.
  void read_literal(std::string& out) {
    if (s_[i_] == 'R') {
      std::size_t open = s_.find('(', i_);
      std::string close = ")" + s_.substr(i_ + 2, open - i_ - 2) + "\"";
      std::size_t end = s_.find(close, open);
      out += s_.substr(open + 1, end - open - 1);
      i_ = end + close.size();
      return;
    }
    std::size_t begin = ++i_;
    while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
    out += unescape(s_.substr(begin, i_ - begin));
    ++i_;
  }

  // After `tr` or `MERA_TEXT`: "(" then one or more literals, the template.
  void call(Scan& out, bool raw) {
    std::size_t at = i_;
    skip_space();
    if (i_ >= s_.size() || s_[i_] != '(') return;
    ++i_;
    skip_space();
    int line = line_at(at);
    if (i_ >= s_.size() || !literal_here()) {
      out.problems.push_back(file_ + ":" + std::to_string(line) +
                             ": tr( whose template is not a string literal: the catalog cannot be checked against it; write the "
                             "English template in the call");
      return;
    }
    std::string text;
    while (i_ < s_.size() && literal_here()) {
      read_literal(text);
      skip_space();
    }
    out.templates[text].push_back({file_, line, raw});
  }

  std::string s_;
  std::string file_;
  std::size_t i_ = 0;
};

// The placeholders of a fmt template: argument index and spec, in order; "" when it reads.
struct Placeholder {
  int index;
  std::string spec;
};
std::string placeholders(const std::string& t, std::vector<Placeholder>& out) {
  int next = 0;
  bool automatic = false, manual = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '}') {
      if (i + 1 < t.size() && t[i + 1] == '}') {
        ++i;
        continue;
      }
      return "a lone '}' (write }} for the character)";
    }
    if (t[i] != '{') continue;
    if (i + 1 < t.size() && t[i + 1] == '{') {
      ++i;
      continue;
    }
    std::size_t close = t.find('}', i);
    if (close == std::string::npos) return "a '{' that is not closed (write {{ for the character)";
    std::string inside = t.substr(i + 1, close - i - 1);
    std::size_t colon = inside.find(':');
    std::string id = inside.substr(0, colon);
    std::string spec = colon == std::string::npos ? "" : inside.substr(colon + 1);
    if (id.empty()) {
      automatic = true;
      out.push_back({next++, spec});
    } else if (id.find_first_not_of("0123456789") == std::string::npos) {
      manual = true;
      out.push_back({std::stoi(id), spec});
    } else {
      return "a named placeholder {" + id + "} (only {} and {0}, {1} ... are used)";
    }
    i = close;
  }
  if (automatic && manual) return "both {} and {0}-style placeholders (fmt takes one kind in a template)";
  return {};
}

std::string shown(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\\n") : c == '"' ? std::string("\\\"") : c == '\\' ? std::string("\\\\") : std::string(1, c);
  return "\"" + out + "\"";
}

std::size_t forms_in(const std::string& spec) { return spec.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(spec.begin(), spec.end(), '|')); }

// The Russian template against the English: the same arguments, and a count written with its
// forms in one is written with its forms (three, in Russian) in the other.
std::string mismatch(const std::string& en, const std::string& ru) {
  std::vector<Placeholder> e, r;
  if (auto why = placeholders(en, e); !why.empty()) return "the English template has " + why;
  if (auto why = placeholders(ru, r); !why.empty()) return "the Russian template has " + why;
  std::map<int, std::string> es, rs;
  for (const auto& p : e) es[p.index] = p.spec.find('|') != std::string::npos ? "plural" : es[p.index];
  for (const auto& p : r) {
    if (p.spec.find('|') != std::string::npos) {
      if (forms_in(p.spec) != 3) return "the Russian forms {" + std::to_string(p.index) + ":" + p.spec + "} are not three (one|few|many: отчёт|отчёта|отчётов)";
      rs[p.index] = "plural";
    } else {
      rs[p.index];
    }
  }
  std::set<int> ei, ri;
  for (const auto& [k, v] : es) ei.insert(k);
  for (const auto& [k, v] : rs) ri.insert(k);
  auto list = [](const std::set<int>& s) {
    std::string out;
    for (int k : s) out += (out.empty() ? "{" : ", {") + std::to_string(k) + "}";
    return out.empty() ? std::string("none") : out;
  };
  if (ei != ri) return "the Russian uses the arguments " + list(ri) + ", the English " + list(ei);
  for (const auto& [k, v] : es)
    if (v == "plural" && rs[k] != "plural")
      return "the English chooses the form of argument {" + std::to_string(k) + "} by its count, the Russian does not";
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  bool stubs = argc > 1 && std::strcmp(argv[1], "--stubs") == 0;
  fs::path root = MERA_SOURCE_DIR;
  Scan scan;
  for (const char* dir : {"app", "dsl", "forms", "sheets", "rules", "engine", "storage", "service"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      Tokens(text.str(), fs::relative(e.path(), root).string()).scan(scan);
    }
  }
  const mera::text::Catalog& catalog = mera::text::russian_catalog();
  std::vector<std::string> problems = scan.problems;
  for (const auto& p : catalog.problems) problems.push_back("text/" + p);
  std::map<std::string, const mera::text::Entry*> entries;
  for (const auto& e : catalog.entries) {
    if (!entries.emplace(e.english, &e).second)
      problems.push_back("text/ru.po:" + std::to_string(e.line) + ": " + shown(e.english) + " has a second entry: keep one");
  }
  std::string stub_text;
  for (const auto& [t, uses] : scan.templates) {
    auto it = entries.find(t);
    std::string where = uses.front().file + ":" + std::to_string(uses.front().line);
    if (it == entries.end() || it->second->russian.empty()) {
      problems.push_back("message " + shown(t) + " at " + where + " has no Russian entry: add it to text/ru.po");
      stub_text += "#: " + where + "\nmsgid " + shown(t) + "\nmsgstr \"\"\n\n";
      continue;
    }
    bool raw = std::all_of(uses.begin(), uses.end(), [](const Use& u) { return u.raw; });
    // A row of column names (text::columns): as many columns in Russian as in English.
    const std::string& ru = it->second->russian;
    if (raw && std::count(t.begin(), t.end(), '|') != std::count(ru.begin(), ru.end(), '|'))
      problems.push_back("text/ru.po:" + std::to_string(it->second->line) + ": " + shown(t) + " (" + where +
                         "): the Russian has not as many '|'-separated columns as the English");
    if (auto why = raw ? std::string() : mismatch(t, ru); !why.empty())
      problems.push_back("text/ru.po:" + std::to_string(it->second->line) + ": " + shown(t) + " (" + where + "): " + why);
  }
  for (const auto& e : catalog.entries)
    if (!scan.templates.count(e.english))
      problems.push_back("text/ru.po:" + std::to_string(e.line) + ": " + shown(e.english) +
                         " is used by no tr( in the sources: remove it, or restore the tr( that lost it");
  if (stubs) {
    std::fputs(stub_text.c_str(), stdout);
    return 0;
  }
  for (const auto& p : problems) std::printf("%s\n", p.c_str());
  std::printf("%zu templates in the sources, %zu entries in text/ru.po, %zu problems\n", scan.templates.size(), catalog.entries.size(),
              problems.size());
  return problems.empty() ? 0 : 1;
}
