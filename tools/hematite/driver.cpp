#include "tools/hematite/driver.h"
#include "tools/hematite/launch_header.h"
#include "tools/hematite/output_file.h"
#include "hematite/bundle.h"

#include <algorithm>

#include "backends/backend.h"
#include "backends/register_dialects.h"
#include "frontend/diagnostics/diagnostics.h"
#include "frontend/frontend.h"
#include "frontend/source/source_manager.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace hematite {
namespace {

/// What one run writes.
enum class OutputMode {
  Hm,     // --emit=hm: the hm dialect after hm's pipeline
  Single, // one target's file (--emit picks which)
  Bundle, // --emit=hmb, or several targets: every target's loadable module
  Header, // --emit=header: a C++ header with the bundle and typed launchers
};

bundle::Format bundleFormat(const Backend &backend) {
  if (backend.name() == "ptx")
    return bundle::Format::kPtx;
  if (backend.name() == "amdgcn")
    return bundle::Format::kHsaco;
  return bundle::Format::kSpirv;
}

/// A path as a gcc-format depfile writes it: spaces and '#' escaped with a
/// backslash, '$' doubled (what Ninja and Make read back).
std::string escapeDepfilePath(llvm::StringRef path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#' || c == '\\')
      out += '\\';
    if (c == '$')
      out += '$';
    out += c;
  }
  return out;
}

class Driver {
public:
  explicit Driver(const DriverOptions &options) : options(options) {
    mlir::DialectRegistry registry;
    registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    // Only what the frontend and the hm pipeline build; each backend loads its
    // target dialects (LLVM + NVVM/ROCDL, SPIR-V) when it runs. Loading every
    // dialect up front, and canonicalizing with all their ops' patterns, was a
    // third of compiling a small kernel.
    loadFrontendDialects(context);
    // MLIR diagnostics (from the hm pipeline and the backends) join ours, with
    // the source location MLIRGen attached to the op.
    context.getDiagEngine().registerHandler([this](mlir::Diagnostic &diag) {
      if (diag.getSeverity() != mlir::DiagnosticSeverity::Error)
        return;
      std::string message = diag.str();
      // MLIR's "see current operation" note dumps the whole IR: not for users.
      for (const mlir::Diagnostic &note : diag.getNotes())
        if (!llvm::StringRef(note.str()).starts_with("see current operation"))
          message += "\n" + note.str();
      // Before any backend runs, no target is at fault: for .mlir input the
      // module is (parsing, the hm pipeline's verifier); for Rust, MLIRGen met
      // something it cannot lower yet.
      if (!currentTarget.empty())
        report(DiagnosticKind::TargetCodegenFailed, spanOf(diag.getLocation()),
               {currentTarget, message});
      else if (llvm::StringRef(this->options.input).ends_with(".mlir"))
        report(DiagnosticKind::InvalidHmModule, spanOf(diag.getLocation()), {message});
      else
        report(DiagnosticKind::LoweringFailed, spanOf(diag.getLocation()), {message});
    });
  }

