#include <stdexcept>

#include "connection.hpp"
#include "mera/storage/database.hpp"

namespace mera::storage {

Transaction::Transaction(Connection& connection) : connection_(&connection) { connection.begin_write(); }

Transaction::Transaction(Transaction&& other) noexcept : connection_(other.connection_) {
  other.connection_ = nullptr;
}

Transaction::~Transaction() {
  if (connection_) connection_->rollback_write();
}

void Transaction::commit() {
  if (!connection_) throw std::logic_error("commit of a transaction that is already over");
  connection_->commit_write();
  connection_ = nullptr;
}

ReadSnapshot::ReadSnapshot(Connection& connection) : connection_(&connection) { connection.begin_read(); }

ReadSnapshot::ReadSnapshot(ReadSnapshot&& other) noexcept : connection_(other.connection_) { other.connection_ = nullptr; }

ReadSnapshot::~ReadSnapshot() {
  if (connection_) connection_->end_read();
}

}  // namespace mera::storage
