// string.find, match, gmatch and gsub, bounded. Lua matches patterns in C, where no hook runs,
// and a pattern that backtracks (".-.-.-x" on a long text) can take longer than any bound. Each
// search is first walked by a probe that follows the steps of Lua's matcher (Lua 5.4's pattern
// rules, the manual's section 6.4.1) without producing anything, counting them and looking at
// the clocks; a search within kMaxSteps is then run by Lua itself, one that is not is refused.
#include <cctype>
#include <cstdint>
#include <string_view>

#include "lua_state.hpp"

namespace mera::engine::lua {
namespace {

constexpr long kMaxSteps = 1'000'000;  // a hundredth of a second of matching; well under the time bound even in a sanitizer build
constexpr long kPlainMaxBytes = 2'000'000'000;  // compared by a plain find (memcmp is fast)
constexpr int kMaxDepth = 200;    // Lua's matcher stops there too ("pattern too complex")
constexpr int kMaxCaptures = 32;  // LUA_MAXCAPTURES
constexpr const char* kSpecials = "^$*+?.([%-";

enum class Verdict { fits, too_long, out_of_time, malformed };

// Thrown inside the probe only, caught before control returns to Lua.
struct Stop {
  Verdict verdict;
};

using Pos = std::size_t;
constexpr Pos kFail = static_cast<Pos>(-1);

class Probe {
 public:
  Probe(std::string_view subject, std::string_view pattern, const Budget& budget)
      : s_(subject), p_(pattern), budget_(budget) {}

  // One attempt at `start`, with pattern text from `from`: the end of the match or kFail.
  Pos attempt(Pos start, Pos from) {
    level_ = 0;
    depth_ = 0;
    return match(start, from);
  }
  Pos size() const { return s_.size(); }

 private:
  struct Capture {
    Pos init;
    long len;  // kUnfinished, kPosition, or the length
  };
  static constexpr long kUnfinished = -1;
  static constexpr long kPosition = -2;

  void tick(long n = 1) {
    steps_ += n;
    if (steps_ > kMaxSteps) throw Stop{Verdict::too_long};
    if ((steps_ & 0xFFFF) == 0 && out_of_time(budget_)) throw Stop{Verdict::out_of_time};
  }
  unsigned char at(Pos i) const { return static_cast<unsigned char>(s_[i]); }
  char pat(Pos i) const { return i < p_.size() ? p_[i] : '\0'; }

  static bool in_class(unsigned char c, char cl) {
    bool res;
    switch (std::tolower(static_cast<unsigned char>(cl))) {
      case 'a': res = std::isalpha(c); break;
      case 'c': res = std::iscntrl(c); break;
      case 'd': res = std::isdigit(c); break;
      case 'g': res = std::isgraph(c); break;
      case 'l': res = std::islower(c); break;
      case 'p': res = std::ispunct(c); break;
      case 's': res = std::isspace(c); break;
      case 'u': res = std::isupper(c); break;
      case 'w': res = std::isalnum(c); break;
      case 'x': res = std::isxdigit(c); break;
      default: return static_cast<unsigned char>(cl) == c;
    }
    return std::isupper(static_cast<unsigned char>(cl)) ? !res : res;
  }

  // [set]: p at '[', close at its ']'.
  bool in_set(unsigned char c, Pos p, Pos close) const {
    bool found = true;
    if (pat(p + 1) == '^') {
      found = false;
      ++p;
    }
    while (++p < close) {
      if (pat(p) == '%') {
        ++p;
        if (in_class(c, pat(p))) return found;
      } else if (pat(p + 1) == '-' && p + 2 < close) {
        p += 2;
        if (static_cast<unsigned char>(pat(p - 2)) <= c && c <= static_cast<unsigned char>(pat(p))) return found;
      } else if (static_cast<unsigned char>(pat(p)) == c) {
        return found;
      }
    }
    return !found;
  }

  // The end of the single-character class at p: x, ., %x or [set].
  Pos class_end(Pos p) const {
    char c = pat(p++);
    if (c == '%') {
      if (p >= p_.size()) throw Stop{Verdict::malformed};
      return p + 1;
    }
    if (c == '[') {
      if (pat(p) == '^') ++p;
      do {
        if (p >= p_.size()) throw Stop{Verdict::malformed};
        if (pat(p++) == '%' && p < p_.size()) ++p;
      } while (p >= p_.size() || pat(p) != ']');
      return p + 1;
    }
    return p;
  }

  bool single(Pos s, Pos p, Pos ep) const {
    if (s >= s_.size()) return false;
    unsigned char c = at(s);
    switch (pat(p)) {
      case '.': return true;
      case '%': return in_class(c, pat(p + 1));
      case '[': return in_set(c, p, ep - 1);
      default: return static_cast<unsigned char>(pat(p)) == c;
    }
  }

