// emitLaunchHeader (tools/hematite/launch_header.h) on hand-written hm modules: the
// C++ types of each kind of parameter, #[repr(C)] layouts, names, the embedded bytes,
// errors and determinism. The generated headers are compiled and run by the
// e2e.launch-header.* tests (test/e2e/launch_header).
#include "backends/register_dialects.h"
#include "tools/hematite/launch_header.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

namespace {

class LaunchHeaderTest : public ::testing::Test {
protected:
  LaunchHeaderTest() {
    mlir::DialectRegistry registry;
    hematite::registerAllDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
  }

  // The header for `mlir`, or "ERROR: <message>".
  std::string header(const std::string &mlir, llvm::StringRef bundle = "",
                     llvm::StringRef name = "k") {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(mlir, context.get());
    EXPECT_TRUE(module) << mlir;
    if (!module)
      return "";
    llvm::Expected<std::string> out = hematite::emitLaunchHeader(*module, bundle, name);
    if (!out)
      return "ERROR: " + llvm::toString(out.takeError());
    return *out;
  }

  std::unique_ptr<mlir::MLIRContext> context;
};

const char *kSaxpy = R"mlir(
module {
  func.func @saxpy(%a: f32 {hm.name = "a"}, %x: !hm.slice<f32> {hm.name = "x"},
                   %y: !hm.slice<mut f32> {hm.name = "y"}) attributes {hm.kernel} {
    return
  }
  func.func @not_a_kernel(%a: f32) {
    return
  }
}
)mlir";

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(LaunchHeaderTest, SaxpyFromHmTypes) {
  std::string h = header(kSaxpy, "", "saxpy_kernels");
  EXPECT_TRUE(contains(h, "#pragma once")) << h;
  EXPECT_TRUE(contains(h, "#include \"hematite/launch.hpp\"")) << h;
  EXPECT_TRUE(contains(h, "namespace saxpy_kernels {")) << h;
  EXPECT_TRUE(contains(h, "inline ::hm::Status saxpy(::hm::StreamRef on, ::hm::Dim3 grid, "
                          "::hm::Dim3 block, float a, ::hm::Slice<const float> x, "
                          "::hm::Slice<float> y) {"))
      << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SCALAR, 4, 4, \"a\"}")) << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SLICE_RO, 4, 4, \"x\"}")) << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SLICE_RW, 4, 4, \"y\"}")) << h;
  EXPECT_TRUE(contains(h, "// #[kernel] saxpy(a: f32, x: &[f32], y: &mut [f32])")) << h;
  EXPECT_TRUE(contains(h, "EmbeddedModule embedded(bundle, bundle_size, {\"saxpy\"})")) << h;
  EXPECT_FALSE(contains(h, "not_a_kernel")) << h;
}

TEST_F(LaunchHeaderTest, RustSignaturesGiveSignedness) {
  std::string h = header(R"mlir(
module attributes {hm.kernel_signatures = {k = ["u32", "usize", "isize", "bool", "i8", "u16", "f64", "&[u8]", "&mut [u64]"]}} {
  func.func @k(%a: i32 {hm.name = "a"}, %b: i64 {hm.name = "b"}, %c: i64 {hm.name = "c"},
               %d: i1 {hm.name = "d"}, %e: i8 {hm.name = "e"}, %f: i16 {hm.name = "f"},
               %g: f64 {hm.name = "g"}, %x: !hm.slice<i8> {hm.name = "x"},
               %y: !hm.slice<mut i64> {hm.name = "y"}) attributes {hm.kernel} {
    return
  }
}
)mlir");
  EXPECT_TRUE(contains(h, "uint32_t a, uint64_t b, int64_t c, bool d, int8_t e, uint16_t f, "
                          "double g, ::hm::Slice<const uint8_t> x, ::hm::Slice<uint64_t> y)"))
      << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SCALAR, 1, 1, \"d\"}")) << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SLICE_RW, 8, 8, \"y\"}")) << h;
}

