// mera's own answers for the command line around CLI11: the overview, help for one command, the
// version, and "did you mean" for a command that does not exist.
#include "usage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "commands.hpp"
#include "mera/dsl/utf8.hpp"

namespace mera::app {
namespace {

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty() && !sub->get_disabled(); });
}

const CLI::App* command_named(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : commands_of(app))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

std::vector<std::string> names_of(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : commands_of(app)) names.push_back(sub->get_name());
  return names;
}

// "commands, full name first": `units import` as well as `units`, in the order they were declared.
void list_commands(const CLI::App& app, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& rows) {
  for (const CLI::App* sub : commands_of(app)) {
    std::string name = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    rows.emplace_back(name, sub->get_description());
    list_commands(*sub, name, rows);
  }
}

// `text` cut into lines of at most `width` columns at spaces, each after the first indented.
std::string wrapped(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out, line;
  auto flush = [&] {
    if (!out.empty()) out += "\n" + std::string(indent, ' ');
    out += line;
    line.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string word = text.substr(start, end - start);
    if (!line.empty() && dsl::display_width(line) + 1 + dsl::display_width(word) > width) flush();
    line += line.empty() ? word : " " + word;
    start = end + 1;
  }
  if (!line.empty()) flush();
  return out;
}

// "'evl' is not a mera command; did you mean 'eval'?" and where the commands are listed.
int unknown_command(const CLI::App& parent, const std::string& path, const std::string& word, std::ostream& err) {
  std::string hint = closest_name(word, names_of(parent));
  std::string mean = hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint);
  if (path == "mera")
    err << fmt::format("mera: error: '{}' is not a mera command{}\n'mera help' lists the commands\n", word, mean);
  else
    err << fmt::format("mera: error: '{}' is not a command of '{}'{}\n'mera help {}' lists its commands\n", word, path, mean, path.substr(5));
  return failure;
}

}  // namespace

std::string closest_name(std::string_view word, const std::vector<std::string>& names) {
  std::size_t length = dsl::display_width(word);
  std::size_t limit = length <= 3 ? 1 : 2;
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& name : names) {
    std::size_t other = dsl::display_width(name);
    if ((other > length ? other - length : length - other) > limit) continue;  // cannot be within the limit
    std::size_t d = dsl::edit_distance(word, name);
    if (d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

std::string overview(const CLI::App& app) {
  std::vector<std::pair<std::string, std::string>> rows;
  list_commands(app, "", rows);
  std::size_t column = 0;
  for (const auto& row : rows) column = std::max(column, row.first.size());
  column += 4;
  std::string out = app.get_description() + "\n\nusage: mera COMMAND [ARGUMENTS] [OPTIONS]\n\ncommands:\n";
  for (const auto& [name, what] : rows)
    out += fmt::format("  {:<{}}{}\n", name, column, wrapped(what, std::max<std::size_t>(40, 100 - column), column + 2));
  out += "\n'mera help COMMAND' (or 'mera COMMAND --help') shows a command's arguments and options; 'mera --version' "
         "the version.\nExit codes: 0 success, 1 the input has errors, 2 usage or system failure.\n";
  return out;
}

std::optional<int> answer_before_parse(const CLI::App& app, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {  // as git does: what there is, and a failure, since nothing was done
    out << overview(app);
    return failure;
  }
  if (args[0] == "--version") {
    out << "mera " << MERA_VERSION << '\n';
    return ok;
  }
  bool help = args[0] == "help";
  const CLI::App* command = &app;
  std::string path = "mera";
  for (std::size_t i = help ? 1 : 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    const CLI::App* sub = word.starts_with('-') ? nullptr : command_named(*command, word);
    if (sub) {
      path += " " + word;
      command = sub;
      continue;
    }
    // `mera help x` names commands only; otherwise a word where a command is required is one.
    if (help || (!word.starts_with('-') && command->get_require_subcommand_min() > 0)) return unknown_command(*command, path, word, err);
    break;
  }
  if (!help) return std::nullopt;
  if (command == &app) {
    out << overview(app);
  } else {
    out << command->help(path.substr(0, path.rfind(' ')));
  }
  return ok;
}

}  // namespace mera::app
