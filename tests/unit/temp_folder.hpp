// A folder under the temp folder that no other test or process uses, removed with everything in
// it when the test is done.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace mera::test {

class TempFolder {
 public:
  explicit TempFolder(const std::string& prefix) : path_(make(prefix)) {}
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static std::filesystem::path make(const std::string& prefix) {
    static std::atomic<int> counter{0};
    auto d = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }

  std::filesystem::path path_;
};

}  // namespace mera::test
