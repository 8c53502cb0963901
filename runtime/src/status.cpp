#include "status.h"

namespace hm::rt {
namespace {
// Per thread, as errno: two threads failing at once keep their own messages.
thread_local std::string t_last_error;
}  // namespace

hm_status fail(hm_status code, const std::string& message) {
  t_last_error = message;
  return code;
}

const char* last_error_message() { return t_last_error.c_str(); }

}  // namespace hm::rt
