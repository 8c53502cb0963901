// RUN: not %hematite --emit=ptx --target=vulkan1.2 %examples/saxpy.rs 2>&1 | FileCheck %s
// RUN: not %hematite --emit=llvm --target=vulkan1.2 %examples/saxpy.rs 2>&1 | FileCheck %s --check-prefix=LLVM
// CHECK: error[H0012]: --emit=ptx is not an output of target `vulkan1.2`
// LLVM: error[H0012]: --emit=llvm is not an output of target `vulkan1.2`
