// lua [[ ... ]]: each block must compile and run in the sandbox; the functions it defines can
// then be called from expressions. A Lua error becomes a diagnostic on the .mera line it names.
#include <fmt/format.h>

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
      c.error(at, "Lua: " + result.error->message);
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
