// A small region in a temporary database for the workflow, status and completeness tests:
// four levels on the Tomsk route, the Regulation's deadlines (2.4), and a unit that moves.
//
//   dep  <- ctr <- p1 <- o1 (submits q), o2 (q and other), o3 (q; under p2 until 2021-06-30)
//               <- p2 <- o3 until 2021-06-30
//   q, other: quarterly, by organization; h: half-yearly, by platform; case: a record per family.
#pragma once

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/workflow.hpp"
#include "temp_folder.hpp"

namespace mera::test {

inline const char* kWorkflowModel = R"(model t "T" { effective 2021-01-01 }
level organization "Организация"
level platform "Площадка"
level center "Центр"
level department "Департамент"
route organization -> platform -> center -> department
form q "Квартальная" {
  period quarter
  by organization
  field families int >= 0 "Семьи"
}
form other "Другая" {
  period quarter
  by organization
  field n int >= 0 "N"
}
form case "Случай" {
  record per family_id
  by organization
  field family_id text required "Семья"
}
form h "Полугодовая" {
  period half_year
  by platform
  field note text "Текст"
}
deadline q organization -> platform {
  quarter: day 5 of next month
  Q4:      January 10
}
deadline other organization -> platform {
  quarter: day 5 of next month
  Q4:      January 10
}
deadline q platform -> center {
  quarter: day 15 of next month
  Q4:      January 25
}
deadline h platform -> center {
  half_year: day 15 of next month
  H2:        January 25
}
deadline h center -> department {
  half_year: day 30 of next month
  H2:        February 10
}
)";

inline const char* kWorkflowUnits = R"(id,name,level,parent,from,to,forms
dep,Департамент,department,,2021-01-01,,
ctr,Центр,center,dep,2021-01-01,,
p1,Площадка 1,platform,ctr,2021-01-01,,
p2,Площадка 2,platform,ctr,2021-01-01,,
o1,Организация 1,organization,p1,2021-01-01,,q
o2,Организация 2,organization,p1,2021-01-01,,q other
o3,Организация 3,organization,p2,2021-01-01,2021-06-30,q
o3,Организация 3,organization,p1,2021-07-01,,q
)";

// The time the tests run at, as far as mera knows: later than every date they use.
inline const std::string kNow = "2026-01-01T00:00:00Z";

struct WorkflowDb {
  TempFolder folder{"mera-workflow"};  // declared first: removed after the database is closed
  std::filesystem::path dir = write_model(folder.path());
  std::string path = (dir / "t.db").string();
  storage::Database db = make_db();

  // Submits one report (a correction with `correct`); returns the id of the version stored.
  std::int64_t submit(const std::string& form, const std::string& unit, const std::string& period, const std::string& at,
                      bool correct = false, const std::string& values = R"({"families": 10})") {
    std::string line = R"({"form": ")" + form + R"(", "unit": ")" + unit + R"(", "period": ")" + period + R"(", "submitted_at": ")" + at +
                       R"(", "values": )" + values + "}\n";
    auto file = std::make_shared<dsl::SourceFile>("s.jsonl", line);
    engine::FileReport report = engine::submit_file(db, file, {"clerk", correct, kNow});
    BOOST_REQUIRE_MESSAGE(!report.refused, dsl::render(report.diags));
    return db.current(form, unit, period, "")->id;
  }

  engine::ReviewOutcome step(engine::ReviewAction action, std::int64_t id, const std::string& as, const std::string& at,
                             const std::string& reason = {}) {
    engine::ReviewRequest r;
    r.action = action;
    r.submission = id;
    r.as = as;
    r.at = at;
    r.reason = reason;
    r.user = "reviewer";
    return engine::review(db, r, kNow);
  }
  engine::ReviewOutcome accept(std::int64_t id, const std::string& as, const std::string& at = {}) {
    return step(engine::ReviewAction::accept, id, as, at);
  }
  engine::ReviewOutcome give_back(std::int64_t id, const std::string& as, const std::string& reason, const std::string& at = {}) {
    return step(engine::ReviewAction::return_for_correction, id, as, at, reason);
  }
  engine::ReviewOutcome forward(const std::string& form, const std::string& period, const std::string& as, const std::string& at) {
    engine::ReviewRequest r;
    r.action = engine::ReviewAction::forward;
    r.form = form;
    r.period = period;
    r.as = as;
    r.at = at;
    r.user = "reviewer";
    return engine::review(db, r, kNow);
  }

 private:
  static std::filesystem::path write_model(const std::filesystem::path& d) {
    std::filesystem::create_directories(d / "model");
    std::ofstream(d / "model" / "model.mera") << kWorkflowModel;
    std::ofstream(d / "model" / "units.csv") << kWorkflowUnits;
    return d;
  }
  storage::Database make_db() {
    auto init = engine::init_database(path, (dir / "model").string(), "admin", "2021-01-01T00:00:00Z");
    BOOST_REQUIRE_MESSAGE(init.created, dsl::render(init.diags));
    return storage::Database::open(path);
  }
};

}  // namespace mera::test
