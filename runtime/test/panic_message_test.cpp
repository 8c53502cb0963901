// Panic messages must read exactly as Rust prints them: the expected strings are what
// rustc's `format!` (and assert_eq!'s panic) print for the same values.
#include "panic_message.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace hm::rt {
namespace {

using T = PanicValueType;

uint64_t bits_of(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

// f32 in the low half, as the device stores it; the high half must be ignored.
uint64_t bits_of(float value, uint32_t high = 0) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return uint64_t{high} << 32 | bits;
}

std::string display(T type, uint64_t bits) { return format_panic_value(type, bits, false); }
std::string debug(T type, uint64_t bits) { return format_panic_value(type, bits, true); }

TEST(PanicValue, SignedIntegersAreSignExtended) {
  EXPECT_EQ(display(T::kI8, 0xFFFFFFFFFFFFFFFBull), "-5");
  EXPECT_EQ(display(T::kI8, 0x7F), "127");
  EXPECT_EQ(display(T::kI8, 0xFFFFFFFFFFFFFF80ull), "-128");
  EXPECT_EQ(display(T::kI16, 0xFFFFFFFFFFFF8000ull), "-32768");
  EXPECT_EQ(display(T::kI32, 0xFFFFFFFF80000000ull), "-2147483648");
  EXPECT_EQ(display(T::kI64, 0x8000000000000000ull), "-9223372036854775808");
  EXPECT_EQ(display(T::kI64, 120), "120");
  EXPECT_EQ(debug(T::kI32, static_cast<uint64_t>(-1)), "-1");  // Debug == Display
}

TEST(PanicValue, UnsignedIntegers) {
  EXPECT_EQ(display(T::kU8, 255), "255");
  EXPECT_EQ(display(T::kU16, 65535), "65535");
  EXPECT_EQ(display(T::kU32, 4294967295u), "4294967295");
  EXPECT_EQ(display(T::kU64, UINT64_MAX), "18446744073709551615");
  EXPECT_EQ(debug(T::kU64, 0), "0");
}

TEST(PanicValue, Bool) {
  EXPECT_EQ(display(T::kBool, 1), "true");
  EXPECT_EQ(display(T::kBool, 0), "false");
  EXPECT_EQ(debug(T::kBool, 1), "true");
}

TEST(PanicValue, FloatDisplayIsShortestWithoutExponent) {
  EXPECT_EQ(display(T::kF64, bits_of(1.0)), "1");
  EXPECT_EQ(display(T::kF64, bits_of(0.1)), "0.1");
  EXPECT_EQ(display(T::kF64, bits_of(-2.5)), "-2.5");
  EXPECT_EQ(display(T::kF64, bits_of(1e20)), "100000000000000000000");
  EXPECT_EQ(display(T::kF64, bits_of(1.5e-7)), "0.00000015");
  EXPECT_EQ(display(T::kF64, bits_of(0.0)), "0");
  EXPECT_EQ(display(T::kF64, bits_of(-0.0)), "-0");
  EXPECT_EQ(display(T::kF64, bits_of(std::numeric_limits<double>::quiet_NaN())), "NaN");
  EXPECT_EQ(display(T::kF64, bits_of(std::numeric_limits<double>::infinity())), "inf");
  EXPECT_EQ(display(T::kF64, bits_of(-std::numeric_limits<double>::infinity())), "-inf");
  EXPECT_EQ(display(T::kF64, bits_of(1e16)), "10000000000000000");
  EXPECT_EQ(display(T::kF64, bits_of(123456.789)), "123456.789");
  // Shortest digits padded with zeros, not the exact binary value (99999999999999991611392).
  EXPECT_EQ(display(T::kF64, bits_of(1e23)), "100000000000000000000000");
  EXPECT_EQ(display(T::kF64, bits_of(5e-324)),
            "0." + std::string(323, '0') + "5");
}

TEST(PanicValue, FloatDebug) {
  EXPECT_EQ(debug(T::kF64, bits_of(1.0)), "1.0");
  EXPECT_EQ(debug(T::kF64, bits_of(-0.0)), "-0.0");
  EXPECT_EQ(debug(T::kF64, bits_of(0.0)), "0.0");
  EXPECT_EQ(debug(T::kF64, bits_of(0.1)), "0.1");
  EXPECT_EQ(debug(T::kF64, bits_of(0.0001)), "0.0001");  // 1e-4 itself: decimal
  EXPECT_EQ(debug(T::kF64, bits_of(1e15)), "1000000000000000.0");
  EXPECT_EQ(debug(T::kF64, bits_of(1e16)), "1e16");
  EXPECT_EQ(debug(T::kF64, bits_of(1.5e-5)), "1.5e-5");
  EXPECT_EQ(debug(T::kF64, bits_of(1e-7)), "1e-7");
  EXPECT_EQ(debug(T::kF64, bits_of(-1.25e300)), "-1.25e300");
  EXPECT_EQ(debug(T::kF64, bits_of(5e-324)), "5e-324");
  EXPECT_EQ(debug(T::kF64, bits_of(std::numeric_limits<double>::quiet_NaN())), "NaN");
  EXPECT_EQ(debug(T::kF64, bits_of(std::numeric_limits<double>::infinity())), "inf");
  EXPECT_EQ(debug(T::kF64, bits_of(-std::numeric_limits<double>::infinity())), "-inf");
}

TEST(PanicValue, TiesBetweenShortestCandidatesRoundUpAsInRust) {
  // Exactly halfway between 4376.6562 and 4376.6563: Rust prints the upper one
  // (std::to_chars, the even one).
  EXPECT_EQ(display(T::kF32, bits_of(4376.65625f)), "4376.6563");
  EXPECT_EQ(debug(T::kF32, bits_of(-522429.125f)), "-522429.13");
  EXPECT_EQ(display(T::kF64, bits_of(185922073149076.625)), "185922073149076.63");
}

TEST(PanicValue, F32IsFormattedAsF32) {
  EXPECT_EQ(display(T::kF32, bits_of(0.1f)), "0.1");  // not 0.10000000149011612
  EXPECT_EQ(debug(T::kF32, bits_of(0.1f)), "0.1");
  EXPECT_EQ(display(T::kF32, bits_of(1.0f, 0xDEADBEEF)), "1");  // high half ignored
  EXPECT_EQ(debug(T::kF32, bits_of(1.0f)), "1.0");
  EXPECT_EQ(display(T::kF32, bits_of(1e20f)), "100000000000000000000");
  EXPECT_EQ(debug(T::kF32, bits_of(1e16f)), "1e16");
  EXPECT_EQ(debug(T::kF32, bits_of(1.5e-5f)), "1.5e-5");
  EXPECT_EQ(display(T::kF32, bits_of(16777216.0f)), "16777216");
  EXPECT_EQ(display(T::kF32, bits_of(-std::numeric_limits<float>::infinity())), "-inf");
  EXPECT_EQ(display(T::kF32, bits_of(std::numeric_limits<float>::quiet_NaN())), "NaN");
}

PanicSite site(std::string message, std::vector<PanicValueType> types) {
  PanicSite s;
  s.site = 1;
  s.kernel = "gather";
  s.file = "kernels/gather.rs";
  s.line = 7;
  s.column = 13;
  s.types = std::move(types);
  s.message = std::move(message);
  return s;
}

TEST(PanicMessage, BoundsCheck) {
  const uint64_t values[8] = {100, 120};
  EXPECT_EQ(format_panic_message(
                site("index out of bounds: the len is {} but the index is {}", {T::kU64, T::kU64}),
                values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\n"
            "index out of bounds: the len is 100 but the index is 120");
}

TEST(PanicMessage, AssertEqIsMultiLineDebug) {
  const uint64_t values[8] = {bits_of(1.0), bits_of(2.5)};
  EXPECT_EQ(format_panic_message(
                site("assertion `left == right` failed\n  left: {:?}\n right: {:?}",
                     {T::kF64, T::kF64}),
                values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\n"
            "assertion `left == right` failed\n  left: 1.0\n right: 2.5");
}

TEST(PanicMessage, EscapedBracesAndNoValues) {
  const uint64_t values[8] = {};
  EXPECT_EQ(format_panic_message(site("{{x}} is {{}}", {}), values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\n{x} is {}");
  EXPECT_EQ(format_panic_message(site("attempt to divide by zero", {}), values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\nattempt to divide by zero");
}

TEST(PanicMessage, EightValuesOfMixedTypes) {
  const uint64_t values[8] = {0xFFFFFFFFFFFFFFFBull, 7, 1, bits_of(0.5f), bits_of(3.0),
                              0xFFFF, 0xFFFFFFFFFFFFFFFFull, 42};
  EXPECT_EQ(format_panic_message(
                site("{} {} {} {:?} {:?} {} {} {}",
                     {T::kI8, T::kU32, T::kBool, T::kF32, T::kF64, T::kU16, T::kI64, T::kU8}),
                values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\n"
            "-5 7 true 0.5 3.0 65535 -1 42");
}

TEST(PanicMessage, MismatchedTemplatesDoNotCrash) {
  const uint64_t values[8] = {1};
  // More holes than types (the parser refuses these; the formatter still copes).
  EXPECT_EQ(format_panic_message(site("{} and {:?}", {T::kU32}), values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\n1 and {:?}");
  EXPECT_EQ(format_panic_message(site("lone { brace", {}), values),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\nlone { brace");
}

TEST(PanicMessage, TemplateSplitting) {
  std::vector<MessagePiece> pieces;
  std::string error;
  ASSERT_TRUE(split_message_template("a {{ {} b {:?}}}", &pieces, &error));
  ASSERT_EQ(pieces.size(), 5u);
  EXPECT_EQ(pieces[0].text, "a { ");
  EXPECT_EQ(pieces[1].kind, MessagePiece::kDisplay);
  EXPECT_EQ(pieces[2].text, " b ");
  EXPECT_EQ(pieces[3].kind, MessagePiece::kDebug);
  EXPECT_EQ(pieces[4].text, "}");  // `}}` right after a hole
  EXPECT_FALSE(split_message_template("{0}", &pieces, &error));
  EXPECT_FALSE(split_message_template("{:x}", &pieces, &error));
  EXPECT_FALSE(split_message_template("}", &pieces, &error));
  EXPECT_FALSE(split_message_template("{", &pieces, &error));
  EXPECT_NE(error.find("byte 0"), std::string::npos) << error;
}

TEST(PanicMessage, UnknownSite) {
  PanicRecord record;
  record.flag = 1;
  record.site = 9;
  EXPECT_EQ(describe_panic(record, nullptr), "kernel panicked (site 9, no metadata)");
  ModuleMetadata metadata;
  metadata.panics.push_back(site("boom", {}));
  EXPECT_EQ(describe_panic(record, &metadata), "kernel panicked (site 9, no metadata)");
  record.site = 1;
  EXPECT_EQ(describe_panic(record, &metadata),
            "kernel 'gather' panicked at kernels/gather.rs:7:13:\nboom");
}

}  // namespace
}  // namespace hm::rt
