// Device panics: the panic record the device writes (docs/abi.md, "Device panics") and
// the message the host reports for it, formatted exactly as Rust would print the panic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "module_metadata.h"

namespace hm::rt {

// The PTX/cubin/hsaco global holding a module's record.
constexpr const char* kPanicGlobal = "hematite_panic";

struct PanicRecord {
  uint32_t flag = 0;  // 0 while no thread has panicked
  uint32_t site = 0;  // a `panic` line of the metadata
  // Integers sign- or zero-extended, f32 bits in the low half, f64 bits, bool 0/1.
  uint64_t values[kMaxPanicValues] = {};
};
constexpr size_t kPanicRecordBytes = 72;
static_assert(sizeof(PanicRecord) == kPanicRecordBytes, "the record's layout is the ABI's");

// A message template split into literal text and holes.
struct MessagePiece {
  enum Kind { kText, kDisplay, kDebug };
  Kind kind = kText;
  std::string text;  // kText only; `{{` and `}}` already turned into single braces
};

// Splits Rust's format string: `{}`, `{:?}`, `{{`, `}}`. Any other use of a brace is
// malformed: returns false and says why in `error`.
bool split_message_template(std::string_view message, std::vector<MessagePiece>* out,
                            std::string* error);

// One value as Rust's Display (`{}`) or Debug (`{:?}`) prints it; `bits` is the
// record's 64-bit slot.
std::string format_panic_value(PanicValueType type, uint64_t bits, bool debug);

// "kernel 'NAME' panicked at FILE:LINE:COL:\nMESSAGE" with the holes filled from
// `values` (kMaxPanicValues of them).
std::string format_panic_message(const PanicSite& site, const uint64_t* values);

// The message for a set record: its site's message if `metadata` (may be null) has
// the site, else "kernel panicked (site N, no metadata)".
std::string describe_panic(const PanicRecord& record, const ModuleMetadata* metadata);

}  // namespace hm::rt
