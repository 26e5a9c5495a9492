#include "db_pool.hpp"

namespace mera::service {

DbPool::DbPool(std::string path) : path_(std::move(path)) {
  give_back(std::make_unique<storage::Database>(storage::Database::open(path_)));  // refuses a bad path at start
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
  return Lease(*this, std::make_unique<storage::Database>(storage::Database::open(path_)));
}

void DbPool::give_back(std::unique_ptr<storage::Database> db) {
  if (!db) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace mera::service
