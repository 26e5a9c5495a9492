#include "db_pool.hpp"

namespace mera::service {
namespace {

// A request that finds another writing waits up to this long for the write lock before its
// client gets 503. Longer than the CLI's 5 s: the writer's groups (src/writer.hpp), the rare
// writes made outside them (logins, accounts, revisions) and a CLI on the same file take turns.
constexpr int kBusyTimeoutMs = 30000;

std::unique_ptr<storage::Database> open(const std::string& path) {
  auto db = std::make_unique<storage::Database>(storage::Database::open(path));
  db->set_busy_timeout(kBusyTimeoutMs);
  return db;
}

}  // namespace

DbPool::DbPool(std::string path) : path_(std::move(path)) {
  give_back(open(path_));  // refuses a bad path at start
}

DbPool::Lease DbPool::lease() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  return Lease(*this, open(path_));
}

std::unique_ptr<storage::Database> DbPool::connect() const { return open(path_); }

void DbPool::give_back(std::unique_ptr<storage::Database> db) {
  if (!db) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace mera::service
