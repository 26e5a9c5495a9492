// The subcommands of `mera`. Each returns the process exit code:
// 0 success, 1 the input has errors (diagnostics printed), 2 usage or system failure.
#pragma once

#include <string>
#include <vector>

namespace mera::app {

enum Exit { ok = 0, input_errors = 1, failure = 2 };

int run_check(const std::string& model_path);
int run_fmt(const std::vector<std::string>& paths, bool check_only);

}  // namespace mera::app
