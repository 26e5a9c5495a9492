// mera check MODEL: every problem of the model at once, or its one-line summary.
#include <iostream>

#include "commands.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

std::shared_ptr<const rules::Model> load_reported(const std::string& model_path) {
  engine::LuaSandbox lua;
  rules::CheckResult result = rules::load_model(model_path, lua);
  std::cerr << dsl::render(result.diags);
  if (!result.model) {
    std::size_t n = result.diags.error_count();
    std::cerr << text::tr("{0} {0:error|errors}", text::count(n)) << '\n';
  }
  return result.model;
}

int run_check(const std::string& model_path) {
  auto model = load_reported(model_path);
  if (!model) return input_errors;
  std::cout << model->summary() << '\n';
  return ok;
}

}  // namespace mera::app