  int run() {
    diags.setWarningPolicy(options.noWarnings         ? WarningPolicy::Ignore
                           : options.warningsAsErrors ? WarningPolicy::AsErrors
                                                      : WarningPolicy::Report);
    if (!chooseOutput())
      return finish();

    mlir::OwningOpRef<mlir::ModuleOp> module = load();
    if (!module || diags.hasErrors())
      return finish();
    // The header mirrors the kernels' signatures as the frontend wrote them.
    mlir::OwningOpRef<mlir::ModuleOp> frontendModule;
    if (mode == OutputMode::Header)
      frontendModule = module->clone();

    mlir::PassManager pm(&context);
    hm::buildHmPipeline(pm);
    // -C defer-checks=on: failed checks are reported where they must be, not
    // where they fail (hm-defer-checks). Off by default: on the H100 it made
    // every bench kernel slower on CUDA (docs/benchmarks.md); never at -O0.
    if (mode != OutputMode::Hm && options.compile.optLevel > 0 && options.deferChecks)
      hm::buildHmCheckDeferral(pm);
    if (mlir::failed(pm.run(*module)))
      return finish();

    std::string bytes;
    if (mode == OutputMode::Hm) {
      llvm::raw_string_ostream stream(bytes);
      module->print(stream);
    } else if (mode == OutputMode::Single) {
      std::optional<CompiledModule> compiled = compileFor(0, singleKind, *module);
      if (!compiled)
        return finish();
      bytes = std::move(compiled->bytes);
    } else {
      std::vector<bundle::Image> images;
      for (size_t i = 0; i < backends.size(); ++i) {
        mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
        std::optional<CompiledModule> compiled = compileFor(i, EmitKind::Binary, *copy);
        if (!compiled)
          return finish();
        images.push_back({options.targets[i], bundleFormat(*backends[i]),
                          std::move(compiled->bytes)});
      }
      std::string error;
      if (!bundle::write(images, bytes, error)) {
        report(DiagnosticKind::CannotWriteOutput, Span{}, {"cannot write the bundle: " + error});
        return finish();
      }
      if (mode == OutputMode::Header) {
        std::string name = llvm::sys::path::stem(options.input).str();
        llvm::Expected<std::string> header = emitLaunchHeader(*frontendModule, bytes, name);
        if (!header) {
          report(DiagnosticKind::LaunchHeaderFailed, Span{},
                 {llvm::toString(header.takeError())});
          return finish();
        }
        bytes = std::move(*header);
      }
    }
    std::string output = outputPath();
    std::string error;
    if (!writeOutputFile(output, bytes, error)) {
      report(DiagnosticKind::CannotWriteOutput, Span{}, {error});
      return finish();
    }
    if (options.writeDepfile && !writeDepfile(output, error))
      report(DiagnosticKind::CannotWriteOutput, Span{}, {error});
    return finish();
  }

private:
  /// Checks the targets and --emit, creating one backend per target, and picks
  /// the output mode. Reports a usage error and returns false if they don't fit.
  bool chooseOutput() {
    const std::string &emit = options.emit;
    if (emit == "hm") {
      mode = OutputMode::Hm;
      return true;
    }
    if (options.targets.empty())
      return usageError(DiagnosticKind::NoTarget, {describeTargets()});
    for (size_t i = 0; i < options.targets.size(); ++i) {
      const std::string &target = options.targets[i];
      if (std::find(options.targets.begin(), options.targets.begin() + i, target) !=
          options.targets.begin() + i)
        return usageError(DiagnosticKind::DuplicateTarget, {target});
      std::unique_ptr<Backend> backend = createBackend(target);
      if (!backend)
        return usageError(DiagnosticKind::UnknownTarget, {target, describeTargets()});
      backends.push_back(std::move(backend));
    }
    if (emit == "hmb")
      mode = OutputMode::Bundle;
    else if (emit == "header")
      mode = OutputMode::Header;
    else if (emit.empty() && backends.size() > 1)
      mode = OutputMode::Bundle;
    else if (backends.size() > 1)
      return usageError(DiagnosticKind::EmitNeedsOneTarget,
                        {emit, std::to_string(backends.size())});
    else if (!emitKindFor(*backends[0], singleKind))
      return usageError(DiagnosticKind::EmitNotForTarget, {emit, options.targets[0]});
    else
      mode = OutputMode::Single;
    if (options.writeDepfile && options.depfile.empty() && outputPath() == "-")
      return usageError(DiagnosticKind::DepfileNeedsPath, {});
    return true;
  }

  /// Compiles `module` (consumed) for the i-th target; prints its resource
  /// report with -v. Errors are reported; nullopt then.
  std::optional<CompiledModule> compileFor(size_t i, EmitKind kind, mlir::ModuleOp module) {
    currentTarget = options.targets[i];
    mlir::FailureOr<CompiledModule> compiled = backends[i]->compile(module, kind, options.compile);
    if (mlir::failed(compiled))
      return std::nullopt;
    if (options.compile.resourceReport) {
      std::string text = compiled->resourceReport;
      if (text.empty())
        text = "no resource report for " + currentTarget + " with this --emit\n";
      llvm::SmallVector<llvm::StringRef> lines;
      llvm::StringRef(text).rtrim('\n').split(lines, '\n');
      for (llvm::StringRef line : lines)
        llvm::errs() << "hematite: info: " << line << "\n";
    }
    return std::move(*compiled);
  }

  /// --emit names a textual form; it must belong to the target's family.
  bool emitKindFor(const Backend &backend, EmitKind &kind) const {
    const std::string &emit = options.emit;
    if (emit.empty())
      kind = EmitKind::Binary;
    else if (emit == "llvm")
      kind = EmitKind::Llvm;
    else if (emit == "cubin" && backend.name() == "ptx")
      kind = EmitKind::MachineCode;
    else if (emit == "sass" && backend.name() == "ptx")
      kind = EmitKind::MachineAssembly;
    else if ((emit == "ptx" && backend.name() == "ptx") ||
             (emit == "amdgcn-asm" && backend.name() == "amdgcn") ||
             (emit == "spirv-asm" && backend.name() == "spirv"))
      kind = EmitKind::Assembly;
    else
      return false;
    return backend.canEmit(kind);
  }

