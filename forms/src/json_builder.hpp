// The state of the JSON grammar's actions: the objects and arrays open at the moment (at most
// one submission deep), their members and items read so far, the decoded text of a string, and
// the submissions handed on. Everything that ends reading is thrown as a ReadError; what lets
// reading go on (a name given twice, a value that is no submission) goes to the diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json_errors.hpp"
#include "read_formats.hpp"

namespace mera::forms::json {

// Objects and arrays nest at most this deep within one submission: deeper input is an error,
// never a stack overflow.
inline constexpr std::size_t kMaxNesting = 64;

// A problem that ends reading the current input (the file, or one JSON line).
struct ReadError {
  std::size_t begin = 0, end = 0;  // byte offsets of what is wrong
  std::string message;
  std::size_t note_begin = 0, note_end = 0;  // where the note points, if `note` is not empty
  std::string note;
};

class Builder {
 public:
  // `file`, `diags` and `each` are null for parse_json: then spans point nowhere and every
  // problem is thrown.
  Builder(std::string_view text, const dsl::SourceFile* file, dsl::Diagnostics* diags, const EachSubmission* each);

  // How the input is read: where it begins (for messages about its end), whether it is one
  // line of a JSON lines file.
  void start(const char* input_begin, bool line_mode);
  void open_file_array(const char* at);  // the submissions are the elements of an array
  void reset();                          // after a ReadError, for the next line

  // Strings.
  void open_string(const char* at);
  void append(const char* begin, std::size_t size) {
    if (escaped_) buffer_.append(begin, size);
  }
  void open_escape(const char* backslash);
  void append_escaped(char code);
  void append_code_unit(const char* hex);       // "00e9"; a lone surrogate is an error
  void append_surrogate_pair(const char* hex);  // "D83D\uDE00"
  void key(const char* begin, const char* end);

  // Values: each goes where it belongs as soon as it is complete.
  void scalar(RawValue::Kind kind, const char* begin, const char* end);
  void open(RawValue::Kind kind, const char* at);
  void close(const char* end);  // an object's or an array's closing bracket has been read
  void submission();            // a submission has been read: check it and hand it on
  RawValue take_value() { return std::move(done_); }

  std::size_t count() const { return count_; }

  [[noreturn]] void syntax_error(const char* at, const char* input_end, const ErrorText& error) const;

 private:
  dsl::Span span(const char* begin, const char* end) const;
  std::size_t offset(const char* at) const { return static_cast<std::size_t>(at - text_.data()); }
  std::string_view string_text(const char* begin, const char* end) const;
  RawValue& new_value();
  void check_names(const RawMember* members, std::size_t n);
  void given_twice(const RawKey& again, const RawKey& first);
  void report(dsl::Span at, std::string message);
  bool fill(SubmissionInput& s, RawMember* members, std::size_t n);
  [[noreturn]] void fail(const char* begin, const char* end, std::string message) const;
  [[noreturn]] void string_error(const char* at, const char* input_end) const;
  [[noreturn]] void end_of_input(const char* at, const ErrorText& error) const;

  std::string_view text_;
  const dsl::SourceFile* file_;
  dsl::Diagnostics* diags_;
  const EachSubmission* each_;

  // The open objects and arrays, outermost first. Their members and items are kept one after
  // another in members_ and items_ (frames_ says where each one's begin): an object gets a
  // vector of its own, of the right size, only when it is closed. A member is added when its
  // name is read; its value is filled in when complete.
  std::vector<RawValue> open_;
  std::vector<std::size_t> frames_;
  std::vector<RawMember> members_;
  std::vector<RawValue> items_;
  RawValue done_;  // the outermost value, once complete
  // A submission object's members stay in members_ and go straight to the SubmissionInput.
  bool submission_members_ = false;

  std::string buffer_;  // the decoded text of the string being read, once it has an escape
  const char* string_begin_ = nullptr;
  bool escaped_ = false;
  const char* input_begin_ = nullptr;
  const char* file_array_ = nullptr;  // the '[' of an array of submissions
  bool line_mode_ = false;
  bool failed_ = false;    // the submission being read has an error reported already
  std::size_t index_ = 0;  // of the next element of an array of submissions
  std::size_t count_ = 0;
};

}  // namespace mera::forms::json
