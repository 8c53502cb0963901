// What the runtime needs to know about a module's kernels, collected from the hm
// module and embedded in every output (docs/abi.md, "Kernel metadata"): each
// kernel's shared memory, launch bounds and panic binding, and the panic sites.
#ifndef HEMATITE_BACKENDS_COMMON_KERNEL_METADATA_H
#define HEMATITE_BACKENDS_COMMON_KERNEL_METADATA_H

#include "mlir/IR/BuiltinOps.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hematite {

/// A kernel parameter as the source declares it.
struct ParamMetadata {
  std::string name; // "x"
  std::string type; // the Rust type: "f32", "u64", "bool", "&[f32]", "&mut [u32]"
};

struct KernelMetadata {
  std::string name;
  std::vector<ParamMetadata> params; // empty when the module does not say (hm input)
  uint64_t sharedBytes = 0; // total of the kernel's gpu::shared allocations
  uint32_t maxThreads = 0;  // #[kernel(max_threads = N)], 0 if not stated
  int panicBinding = -1;    // SPIR-V: the panic record's binding
};

struct PanicSite {
  unsigned id = 0; // from 1, unique in the module
  std::string kernel, file;
  unsigned line = 0, column = 0;
  std::string types;   // "u64,u64"
  std::string message; // with {} / {:?} holes
};

struct ModuleMetadata {
  std::vector<KernelMetadata> kernels;
  std::vector<PanicSite> panics;

  KernelMetadata *kernel(llvm::StringRef name);
  /// The text table of docs/abi.md, one string per line (without newlines).
  std::vector<std::string> lines() const;
  /// All lines joined with '\n'.
  std::string text() const;
};

/// Numbers the hm.panic ops of `module` (attribute hm.site) and collects the
/// metadata. Call once the kernels are final (after hm's pipeline).
ModuleMetadata collectModuleMetadata(mlir::ModuleOp module);

/// Refuses a kernel whose shared memory exceeds `limit` bytes on `target`,
/// with an error at the kernel that names it and both sizes.
mlir::LogicalResult checkSharedMemoryLimit(mlir::ModuleOp module, const ModuleMetadata &meta,
                                           uint64_t limit, llvm::StringRef target);

/// Bytes of block-shared memory that `kernel` (a func.func) allocates.
uint64_t sharedMemoryBytes(mlir::Operation *kernel);

/// The panic record's size: u32 flag, u32 site, 8 × u64 values.
constexpr unsigned kPanicRecordBytes = 72;
constexpr unsigned kPanicRecordValues = 8;
/// The symbols of PTX / AMDGCN modules.
constexpr const char *kPanicRecordSymbol = "hematite_panic";
constexpr const char *kMetadataSymbol = "hematite_metadata";
/// SPIR-V: the prefix of the OpStrings holding the table.
constexpr const char *kMetadataStringPrefix = "hematite_metadata:";

} // namespace hematite

#endif
