// The compiler driver: input file → hm module → hm pipeline → one backend per
// target → output (one target's file, a .hmb bundle, or a typed C++ header), with
// every failure reported once, as a diagnostic, and no partial output.
#ifndef HEMATITE_TOOLS_HEMATITE_DRIVER_H
#define HEMATITE_TOOLS_HEMATITE_DRIVER_H

#include "backends/backend.h"

#include <string>
#include <vector>

namespace hematite {

/// Process exit codes, as clang and nvcc: 2 for a command line we cannot act on
/// (unknown target, an --emit the targets cannot produce), 1 for errors in the
/// program.
enum ExitCode { kExitSuccess = 0, kExitCompileErrors = 1, kExitUsage = 2 };

struct DriverOptions {
  std::string input;
  std::string output;                // empty: derived from the input and --emit
  std::vector<std::string> targets;  // "sm_90", "gfx942", "vulkan1.2", ...
  // "", "hm", "llvm", "ptx", "amdgcn-asm", "spirv-asm", "cubin", "sass", "hmb",
  // "header". "" is the target's loadable module, or a bundle for several.
  std::string emit;
  // What every backend is asked for: -O, -g/-lineinfo, -v (resourceReport),
  // -C ptx-version, -C fmad, -C check-versioning, -C target-feature.
  CompileOptions compile;
  bool color = false;            // ANSI colors in human-format diagnostics
  bool jsonDiagnostics = false;  // --error-format=json: rustc's JSON, one per line
  bool warningsAsErrors = false; // -Werror
  bool noWarnings = false;       // -w
  // Depfile (-MD, -MF, -MT): a gcc-format list of every file read.
  bool writeDepfile = false;
  std::string depfile;   // -MF; default: the output with its extension replaced by .d
  std::string depTarget; // -MT; default: the output
  // -C options the frontend reads.
  bool overflowChecks = false;   // overflow-checks=on|off
  bool boundsChecks = true;      // bounds-checks=on|off
  bool deferChecks = false;      // defer-checks=on|off (hm-defer-checks at -O1 and up)
};

/// Applies one `-C key=value` code generation option; returns an error message
/// naming the key (or the value) when it is not one we know, else "".
std::string applyCodegenOption(const std::string &option, DriverOptions &options);

/// Runs one compilation; returns the process exit code (ExitCode).
int runDriver(const DriverOptions &options);

} // namespace hematite

#endif
