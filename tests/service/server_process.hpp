// A real `mera serve` for the API tests: a Tomsk database made with `mera init`, accounts added
// with `mera users add` (the password on standard input), and the server started on a free
// loopback port (--listen 127.0.0.1:0; the port read from its log) in a child process.
#pragma once

#include <boost/test/unit_test.hpp>

#include <httplib.h>

#include <csignal>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "../process/process_util.hpp"

namespace mera::test {

// Runs `mera ARGS...` with `input` on its standard input; the exit code.
inline int run_with_input(const std::vector<std::string>& args, const std::string& input, const TempDir& dir) {
  std::string in = dir / "stdin.txt", out = dir / "cli-output.txt";
  std::ofstream(in, std::ios::binary) << input;
  pid_t pid = ::fork();
  if (pid == 0) {
    int fd_in = ::open(in.c_str(), O_RDONLY);
    int fd_out = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd_in, 0);
    ::dup2(fd_out, 1);
    ::dup2(fd_out, 2);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    std::string binary = MERA_BINARY;
    argv.push_back(binary.data());
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int exit = wait_for(pid);
  BOOST_TEST_MESSAGE(slurp(out));
  return exit;
}

class Server {
 public:
  Server(const std::string& db, const std::string& log, std::vector<std::string> extra = {}) : log_(log) {
    std::vector<std::string> args = {"serve", "--db", db, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = spawn(args, log);
    // Waits for the line that names the port; a server that exits first fails the test. Each
    // look is a short sleep, and a silent server is given up on after a generous while.
    const std::string mark = "listening on http://127.0.0.1:";
    for (int i = 0; i < 6000 && port_ == 0; ++i) {
      std::string text = slurp(log_);
      if (auto at = text.find(mark); at != std::string::npos) port_ = std::stoi(text.substr(at + mark.size()));
      else if (::waitpid(pid_, &status_, WNOHANG) == pid_) break;
      else std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    BOOST_REQUIRE_MESSAGE(port_ > 0, "mera serve did not start: " << slurp(log_));
  }
  ~Server() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      wait_for(pid_);
    }
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return slurp(log_); }
  // SIGTERM, then the exit code.
  int stop() {
    ::kill(pid_, SIGTERM);
    exited_ = true;
    return wait_for(pid_);
  }

 private:
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
  int status_ = 0;
  bool exited_ = false;
};

}  // namespace mera::test