  Pos match(Pos s, Pos p) {
    if (++depth_ > kMaxDepth) throw Stop{Verdict::malformed};
    Pos end = match_here(s, p);
    --depth_;
    return end;
  }

  // One item of the pattern after another; recursion where the matcher has a choice.
  Pos match_here(Pos s, Pos p) {
    while (true) {
      tick();
      if (p == p_.size()) return s;
      char c = pat(p);
      if (c == '(') return pat(p + 1) == ')' ? open_capture(s, p + 2, kPosition) : open_capture(s, p + 1, kUnfinished);
      if (c == ')') return close_capture(s, p + 1);
      if (c == '$' && p + 1 == p_.size()) return s == s_.size() ? s : kFail;
      if (c == '%' && pat(p + 1) == 'b') {
        s = balance(s, p + 2);
        if (s == kFail) return kFail;
        p += 4;
        continue;
      }
      if (c == '%' && pat(p + 1) == 'f') {
        p += 2;
        if (pat(p) != '[') throw Stop{Verdict::malformed};
        Pos ep = class_end(p);
        unsigned char before = s == 0 ? 0 : at(s - 1), here = s < s_.size() ? at(s) : 0;
        if (in_set(before, p, ep - 1) || !in_set(here, p, ep - 1)) return kFail;
        p = ep;
        continue;
      }
      if (c == '%' && std::isdigit(static_cast<unsigned char>(pat(p + 1)))) {
        s = same_as_capture(s, pat(p + 1));
        if (s == kFail) return kFail;
        p += 2;
        continue;
      }
      Pos ep = class_end(p);
      bool m = single(s, p, ep);
      switch (pat(ep)) {
        case '?':
          if (m) {
            Pos end = match(s + 1, ep + 1);
            if (end != kFail) return end;
          }
          p = ep + 1;
          continue;
        case '+': return m ? longest(s + 1, p, ep) : kFail;
        case '*': return longest(s, p, ep);
        case '-': return shortest(s, p, ep);
        default:
          if (!m) return kFail;
          ++s;
          p = ep;
      }
    }
  }

  // x* and x+: as many as match, then one fewer at a time.
  Pos longest(Pos s, Pos p, Pos ep) {
    Pos i = 0;
    while (single(s + i, p, ep)) {
      ++i;
      tick();
    }
    while (true) {
      Pos end = match(s + i, ep + 1);
      if (end != kFail) return end;
      if (i == 0) return kFail;
      --i;
    }
  }

  // x-: as few as will do, then one more at a time.
  Pos shortest(Pos s, Pos p, Pos ep) {
    while (true) {
      Pos end = match(s, ep + 1);
      if (end != kFail) return end;
      if (!single(s, p, ep)) return kFail;
      ++s;
    }
  }

  // %bxy
  Pos balance(Pos s, Pos p) {
    if (p + 1 >= p_.size()) throw Stop{Verdict::malformed};
    if (s >= s_.size() || s_[s] != pat(p)) return kFail;
    int open = 1;
    while (++s < s_.size()) {
      tick();
      if (s_[s] == pat(p + 1)) {
        if (--open == 0) return s + 1;
      } else if (s_[s] == pat(p)) {
        ++open;
      }
    }
    return kFail;
  }

  Pos open_capture(Pos s, Pos p, long what) {
    if (level_ >= kMaxCaptures) throw Stop{Verdict::malformed};
    captures_[level_++] = {s, what};
    Pos end = match(s, p);
    if (end == kFail) --level_;
    return end;
  }

  Pos close_capture(Pos s, Pos p) {
    int open = level_ - 1;
    while (open >= 0 && captures_[open].len != kUnfinished) --open;
    if (open < 0) throw Stop{Verdict::malformed};
    captures_[open].len = static_cast<long>(s - captures_[open].init);
    Pos end = match(s, p);
    if (end == kFail) captures_[open].len = kUnfinished;
    return end;
  }

  // %1 .. %9: the text of a capture again.
  Pos same_as_capture(Pos s, char digit) {
    int l = digit - '1';
    if (l < 0 || l >= level_ || captures_[l].len == kUnfinished) throw Stop{Verdict::malformed};
    if (captures_[l].len < 0) return kFail;
    auto len = static_cast<Pos>(captures_[l].len);
    tick(static_cast<long>(len));
    if (s_.size() - s >= len && s_.compare(s, len, s_.substr(captures_[l].init, len)) == 0) return s + len;
    return kFail;
  }

