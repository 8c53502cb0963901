//===- HmDialect.td - the hm dialect ----------------------------------------===//
//
// hm is where Rust-level meaning lives between the frontend and the backends:
// slices with their lengths and mutability, bounds-checked indexing that knows its
// source location, and the GPU programming model (ids, barriers). Arithmetic,
// control flow and locals use upstream dialects (arith, math, cf/scf, memref).
//
//===----------------------------------------------------------------------===//

#ifndef HM_DIALECT_TD
#define HM_DIALECT_TD

include "mlir/IR/OpBase.td"

def Hm_Dialect : Dialect {
  let name = "hm";
  let summary = "Hematite's Rust-on-GPU dialect";
  let cppNamespace = "::hm";
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Unit attribute on a func.func that marks a kernel entry point.
    static constexpr llvm::StringLiteral kKernelAttrName = "hm.kernel";
    /// Optional i32 attribute on a kernel: #[kernel(max_threads = N)].
    static constexpr llvm::StringLiteral kMaxThreadsAttrName = "hm.max_threads";
    /// Per-argument string attribute carrying the Rust parameter name.
    static constexpr llvm::StringLiteral kArgNameAttrName = "hm.name";
    /// Module attribute (set by MLIRGen): each kernel's parameter types as Rust
    /// writes them, `{saxpy = ["f32", "&[f32]", "&mut [f32]"]}`; hm's integer
    /// types have no sign. Read by the launch header and the module metadata.
    static constexpr llvm::StringLiteral kKernelSignaturesAttrName = "hm.kernel_signatures";
    /// Unit attribute on a loop's back-edge branch: a `for` over a constant
    /// range of at most kFullUnrollMaxTrips iterations, which the LLVM backends
    /// unroll fully (as nvcc does with such loops).
    static constexpr llvm::StringLiteral kUnrollFullAttrName = "hm.unroll_full";
    static constexpr uint64_t kFullUnrollMaxTrips = 32;
  private:
    void registerTypes();
    void registerAttributes();
  public:
  }];
}

class Hm_Op<string mnemonic, list<Trait> traits = []>
    : Op<Hm_Dialect, mnemonic, traits>;

#endif // HM_DIALECT_TD
