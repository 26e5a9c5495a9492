// The service's connections to its database: one per request at a time, opened as needed and
// kept for the next request. A storage::Database is one SQLite connection and serves one thread
// at a time; WAL lets the readers of other connections go on while one writes.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mera/storage/database.hpp"

namespace mera::service {

class DbPool {
 public:
  explicit DbPool(std::string path);

  // A connection leased for one request; back to the pool when the lease ends.
  class Lease {
   public:
    Lease(DbPool& pool, std::unique_ptr<storage::Database> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&& other) noexcept = default;  // the moved-from lease holds no connection
    Lease& operator=(Lease&&) = delete;
    ~Lease() { pool_->give_back(std::move(db_)); }
    storage::Database& db() { return *db_; }

   private:
    DbPool* pool_;
    std::unique_ptr<storage::Database> db_;
  };

  Lease lease();
  // A connection of the pool's kind that the pool does not keep (the writer's own).
  std::unique_ptr<storage::Database> connect() const;

 private:
  void give_back(std::unique_ptr<storage::Database> db);

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<storage::Database>> idle_;
};

}  // namespace mera::service
