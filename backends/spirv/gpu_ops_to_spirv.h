// hm's GPU-model ops → SPIR-V built-ins (GLCompute).
#ifndef HEMATITE_BACKENDS_SPIRV_GPU_OPS_TO_SPIRV_H
#define HEMATITE_BACKENDS_SPIRV_GPU_OPS_TO_SPIRV_H

#include "mlir/Dialect/SPIRV/Transforms/SPIRVConversion.h"

namespace hematite {
void populateGpuOpsToSpirvPatterns(const mlir::SPIRVTypeConverter &converter,
                                   mlir::RewritePatternSet &patterns);
}

#endif
