// libFuzzer target: any bytes as a units.csv imported into a database made from examples/tomsk
// (which already holds the Tomsk unit tree), inside a transaction that is rolled back after
// each input. The oracle: a table that was imported once imports again as nothing new (no unit
// or membership added or ended, not refused): what was stored reads back as what was asked.
// Build and run: see docs/fuzzing.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "mera/engine/units_import.hpp"
#include "tomsk.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mera;
  storage::Database& db = fuzz::tomsk_database();
  auto table = std::make_shared<dsl::SourceFile>("units.csv", std::string(reinterpret_cast<const char*>(data), size));
  storage::Transaction tx = db.write();  // never committed: rolled back when it goes
  engine::UnitsReport first = engine::import_units_in(db, *table, *fuzz::tomsk().model, "fuzz", fuzz::kNow);
  (void)dsl::render(first.diags);
  if (first.refused) return 0;
  engine::UnitsReport again = engine::import_units_in(db, *table, *fuzz::tomsk().model, "fuzz", fuzz::kNow);
  if (again.refused || again.units_added || again.memberships_added || again.memberships_closed) {
    std::fprintf(stderr, "fuzz: a units table imported twice changed the tree the second time (%zu units, %zu added, %zu ended)\n%s",
                 again.units_added, again.memberships_added, again.memberships_closed, dsl::render(again.diags).c_str());
    std::abort();
  }
  return 0;
}
