// Every PTX we emit passes ptxas.
// REQUIRES: ptxas
// RUN: %hematite --target=sm_90 %examples/saxpy.rs -o %t.ptx
// RUN: %ptxas -arch=sm_90 %t.ptx -o %t.cubin
// RUN: llvm-readelf --symbols %t.cubin | FileCheck %s
// CHECK: saxpy
