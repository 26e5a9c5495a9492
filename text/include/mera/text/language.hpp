// The language mera speaks to the person in front of it: English (the default, and the key of
// every message) or Russian. The CLI sets it once from the environment; the service sets it for
// each request from Accept-Language, on the thread that serves the request.
#pragma once

#include <optional>
#include <string_view>

namespace mera::text {

enum class Language { en, ru };

// The language of the calling thread: its Scope's if one is open, else the process default.
Language current();
// The process default (English until set): the CLI sets it from the environment at start.
void set_default(Language language);

// Sets the calling thread's language while it lives, then restores what was before. The
// service opens one per request, so a pool thread never carries the last request's language.
class Scope {
 public:
  explicit Scope(Language language);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  std::optional<Language> before_;
};

// The language an Accept-Language header asks for ("ru-RU,ru;q=0.9,en;q=0.8"): of the languages
// mera has, the one with the highest q (the first on a tie; `*` is English; q=0 refuses one).
// English when the header is absent, empty, or names none of them.
Language from_accept_language(std::string_view header);

// The language of the messages a POSIX program would use: the first set of LC_ALL, LC_MESSAGES
// and LANG decides; Russian when it starts with "ru" (ru_RU.UTF-8, ru), English otherwise.
Language from_environment();

}  // namespace mera::text
