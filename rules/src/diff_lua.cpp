// `mera model diff` for the lua blocks. Which functions exist and how many parameters they take
// is what the checker found by loading the blocks (Model::functions); what a function does is
// compared as text (diff_lua_text.hpp says how), and a changed body is shown by its first line
// that differs. Code outside the functions (a table they read) is one more item.
#include <fmt/format.h>

#include <algorithm>

#include "diff_lua_text.hpp"
#include "diff_parts.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules::diff {
namespace {

struct LuaFunction {
  std::string name;
  std::string parameters;                 // "2 parameters", "at least 1 parameter"
  const std::vector<std::string>* lines;  // null when the scan did not find its text
};

std::string parameters_text(const forms::Function& f) {
  auto n = text::count(f.params);
  if (!f.variadic) return text::tr("{0} {0:parameter|parameters}", n);
  return f.params == 0 ? text::tr("any number of parameters") : text::tr("at least {0} {0:parameter|parameters}", n);
}

// The model's functions in the order the blocks define them; any whose definition the scan
// did not see (`name = function ... end`) follow by name.
std::vector<LuaFunction> functions_of(const Model& model, const LuaText& text) {
  std::vector<LuaFunction> out;
  for (const auto& f : text.functions)
    if (auto it = model.functions.find(f.name); it != model.functions.end()) out.push_back({f.name, parameters_text(it->second), &f.lines});
  for (const auto& [name, f] : model.functions) {
    bool seen = std::any_of(out.begin(), out.end(), [&n = name](const LuaFunction& x) { return x.name == n; });
    if (!seen) out.push_back({name, parameters_text(f), nullptr});
  }
  return out;
}

// The first line where two texts part, on each side ("" past the end of one of them).
std::pair<std::string, std::string> first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto [x, y] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return {x == a.end() ? "" : *x, y == b.end() ? "" : *y};
}

void compare_text(Aspects& a, const std::string& aspect, const std::vector<std::string>& before, const std::vector<std::string>& after) {
  if (before == after) return;
  auto [was, is] = first_difference(before, after);
  a.compare(aspect, was, is, false);
}

void diff_functions(const std::vector<LuaFunction>& before, const std::vector<LuaFunction>& after, Changes& out) {
  auto name = [](const LuaFunction& f) { return f.name; };
  for (const auto& [was, is] : pair_up(pointers(before), pointers(after), name)) {
    if (!was) out.added(ChangeKind::lua_function, is->name, "", is->parameters);
    else if (!is) out.removed(ChangeKind::lua_function, was->name, "", was->parameters);
    else {
      Aspects a;
      a.compare(text::tr("parameters"), was->parameters, is->parameters);
      if (was->lines && is->lines) compare_text(a, text::tr("body, first line that differs"), *was->lines, *is->lines);
      out.changed(ChangeKind::lua_function, is->name, "", std::move(a));
    }
  }
}

void diff_outside(const std::vector<std::string>& before, const std::vector<std::string>& after, Changes& out) {
  const std::string name = text::tr("outside functions");
  if (before.empty() && !after.empty()) out.added(ChangeKind::lua_code, name, "", text::tr("{0} {0:line|lines}", text::count(after.size())));
  else if (!before.empty() && after.empty()) out.removed(ChangeKind::lua_code, name, "", text::tr("{0} {0:line|lines}", text::count(before.size())));
  else {
    Aspects a;
    compare_text(a, text::tr("first line that differs"), before, after);
    out.changed(ChangeKind::lua_code, name, "", std::move(a));
  }
}

}  // namespace

void diff_lua(const Model& before, const Model& after, Changes& out) {
  LuaText old_text = read_lua(before.lua), new_text = read_lua(after.lua);
  diff_functions(functions_of(before, old_text), functions_of(after, new_text), out);
  diff_outside(old_text.outside, new_text.outside, out);
}

}  // namespace mera::rules::diff
