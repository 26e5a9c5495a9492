// mera fmt [--check] FILE...: the canonical layout, written only when it is safe: the file
// parsed without errors, and its formatted text parses back to the same formatted text.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "mera/dsl/format.hpp"
#include "mera/dsl/parse.hpp"

namespace mera::app {
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> expand(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    if (!fs::is_directory(p)) {
      files.emplace_back(p);
      continue;
    }
    std::vector<fs::path> inside;
    for (const auto& e : fs::directory_iterator(p))
      if (e.is_regular_file() && e.path().extension() == ".mera") inside.push_back(e.path());
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

// Writes beside the file, then renames over it: a crash leaves the old file or the new, whole.
void replace_file(const fs::path& path, const std::string& text) {
  fs::path temp = path;
  temp += ".mera-fmt.tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  fs::rename(temp, path);
}

// The formatted text, or empty after printing why the file is left alone.
std::string formatted(const fs::path& path, int& exit) {
  dsl::Diagnostics diags;
  dsl::File file = dsl::parse(dsl::read_source(path.string()), diags);
  if (diags.has_errors()) {
    std::cerr << dsl::render(diags);
    exit = std::max<int>(exit, input_errors);
    return {};
  }
  std::string text = dsl::format(file);
  dsl::Diagnostics again;
  dsl::File reparsed = dsl::parse(std::make_shared<dsl::SourceFile>(path.string(), text), again);
  if (again.has_errors() || dsl::format(reparsed) != text || reparsed.comments.size() != file.comments.size()) {
    std::cerr << "mera: error: " << path.string() << ": formatting would not give back the same model; the file is left as it is (please report this)\n";
    exit = failure;
    return {};
  }
  return text;
}

}  // namespace

int run_fmt(const std::vector<std::string>& paths, bool check_only) {
  int exit = ok;
  for (const auto& path : expand(paths)) {
    std::string text = formatted(path, exit);
    if (text.empty()) continue;
    if (dsl::read_source(path.string())->text() == text) continue;
    if (check_only) {
      std::cout << path.string() << ": not in the canonical layout (run: mera fmt " << path.string() << ")\n";
      exit = std::max<int>(exit, input_errors);
    } else {
      replace_file(path, text);
      std::cout << "formatted " << path.string() << '\n';
    }
  }
  return exit;
}

}  // namespace mera::app
