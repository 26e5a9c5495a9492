#include "writer.hpp"

#include "mera/text/tr.hpp"

namespace mera::service {

struct Writer::Pending {
  Job job;
  text::Language language;  // the request's: the job's messages are made on the writer's thread
  std::chrono::steady_clock::time_point queued;
  bool expired = false;        // waited longer than limits_.wait: not run
  std::exception_ptr failure;  // what the job or its group's commit threw
  bool done = false;
  std::condition_variable finished;
};

Writer::Writer(std::unique_ptr<storage::Database> db, WriterLimits limits)
    : db_(std::move(db)), limits_(limits), thread_([this] { loop(); }) {}

Writer::~Writer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Writer::run(Job job) {
  auto pending = std::make_shared<Pending>();
  pending->job = std::move(job);
  pending->language = text::current();
  pending->queued = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  if (queue_.size() >= limits_.queue)
    throw Overloaded(text::tr("the server has {} writes waiting, as many as it takes; nothing of this request was stored: send it "
                              "again in a moment",
                              queue_.size()));
  queue_.push_back(pending);
  wake_.notify_all();
  pending->finished.wait(lock, [&] { return pending->done; });
  if (pending->expired)
    throw Overloaded(text::tr("the request waited more than {} s for its turn to write; nothing of it was stored: send it again "
                              "in a moment",
                              std::chrono::duration_cast<std::chrono::seconds>(limits_.wait).count()));
  if (pending->failure) std::rethrow_exception(pending->failure);
}

Writer::Stats Writer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::size_t Writer::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void Writer::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to do
    std::deque<std::shared_ptr<Pending>> group;
    while (!queue_.empty() && group.size() < limits_.group) {
      group.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();  // new jobs queue up for the next group meanwhile
    commit_group(group);
    lock.lock();
    for (auto& p : group) p->done = true;
    for (auto& p : group) p->finished.notify_all();
  }
}

void Writer::commit_group(std::deque<std::shared_ptr<Pending>>& group) {
  auto now = std::chrono::steady_clock::now();
  std::size_t ran = 0;
  try {
    storage::Transaction outer = db_->write();
    for (auto& p : group) {
      if (now - p->queued > limits_.wait) {
        p->expired = true;
        continue;
      }
      text::Scope language(p->language);
      try {
        storage::Transaction own = db_->write();  // a savepoint of outer
        p->job(*db_);
        own.commit();
        ++ran;
      } catch (...) {
        p->failure = std::current_exception();  // own rolled back: the others keep their writes
      }
    }
    outer.commit();
  } catch (...) {
    // BEGIN or COMMIT failed (busy, full disk, I/O): nothing of the group is in the file, so no
    // job of it may be acknowledged, even one that ran well.
    auto failure = std::current_exception();
    for (auto& p : group)
      if (!p->failure && !p->expired) p->failure = failure;
    return;
  }
  std::lock_guard lock(mutex_);
  ++stats_.groups;
  stats_.jobs += ran;
}

}  // namespace mera::service
