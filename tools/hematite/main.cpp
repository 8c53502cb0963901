// hematite: the command-line compiler. Parses options (CLI11), then hands over to
// the driver.
#include "tools/hematite/driver.h"
#include "backends/backend.h"
#include "frontend/diagnostics/diagnostics.h"

#include "CLI/CLI.hpp"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include <unistd.h>

namespace {

// Whether the command line asks for JSON diagnostics, looked at before parsing
// so that a command-line error is reported in the format asked for.
bool wantsJson(int argc, char **argv) {
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--error-format=json") == 0)
      json = true;
    else if (std::strncmp(argv[i], "--error-format=", 15) == 0)
      json = false;
    else if (std::strcmp(argv[i], "--error-format") == 0 && i + 1 < argc)
      json = std::strcmp(argv[++i], "json") == 0;
  }
  return json;
}

// A command-line error as rustc reports one in JSON mode: a diagnostic without
// a code, then the summary.
void reportCommandLineErrorJson(const std::string &message) {
  hematite::SourceManager sources;
  hematite::Diagnostic diag;
  diag.level = hematite::DiagnosticLevel::Error;
  diag.message = message;
  std::string out = hematite::renderDiagnosticJson(diag, sources);
  out += "{\"$message_type\":\"diagnostic\",\"message\":\"aborting due to 1 previous "
         "error\",\"code\":null,\"level\":\"error\",\"spans\":[],\"children\":[],"
         "\"rendered\":\"error: aborting due to 1 previous error\\n\\n\"}\n";
  std::fputs(out.c_str(), stderr);
}

} // namespace

/// nvcc's and clang's single-dash long flags (-lineinfo, -MD, -MF x, -MT x,
/// -Werror) that CLI11 would read as bundles of short flags: renamed to the
/// double-dash options below before parsing. -MFfile and -MTfile (attached)
/// are accepted too.
/// -W<name> other than -Werror: hematite's warnings are all on by default, so
/// -Wall and -Wextra change nothing; any other name is reported as clang does
/// ("unknown warning option") and ignored, so build systems that pass their
/// usual flags keep working.
bool isWarningFlag(const std::string &arg) {
  return arg.size() > 2 && arg.compare(0, 2, "-W") == 0 && arg != "-Werror";
}

std::vector<std::string> normalizeArguments(int argc, char **argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (isWarningFlag(arg)) {
      if (arg != "-Wall" && arg != "-Wextra")
        std::fprintf(stderr, "warning: unknown warning option '%s' (ignored)\n", arg.c_str());
      continue;
    }
    if (arg == "-lineinfo" || arg == "-MD" || arg == "-Werror" || arg == "-MMD")
      args.push_back("-" + (arg == "-MMD" ? std::string("-MD") : arg));
    else if ((arg.rfind("-MF", 0) == 0 || arg.rfind("-MT", 0) == 0) && arg.size() > 3)
      args.push_back("-" + arg.substr(0, 3) + "=" + arg.substr(3));
    else if (arg == "-MF" || arg == "-MT")
      args.push_back("-" + arg);
    else
      args.push_back(arg);
  }
  return args;
}

