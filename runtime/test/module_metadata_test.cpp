#include "module_metadata.h"

#include <gtest/gtest.h>

#include <string>

#include "status.h"

namespace hm::rt {
namespace {

// The table as docs/abi.md shows it, with one kernel that can panic and one that cannot.
const char* const kGood =
    "hematite-metadata\t1\n"
    "kernel\tgather\t0\t0\t2\n"
    "kernel\treduce\t4096\t256\t-1\n"
    "panic\t1\tgather\tkernels/gather.rs\t7\t13\tu64,u64\t"
    "index out of bounds: the len is {} but the index is {}\n"
    "panic\t2\tgather\tkernels/gather.rs\t9\t5\tf32,f32\t"
    "assertion `left == right` failed\\n  left: {:?}\\n right: {:?}\n"
    "panic\t3\treduce\tkernels/reduce.rs\t3\t1\t\tback\\\\slash, tab\\t, {{braces}}\n";

hm_status parse(const std::string& text, ModuleMetadata* out) {
  return parse_module_metadata(text, out);
}

// Parses `text` expecting failure; returns the message.
std::string parse_error(const std::string& text) {
  ModuleMetadata metadata;
  EXPECT_EQ(parse(text, &metadata), HM_ERROR_INVALID_MODULE) << text;
  return last_error_message();
}

const std::string kHeader = "hematite-metadata\t1\n";

TEST(ModuleMetadata, ParsesKernelsAndPanics) {
  ModuleMetadata m;
  ASSERT_EQ(parse(kGood, &m), HM_SUCCESS) << last_error_message();
  ASSERT_EQ(m.kernels.size(), 2u);
  const KernelMetadata* gather = m.find_kernel("gather");
  ASSERT_NE(gather, nullptr);
  EXPECT_EQ(gather->shared_bytes, 0u);
  EXPECT_EQ(gather->max_threads, 0u);
  EXPECT_EQ(gather->panic_binding, 2);
  const KernelMetadata* reduce = m.find_kernel("reduce");
  ASSERT_NE(reduce, nullptr);
  EXPECT_EQ(reduce->shared_bytes, 4096u);
  EXPECT_EQ(reduce->max_threads, 256u);
  EXPECT_EQ(reduce->panic_binding, -1);
  EXPECT_EQ(m.find_kernel("other"), nullptr);

  ASSERT_EQ(m.panics.size(), 3u);
  const PanicSite* bounds = m.find_panic(1);
  ASSERT_NE(bounds, nullptr);
  EXPECT_EQ(bounds->kernel, "gather");
  EXPECT_EQ(bounds->file, "kernels/gather.rs");
  EXPECT_EQ(bounds->line, 7u);
  EXPECT_EQ(bounds->column, 13u);
  EXPECT_EQ(bounds->types, (std::vector<PanicValueType>{PanicValueType::kU64,
                                                         PanicValueType::kU64}));
  EXPECT_EQ(m.find_panic(2)->message,
            "assertion `left == right` failed\n  left: {:?}\n right: {:?}");
  EXPECT_TRUE(m.find_panic(3)->types.empty());
  EXPECT_EQ(m.find_panic(3)->message, "back\\slash, tab\t, {{braces}}");
  EXPECT_EQ(m.find_panic(4), nullptr);
}

TEST(ModuleMetadata, ParsesParameters) {
  ModuleMetadata m;
  std::string text = kHeader + "kernel\tsaxpy\t0\t0\t-1\n"
                     "param\tsaxpy\t0\ta\tf32\n"
                     "param\tsaxpy\t1\tx\t&[f32]\n"
                     "param\tsaxpy\t2\ty\t&mut [u8]\n"
                     "param\tsaxpy\t3\tn\tusize\n"
                     "param\tsaxpy\t4\tflag\tbool\n";
  ASSERT_EQ(parse(text, &m), HM_SUCCESS) << last_error_message();
  const KernelMetadata* k = m.find_kernel("saxpy");
  ASSERT_NE(k, nullptr);
  ASSERT_EQ(k->params.size(), 5u);
  EXPECT_EQ(k->params[0].name, "a");
  EXPECT_EQ(k->params[0].kind, HM_PARAM_SCALAR);
  EXPECT_EQ(k->params[0].size, 4u);
  EXPECT_EQ(k->params[1].kind, HM_PARAM_SLICE_RO);
  EXPECT_EQ(k->params[1].size, 4u);
  EXPECT_EQ(k->params[1].type, "&[f32]");
  EXPECT_EQ(k->params[2].kind, HM_PARAM_SLICE_RW);
  EXPECT_EQ(k->params[2].size, 1u);
  EXPECT_EQ(k->params[3].size, 8u);
  EXPECT_EQ(k->params[4].size, 1u);
}

TEST(ModuleMetadata, MalformedParamLines) {
  const std::string kernel = kHeader + "kernel\tk\t0\t0\t-1\n";
  EXPECT_NE(parse_error(kernel + "param\tk\t0\ta\n").find("a 'param' line has 5 fields"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "param\tk\t0\ta\tf32\n").find("which no 'kernel' line names"),
            std::string::npos);
  EXPECT_NE(parse_error(kernel + "param\tk\t1\ta\tf32\n").find("must be in order"),
            std::string::npos);
  EXPECT_NE(parse_error(kernel + "param\tk\t0\ta\t(u32, f32)\n")
                .find("not a scalar or a slice of scalars"),
            std::string::npos);
  EXPECT_NE(parse_error(kernel + "param\tk\t0\ta\t&[String]\n")
                .find("not a scalar or a slice of scalars"),
            std::string::npos);
}

TEST(ModuleMetadata, EveryTypeName) {
  ModuleMetadata m;
  ASSERT_EQ(parse(kHeader + "panic\t1\tk\tf.rs\t1\t1\ti8,i16,i32,i64,u8,u16,u32,u64\t"
                            "{}{}{}{}{}{}{}{}\n"
                            "panic\t2\tk\tf.rs\t1\t1\tf32,f64,bool\t{}{:?}{}\n",
                  &m),
            HM_SUCCESS)
      << last_error_message();
  EXPECT_EQ(m.panics[0].types.size(), 8u);
  EXPECT_EQ(m.panics[0].types[7], PanicValueType::kU64);
  EXPECT_EQ(m.panics[1].types[2], PanicValueType::kBool);
}

TEST(ModuleMetadata, TolerantOfBlankLinesAndNewKinds) {
  ModuleMetadata m;
  // No final newline, a blank line, and a line kind a later compiler might add.
  ASSERT_EQ(parse(kHeader + "\nsignature\tk\tsomething\nkernel\tk\t0\t0\t-1", &m), HM_SUCCESS)
      << last_error_message();
  EXPECT_EQ(m.kernels.size(), 1u);
  ASSERT_EQ(parse(kHeader, &m), HM_SUCCESS);  // a module without kernels
  EXPECT_TRUE(m.kernels.empty());
}

TEST(ModuleMetadata, MalformedHeaders) {
  EXPECT_NE(parse_error("").find("empty"), std::string::npos);
  EXPECT_NE(parse_error("kernel\tk\t0\t0\t-1\n").find("line 1"), std::string::npos);
  EXPECT_NE(parse_error("hematite-metadata\n").find("does not start with"), std::string::npos);
  EXPECT_NE(parse_error("hematite-metadata\t2\n").find("version 2"), std::string::npos);
}

TEST(ModuleMetadata, MalformedKernelLines) {
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t0\t0\n").find("line 2: a 'kernel' line has 5"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t0\t0\t-1\textra\n").find("has 6"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\t\t0\t0\t-1\n").find("name is empty"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t-4\t0\t-1\n").find("shared-memory size '-4'"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t0\t4294967296\t-1\n").find("max_threads"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t0\t 1\t-1\n").find("max_threads ' 1'"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t0\t0\t-2\n").find("panic binding"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t99999999999999999999999\t0\t-1\n")
                .find("shared-memory size"),
            std::string::npos);
  EXPECT_NE(parse_error(kHeader + "kernel\tk\t0\t0\t-1\nkernel\tk\t0\t0\t-1\n")
                .find("line 3: kernel 'k' is listed twice"),
            std::string::npos);
}

