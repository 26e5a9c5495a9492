// Where a model's files come from: the disk, or the files of a stored revision. Paths are
// generic ('/'-separated) either way, so that `extends` finds the base beside the model.
#pragma once

#include <filesystem>
#include <vector>

#include "mera/dsl/source.hpp"
#include "mera/rules/check.hpp"

namespace mera::rules {

class FileTree {
 public:
  virtual ~FileTree() = default;
  virtual bool is_folder(const std::filesystem::path& path) const = 0;
  virtual bool is_file(const std::filesystem::path& path) const = 0;
  // The .mera files of a folder, sorted; or the file itself.
  std::vector<std::filesystem::path> model_files(const std::filesystem::path& path) const {
    if (!is_folder(path) && !is_file(path)) throw std::runtime_error(fmt::format("{}: no such file or folder", path.string()));
    if (!is_folder(path)) return {path};
    std::vector<std::filesystem::path> files = folder_files(path);
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error(fmt::format("{}: the folder has no .mera files", path.string()));
    return files;
  }
  virtual dsl::SourcePtr read(const std::filesystem::path& path) const = 0;

 protected:
  virtual std::vector<std::filesystem::path> folder_files(const std::filesystem::path& folder) const = 0;
};

class Disk : public FileTree {
 public:
  bool is_folder(const std::filesystem::path& path) const override { return std::filesystem::is_directory(path); }
  bool is_file(const std::filesystem::path& path) const override { return std::filesystem::is_regular_file(path); }
  dsl::SourcePtr read(const std::filesystem::path& path) const override { return dsl::read_source(path.string()); }

 protected:
  std::vector<std::filesystem::path> folder_files(const std::filesystem::path& folder) const override {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
      if (entry.is_regular_file() && entry.path().extension() == ".mera") files.push_back(entry.path());
    return files;
  }
};

class Stored : public FileTree {
 public:
  explicit Stored(const ModelFiles& files) : files_(files) {}
  bool is_folder(const std::filesystem::path& path) const override {
    std::string prefix = path.generic_string() + "/";
    auto it = files_.lower_bound(prefix);
    return it != files_.end() && it->first.starts_with(prefix);
  }
  bool is_file(const std::filesystem::path& path) const override { return files_.contains(path.generic_string()); }
  dsl::SourcePtr read(const std::filesystem::path& path) const override {
    auto it = files_.find(path.generic_string());
    if (it == files_.end()) throw std::runtime_error(fmt::format("{}: not among the stored files of the model", path.generic_string()));
    return std::make_shared<dsl::SourceFile>(it->first, it->second);
  }

 protected:
  std::vector<std::filesystem::path> folder_files(const std::filesystem::path& folder) const override {
    std::string prefix = folder.generic_string() + "/";
    std::vector<std::filesystem::path> files;
    for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix); ++it) {
      std::filesystem::path p(it->first);
      if (p.parent_path() == folder && p.extension() == ".mera") files.push_back(p);
    }
    return files;
  }

 private:
  const ModelFiles& files_;
};

}  // namespace mera::rules
