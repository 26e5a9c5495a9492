// Lua that used to hang mera, in each of the three places a chunk runs: a lua block when the
// model is loaded (`mera check`), a function behind an indicator (`mera eval`) and one behind a
// form's check (`mera submit`). Each mera runs as a child process under a deadline: a child that
// has not finished by then is killed and the test fails, instead of hanging with it.
#define BOOST_TEST_MODULE mera_lua_bounds
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "process_util.hpp"

using namespace mera::test;

namespace {

constexpr auto kDeadline = std::chrono::seconds(30);  // each run below takes a few seconds at most

struct Timed {
  bool finished = false;
  int exit = -1;
  std::string output;
};

// `mera ARGS...`, killed if it has not finished by kDeadline.
Timed run_timed(const std::vector<std::string>& args, const TempDir& dir) {
  std::string out = dir / "output.txt";
  pid_t pid = spawn(args, out);
  Timed t;
  auto give_up = std::chrono::steady_clock::now() + kDeadline;
  int status = 0;
  while (std::chrono::steady_clock::now() < give_up) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      t.finished = true;
      t.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!t.finished) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  t.output = slurp(out);
  return t;
}

// A shape of hostile Lua: its code, run once, and part of the message it must end in.
struct Shape {
  const char* name;
  const char* code;
  const char* message;
};

const Shape kShapes[] = {
    // A finalizer that loops: Lua runs no hooks inside finalizers, and lua_close runs them at exit.
    {"finalizer", "setmetatable({}, {__gc = function() while true do end end})", "a metatable with __gc is refused"},
    // Backtracking in C, where no hook runs: 3000^4 steps.
    {"backtracking", "string.find(string.rep('a', 3000), '.-.-.-.-b')", "this search could take very long"},
    // A pcall loop at the memory cap: each failed allocation is a full collection.
    {"memory_in_pcall",
     "local t = {} while pcall(function() t[#t + 1] = string.rep(string.rep('x', 1024), 1024) end) do end "
     "while true do pcall(function() return {} end) end",
     "memory limit (64 MiB)"},
    // table.move counts to the end in C, nil or not.
    {"endless_move", "table.move({}, 1, 1e15, 1)", "a lua block moves at most"},
    // string.rep of nothing still counts to n in C.
    {"empty_rep", "if #string.rep('', 1e15) ~= 0 then error('a non-empty nothing') end error('rep of nothing is empty')",
     "rep of nothing is empty"},
};

const char* kHeader = R"(model bounds "Границы Lua" {
  effective 2021-01-01
}

level organization "Организация"
level region "Область"
route organization -> region

)";

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A model folder whose blocks or functions are the shapes, with one organization.
std::string model_folder(const TempDir& dir, const std::string& body) {
  std::string folder = dir / "model";
  fs::create_directories(folder);
  write(folder + "/model.mera", kHeader + body);
  write(folder + "/units.csv", "id,name,level,parent,from,to\nregion,Область,region,,2021-01-01,\norg1,Организация 1,organization,region,2021-01-01,\n");
  return folder;
}

// Every shape as a function of the form or indicators: `shape_NAME(x)` runs the code, then gives x.
std::string functions() {
  std::string lua = "lua [[\n";
  for (const auto& s : kShapes) lua += std::string("  function shape_") + s.name + "(x) " + s.code + " return x end\n";
  return lua + "]]\n";
}

void expect_every_message(const Timed& run, int exit) {
  BOOST_TEST(run.finished, "mera was still running after " << kDeadline.count() << " s: " << run.output);
  BOOST_TEST(run.exit == exit, run.output);
  for (const auto& s : kShapes) BOOST_TEST(run.output.find(s.message) != std::string::npos, s.name << " in:\n" << run.output);
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_ends_every_block) {
  TempDir dir;
  std::string body;
  for (const auto& s : kShapes) body += std::string("lua [[\n  ") + s.code + "\n]]\n";
  Timed check = run_timed({"check", model_folder(dir, body)}, dir);
  expect_every_message(check, 1);
}

BOOST_AUTO_TEST_CASE(eval_ends_every_indicator) {
  TempDir dir;
  std::string body = "form numbers \"Числа\" {\n  period quarter\n  by organization\n  field count int >= 0 \"Число\"\n}\n\n" + functions();
  for (const auto& s : kShapes)
    body += std::string("\nindicator ") + s.name + " \"" + s.name + "\" {\n  value = shape_" + s.name + "(sum(numbers.count))\n}\n";
  std::string folder = model_folder(dir, body);
  std::string db = dir / "bounds.db";
  Timed init = run_timed({"init", "--db", db, folder}, dir);
  BOOST_REQUIRE_MESSAGE(init.finished && init.exit == 0, init.output);
  write(dir / "numbers.jsonl", R"({"form": "numbers", "unit": "org1", "period": "2021Q1", "values": {"count": 21}})" "\n");
  Timed submit = run_timed({"submit", "--db", db, dir / "numbers.jsonl"}, dir);
  BOOST_REQUIRE_MESSAGE(submit.finished && submit.exit == 0, submit.output);
  expect_every_message(run_timed({"eval", "--db", db, "--unit", "org1", "--period", "2021Q1"}, dir), 1);
}

BOOST_AUTO_TEST_CASE(submit_ends_every_check_and_stores_nothing) {
  TempDir dir;
  std::string body = "form numbers \"Числа\" {\n  period quarter\n  by organization\n  field count int >= 0 \"Число\"\n";
  for (const auto& s : kShapes) body += std::string("  check shape_") + s.name + "(count) >= 0 \"" + s.name + "\"\n";
  body += "}\n\n" + functions();
  std::string folder = model_folder(dir, body);
  std::string db = dir / "bounds.db";
  Timed init = run_timed({"init", "--db", db, folder}, dir);
  BOOST_REQUIRE_MESSAGE(init.finished && init.exit == 0, init.output);
  write(dir / "numbers.jsonl", R"({"form": "numbers", "unit": "org1", "period": "2021Q1", "values": {"count": 21}})" "\n");
  Timed submit = run_timed({"submit", "--db", db, dir / "numbers.jsonl"}, dir);
  expect_every_message(submit, 1);
  BOOST_TEST(submit.output.find("nothing of this file was stored") != std::string::npos, submit.output);
}
