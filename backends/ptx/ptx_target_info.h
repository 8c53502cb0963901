// NVPTX's answers to LlvmTargetInfo's hooks (NVVM intrinsics).
#ifndef HEMATITE_BACKENDS_PTX_PTX_TARGET_INFO_H
#define HEMATITE_BACKENDS_PTX_PTX_TARGET_INFO_H

#include "backends/llvm_common/target_info.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

namespace hematite {

class PtxTargetInfo : public LlvmTargetInfo {
public:
  /// `smVersion` is e.g. 90 for sm_90; `ptxVersion` 78 for PTX ISA 7.8.
  PtxTargetInfo(unsigned smVersion, unsigned ptxVersion)
      : smVersion(smVersion), ptxVersion(ptxVersion) {}
  /// The PTX ISA version written (-C ptx-version), which some hooks need.
  void setPtxVersion(unsigned version) { ptxVersion = version; }

  void loadTargetDialect(mlir::MLIRContext &ctx) const override {
    ctx.loadDialect<mlir::NVVM::NVVMDialect>();
  }
  std::string triple() const override { return "nvptx64-nvidia-cuda"; }
  std::string cpu() const override { return "sm_" + std::to_string(smVersion); }
  // Static __shared__ memory is limited to 48 KiB on every sm (more needs
  // dynamic shared memory and an opt-in at launch).
  uint64_t sharedMemoryLimit() const override { return 48 * 1024; }
  std::string features() const override { return ""; }
  void setGlobalCodeGenOptions() const override;
  MathLowering floatMathLowering(mlir::Operation *op, mlir::FloatType type) const override;
  void boundDebugKernel(mlir::Operation *kernel) const override;
  void markKernel(mlir::Operation *func,
                  std::optional<int> maxThreads) const override;
  mlir::Value threadId(mlir::OpBuilder &b, mlir::Location loc,
                       hm::Dim dim) const override;
  mlir::Value blockId(mlir::OpBuilder &b, mlir::Location loc,
                      hm::Dim dim) const override;
  mlir::Value blockDim(mlir::OpBuilder &b, mlir::Location loc,
                       hm::Dim dim) const override;
  mlir::Value gridDim(mlir::OpBuilder &b, mlir::Location loc,
                      hm::Dim dim) const override;
  void barrier(mlir::OpBuilder &b, mlir::Location loc) const override;
  // NVPTX: fence.sc.gpu / fence.sc.cta, as __threadfence / __threadfence_block.
  const char *deviceSyncScope() const override { return "device"; }
  const char *blockSyncScope() const override { return "block"; }
  mlir::Value laneId(mlir::OpBuilder &b, mlir::Location loc) const override;
  mlir::Value warpSize(mlir::OpBuilder &b, mlir::Location loc) const override;
  mlir::Value shuffleI32(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                         mlir::Value lane) const override;
  mlir::Value ballot(mlir::OpBuilder &b, mlir::Location loc, mlir::Value pred) const override;
  llvm::Function *divergenceSafeCallee(llvm::CallBase &call) const override;
  bool hasL2Prefetch() const override { return true; }
  void emitL2Prefetch(llvm::IRBuilderBase &b, llvm::Value *address) const override;
  std::optional<hm::Dim> blockIdDimension(const llvm::Value &v) const override;
  // ld.global.nc.L1::evict_last: PTX ISA 7.4 and sm_70.
  bool canKeepLoadsInL1() const override { return ptxVersion >= 74 && smVersion >= 70; }
  llvm::Value *emitLoadKeptInL1(llvm::IRBuilderBase &b, llvm::LoadInst &load) const override;

private:
  unsigned smVersion;
  unsigned ptxVersion;
};

} // namespace hematite

#endif
