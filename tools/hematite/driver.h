// The compiler driver: input file → hm module → hm pipeline → backend → output,
// with every failure reported once, as a diagnostic, and no partial output.
#ifndef HEMATITE_TOOLS_HEMATITE_DRIVER_H
#define HEMATITE_TOOLS_HEMATITE_DRIVER_H

#include <string>
#include <vector>

namespace hematite {

struct DriverOptions {
  std::string input;
  std::string output;    // empty: derived from the input and --emit
  std::string target;    // "sm_90", "gfx942", "vulkan1.2", ...
  std::string emit;      // "", "hm", "llvm", "ptx", "amdgcn-asm", "spirv-asm"
  int optLevel = 3;
  bool color = false;     // ANSI colors in human-format diagnostics
  bool jsonDiagnostics = false;  // --error-format=json: rustc's JSON, one per line
  bool overflowChecks = false;   // -C overflow-checks=on|off
  bool boundsChecks = true;      // -C bounds-checks=on|off
  // -C target-feature=+a,-b: optional device capabilities the code may use
  // (Vulkan: int64-atomics, float-atomic-add).
  std::vector<std::string> targetFeatures;
};

/// Applies one `-C key=value` code generation option; returns an error message
/// naming the key (or the value) when it is not one we know, else "".
std::string applyCodegenOption(const std::string &option, DriverOptions &options);

/// Runs one compilation; returns the process exit code (0 success, 1 errors).
int runDriver(const DriverOptions &options);

} // namespace hematite

#endif
