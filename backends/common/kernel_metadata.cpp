#include "backends/common/kernel_metadata.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;

namespace hematite {
namespace {

/// Escapes `\`, newline and tab, the table's separators.
std::string escape(llvm::StringRef text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

uint64_t byteSize(Type t) {
  if (t.isInteger(1))
    return 1;
  return (t.getIntOrFloatBitWidth() + 7) / 8;
}

} // namespace

uint64_t sharedMemoryBytes(Operation *kernel) {
  auto module = kernel->getParentOfType<ModuleOp>();
  llvm::SmallPtrSet<Operation *, 8> seen;
  uint64_t total = 0;
  kernel->walk([&](memref::GetGlobalOp get) {
    auto type = get.getType();
    auto space = dyn_cast_or_null<IntegerAttr>(type.getMemorySpace());
    if (!space || space.getInt() != hm::kSharedMemorySpace)
      return;
    Operation *global = SymbolTable::lookupNearestSymbolFrom(module, get.getNameAttr());
    if (!global || !seen.insert(global).second)
      return;
    total += type.getNumElements() * byteSize(type.getElementType());
  });
  return total;
}

ModuleMetadata collectModuleMetadata(ModuleOp module) {
  ModuleMetadata meta;
  Builder b(module.getContext());
  unsigned next = 1;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!hm::isKernel(func))
      continue;
    KernelMetadata kernel;
    kernel.name = func.getName().str();
    kernel.sharedBytes = sharedMemoryBytes(func);
    if (auto bound = func->getAttrOfType<IntegerAttr>(hm::HmDialect::kMaxThreadsAttrName))
      kernel.maxThreads = uint32_t(bound.getInt());
    // The Rust types MLIRGen recorded (MLIR's integers have no sign).
    auto signatures = module->getAttrOfType<DictionaryAttr>(hm::HmDialect::kKernelSignaturesAttrName);
    auto types = signatures ? signatures.getAs<ArrayAttr>(func.getName()) : ArrayAttr();
    if (types && types.size() == func.getNumArguments()) {
      for (unsigned i = 0; i < func.getNumArguments(); ++i) {
        auto name = func.getArgAttrOfType<StringAttr>(i, hm::HmDialect::kArgNameAttrName);
        auto type = dyn_cast<StringAttr>(types[i]);
        kernel.params.push_back({name ? name.str() : "arg" + std::to_string(i),
                                 type ? type.str() : std::string("?")});
      }
    }
    meta.kernels.push_back(kernel);
    func.walk([&](hm::PanicOp panic) {
      PanicSite site;
      site.id = next++;
      site.kernel = kernel.name;
      if (auto fileLoc = panic.getLoc()->findInstanceOf<FileLineColLoc>()) {
        site.file = fileLoc.getFilename().str();
        site.line = fileLoc.getLine();
        site.column = fileLoc.getColumn();
      }
      site.types = panic.getTypes().str();
      site.message = panic.getMessage().str();
      panic->setAttr(hm::kPanicSiteAttrName, b.getI32IntegerAttr(int32_t(site.id)));
      meta.panics.push_back(std::move(site));
    });
  }
  return meta;
}

LogicalResult checkSharedMemoryLimit(ModuleOp module, const ModuleMetadata &meta,
                                     uint64_t limit, llvm::StringRef target) {
  for (const KernelMetadata &k : meta.kernels) {
    if (k.sharedBytes <= limit)
      continue;
    Operation *func = module.lookupSymbol(k.name);
    mlir::emitError(func ? func->getLoc() : module.getLoc())
        << "kernel `" << k.name << "` uses " << k.sharedBytes
        << " bytes of shared memory (gpu::shared), more than the " << limit
        << " bytes a block may have on `" << target << "`";
    return failure();
  }
  return success();
}

KernelMetadata *ModuleMetadata::kernel(llvm::StringRef name) {
  for (KernelMetadata &k : kernels)
    if (k.name == name)
      return &k;
  return nullptr;
}

std::vector<std::string> ModuleMetadata::lines() const {
  std::vector<std::string> out{"hematite-metadata\t1"};
  for (const KernelMetadata &k : kernels)
    out.push_back("kernel\t" + k.name + "\t" + std::to_string(k.sharedBytes) + "\t" +
                  std::to_string(k.maxThreads) + "\t" + std::to_string(k.panicBinding));
  for (const KernelMetadata &k : kernels)
    for (size_t i = 0; i < k.params.size(); ++i)
      out.push_back("param\t" + k.name + "\t" + std::to_string(i) + "\t" +
                    escape(k.params[i].name) + "\t" + k.params[i].type);
  for (const PanicSite &p : panics)
    out.push_back("panic\t" + std::to_string(p.id) + "\t" + p.kernel + "\t" + escape(p.file) +
                  "\t" + std::to_string(p.line) + "\t" + std::to_string(p.column) + "\t" +
                  p.types + "\t" + escape(p.message));
  return out;
}

std::string ModuleMetadata::text() const {
  std::string out;
  for (const std::string &line : lines())
    out += line + "\n";
  return out;
}

} // namespace hematite
