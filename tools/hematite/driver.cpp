#include "tools/hematite/driver.h"
#include "tools/hematite/output_file.h"

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
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace hematite {
namespace {

class Driver {
public:
  explicit Driver(const DriverOptions &options) : options(options) {
    mlir::DialectRegistry registry;
    registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
    // MLIR diagnostics (from the hm pipeline and the backends) join ours, with
    // the source location MLIRGen attached to the op.
    context.getDiagEngine().registerHandler([this, &options](mlir::Diagnostic &diag) {
      if (diag.getSeverity() != mlir::DiagnosticSeverity::Error)
        return;
      std::string message = diag.str();
      // MLIR's "see current operation" note dumps the whole IR: not for users.
      for (const mlir::Diagnostic &note : diag.getNotes())
        if (!llvm::StringRef(note.str()).starts_with("see current operation"))
          message += "\n" + note.str();
      report(DiagnosticKind::TargetCodegenFailed, spanOf(diag.getLocation()),
             {options.target, message});
    });
  }

  int run() {
    std::unique_ptr<Backend> backend;
    if (options.emit != "hm") {
      if (options.target.empty())
        return fail(DiagnosticKind::NoTarget, {describeTargets()});
      backend = createBackend(options.target);
      if (!backend)
        return fail(DiagnosticKind::UnknownTarget, {options.target, describeTargets()});
    }
    EmitKind kind = EmitKind::Binary;
    if (backend && !emitKindFor(*backend, kind))
      return fail(DiagnosticKind::EmitNotForTarget, {options.emit, options.target});

    mlir::OwningOpRef<mlir::ModuleOp> module = load();
    if (!module || diags.hasErrors())
      return finish();

    mlir::PassManager pm(&context);
    hm::buildHmPipeline(pm);
    if (mlir::failed(pm.run(*module)))
      return finish();

    std::string bytes;
    if (!backend) {
      llvm::raw_string_ostream stream(bytes);
      module->print(stream);
    } else {
      CompileOptions compileOptions;
      compileOptions.optLevel = options.optLevel;
      compileOptions.targetFeatures = options.targetFeatures;
      mlir::FailureOr<CompiledModule> compiled =
          backend->compile(*module, kind, compileOptions);
      if (mlir::failed(compiled))
        return finish();
      bytes = std::move(compiled->bytes);
    }
    std::string error;
    if (!writeOutputFile(outputPath(backend.get(), kind), bytes, error))
      report(DiagnosticKind::CannotWriteOutput, Span{}, {error});
    return finish();
  }

private:
  /// --emit names a textual form; it must belong to the target's family.
  bool emitKindFor(const Backend &backend, EmitKind &kind) const {
    const std::string &emit = options.emit;
    if (emit.empty())
      kind = EmitKind::Binary;
    else if (emit == "llvm")
      kind = EmitKind::Llvm;
    else if ((emit == "ptx" && backend.name() == "ptx") ||
             (emit == "amdgcn-asm" && backend.name() == "amdgcn") ||
             (emit == "spirv-asm" && backend.name() == "spirv"))
      kind = EmitKind::Assembly;
    else
      return false;
    return backend.canEmit(kind);
  }

  std::string outputPath(const Backend *backend, EmitKind kind) const {
    if (!options.output.empty())
      return options.output;
    llvm::SmallString<128> path(llvm::sys::path::filename(options.input));
    const char *extension = !backend                    ? ".hm.mlir"
                            : kind == EmitKind::Llvm    ? ".ll"
                            : kind == EmitKind::Binary  ? backend->binaryExtension().data()
                            : backend->name() == "ptx"  ? ".ptx"
                                                        : ".s";
    if (backend && kind == EmitKind::Assembly && backend->name() == "spirv")
      extension = ".spvasm";
    llvm::sys::path::replace_extension(path, extension);
    return std::string(path);
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

  int fail(DiagnosticKind kind, std::vector<std::string> args) {
    report(kind, Span{}, std::move(args));
    return finish();
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
    return diags.hasErrors() ? 1 : 0;
  }

  const DriverOptions &options;
  mlir::MLIRContext context;
  SourceManager sources;
  DiagnosticEngine diags;
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
      auto &features = options.targetFeatures;
      features.erase(std::remove(features.begin(), features.end(), name), features.end());
      if (feature[0] == '+')
        features.push_back(name);
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
    return "";
  }
  bool *flag = key == "overflow-checks" ? &options.overflowChecks
               : key == "bounds-checks" ? &options.boundsChecks
                                        : nullptr;
  if (!flag)
    return "unknown codegen option `" + key +
           "` (known: overflow-checks=on|off, bounds-checks=on|off, target-feature=+name,...)";
  std::string value = eq == std::string::npos ? "" : option.substr(eq + 1);
  if (value == "on" || value == "yes" || value == "y" || value == "true")
    *flag = true;
  else if (value == "off" || value == "no" || value == "n" || value == "false")
    *flag = false;
  else
    return "codegen option `" + key + "` takes `on` or `off`, not `" + value + "`";
  return "";
}

int runDriver(const DriverOptions &options) { return Driver(options).run(); }

} // namespace hematite
