// The table of kernels and panic sites the compiler embeds in every module
// (docs/abi.md, "Kernel metadata embedded in the module"): parsed from its text form,
// which the backends extract (SPIR-V OpStrings, the PTX/cubin global
// `hematite_metadata`). Modules written by other tools have none, which is not an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hematite/runtime.h"

namespace hm::rt {

// The name of the PTX/cubin/hsaco global holding the table, and the prefix of the
// SPIR-V OpStrings holding its lines.
constexpr const char* kMetadataGlobal = "hematite_metadata";
constexpr std::string_view kMetadataSpirvPrefix = "hematite_metadata:";

// A kernel parameter as the source declares it (a `param` line).
struct ParamMetadata {
  std::string name;      // "x"
  std::string type;      // the Rust type, "f32" or "&mut [u32]"
  hm_param_kind kind = HM_PARAM_SCALAR;
  uint32_t size = 0;     // of the scalar, or of the slice's element
};

struct KernelMetadata {
  std::string name;
  // In order; empty when the table has no `param` lines for the kernel (a module
  // of an older compiler, or compiled from hm-dialect input).
  std::vector<ParamMetadata> params;
  uint64_t shared_bytes = 0;  // total of the kernel's gpu::shared allocations
  uint32_t max_threads = 0;   // #[kernel(max_threads = N)]; 0 when not given
  int32_t panic_binding = -1; // SPIR-V: binding of the panic record; -1 if none
};

// The types a panic message can print; a value is 64 bits in the panic record.
enum class PanicValueType { kI8, kI16, kI32, kI64, kU8, kU16, kU32, kU64, kF32, kF64, kBool };

// A panic record holds at most this many values.
constexpr size_t kMaxPanicValues = 8;

struct PanicSite {
  uint32_t site = 0;  // from 1, unique in the module
  std::string kernel;
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::vector<PanicValueType> types;  // at most kMaxPanicValues
  // Unescaped: real newlines and tabs; `{}`, `{:?}`, `{{`, `}}` as in Rust's format
  // strings, one hole per entry of `types` (checked when parsing).
  std::string message;
};

struct ModuleMetadata {
  std::vector<KernelMetadata> kernels;
  std::vector<PanicSite> panics;

  // nullptr when the table has no such entry (or the module had no table).
  const KernelMetadata* find_kernel(const std::string& name) const;
  const PanicSite* find_panic(uint32_t site) const;
};

// Parses the table. Malformed input is HM_ERROR_INVALID_MODULE with a message naming
// the line and what is wrong with it; nothing crashes. Lines of kinds this runtime does
// not know are skipped (later compilers may add some); a different version is an error.
hm_status parse_module_metadata(std::string_view text, ModuleMetadata* out);

// "i8", "f64", ... as the table spells the type.
const char* panic_value_type_name(PanicValueType type);

}  // namespace hm::rt
