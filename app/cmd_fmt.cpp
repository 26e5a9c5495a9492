// mera fmt [--check] FILE...: the canonical layout, written only when it is safe: the file
// parsed without errors, and its formatted text parses back to the same formatted text.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
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

// Writes `text` to the file `path` names, or says why not and changes nothing. A symlink is
// followed, so the link stays a link and its target is formatted; a read-only file is refused
// (rename would replace it regardless of its mode, and even root should not silently rewrite a
// file someone made read-only). The text goes to a temporary file in the target's folder, with
// the target's mode, and is renamed over it: a crash leaves the old file or the new, whole.
bool replace_file(const fs::path& path, const std::string& text) {
  auto refuse = [&](const std::string& why) {
    std::cerr << "mera: error: " << path.string() << ": " << why << "; the file is left as it is\n";
    return false;
  };
  std::error_code error;
  fs::path target = fs::canonical(path, error);
  if (error) return refuse("cannot resolve it: " + error.message());
  std::string named = target == fs::absolute(path).lexically_normal() ? "" : " (a link to " + target.string() + ")";
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) return refuse(std::string("cannot read its mode: ") + std::strerror(errno));
  if ((st.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0)
    return refuse("the file" + named + " is read-only: make it writable (chmod u+w) to format it");
  std::string temp = (target.parent_path() / ("." + target.filename().string() + ".mera-fmt.XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return refuse("cannot write in " + target.parent_path().string() + ": " + std::strerror(errno));
  int failed = 0;  // the first errno, if any step fails
  auto step = [&failed](bool done) {
    if (!done && failed == 0) failed = errno ? errno : EIO;
  };
  step(::fchmod(fd, st.st_mode & 07777) == 0);
  for (std::size_t done = 0; failed == 0 && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    step(n > 0);
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  if (failed == 0) step(::fsync(fd) == 0);
  step(::close(fd) == 0);
  if (failed == 0) step(::rename(temp.c_str(), target.c_str()) == 0);
  if (failed != 0) {
    ::unlink(temp.c_str());
    return refuse("cannot write " + target.string() + ": " + std::strerror(failed));
  }
  return true;
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
      if (!replace_file(path, text)) {
        exit = failure;
        continue;
      }
      std::cout << "formatted " << path.string() << '\n';
    }
  }
  return exit;
}

}  // namespace mera::app