  std::string_view s_, p_;
  const Budget& budget_;
  long steps_ = 0;
  int depth_ = 0;
  int level_ = 0;
  Capture captures_[kMaxCaptures] = {};
};

enum class Kind { find, match, gmatch, gsub };

const char* name_of(Kind kind) {
  switch (kind) {
    case Kind::find: return "string.find";
    case Kind::match: return "string.match";
    case Kind::gmatch: return "string.gmatch";
    case Kind::gsub: return "string.gsub";
  }
  return "string";
}

// Lua's reading of a start position: negative counts from the end.
Pos start_of(lua_Integer init, Pos length) {
  if (init > 0) return static_cast<Pos>(init) - 1;
  if (init == 0 || static_cast<lua_Unsigned>(-init) > length) return 0;
  return length - static_cast<Pos>(-init);
}

// The searches Lua's find and match make: from each start until one matches.
void probe_search(Probe& probe, Pos start, bool anchored) {
  Pos from = anchored ? 1 : 0;
  do {
    if (probe.attempt(start, from) != kFail) return;
  } while (start++ < probe.size() && !anchored);
}

// The searches of a whole gmatch loop or gsub: after a match, on from its end; an empty match
// where the last one ended is skipped.
void probe_all(Probe& probe, Pos start, bool anchored, lua_Integer most) {
  Pos from = anchored ? 1 : 0, last = kFail;
  for (lua_Integer n = 0; n < most;) {
    Pos end = probe.attempt(start, from);
    if (end != kFail && end != last) {
      ++n;
      start = last = end;
    } else if (start < probe.size()) {
      ++start;
    } else {
      break;
    }
    if (anchored) break;
  }
}

// Walks the search the arguments ask for. Arguments Lua would refuse are left to Lua's message.
Verdict probe(lua_State* L, Kind kind) {
  if (lua_type(L, 1) != LUA_TSTRING || lua_type(L, 2) != LUA_TSTRING) return Verdict::fits;
  std::size_t length = 0, pattern_length = 0;
  const char* subject = lua_tolstring(L, 1, &length);
  const char* pattern = lua_tolstring(L, 2, &pattern_length);
  std::string_view p(pattern, pattern_length);
  int ok = 1;
  lua_Integer option = kind == Kind::gsub ? (lua_isnoneornil(L, 4) ? static_cast<lua_Integer>(length) + 1 : lua_tointegerx(L, 4, &ok))
                                          : (lua_isnoneornil(L, 3) ? 1 : lua_tointegerx(L, 3, &ok));
  if (!ok) return Verdict::fits;
  Pos start = kind == Kind::gsub ? 0 : start_of(option, length);
  if (start > length) return Verdict::fits;  // Lua answers nil at once
  bool plain = kind == Kind::find && (lua_toboolean(L, 4) || p.find_first_of(kSpecials) == std::string_view::npos);
  if (plain) {
    Pos rest = length - start;
    bool fits = pattern_length == 0 || pattern_length > rest ||
                static_cast<double>(rest - pattern_length + 1) * static_cast<double>(pattern_length) <= static_cast<double>(kPlainMaxBytes);
    return fits ? Verdict::fits : Verdict::too_long;
  }
  bool anchored = kind != Kind::gmatch && !p.empty() && p[0] == '^';
  Probe walk(std::string_view(subject, length), p, budget_of(L));
  try {
    if (kind == Kind::find || kind == Kind::match) probe_search(walk, start, anchored);
    else probe_all(walk, start, anchored, kind == Kind::gsub ? option : static_cast<lua_Integer>(length) + 2);
  } catch (const Stop& stop) {
    return stop.verdict;
  }
  return Verdict::fits;
}

int bounded_search(lua_State* L, Kind kind) {
  check_bounds(L);
  Verdict verdict = probe(L, kind);
  if (verdict == Verdict::out_of_time) raise_bound(L, Bound::time);
  if (verdict == Verdict::too_long) {
    std::size_t length = 0;
    lua_tolstring(L, 1, &length);
    return luaL_error(L, "%s: this search could take very long (more than %I steps of the pattern on a text of %I bytes), "
                         "so a lua block refuses it; use fewer '-', '*', '+' and '?' in the pattern, or search a shorter text",
                      name_of(kind), static_cast<lua_Integer>(kMaxSteps), static_cast<lua_Integer>(length));
  }
  return lua_tocfunction(L, lua_upvalueindex(1))(L);  // Lua's own, which uses no upvalues
}

int bounded_find(lua_State* L) { return bounded_search(L, Kind::find); }
int bounded_match(lua_State* L) { return bounded_search(L, Kind::match); }
int bounded_gmatch(lua_State* L) { return bounded_search(L, Kind::gmatch); }
int bounded_gsub(lua_State* L) { return bounded_search(L, Kind::gsub); }

}  // namespace

void bound_patterns(lua_State* L) {
  lua_getglobal(L, LUA_STRLIBNAME);
  const luaL_Reg guards[] = {{"find", bounded_find}, {"match", bounded_match}, {"gmatch", bounded_gmatch}, {"gsub", bounded_gsub}};
  for (const auto& g : guards) {
    lua_getfield(L, -1, g.name);
    lua_pushcclosure(L, g.func, 1);
    lua_setfield(L, -2, g.name);
  }
  lua_pop(L, 1);
}

}  // namespace mera::engine::lua
