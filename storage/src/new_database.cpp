// Making a database atomically: built under a temporary name beside its path, then moved into
// place without replacing anything, so that two `mera init` of one path never share a file and
// neither removes the other's (docs/storage.md, "Creating").
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "mera/storage/database.hpp"
#include "paths.hpp"

namespace mera::storage {
namespace fs = std::filesystem;

void require_path(const std::string& path) {
  if (path.empty()) throw Error("the database path is empty: name the database file, as in --db tomsk.db");
}

void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

namespace {

std::string already_exists(const std::string& path) { return path + " already exists; mera init creates a new database"; }

std::string cannot_create(const std::string& path) { return "cannot create " + path + ": " + std::strerror(errno); }

// A name beside `path` that is ours alone: the file is made with O_EXCL.
std::string make_temporary(const std::string& path) {
  std::random_device entropy;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = path + ".new-" + std::to_string(::getpid()) + "-" + std::to_string(entropy() % 1000000);
    int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return name;
    }
    if (errno != EEXIST) throw Error(cannot_create(path));
  }
  throw Error("cannot create " + path + ": no free temporary name beside it");
}

// Moves `from` to `to` unless `to` exists; false when it does. renameat2 where the file system
// has it, link + unlink otherwise: both refuse an existing `to` in one step of the kernel.
bool move_without_replacing(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) throw Error(cannot_create(to));
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return false;
    throw Error(cannot_create(to));
  }
  ::unlink(from.c_str());
  return true;
}

// The new name is durable only once the folder is: a power cut must not undo an init reported done.
void sync_folder(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

NewDatabase::NewDatabase(const std::string& path) : path_(path) {
  require_path(path);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) throw Error(already_exists(path));
  temporary_ = make_temporary(path);
  try {
    db_.emplace(Database::build(path, temporary_));
  } catch (...) {
    remove_database_files(temporary_);
    throw;
  }
}

NewDatabase::~NewDatabase() {
  db_.reset();
  if (!temporary_.empty()) remove_database_files(temporary_);
}

Database NewDatabase::publish() {
  if (!db_) throw std::logic_error("the new database " + path_ + " was published already");
  db_.reset();  // closed, its last transaction committed: the file is whole by itself
  if (!move_without_replacing(temporary_, path_)) throw Error(already_exists(path_));
  temporary_.clear();
  sync_folder(path_);
  return Database::open(path_);
}

}  // namespace mera::storage