  std::string outputPath() const {
    if (!options.output.empty())
      return options.output;
    llvm::SmallString<128> path(llvm::sys::path::filename(options.input));
    std::string extension;
    switch (mode) {
    case OutputMode::Hm: extension = ".hm.mlir"; break;
    case OutputMode::Bundle: extension = ".hmb"; break;
    case OutputMode::Header: extension = ".hpp"; break;
    case OutputMode::Single: {
      const Backend &backend = *backends[0];
      extension = singleKind == EmitKind::Llvm          ? ".ll"
                  : singleKind == EmitKind::Binary      ? backend.binaryExtension().str()
                  : singleKind == EmitKind::MachineCode ? ".cubin"
                  : singleKind == EmitKind::MachineAssembly ? ".sass"
                  : backend.name() == "ptx"             ? ".ptx"
                  : backend.name() == "spirv"           ? ".spvasm"
                                                        : ".s";
      break;
    }
    }
    llvm::sys::path::replace_extension(path, extension);
    return std::string(path);
  }

  /// `<target>: <every file read>` in gcc's format: the input and each `mod`
  /// file, absolute, so the build tool finds them from any directory.
  bool writeDepfile(const std::string &output, std::string &error) {
    std::string path = options.depfile;
    if (path.empty()) {
      llvm::SmallString<128> derived(output);
      llvm::sys::path::replace_extension(derived, ".d");
      path = std::string(derived);
    }
    std::string text = escapeDepfilePath(options.depTarget.empty() ? output : options.depTarget) + ":";
    for (size_t id = 0; id < sources.size(); ++id) {
      const std::string &name = sources.buffer(FileId(id)).name();
      if (!llvm::sys::fs::exists(name))
        continue; // a buffer that is not a file (the built-in gpu module)
      llvm::SmallString<256> absolute(name);
      llvm::sys::fs::make_absolute(absolute);
      llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
      text += " \\\n  " + escapeDepfilePath(absolute);
    }
    text += "\n";
    return writeOutputFile(path, text, error);
  }

  mlir::OwningOpRef<mlir::ModuleOp> load() {
    std::string error;
    std::optional<FileId> file = sources.loadFile(options.input, &error);
    if (!file) {
      report(DiagnosticKind::FileNotReadable, Span{}, {options.input, error});
      return nullptr;
    }
    if (llvm::StringRef(options.input).ends_with(".mlir")) {
      // hm dialect input, for testing backends directly.
      std::string_view text = sources.buffer(*file).text();
      return mlir::parseSourceString<mlir::ModuleOp>(
          llvm::StringRef(text.data(), text.size()), &context, options.input);
    }
    mlirgen::MlirGenOptions codegen;
    codegen.overflow_checks = options.overflowChecks;
    codegen.bounds_checks = options.boundsChecks;
    codegen.debug_variables = options.compile.debugInfo == DebugInfo::Full;
    return frontend::compileToHm(sources, *file, diags, context, codegen);
  }

  /// Maps an MLIR location back to a source span where it names a loaded file.
  Span spanOf(mlir::Location loc) const {
    auto fileLoc = mlir::dyn_cast<mlir::FileLineColLoc>(loc);
    if (!fileLoc)
      if (auto fused = mlir::dyn_cast<mlir::FusedLoc>(loc))
        for (mlir::Location inner : fused.getLocations())
          if ((fileLoc = mlir::dyn_cast<mlir::FileLineColLoc>(inner)))
            break;
    if (!fileLoc)
      return Span{};
    return sources.spanAt(fileLoc.getFilename().str(), fileLoc.getLine(),
                          fileLoc.getColumn());
  }

  void report(DiagnosticKind kind, Span span, std::vector<std::string> args) {
    diags.report(kind, span, std::move(args));
  }

  bool usageError(DiagnosticKind kind, std::vector<std::string> args) {
    report(kind, Span{}, std::move(args));
    usage = true;
    return false;
  }

  int finish() {
    if (!diags.diagnostics().empty()) {
      std::string text = renderDiagnostics(
          diags, sources, options.jsonDiagnostics ? ErrorFormat::Json : ErrorFormat::Human,
          options.color ? Color::Always : Color::Never);
      if (!text.empty() && text.back() != '\n')
        text += '\n';
      llvm::errs() << text;
    }
    if (!diags.hasErrors())
      return kExitSuccess;
    return usage ? kExitUsage : kExitCompileErrors;
  }

