// hematite: the command-line compiler. Parses options (CLI11), then hands over to
// the driver.
#include "tools/hematite/driver.h"
#include "backends/backend.h"

#include "CLI/CLI.hpp"

#include <unistd.h>

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
  app.add_option("--color", color, "Colored diagnostics: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.set_version_flag("--version", "hematite 0.1.0 (LLVM/MLIR 22)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  options.color = color == "always" || (color == "auto" && isatty(STDERR_FILENO));
  return hematite::runDriver(options);
}