int main(int argc, char **argv) {
  hematite::DriverOptions options;
  CLI::App app{"Hematite: an ahead-of-time GPU kernel compiler for a Rust subset",
               "hematite"};
  app.add_option("input", options.input, "Kernel source file (.rs), or hm dialect (.mlir)")
      ->required();
  app.add_option("-o", options.output, "Output file ('-' for stdout)");
  app.add_option("--target", options.targets,
                 "Target(s), comma-separated or repeated; several write one .hmb "
                 "bundle. Known: " + hematite::describeTargets())
      ->delimiter(',')
      // One value per --target (a comma list), so the file that follows stays
      // the positional input.
      ->allow_extra_args(false);
  app.add_option("--emit", options.emit,
                 "What to write: hm, llvm, ptx, cubin, sass (sm_*: through ptxas and "
                 "cuobjdump), amdgcn-asm, spirv-asm, hmb (a bundle of every target's "
                 "module), header (a C++ header with the bundle and typed launch "
                 "functions). Default: the target's loadable module (.ptx, .hsaco, "
                 ".spv), or a bundle for several targets")
      ->check(CLI::IsMember({"hm", "llvm", "ptx", "cubin", "sass", "amdgcn-asm",
                             "spirv-asm", "hmb", "header"}));
  // -O0 .. -O3, as in clang (a short option with its value attached).
  app.add_option("-O", options.compile.optLevel, "Optimization level 0-3 (default 3)")
      ->check(CLI::Range(0, 3));
  bool debug = false, lineInfo = false;
  app.add_flag("-g", debug,
               "Full debug information (cuda-gdb): source lines and local variables, PTX "
               "marked `debug`; -O0 unless -O is given");
  app.add_flag("--lineinfo", lineInfo,
               "Source line information for profilers (Nsight Compute); also -lineinfo");
  app.add_flag("-v", options.compile.resourceReport,
               "Print a resource report per kernel (registers, shared memory, spills) "
               "on stderr; sm_* needs ptxas");
  app.add_flag("--MD", options.writeDepfile,
               "Also write a depfile (gcc format) listing every file read; also -MD");
  app.add_option("--MF", options.depfile,
                 "The depfile's path (default: the output with extension .d); also -MF");
  app.add_option("--MT", options.depTarget,
                 "The target named in the depfile (default: the output); also -MT");
  app.add_flag("--Werror", options.warningsAsErrors, "Treat warnings as errors; also -Werror");
  app.add_flag("-w", options.noWarnings, "Suppress all warnings");
  std::string color = "auto";
  app.add_option("--color", color,
                 "Colored diagnostics: auto (when stderr is a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  std::string errorFormat = "human";
  app.add_option("--error-format", errorFormat,
                 "Diagnostics format: human (rustc's text), json (rustc's JSON, one "
                 "object per line on stderr)")
      ->check(CLI::IsMember({"human", "json"}));
  std::vector<std::string> codegenOptions;
  app.add_option("-C", codegenOptions,
                 "Code generation option, as rustc: overflow-checks=on|off (default off: "
                 "integer arithmetic wraps), bounds-checks=on|off (default on; off is "
                 "unsafe), defer-checks=on|off (default off; on, at -O1 and up: a failed check is "
                 "reported at the next barrier, atomic, loop back edge or return, not where it fails), "
                 "check-versioning=on|off (default on at -O2 and up: a loop or kernel whose checks "
                 "can be decided up front runs a copy without them when they pass), fmad=on|off "
                 "(default on, as nvcc and clang: a * b + c may become one fused multiply-add; off: "
                 "Rust's two roundings), prefetch-ahead=on|off|BLOCKS (default on at -O2 and up, sm_*: "
                 "a load outside loops that follows the block index along x also prefetches into L2 "
                 "what a block further on (BLOCKS further on) will load), "
                 "l1-reuse=on|off (default on at -O2 and up, sm_* with PTX ISA 7.4 or later: "
                 "read-only loads whose data a later load reads again are evicted from L1 last), "
                 "ptx-version=X.Y (sm_*: the PTX ISA version to write; default "
                 "the lowest the SM supports), target-feature=+int64-atomics,+float-atomic-add "
                 "(Vulkan: optional device capabilities the kernel may use)")
      ->check(CLI::Validator(
          [](std::string &value) {
            hematite::DriverOptions scratch;
            return hematite::applyCodegenOption(value, scratch);
          },
          "KEY=VALUE"))
      // One value per -C (repeat the flag for several), so `-C k=v file.rs`
      // leaves the file to the positional argument, as in rustc.
      ->allow_extra_args(false);
  app.set_version_flag("--version", "hematite 0.1.0 (LLVM/MLIR 22)");
  std::vector<std::string> args = normalizeArguments(argc, argv);
  std::reverse(args.begin(), args.end()); // CLI11 takes them last-first
  try {
    app.parse(args);
  } catch (const CLI::ParseError &e) {
    if (e.get_exit_code() == 0)
      return app.exit(e);
    if (wantsJson(argc, argv)) {
      reportCommandLineErrorJson(e.what());
      return hematite::kExitUsage;
    }
    app.exit(e);
    return hematite::kExitUsage;
  }
  for (const std::string &option : codegenOptions)
    hematite::applyCodegenOption(option, options);
  options.compile.debugInfo = debug      ? hematite::DebugInfo::Full
                              : lineInfo ? hematite::DebugInfo::LineTables
                                         : hematite::DebugInfo::None;
  // -g without -O is -O0, as nvcc's -G: optimization would keep the variables in
  // registers or drop them, and the PTX is marked `debug` (ptxas does not optimize).
  if (debug && app.count("-O") == 0)
    options.compile.optLevel = 0;
  options.jsonDiagnostics = errorFormat == "json";
  options.color = !options.jsonDiagnostics &&
                  (color == "always" || (color == "auto" && isatty(STDERR_FILENO)));
  int code = hematite::runDriver(options);
  // Skip the destructors of LLVM's and MLIR's globals: nothing is left to
  // write (outputs are closed, stdout and stderr flushed here).
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  std::_Exit(code);
}