  const DriverOptions &options;
  // Single-threaded: one kernel file is a handful of functions, and starting
  // MLIR's thread pool (a thread and a malloc arena per core) cost more than
  // running its passes in parallel saved.
  mlir::MLIRContext context{mlir::MLIRContext::Threading::DISABLED};
  SourceManager sources;
  DiagnosticEngine diags;
  std::vector<std::unique_ptr<Backend>> backends; // one per target, in order
  OutputMode mode = OutputMode::Single;
  EmitKind singleKind = EmitKind::Binary;
  std::string currentTarget; // the target being compiled, for diagnostics
  bool usage = false;        // an error in the command line, not the program
};

} // namespace

std::string applyCodegenOption(const std::string &option, DriverOptions &options) {
  size_t eq = option.find('=');
  std::string key = option.substr(0, eq);
  if (key == "target-feature") {
    std::string list = eq == std::string::npos ? "" : option.substr(eq + 1);
    for (size_t start = 0; start <= list.size();) {
      size_t comma = list.find(',', start);
      std::string feature = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (feature.size() < 2 || (feature[0] != '+' && feature[0] != '-'))
        return "target feature `" + feature + "` must be written `+name` or `-name`";
      std::string name = feature.substr(1);
      if (name != "int64-atomics" && name != "float-atomic-add")
        return "unknown target feature `" + name + "` (known: int64-atomics, float-atomic-add)";
      auto &features = options.compile.targetFeatures;
      features.erase(std::remove(features.begin(), features.end(), name), features.end());
      if (feature[0] == '+')
        features.push_back(name);
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
    return "";
  }
  if (key == "ptx-version") {
    // Checked against the target by the PTX backend (known versions, the SM's
    // minimum).
    options.compile.ptxVersion = eq == std::string::npos ? "" : option.substr(eq + 1);
    if (options.compile.ptxVersion.empty())
      return "codegen option `ptx-version` takes a PTX ISA version, e.g. ptx-version=8.5";
    return "";
  }
  if (key == "prefetch-ahead") {
    std::string value = eq == std::string::npos ? "" : option.substr(eq + 1);
    unsigned blocks = 0;
    if (value == "on" || value == "yes" || value == "y" || value == "true") {
      options.compile.prefetchAhead = true;
      options.compile.prefetchAheadBlocks = 0;
    } else if (value == "off" || value == "no" || value == "n" || value == "false") {
      options.compile.prefetchAhead = false;
    } else if (!llvm::StringRef(value).getAsInteger(10, blocks) && blocks >= 1 &&
               blocks <= (1u << 20)) {
      options.compile.prefetchAhead = true;
      options.compile.prefetchAheadBlocks = blocks;
    } else {
      return "codegen option `prefetch-ahead` takes `on`, `off` or a number of blocks from 1 "
             "to 1048576, not `" + value + "`";
    }
    return "";
  }
  bool *flag = key == "overflow-checks" ? &options.overflowChecks
               : key == "bounds-checks" ? &options.boundsChecks
               : key == "defer-checks"  ? &options.deferChecks
               : key == "fmad"          ? &options.compile.fmad
               : key == "check-versioning" ? &options.compile.checkVersioning
               : key == "l1-reuse"      ? &options.compile.l1Reuse
                                        : nullptr;
  if (!flag)
    return "unknown codegen option `" + key +
           "` (known: overflow-checks=on|off, bounds-checks=on|off, defer-checks=on|off, check-versioning=on|off, fmad=on|off, prefetch-ahead=on|off|BLOCKS, l1-reuse=on|off, "
           "ptx-version=X.Y, "
           "target-feature=+name,...)";
  std::string value = eq == std::string::npos ? "" : option.substr(eq + 1);
  if (value == "on" || value == "yes" || value == "y" || value == "true")
    *flag = true;
  else if (value == "off" || value == "no" || value == "n" || value == "false")
    *flag = false;
  else
    return "codegen option `" + key + "` takes `on` or `off`, not `" + value + "`";
  return "";
}

int runDriver(const DriverOptions &options) {
  // The driver (its MLIR context, with every dialect and module) is left for
  // the process exit to reclaim, as clang's -disable-free does: tearing it down
  // took a noticeable part of compiling a small kernel.
  auto *driver = new Driver(options);
  return driver->run();
}

} // namespace hematite
