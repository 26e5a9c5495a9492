// mera users add|list|disable|passwd --db DB: the accounts of `mera serve`. A password is read
// from standard input (one line; at a terminal, asked for twice without echo), never from the
// command line, where other users of the machine and the shell's history would see it.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/service/accounts.hpp"
#include "mera/text/tr.hpp"

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
    if (!std::getline(std::cin, line)) throw std::invalid_argument(text::tr("no password on standard input: give it as one line, such as "
                                                                             "printf '%s\\n' \"$PASSWORD\" | mera users add ..."));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  std::string first = read_line_quietly((text::tr("password") + ": ").c_str());
  std::string second = read_line_quietly((text::tr("the same password again") + ": ").c_str());
  if (first != second) throw std::invalid_argument(text::tr("the two passwords differ; nothing was changed, run the command again"));
  return first;
}

int refused(const std::exception& e) {
  std::cerr << "mera: " << text::tr("error") << ": " << e.what() << '\n';
  return failure;
}

}  // namespace

int run_users(const UsersArgs& args, const std::string& user) {
  // What was typed is checked before the database is opened or a password asked for.
  if (args.action == "add" && !service::role_from(args.role))
    return refused(std::invalid_argument(text::tr("--role {}: a role is one of {}", args.role, service::role_list())));
  if (args.action != "list")
    if (auto why = service::login_problem(args.login); !why.empty()) return refused(std::invalid_argument(why));
  storage::Database db = storage::Database::open(args.db);
  std::string who = user + " (command line)";
  try {
    if (args.action == "add") {
      service::add_account(db, args.login, args.unit, *service::role_from(args.role), read_password(), who);
      std::cout << text::tr("account {} added: {} of {}", args.login, args.role, args.unit) << "\n";
    } else if (args.action == "passwd") {
      service::set_password(db, args.login, read_password(), who);
      std::cout << text::tr("password of {} changed; its sessions were ended", args.login) << "\n";
    } else if (args.action == "disable") {
      int ended = service::disable_account(db, args.login, who);
      std::cout << text::tr("account {} disabled; {} sessions ended", args.login, text::count(ended)) << "\n";
    } else {
      // Padded by characters, not bytes: the Russian headings are Cyrillic.
      auto row = [](const std::string& login, const std::string& role, const std::string& unit, const std::string& state) {
        return dsl::padded(login, 20) + "  " + dsl::padded(role, 14) + "  " + dsl::padded(unit, 22) + "  " + state + "\n";
      };
      std::cout << row(text::tr("login"), text::tr("role"), text::tr("unit"), text::tr("state"));
      for (const auto& a : db.accounts())
        std::cout << row(a.login, a.role, a.unit, a.disabled_at.empty() ? text::tr("active") : text::tr("disabled at {}", a.disabled_at));
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
