// lua [[ ... ]]: each block must compile and run in the sandbox; the functions it defines can
// then be called from expressions. A Lua error becomes a diagnostic on the .mera line it names.
#include <fmt/format.h>

#include <regex>

#include "checker.hpp"

namespace mera::rules {
namespace {

// The span of a whole source line from its first non-blank character: where Lua's error is.
dsl::Span line_span(const dsl::SourceFile& file, int line) {
  std::string_view text = file.line_text(static_cast<std::size_t>(line));
  auto start = static_cast<std::uint32_t>(file.line_start(static_cast<std::size_t>(line)));
  std::size_t indent = text.find_first_not_of(" \t");
  if (indent == std::string_view::npos) indent = 0;
  return {&file, static_cast<std::uint32_t>(start + indent), static_cast<std::uint32_t>(start + text.size())};
}

// The global functions a block declares (`function name(`, not `local function`), read from its
// text. When the block does not load, they are still known by name, so that each call of one is
// not reported again: the block's own error says what is wrong. Their arity is not known.
std::vector<forms::Function> declared_functions(const std::string& code) {
  static const std::regex kFunction(R"((^|[^\w.:])function\s+([A-Za-z_]\w*)\s*\()");
  std::vector<forms::Function> found;
  for (auto it = std::sregex_iterator(code.begin(), code.end(), kFunction); it != std::sregex_iterator(); ++it) {
    std::string before = code.substr(0, static_cast<std::size_t>(it->position(0) + it->length(1)));
    before.erase(before.find_last_not_of(" \t\r\n") + 1);
    if (before.size() >= 5 && before.compare(before.size() - 5, 5, "local") == 0) continue;
    found.push_back({(*it)[2].str(), 0, true, {}});
  }
  return found;
}

}  // namespace

void check_lua(Checker& c, const std::vector<const dsl::LuaDecl*>& decls, const LuaHost& host) {
  for (const auto* d : decls) {
    const dsl::SourceFile& file = *d->code_span.file;
    int first_line = static_cast<int>(file.line_of(d->code_span.begin));
    LuaInspection result = host.inspect(d->code, file.name(), first_line);
    if (result.error) {
      int line = result.error->line;
      int last_line = static_cast<int>(file.line_of(d->code_span.end));
      dsl::Span at = line >= first_line && line <= last_line ? line_span(file, line) : d->span;
      c.error(at, "Lua: " + result.error->message);  // the sandbox says why a name is left out
      for (auto f : declared_functions(d->code)) {
        f.span = d->span;
        c.model.functions.emplace(f.name, f);
      }
      continue;
    }
    c.model.lua.push_back({d->code, first_line, d->span});
    // A later block may redefine a function, as Lua itself allows: a region overrides its base.
    for (auto f : result.functions) {
      f.span = d->span;
      c.model.functions.insert_or_assign(f.name, f);
    }
  }
}

}  // namespace mera::rules
