// Every Vulkan target produces SPIR-V that spirv-val accepts for it.
// RUN: %hematite --target=vulkan1.1 %examples/saxpy.rs -o %t.11.spv
// RUN: spirv-val --target-env vulkan1.1 %t.11.spv
// RUN: %hematite --target=vulkan1.3 %examples/saxpy.rs -o %t.13.spv
// RUN: spirv-val --target-env vulkan1.3 %t.13.spv
// RUN: %hematite --emit=spirv-asm --target=vulkan1.1 %examples/saxpy.rs -o - | FileCheck %s --check-prefix=V11
// RUN: %hematite --emit=spirv-asm --target=vulkan1.3 %examples/saxpy.rs -o - | FileCheck %s --check-prefix=V13

// Before SPIR-V 1.4 the entry point's interface holds only Input/Output
// variables (storage buffers and push constants there fail validation).
// V11: ; Version: 1.3
// V11: OpEntryPoint GLCompute %saxpy "saxpy" %__builtin__WorkgroupId__ %__builtin__LocalInvocationId__{{$}}
// V13: ; Version: 1.6
// V13: OpEntryPoint GLCompute %saxpy "saxpy" {{.*}}%saxpy_push_constants