TEST_F(LaunchHeaderTest, WithoutSignaturesIntegersAreSigned) {
  std::string h = header(R"mlir(
module {
  func.func @k(%a: i32 {hm.name = "a"}, %b: i1 {hm.name = "b"}, %x: !hm.slice<mut i16> {hm.name = "x"}) attributes {hm.kernel} {
    return
  }
}
)mlir");
  EXPECT_TRUE(contains(h, "int32_t a, bool b, ::hm::Slice<int16_t> x)")) << h;
}

const char *kStructs = R"mlir(
module attributes {
  hm.kernel_signatures = {k = ["Params", "&[Pair]", "&mut [Params]"]},
  hm.repr_c = {
    Params = [["scale", "f32"], ["n", "u64"], ["flag", "bool"], ["k", "i8"]],
    Pair = [["a", "u8"], ["inner", "Params"], ["v", "[f32; 3]"], ["m", "[[u16; 2]; 3]"], ["class", "u32"]]
  }} {
  func.func @k(%p: i32 {hm.name = "p"}, %x: !hm.slice<i8> {hm.name = "x"},
               %y: !hm.slice<mut i8> {hm.name = "y"}) attributes {hm.kernel} {
    return
  }
}
)mlir";

TEST_F(LaunchHeaderTest, ReprCStructsMirroredWithLayoutChecks) {
  std::string h = header(kStructs);
  // Params: f32 @0, u64 @8, bool @16, i8 @17; size 24, align 8.
  EXPECT_TRUE(contains(h, "struct Params {\n  float scale;\n  uint64_t n;\n  bool flag;\n"
                          "  int8_t k;\n};\n"))
      << h;
  EXPECT_TRUE(contains(h, "static_assert(sizeof(Params) == 24, \"size of Params\");")) << h;
  EXPECT_TRUE(contains(h, "static_assert(alignof(Params) == 8, \"alignment of Params\");"))
      << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Params, n) == 8,")) << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Params, flag) == 16,")) << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Params, k) == 17,")) << h;
  // Pair: u8 @0, Params @8 (24), [f32; 3] @32 (12), [[u16; 2]; 3] @44 (12), u32 @56;
  // size 64 (60 rounded up to 8).
  EXPECT_TRUE(contains(h, "  Params inner;\n  float v[3];\n  uint16_t m[3][2];\n"
                          "  uint32_t class_;\n"))
      << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Pair, inner) == 8,")) << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Pair, v) == 32,")) << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Pair, m) == 44,")) << h;
  EXPECT_TRUE(contains(h, "static_assert(offsetof(Pair, class_) == 56,")) << h;
  EXPECT_TRUE(contains(h, "static_assert(sizeof(Pair) == 64,")) << h;
  // Params comes before Pair, which contains it, and only once.
  EXPECT_LT(h.find("struct Params {"), h.find("struct Pair {"));
  EXPECT_EQ(h.find("struct Params {"), h.rfind("struct Params {"));
  // Structs by value are scalars of their size; slices of them have that element size.
  EXPECT_TRUE(contains(h, "const Params& p, ::hm::Slice<const Pair> x, ::hm::Slice<Params> y)"))
      << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SCALAR, 24, 8, \"p\"}")) << h;
  EXPECT_TRUE(contains(h, "{HM_PARAM_SLICE_RO, 64, 8, \"x\"}")) << h;
}

TEST_F(LaunchHeaderTest, UnknownStructIsAnError) {
  std::string h = header(R"mlir(
module attributes {hm.kernel_signatures = {k = ["Missing"]}} {
  func.func @k(%p: i32 {hm.name = "p"}) attributes {hm.kernel} {
    return
  }
}
)mlir");
  EXPECT_TRUE(contains(h, "ERROR: kernel 'k', parameter 'p': struct `Missing` is not "
                          "described in the module's hm.repr_c"))
      << h;
}

