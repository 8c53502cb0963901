// Errors inside the runtime: every fallible function returns hm_status and, on failure,
// records a message for hm_last_error() through fail(). The message says what failed
// and why, in words a user can act on.
#pragma once

#include <sstream>
#include <string>
#include <utility>

#include "hematite/runtime.h"

namespace hm::rt {

// Records `message` as this thread's last error and returns `code`.
hm_status fail(hm_status code, const std::string& message);

// The thread's last error message ("" if none).
const char* last_error_message();

// Builds a message from pieces: str("buffer of ", n, " bytes").
template <typename... Pieces>
std::string str(Pieces&&... pieces) {
  std::ostringstream out;
  (out << ... << std::forward<Pieces>(pieces));
  return out.str();
}

}  // namespace hm::rt

// Returns early from the enclosing function when `expr` fails (its message is kept).
#define HM_TRY(expr)                         \
  do {                                       \
    hm_status hm_try_status_ = (expr);       \
    if (hm_try_status_ != HM_SUCCESS)        \
      return hm_try_status_;                 \
  } while (0)
