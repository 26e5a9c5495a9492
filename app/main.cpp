// mera: the command line. Thin by design: parse arguments, call the libraries, print.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"mera: declared forms, indicators, deadlines and routing for monitoring social help to families\n"
               "(models are .mera files; see docs/language.md)"};
  app.require_subcommand(1);

  std::string model;
  auto* check = app.add_subcommand("check", "Parse and check a model (a .mera file or a folder of them); print its summary");
  check->add_option("MODEL", model, "a .mera file or a folder of .mera files")->required();

  std::vector<std::string> files;
  bool check_only = false;
  auto* fmt = app.add_subcommand("fmt", "Rewrite .mera files in the canonical layout (comments kept)");
  fmt->add_option("FILE", files, ".mera files or folders of them")->required();
  fmt->add_flag("--check", check_only, "change nothing; exit 1 if a file is not in the canonical layout");

  if (argc < 2) {  // no command: say what there is, as git does
    std::cout << app.help();
    return mera::app::failure;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? mera::app::ok : mera::app::failure;
  }
  try {
    if (check->parsed()) return mera::app::run_check(model);
    if (fmt->parsed()) return mera::app::run_fmt(files, check_only);
  } catch (const std::exception& e) {
    std::cerr << "mera: error: " << e.what() << '\n';
    return mera::app::failure;
  }
  return mera::app::failure;
}
