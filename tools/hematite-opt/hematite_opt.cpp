// hematite-opt: mlir-opt with the hm dialect and Hematite's passes, for lit tests.
#include "backends/register_dialects.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  hematite::registerAllDialects(registry);
  mlir::registerTransformsPasses();
  hm::registerHmPasses();
  hm::registerHmPipeline();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Hematite optimizer driver\n", registry));
}
