// A small scan of Lua text (Lua 5.4's lexical rules for strings, long brackets and comments)
// that finds where each global function begins and ends. It counts the words that open a block
// closed by `end` (function, if, do: `while` and `for` open theirs with `do`); it does not
// parse, so a block that does not load would confuse it, but a checked model's blocks all load.
#include "diff_lua_text.hpp"

#include <algorithm>
#include <optional>

namespace mera::rules::diff {
namespace {

struct Token {
  std::string word;  // a name or keyword, a number, `"` for a string, or one other character
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// The level of a long bracket opening at `i` ("[[" 0, "[==[" 2), or -1 when none does.
int long_bracket(const std::string& s, std::size_t i) {
  if (i >= s.size() || s[i] != '[') return -1;
  std::size_t j = i + 1;
  while (j < s.size() && s[j] == '=') ++j;
  return j < s.size() && s[j] == '[' ? static_cast<int>(j - i - 1) : -1;
}

// One past the close of the long bracket of `level` opened at `i`; the end when unclosed.
std::size_t long_end(const std::string& s, std::size_t i, int level) {
  std::string close = "]" + std::string(static_cast<std::size_t>(level), '=') + "]";
  std::size_t at = s.find(close, i + static_cast<std::size_t>(level) + 2);
  return at == std::string::npos ? s.size() : at + close.size();
}

// One past the closing quote of the string opened at `i`.
std::size_t string_end(const std::string& s, std::size_t i) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') ++j;
    else if (s[j] == s[i] || s[j] == '\n') return j + 1;
  }
  return s.size();
}

// Replaces comments by blanks (line breaks stay) and lists the tokens of what is left.
std::vector<Token> scan(std::string& s) {
  std::vector<Token> tokens;
  auto run_of = [&](std::size_t i, auto keep) { while (i < s.size() && keep(s[i])) ++i; return i; };
  for (std::size_t i = 0; i < s.size();) {
    std::size_t end = i + 1;
    if (s.compare(i, 2, "--") == 0) {
      int level = long_bracket(s, i + 2);
      end = level >= 0 ? long_end(s, i + 2, level) : std::min(s.find('\n', i), s.size());
      std::replace_if(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(end), [](char c) { return c != '\n'; }, ' ');
      i = end;
      continue;
    }
    bool quoted = true;
    if (s[i] == '"' || s[i] == '\'') end = string_end(s, i);
    else if (int level = long_bracket(s, i); level >= 0) end = long_end(s, i, level);
    else quoted = false;
    if (letter(s[i])) end = run_of(i, [](char c) { return letter(c) || digit(c); });
    else if (digit(s[i])) end = run_of(i, [](char c) { return letter(c) || digit(c) || c == '.'; });
    if (!space(s[i])) tokens.push_back({quoted ? "\"" : s.substr(i, end - i), i, end});
    i = end;
  }
  return tokens;
}

struct Range {
  std::string name;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// `function NAME(` outside every block and not after `local`, up to its `end`.
std::vector<Range> global_functions(const std::vector<Token>& t, std::size_t text_end) {
  std::vector<Range> found;
  std::optional<Range> open;
  int depth = 0;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const std::string& w = t[k].word;
    if (w == "function") {
      bool global = depth == 0 && (k == 0 || t[k - 1].word != "local") && k + 2 < t.size() && letter(t[k + 1].word[0]) && t[k + 2].word == "(";
      if (global) open = Range{t[k + 1].word, t[k].begin, text_end};
      ++depth;
    } else if (w == "if" || w == "do") {
      ++depth;
    } else if (w == "end" && depth > 0 && --depth == 0 && open) {
      open->end = t[k].end;
      found.push_back(*open);
      open.reset();
    }
  }
  if (open) found.push_back(*open);  // never closed: the rest of the block is the function
  return found;
}

// Which characters of `text` are inside a string, where every blank counts.
std::vector<bool> literal_mask(const std::vector<Token>& tokens, std::size_t size) {
  std::vector<bool> literal(size, false);
  for (const auto& t : tokens)
    if (t.word == "\"") std::fill(literal.begin() + static_cast<long>(t.begin), literal.begin() + static_cast<long>(t.end), true);
  return literal;
}

// The lines of text[begin, end), trimmed, with each run of blanks outside a string made one
// space; blank lines left out.
std::vector<std::string> lines_of(const std::string& text, const std::vector<bool>& literal, std::size_t begin, std::size_t end) {
  std::vector<std::string> lines;
  std::string line;
  auto flush = [&] {
    if (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) lines.push_back(line);
    line.clear();
  };
  for (std::size_t i = begin; i < end; ++i) {
    char c = text[i];
    if (c == '\n') flush();
    else if (literal[i] || !space(c)) line += c;
    else if (!line.empty() && line.back() != ' ') line += ' ';
  }
  flush();
  return lines;
}

}  // namespace

LuaText read_lua(const std::vector<LuaChunk>& chunks) {
  LuaText out;
  for (const auto& chunk : chunks) {
    std::string code = chunk.code;
    std::vector<Token> tokens = scan(code);
    std::vector<bool> literal = literal_mask(tokens, code.size());
    std::string outside = code;
    for (const auto& r : global_functions(tokens, code.size())) {
      std::erase_if(out.functions, [&](const LuaFunctionText& f) { return f.name == r.name; });
      out.functions.push_back({r.name, lines_of(code, literal, r.begin, r.end)});
      for (std::size_t i = r.begin; i < r.end; ++i) {
        if (outside[i] != '\n') outside[i] = ' ';
        literal[i] = false;
      }
    }
    for (auto& line : lines_of(outside, literal, 0, outside.size())) out.outside.push_back(std::move(line));
  }
  return out;
}

}  // namespace mera::rules::diff
