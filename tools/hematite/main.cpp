// hematite: the command-line compiler. Parses options (CLI11), then hands over to
// the driver.
#include "tools/hematite/driver.h"
#include "backends/backend.h"
#include "frontend/diagnostics/diagnostics.h"

#include "CLI/CLI.hpp"

#include <cstdio>
#include <cstring>
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

int main(int argc, char **argv) {
  hematite::DriverOptions options;
  CLI::App app{"Hematite: an ahead-of-time GPU kernel compiler for a Rust subset",
               "hematite"};
  app.add_option("input", options.input, "Kernel source file (.rs), or hm dialect (.mlir)")
      ->required();
  app.add_option("-o", options.output, "Output file ('-' for stdout)");
  app.add_option("--target", options.target,
                 "Target: " + hematite::describeTargets());
  app.add_option("--emit", options.emit,
                 "What to write: hm, llvm, ptx, amdgcn-asm, spirv-asm "
                 "(default: the target's loadable module: .ptx, .hsaco, .spv)")
      ->check(CLI::IsMember({"hm", "llvm", "ptx", "amdgcn-asm", "spirv-asm"}));
  // -O0 .. -O3, as in clang (a short option with its value attached).
  app.add_option("-O", options.optLevel, "Optimization level 0-3 (default 3)")
      ->check(CLI::Range(0, 3));
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
                 "unsafe), target-feature=+int64-atomics,+float-atomic-add (Vulkan: "
                 "optional device capabilities the kernel may use)")
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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    if (e.get_exit_code() != 0 && wantsJson(argc, argv)) {
      reportCommandLineErrorJson(e.what());
      return 1;
    }
    return app.exit(e) == 0 ? 0 : 1;
  }
  for (const std::string &option : codegenOptions)
    hematite::applyCodegenOption(option, options);
  options.jsonDiagnostics = errorFormat == "json";
  options.color = !options.jsonDiagnostics &&
                  (color == "always" || (color == "auto" && isatty(STDERR_FILENO)));
  return hematite::runDriver(options);
}
