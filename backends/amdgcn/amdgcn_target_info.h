// AMDGPU's answers to LlvmTargetInfo's hooks (ROCDL intrinsics and the HSA
// dispatch packet; no ROCm device libraries needed).
#ifndef HEMATITE_BACKENDS_AMDGCN_AMDGCN_TARGET_INFO_H
#define HEMATITE_BACKENDS_AMDGCN_AMDGCN_TARGET_INFO_H

#include "backends/llvm_common/target_info.h"
#include "mlir/Dialect/LLVMIR/ROCDLDialect.h"

namespace hematite {

class AmdgcnTargetInfo : public LlvmTargetInfo {
public:
  // Fences: the agent (device) and workgroup (block) scopes.
  const char *deviceSyncScope() const override { return "agent"; }
  const char *blockSyncScope() const override { return "workgroup"; }
  mlir::Value laneId(mlir::OpBuilder &b, mlir::Location loc) const override;
  mlir::Value warpSize(mlir::OpBuilder &b, mlir::Location loc) const override;
  mlir::Value shuffleI32(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                         mlir::Value lane) const override;
  mlir::Value ballot(mlir::OpBuilder &b, mlir::Location loc, mlir::Value pred) const override;

  AmdgcnTargetInfo(std::string gfx, bool wave64)
      : gfx(std::move(gfx)), wave64(wave64) {}

  void loadTargetDialect(mlir::MLIRContext &ctx) const override {
    ctx.loadDialect<mlir::ROCDL::ROCDLDialect>();
  }
  std::string triple() const override { return "amdgcn-amd-amdhsa"; }
  std::string cpu() const override { return gfx; }
  // LDS per workgroup on GCN/CDNA/RDNA.
  uint64_t sharedMemoryLimit() const override { return 64 * 1024; }
  std::string features() const override {
    return wave64 ? "+wavefrontsize64" : "+wavefrontsize32";
  }
  void amendLlvmModule(llvm::Module &module) const override;
  MathLowering floatMathLowering(mlir::Operation *op, mlir::FloatType type) const override;
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

private:
  std::string gfx;
  bool wave64;
};

} // namespace hematite

#endif
