// libFuzzer target: any bytes as a review file (form,unit,period,action,as,reason,user,at)
// applied to a database made from examples/tomsk with its 2021 reports, inside a transaction
// that is rolled back after each input. The model revisions are loaded once and shared by every
// input (as ReviewOptions allows), so an input costs its rows, not a model check. The oracle: a file that is not refused recorded every
// row it read, each as one workflow event, and its counts add up.
// Build and run: see docs/fuzzing.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "mera/engine/revisions.hpp"
#include "mera/engine/workflow.hpp"
#include "tomsk.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mera;
  storage::Database& db = fuzz::tomsk_database();
  static engine::Revisions revisions(db);  // the rollback below leaves them as they were
  auto file = std::make_shared<dsl::SourceFile>("reviews.csv", std::string(reinterpret_cast<const char*>(data), size));
  storage::Transaction tx = db.write();  // never committed: rolled back when it goes
  std::size_t events_before = db.workflow_events().size();
  engine::ReviewFileReport r = engine::review_file_in(db, file, {"fuzz", fuzz::kNow, &revisions});
  (void)dsl::render(r.diags);
  (void)engine::summary(r);
  if (r.refused) return 0;
  std::size_t events = db.workflow_events().size() - events_before;
  if (r.recorded != r.read || r.accepted + r.returned + r.forwarded != r.recorded || events != r.recorded) {
    std::fprintf(stderr, "fuzz: a review file of %zu rows recorded %zu (%zu accepted, %zu returned, %zu forwarded) as %zu events\n", r.read,
                 r.recorded, r.accepted, r.returned, r.forwarded, events);
    std::abort();
  }
  return 0;
}