TEST_F(LaunchHeaderTest, RecursiveStructIsAnError) {
  std::string h = header(R"mlir(
module attributes {hm.kernel_signatures = {k = ["A"]}, hm.repr_c = {A = [["b", "B"]], B = [["a", "[A; 2]"]]}} {
  func.func @k(%p: i32 {hm.name = "p"}) attributes {hm.kernel} {
    return
  }
}
)mlir");
  EXPECT_TRUE(contains(h, "ERROR: kernel 'k', parameter 'p': struct `A` contains itself")) << h;
}

TEST_F(LaunchHeaderTest, BadSignatureIsAnError) {
  std::string h = header(R"mlir(
module attributes {hm.kernel_signatures = {k = ["&[&[f32]]"]}} {
  func.func @k(%p: i32 {hm.name = "p"}) attributes {hm.kernel} {
    return
  }
}
)mlir");
  EXPECT_TRUE(contains(h, "ERROR: kernel 'k': parameter 'p' has a type the launch header "
                          "cannot express (`&[&[f32]]`)"))
      << h;
}

TEST_F(LaunchHeaderTest, NamesThatAreNotCxxNames) {
  std::string h = header(R"mlir(
module {
  func.func @new(%a: f32 {hm.name = "class"}, %b: f32 {hm.name = "grid"}, %c: f32 {hm.name = "block"},
                 %d: f32 {hm.name = "on"}, %e: f32 {hm.name = "hm_args_"}, %f: f32 {hm.name = "_"}) attributes {hm.kernel} {
    return
  }
}
)mlir",
                         "", "my-kernels::v2.0");
  EXPECT_TRUE(contains(h, "namespace my_kernels::v2_0 {")) << h;
  EXPECT_TRUE(contains(h, "inline ::hm::Status new_(::hm::StreamRef on, ::hm::Dim3 grid, "
                          "::hm::Dim3 block, float class_, float p_grid, float p_block, "
                          "float p_on, float p_hm_args_, float arg5)"))
      << h;
  // The runtime still sees (and names in its errors) the Rust names.
  EXPECT_TRUE(contains(h, "{HM_PARAM_SCALAR, 4, 4, \"class\"}")) << h;
  EXPECT_TRUE(contains(h, "EmbeddedModule embedded(bundle, bundle_size, {\"new\"})")) << h;
  EXPECT_EQ(hematite::cxxIdentifier("9lives"), "_9lives");
  EXPECT_EQ(hematite::cxxIdentifier("int"), "int_");
  EXPECT_EQ(hematite::cxxIdentifier("x-y"), "x_y");
}

TEST_F(LaunchHeaderTest, BundleBytesEmbeddedAsIs) {
  std::string bytes("\x03\x02\x23\x07\x00\xff", 6);
  std::string h = header(kSaxpy, bytes);
  EXPECT_TRUE(contains(h, "// 6 bytes\nalignas(16) inline constexpr unsigned char bundle[] = {\n"
                          "  3, 2, 35, 7, 0, 255,\n};\n"
                          "inline constexpr std::size_t bundle_size = 6;"))
      << h;
  std::string empty = header(kSaxpy, "");
  EXPECT_TRUE(contains(empty, "bundle[] = {0\n};\ninline constexpr std::size_t bundle_size = 0;"))
      << empty;
}

TEST_F(LaunchHeaderTest, KernelWithoutParameters) {
  std::string h = header(R"mlir(
module {
  func.func @nothing() attributes {hm.kernel} {
    return
  }
}
)mlir");
  EXPECT_TRUE(contains(h, "inline ::hm::Status nothing(::hm::StreamRef on, ::hm::Dim3 grid, "
                          "::hm::Dim3 block) {"))
      << h;
  EXPECT_TRUE(contains(h, ".kernel(on.device, 0, nullptr, 0, &hm_kernel_);")) << h;
  EXPECT_TRUE(contains(h, "launch(on, hm_kernel_, grid, block, nullptr, 0);")) << h;
}

TEST_F(LaunchHeaderTest, Deterministic) {
  std::string bytes(5000, '\x7f');
  EXPECT_EQ(header(kStructs, bytes), header(kStructs, bytes));
  EXPECT_EQ(header(kSaxpy, bytes, "a"), header(kSaxpy, bytes, "a"));
}

} // namespace