TEST(ModuleMetadata, MalformedPanicLines) {
  const std::string p = kHeader + "panic\t";
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\t\n").find("8 fields"), std::string::npos);
  EXPECT_NE(parse_error(p + "0\tk\tf.rs\t1\t1\t\tm\n").find("site 0"), std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\tx\t1\t\tm\n").find("the line 'x'"), std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t\t\tm\n").find("the column ''"), std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\tusize\t{}\n").find("unknown value type 'usize'"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\tu8,\t{}\n").find("unknown value type ''"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\tu8,u8,u8,u8,u8,u8,u8,u8,u8\t{}{}{}{}{}{}{}{}{}\n")
                .find("at most 8"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\tu8\tno holes\n").find("0 holes but 1 value type is"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\t\t{} {:?}\n").find("2 holes but 0"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\t\tbad \\x escape\n").find("unknown escape"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\t\tends with \\\n").find("lone backslash"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\tu8\t{:x}\n").find("neither a hole"),
            std::string::npos);
  EXPECT_NE(parse_error(p + "1\tk\tf.rs\t1\t1\t\ta\n" + "panic\t1\tk\tf.rs\t2\t1\t\tb\n")
                .find("line 3: site 1 is listed twice"),
            std::string::npos);
}

TEST(ModuleMetadata, ArbitraryBytesNeverCrash) {
  // Every prefix of a good table, and the table with each byte changed: each either
  // parses or fails with a message, never anything worse.
  const std::string good = kGood;
  ModuleMetadata m;
  for (size_t n = 0; n <= good.size(); ++n) {
    hm_status status = parse(good.substr(0, n), &m);
    EXPECT_TRUE(status == HM_SUCCESS || status == HM_ERROR_INVALID_MODULE);
  }
  const char replacements[] = {'\0', '\t', '\n', '{', '}', '\\', '9', '-', 'x'};
  for (size_t i = 0; i < good.size(); ++i) {
    for (char c : replacements) {
      std::string mutated = good;
      mutated[i] = c;
      hm_status status = parse(mutated, &m);
      EXPECT_TRUE(status == HM_SUCCESS || status == HM_ERROR_INVALID_MODULE);
      if (status != HM_SUCCESS) {
        EXPECT_NE(std::string(last_error_message()), "");
      }
    }
  }
}

}  // namespace
}  // namespace hm::rt
