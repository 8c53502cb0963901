#include "panic_message.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

#include "status.h"

namespace hm::rt {
namespace {

template <typename Int>
std::string integer(uint64_t bits) {
  return std::to_string(static_cast<Int>(bits));  // keeps the low bits: 0xff..fb -> -5
}

// Splits to_chars' scientific form "-1.2345e-07" into its digits ("12345") and the
// exponent of the first digit (-7).
void split_scientific(const char* first, const char* last, std::string* digits,
                      int* exponent) {
  const char* e = std::find(first, last, 'e');
  digits->clear();
  for (const char* c = first; c != e; ++c)
    if (*c >= '0' && *c <= '9') *digits += *c;
  *exponent = 0;
  if (e == last) return;
  const char* exponent_text = e + 1;
  if (exponent_text != last && *exponent_text == '+') ++exponent_text;
  std::from_chars(exponent_text, last, *exponent);
}

// When the value lies exactly halfway between the two shortest candidates, Rust takes
// the one of larger magnitude (its Grisu and Dragon both round half up) where
// std::to_chars takes the even one: 4376.65625f32 is "4376.6563" in Rust.
template <typename Float>
void break_ties_upward(Float value, std::string* digits, int* exponent) {
  // The exact decimal expansion: a double has at most 767 significant digits.
  char exact_text[1100];
  char* end = std::to_chars(exact_text, exact_text + sizeof(exact_text), value,
                            std::chars_format::scientific, 800).ptr;
  std::string exact;
  int exact_exponent = 0;
  split_scientific(exact_text, end, &exact, &exact_exponent);
  const size_t n = digits->size();
  if (exact_exponent != *exponent || exact.size() <= n || exact[n] != '5' ||
      exact.find_first_not_of('0', n + 1) != std::string::npos ||
      exact.compare(0, n, *digits) != 0)
    return;  // not a tie, or to_chars already rounded up
  // Add one in the last place, carrying.
  size_t i = n;
  while (i > 0 && (*digits)[i - 1] == '9') (*digits)[--i] = '0';
  if (i == 0) {
    digits->insert(digits->begin(), '1');
    ++*exponent;
  } else {
    ++(*digits)[i - 1];
  }
  const size_t last = digits->find_last_not_of('0');
  digits->resize(last == std::string::npos ? 1 : last + 1);
}

// Rust's float formatting, from the shortest digits that read back as the same value
// (std::to_chars in scientific form without a precision; its fixed form would print
// 1e20f32 as its exact value, 100000002004087734272, where Rust pads the shortest
// digits with zeros). Display never uses an exponent ("100000000000000000000",
// "0.00000015") and drops a zero fraction ("1"); Debug keeps it ("1.0") and switches
// to exponent form ("1e16", "1.5e-5") for non-zero values below 1e-4 or from 1e16 on,
// comparing in the value's own type.
template <typename Float>
std::string floating(Float value, bool debug) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[64];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value,
                                                    std::chars_format::scientific);
  const bool negative = buffer[0] == '-';
  std::string digits;
  int exponent = 0;
  split_scientific(buffer, result.ptr, &digits, &exponent);
  if (value != 0) break_ties_upward(value, &digits, &exponent);

  std::string out = negative ? "-" : "";
  const Float magnitude = std::fabs(value);
  if (debug && ((magnitude != 0 && magnitude < Float(1e-4)) || magnitude >= Float(1e16))) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    return out + "e" + std::to_string(exponent);
  }
  if (exponent < 0) {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else {
    const size_t integer_digits = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= integer_digits) {
      out += digits + std::string(integer_digits - digits.size(), '0');
      if (debug) out += ".0";
    } else {
      out += digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
    }
  }
  return out;
}

}  // namespace

bool split_message_template(std::string_view message, std::vector<MessagePiece>* out,
                            std::string* error) {
  std::vector<MessagePiece> pieces;
  auto text = [&]() -> std::string& {
    if (pieces.empty() || pieces.back().kind != MessagePiece::kText)
      pieces.push_back(MessagePiece{});
    return pieces.back().text;
  };
  for (size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    const std::string_view rest = message.substr(i);
    if (c == '{' && rest.substr(0, 2) == "{{") {
      text() += '{';
      ++i;
    } else if (c == '}' && rest.substr(0, 2) == "}}") {
      text() += '}';
      ++i;
    } else if (c == '{' && rest.substr(0, 2) == "{}") {
      pieces.push_back(MessagePiece{MessagePiece::kDisplay, {}});
      ++i;
    } else if (c == '{' && rest.substr(0, 4) == "{:?}") {
      pieces.push_back(MessagePiece{MessagePiece::kDebug, {}});
      i += 3;
    } else if (c == '{' || c == '}') {
      *error = str("the message has a '", c, "' at byte ", i,
                   " that is neither a hole ({} or {:?}) nor an escaped brace ({{ or }})");
      return false;
    } else {
      text() += c;
    }
  }
  *out = std::move(pieces);
  return true;
}

std::string format_panic_value(PanicValueType type, uint64_t bits, bool debug) {
  switch (type) {
    case PanicValueType::kI8: return integer<int8_t>(bits);
    case PanicValueType::kI16: return integer<int16_t>(bits);
    case PanicValueType::kI32: return integer<int32_t>(bits);
    case PanicValueType::kI64: return integer<int64_t>(bits);
    case PanicValueType::kU8: return integer<uint8_t>(bits);
    case PanicValueType::kU16: return integer<uint16_t>(bits);
    case PanicValueType::kU32: return integer<uint32_t>(bits);
    case PanicValueType::kU64: return integer<uint64_t>(bits);
    case PanicValueType::kBool: return bits != 0 ? "true" : "false";
    case PanicValueType::kF32: {
      const uint32_t low = static_cast<uint32_t>(bits);
      float value;
      std::memcpy(&value, &low, sizeof(value));
      return floating(value, debug);
    }
    case PanicValueType::kF64: {
      double value;
      std::memcpy(&value, &bits, sizeof(value));
      return floating(value, debug);
    }
  }
  return "?";
}

std::string format_panic_message(const PanicSite& site, const uint64_t* values) {
  std::string message;
  std::vector<MessagePiece> pieces;
  std::string error;
  if (!split_message_template(site.message, &pieces, &error)) {
    message = site.message;  // not from the parser, which refuses these: print as is
  } else {
    size_t next = 0;
    for (const MessagePiece& piece : pieces) {
      if (piece.kind == MessagePiece::kText) {
        message += piece.text;
      } else if (next < site.types.size() && next < kMaxPanicValues) {
        message += format_panic_value(site.types[next], values[next],
                                      piece.kind == MessagePiece::kDebug);
        ++next;
      } else {
        message += piece.kind == MessagePiece::kDebug ? "{:?}" : "{}";  // no value for it
      }
    }
  }
  return str("kernel '", site.kernel, "' panicked at ", site.file, ":", site.line, ":",
             site.column, ":\n", message);
}

std::string describe_panic(const PanicRecord& record, const ModuleMetadata* metadata) {
  const PanicSite* site = metadata ? metadata->find_panic(record.site) : nullptr;
  if (site == nullptr) return str("kernel panicked (site ", record.site, ", no metadata)");
  return format_panic_message(*site, record.values);
}

}  // namespace hm::rt
