// libFuzzer target: any bytes as a .mera file. Parsing, checking and formatting must end in
// diagnostics or a result, never a crash, a hang or a sanitizer report; and the formatter must
// keep its promise on every file that parses: formatting its output again changes nothing.
// Build and run: see docs/fuzzing.md.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "mera/dsl/format.hpp"
#include "mera/dsl/parse.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mera;
  auto source = std::make_shared<dsl::SourceFile>("fuzz.mera", std::string(reinterpret_cast<const char*>(data), size));
  dsl::Diagnostics diags;
  dsl::File file = dsl::parse(source, diags);
  (void)dsl::render(diags);
  if (diags.has_errors()) return 0;
  std::vector<const dsl::Decl*> decls;
  for (const auto& d : file.decls) decls.push_back(&d);
  engine::LuaLimits limits;
  limits.memory_bytes = 8u << 20;
  limits.instructions = 200'000;
  auto checked = rules::check(decls, {source}, engine::LuaSandbox(limits));
  (void)dsl::render(checked.diags);
  std::string once = dsl::format(file);
  dsl::Diagnostics again;
  dsl::File reparsed = dsl::parse(std::make_shared<dsl::SourceFile>("fuzz.mera", once), again);
  if (again.has_errors() || dsl::format(reparsed) != once) std::abort();  // formatting changed meaning
  return 0;
}
