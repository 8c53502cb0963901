// Internal to the diagnostics library: the character columns and source-line
// text that the human and JSON renderers share.
#ifndef HEMATITE_FRONTEND_DIAGNOSTICS_RENDER_UTIL_H
#define HEMATITE_FRONTEND_DIAGNOSTICS_RENDER_UTIL_H

#include <cstdint>
#include <string>
#include <string_view>

#include "frontend/source/source_manager.h"

namespace hematite::diag_detail {

// Number of UTF-8 code points in `s` (continuation bytes are not counted).
uint32_t charCount(std::string_view s);

// Where a byte offset is: 1-based line, 1-based column in characters (as rustc),
// the byte offset clamped to the buffer.
struct CharPos {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t offset = 0;
};
CharPos charPos(const SourceBuffer& buf, uint32_t offset);

}  // namespace hematite::diag_detail

#endif
