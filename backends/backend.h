// The interface every code generator implements, and the registry that finds one
// by target name. A new target is a new folder that registers a Backend; nothing
// else in the tree changes.
#ifndef HEMATITE_BACKENDS_BACKEND_H
#define HEMATITE_BACKENDS_BACKEND_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hematite {

/// What the driver asks a backend to produce.
enum class EmitKind {
  Llvm,            // LLVM IR text (LLVM-based targets only)
  Assembly,        // PTX / AMDGCN assembly / SPIR-V assembly text
  Binary,          // the file a runtime loads: .ptx, .hsaco, .spv
  MachineCode,     // the vendor's assembled binary: .cubin (PTX, through ptxas)
  MachineAssembly, // its disassembly: SASS (PTX, through cuobjdump/nvdisasm)
};

/// -g and -lineinfo, as nvcc spells them.
enum class DebugInfo {
  None,
  LineTables, // -lineinfo: source lines for profilers (Nsight Compute)
  Full,       // -g: for debuggers (cuda-gdb); PTX marks the target `debug`
};

struct CompileOptions {
  int optLevel = 3; // -O0 .. -O3
  DebugInfo debugInfo = DebugInfo::None;
  // -C ptx-version=8.5: the PTX ISA version to write ("" = the lowest one the
  // SM supports, as LLVM chooses).
  std::string ptxVersion;
  // -v: fill CompiledModule::resourceReport (registers, shared memory, spills).
  bool resourceReport = false;
  // -C fmad: a float multiply feeding an add or subtract may become one fused
  // multiply-add (one rounding), as nvcc's --fmad=true and clang's CUDA and
  // HIP defaults. On by default (docs/cli.md says why). Off: Rust's two
  // roundings (LLVM targets: no `contract` flags; SPIR-V: NoContraction).
  bool fmad = true;
  // -C check-versioning=off: keep every bounds check where it is (LLVM
  // targets: check_versioning.cpp; SPIR-V: hm-version-checks). On by default
  // at -O2 and up.
  bool checkVersioning = true;
  // -C prefetch-ahead=on|off|BLOCKS: a load outside loops whose address follows
  // the block index along x also prefetches into L2 what a block further on
  // will load (prefetch_ahead.cpp; targets with an L2 prefetch, -O2 and up).
  // On by default; `prefetchAheadBlocks` 0 lets the pass choose the distance.
  bool prefetchAhead = true;
  unsigned prefetchAheadBlocks = 0;
  // -C l1-reuse=on|off: read-only loads whose data a later load reads again
  // are kept in L1 in preference to others (keep_reused_loads.cpp; targets
  // with such a load, -O2 and up). On by default.
  bool l1Reuse = true;
  // Enabled optional capabilities (-C target-feature=+name). Vulkan:
  // "int64-atomics" (Int64Atomics), "float-atomic-add" (AtomicFloat32AddEXT).
  // LLVM targets have both always.
  std::vector<std::string> targetFeatures;
};

/// The product of one compilation: bytes plus whether they are text.
struct CompiledModule {
  std::string bytes;
  bool isText = false;
  // With CompileOptions::resourceReport: one line per kernel, as ptxas -v.
  std::string resourceReport;
};

class Backend {
public:
  virtual ~Backend() = default;
  /// The backend's name, e.g. "ptx".
  virtual llvm::StringRef name() const = 0;
  /// The file extension of EmitKind::Binary output, e.g. ".ptx".
  virtual llvm::StringRef binaryExtension() const = 0;
  /// True if this backend supports EmitKind `kind`.
  virtual bool canEmit(EmitKind kind) const = 0;
  /// Compiles `module` (hm dialect, after hm's pipeline; consumed) for this
  /// backend's target. Errors are reported as MLIR diagnostics on the module's
  /// context and yield failure().
  virtual mlir::FailureOr<CompiledModule>
  compile(mlir::ModuleOp module, EmitKind kind,
          const CompileOptions &options) = 0;
};

/// Creates a Backend for a target name it accepts ("sm_90", "gfx942",
/// "vulkan1.2"), or nullptr if the name is not its.
using BackendFactory =
    std::function<std::unique_ptr<Backend>(llvm::StringRef target)>;

struct BackendInfo {
  std::string family;       // "ptx"
  std::string targetsHelp;  // "sm_70 ... sm_120"
  BackendFactory factory;
};

/// The registry of every backend linked into the binary.
const std::vector<BackendInfo> &registeredBackends();

/// Finds the backend that accepts `target`; nullptr if none does.
std::unique_ptr<Backend> createBackend(llvm::StringRef target);

/// A one-line list of the accepted target names, for error messages.
std::string describeTargets();

} // namespace hematite

#endif
