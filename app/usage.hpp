// What `mera` answers before CLI11 parses: bare `mera`, `mera help [COMMAND...]`, `mera --version`
// and a command that does not exist (with "did you mean"). CLI11 alone would say "A subcommand
// is required" to all of them, which tells a new user nothing.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mera::app {

// The name among `names` a mistyped `word` most likely meant, or empty: at most one edit for a
// word of up to 3 letters, two for longer ones; names of very different length are not compared.
std::string closest_name(std::string_view word, const std::vector<std::string>& names);

// Every command and subcommand with what it does, and where to read more.
std::string overview(const CLI::App& app);

// The exit code when `args` (argv without the program) is answered here, nothing when CLI11
// should parse them. Writes the answer to `out` and a refusal to `err`.
std::optional<int> answer_before_parse(const CLI::App& app, const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mera::app
