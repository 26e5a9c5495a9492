// The service's one writer: every request that writes hands it a job, and the jobs that arrive
// together run in one transaction (group commit), each in a savepoint of its own. So one fsync
// serves many requests, while each request is still all-or-nothing on its own: a job that
// throws has its savepoint rolled back and the others are kept. A request is answered only
// after its group's COMMIT returned, so nothing is acknowledged that a crash could lose.
//
// Overload is refused rather than queued without end: a job finding `queue` jobs already
// waiting, or waiting longer than `wait` for its group, is told so (Overloaded) with nothing run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "mera/storage/database.hpp"

namespace mera::service {

// The writer has more waiting than it takes, or a job waited too long: nothing of it ran.
class Overloaded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WriterLimits {
  std::size_t queue = 512;                 // jobs waiting at most; one more is Overloaded
  std::chrono::milliseconds wait{30000};   // the longest a job waits for its group to start
  std::size_t group = 256;                 // jobs committed together at most
};

class Writer {
 public:
  using Job = std::function<void(storage::Database&)>;

  Writer(std::unique_ptr<storage::Database> db, WriterLimits limits);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer();  // runs what is queued, then stops

  // Runs job on the writer's connection inside the next group, and returns once that group is
  // committed. Rethrows what job threw (its writes undone, the group's others kept); throws
  // Overloaded before running it when the queue is full or it waited too long, and what the
  // commit threw (storage::Busy, storage::Error) when the group could not be committed: then
  // nothing of the group is stored.
  void run(Job job);

  struct Stats {
    std::uint64_t groups = 0;  // transactions committed
    std::uint64_t jobs = 0;    // jobs run in them
  };
  Stats stats() const;
  std::size_t waiting() const;  // jobs queued for the next group

 private:
  struct Pending;
  void loop();
  void commit_group(std::deque<std::shared_ptr<Pending>>& group);

  std::unique_ptr<storage::Database> db_;
  WriterLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Pending>> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace mera::service
