// The service's writer (service/src/writer.hpp): the jobs that wait together are committed in
// one transaction, each all-or-nothing on its own; a full queue, a job that waited too long and
// a commit that fails are refused with nothing acknowledged. Each case makes the first job hold
// the writer until the others are queued (Writer::waiting), so the groups are known exactly.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "mera/storage/database.hpp"
#include "mera/text/language.hpp"
#include "writer.hpp"

namespace fs = std::filesystem;
using namespace mera;
using service::Writer;

namespace {

struct WriterWorld {
  std::string path;
  storage::Database reader;
  std::unique_ptr<Writer> writer;
  explicit WriterWorld(service::WriterLimits limits = {}, int busy_ms = 5000)
      : path(fresh_path()), reader(storage::Database::create(path)) {
    auto db = std::make_unique<storage::Database>(storage::Database::open(path));
    db->set_busy_timeout(busy_ms);
    writer = std::make_unique<Writer>(std::move(db), limits);
  }
  ~WriterWorld() {
    writer.reset();
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ignored);
  }
  static std::string fresh_path() {
    static std::atomic<int> n{0};
    return (fs::temp_directory_path() / ("mera-writer-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".db")).string();
  }
  // Holds the writer with a job of its own from start() until release(): what is run() meanwhile
  // waits, so each case knows which jobs share a group.
  struct Holder {
    Writer& writer;
    std::atomic<bool> holding{false}, released{false};
    std::thread thread;
    explicit Holder(Writer& w) : writer(w) {
      thread = std::thread([this] {
        // Sent again when it waited too long itself (a case with a wait of 1 ms on a busy machine).
        while (!holding) {
          try {
            writer.run([this](storage::Database&) {
              holding = true;
              while (!released) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            });
          } catch (const service::Overloaded&) {
          }
        }
      });
      while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void wait_for_queue(std::size_t n) {
      while (writer.waiting() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void release() {
      released = true;
      if (thread.joinable()) thread.join();
    }
    ~Holder() { release(); }
  };
  static Writer::Job add_unit(const std::string& id) {
    return [id](storage::Database& db) { db.add_unit({id, "Unit " + id, "organization"}); };
  }
  std::vector<std::string> unit_ids() {
    std::vector<std::string> ids;
    for (auto& u : reader.units()) ids.push_back(u.id);
    return ids;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(writer)

BOOST_AUTO_TEST_CASE(writes_that_wait_together_are_committed_in_one_transaction) {
  WriterWorld w;
  const int clients = 24;
  WriterWorld::Holder holder(*w.writer);
  std::vector<std::thread> others;
  for (int i = 0; i < clients; ++i) others.emplace_back([&, i] { w.writer->run(WriterWorld::add_unit("u" + std::to_string(100 + i))); });
  holder.wait_for_queue(clients);
  BOOST_TEST(w.unit_ids().empty());  // nothing is in the file while they wait
  holder.release();
  for (auto& t : others) t.join();
  BOOST_TEST(w.unit_ids().size() == static_cast<std::size_t>(clients));  // every acknowledged write is there
  Writer::Stats stats = w.writer->stats();
  BOOST_TEST(stats.jobs == static_cast<std::uint64_t>(clients + 1));
  BOOST_TEST(stats.groups == 2u);  // the holder's, then all the others' in one
}

BOOST_AUTO_TEST_CASE(a_job_that_fails_undoes_only_its_own_writes) {
  WriterWorld w;
  WriterWorld::Holder holder(*w.writer);
  std::thread a([&] { w.writer->run(WriterWorld::add_unit("a")); });
  holder.wait_for_queue(1);
  std::atomic<bool> failed{false};
  std::thread b([&] {
    try {
      w.writer->run([](storage::Database& db) {
        db.add_unit({"b", "Unit b", "organization"});
        throw std::runtime_error("this request is refused half-way");
      });
    } catch (const std::runtime_error& e) {
      failed = std::string(e.what()) == "this request is refused half-way";
    }
  });
  holder.wait_for_queue(2);
  std::thread c([&] { w.writer->run(WriterWorld::add_unit("c")); });
  holder.wait_for_queue(3);
  holder.release();
  for (auto* t : {&a, &b, &c}) t->join();
  BOOST_TEST(failed.load());  // the job's own exception came back to its caller
  BOOST_TEST(w.unit_ids() == (std::vector<std::string>{"a", "c"}));
  BOOST_TEST(w.writer->stats().groups == 2u);  // b failed inside the group of a and c
}

BOOST_AUTO_TEST_CASE(a_full_queue_is_refused_before_anything_runs) {
  service::WriterLimits limits;
  limits.queue = 2;
  WriterWorld w(limits);
  WriterWorld::Holder holder(*w.writer);
  std::vector<std::thread> queued;
  for (int i = 0; i < 2; ++i) queued.emplace_back([&, i] { w.writer->run(WriterWorld::add_unit("q" + std::to_string(i))); });
  holder.wait_for_queue(2);
  bool ran = false;
  BOOST_CHECK_THROW(w.writer->run([&](storage::Database&) { ran = true; }), service::Overloaded);
  holder.release();
  for (auto& t : queued) t.join();
  BOOST_TEST(!ran);
  BOOST_TEST(w.unit_ids().size() == 2u);  // the two that fitted
}

BOOST_AUTO_TEST_CASE(a_job_that_waited_too_long_is_not_run) {
  service::WriterLimits limits;
  limits.wait = std::chrono::milliseconds(1);
  WriterWorld w(limits);
  WriterWorld::Holder holder(*w.writer);
  std::atomic<bool> ran{false}, refused{false};
  std::thread late([&] {
    try {
      w.writer->run([&](storage::Database&) { ran = true; });
    } catch (const service::Overloaded&) {
      refused = true;
    }
  });
  holder.wait_for_queue(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // longer than the 1 ms it may wait
  holder.release();
  late.join();
  BOOST_TEST(refused.load());
  BOOST_TEST(!ran.load());
}

BOOST_AUTO_TEST_CASE(a_group_that_cannot_commit_acknowledges_nothing) {
  WriterWorld w({}, 50);
  storage::Database other = storage::Database::open(w.path);
  {
    auto lock = other.write();  // another process holds the write lock past the writer's busy timeout
    bool ran = false;
    BOOST_CHECK_THROW(w.writer->run([&](storage::Database& db) {
      ran = true;
      db.add_unit({"x", "Unit x", "organization"});
    }),
                      storage::Busy);
    BOOST_TEST(!ran);
  }
  w.writer->run(WriterWorld::add_unit("y"));  // the lock released, the writer goes on
  BOOST_TEST(w.unit_ids() == (std::vector<std::string>{"y"}));
}

BOOST_AUTO_TEST_CASE(a_job_speaks_the_language_of_its_request) {
  WriterWorld w;
  text::Language seen = text::Language::en;
  {
    text::Scope russian(text::Language::ru);
    w.writer->run([&](storage::Database&) { seen = text::current(); });
  }
  BOOST_TEST((seen == text::Language::ru));
}

BOOST_AUTO_TEST_SUITE_END()
