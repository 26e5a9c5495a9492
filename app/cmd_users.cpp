// mera users add|list|disable|passwd --db DB: the accounts of `mera serve`. A password is read
// from standard input (one line; at a terminal, asked for twice without echo), never from the
// command line, where other users of the machine and the shell's history would see it.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "mera/service/accounts.hpp"

namespace mera::app {
namespace {

std::string read_line_quietly(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << '\n';
  }
  return line;
}

// One line of standard input; at a terminal, typed twice so that a typo does not lock anyone out.
std::string read_password() {
  if (!::isatty(STDIN_FILENO)) {
    std::string line;
    if (!std::getline(std::cin, line)) throw std::invalid_argument("no password on standard input: give it as one line, such as "
                                                                   "printf '%s\\n' \"$PASSWORD\" | mera users add ...");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  std::string first = read_line_quietly("password: ");
  std::string second = read_line_quietly("the same password again: ");
  if (first != second) throw std::invalid_argument("the two passwords differ; nothing was changed, run the command again");
  return first;
}

int refused(const std::exception& e) {
  std::cerr << "mera: error: " << e.what() << '\n';
  return failure;
}

}  // namespace

int run_users(const UsersArgs& args, const std::string& user) {
  // What was typed is checked before the database is opened or a password asked for.
  if (args.action == "add" && !service::role_from(args.role))
    return refused(std::invalid_argument(fmt::format("--role {}: a role is one of {}", args.role, service::role_list())));
  if (args.action != "list")
    if (auto why = service::login_problem(args.login); !why.empty()) return refused(std::invalid_argument(why));
  storage::Database db = storage::Database::open(args.db);
  std::string who = user + " (command line)";
  try {
    if (args.action == "add") {
      service::add_account(db, args.login, args.unit, *service::role_from(args.role), read_password(), who);
      std::cout << fmt::format("account {} added: {} of {}\n", args.login, args.role, args.unit);
    } else if (args.action == "passwd") {
      service::set_password(db, args.login, read_password(), who);
      std::cout << fmt::format("password of {} changed; its sessions were ended\n", args.login);
    } else if (args.action == "disable") {
      int ended = service::disable_account(db, args.login, who);
      std::cout << fmt::format("account {} disabled; {} sessions ended\n", args.login, ended);
    } else {
      std::cout << fmt::format("{:<20}  {:<14}  {:<22}  {}\n", "login", "role", "unit", "state");
      for (const auto& a : db.accounts())
        std::cout << fmt::format("{:<20}  {:<14}  {:<22}  {}\n", a.login, a.role, a.unit,
                                 a.disabled_at.empty() ? "active" : "disabled at " + a.disabled_at);
    }
  } catch (const std::invalid_argument& e) {
    return refused(e);
  } catch (const storage::Busy&) {
    throw;
  } catch (const storage::Error& e) {
    return refused(e);
  }
  return ok;
}

}  // namespace mera::app
