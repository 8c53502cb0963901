// What happens to a SPIR-V module after MLIR serializes it: the fix-up MLIR's
// serializer cannot express, SPIRV-Tools' optimizer, validation, disassembly.
#ifndef HEMATITE_BACKENDS_SPIRV_SPIRV_BINARY_H
#define HEMATITE_BACKENDS_SPIRV_SPIRV_BINARY_H

#include <cstdint>
#include <string>
#include <vector>

#include "spirv-tools/libspirv.h"

namespace hematite {

/// Decorates the OpSpecConstantComposite named `symbol` with BuiltIn
/// WorkgroupSize (MLIR 22's serializer drops decorations on spec-constant
/// composites). Returns false if no such constant exists.
bool decorateWorkgroupSize(std::vector<uint32_t> &binary, const std::string &symbol);

/// Adds an OpString for each of `strings` at the start of the debug section
/// (docs/abi.md: the kernel metadata). Drivers ignore OpStrings.
void addDebugStrings(std::vector<uint32_t> &binary, const std::vector<std::string> &strings);

/// Runs SPIRV-Tools' performance passes. Returns false and sets `error` on failure.
bool optimizeSpirv(std::vector<uint32_t> &binary, spv_target_env env,
                   std::string &error);

/// Validates for `env`; returns false with the validator's messages in `error`.
bool validateSpirv(const std::vector<uint32_t> &binary, spv_target_env env,
                   std::string &error);

/// SPIR-V assembly text.
bool disassembleSpirv(const std::vector<uint32_t> &binary, spv_target_env env,
                      std::string &text, std::string &error);

} // namespace hematite

#endif
