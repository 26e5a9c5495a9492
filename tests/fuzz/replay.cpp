// A main for the fuzz targets where libFuzzer is not linked (a g++ build): runs the target once
// on each file given, and on each file of each folder given, so that any build can replay a
// corpus or a crash file. A crash, a sanitizer report or an oracle's abort ends it as it would
// end the fuzzer; otherwise it says how many inputs it ran.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot be read\n", path.c_str());
    return 1;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path p = argv[i];
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());  // the same order on every machine
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s FILE-OR-FOLDER...: runs the fuzz target once on each input\n", argv[0]);
    return 2;
  }
  int failed = 0;
  for (const auto& f : files) failed += run_file(f);
  std::printf("%zu inputs replayed, %d unreadable\n", files.size(), failed);
  return failed == 0 ? 0 : 1;
}
