// Running build/mera as a user would, in child processes: to kill one mid-import, to run two at
// once, and to feed it files too big to keep in a test's memory.
#pragma once

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mera::test {

namespace fs = std::filesystem;

// A folder of its own under the temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("mera-process-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++))) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path path_;
};

// Starts `mera ARGS...` with its output (stdout and stderr) going to `output`.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& output) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> argv;
    std::string binary = MERA_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

// The exit code of a child, or 128 + the signal that ended it.
inline int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct Run {
  int exit = -1;
  std::string output;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Run run(const std::vector<std::string>& args, const TempDir& dir) {
  std::string out = dir / "output.txt";
  Run r;
  r.exit = wait_for(spawn(args, out));
  r.output = slurp(out);
  return r;
}

// A record of the golden test model's case form: one line of JSON, `padding` bytes of note.
inline std::string case_record(long n, std::size_t padding = 0) {
  std::string line = "{\"form\": \"case\", \"unit\": \"org1\", \"values\": {\"case_id\": \"K-" + std::to_string(n) +
                     "\", \"opened\": \"2021-02-01\", \"closed\": \"2021-11-30\", \"level\": \"medium\", \"safe\": true";
  if (padding) line += ", \"note\": \"" + std::string(padding, 'x') + "\"";
  return line + "}}\n";
}

inline void write_cases(const std::string& path, long first, long count, std::size_t padding = 0) {
  std::ofstream out(path, std::ios::binary);
  for (long i = first; i < first + count; ++i) out << case_record(i, padding);
}

inline std::string model_dir() { return std::string(MERA_SOURCE_DIR) + "/tests/golden/submit/model"; }

}  // namespace mera::test
