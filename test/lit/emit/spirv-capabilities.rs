// SPIR-V declares the capabilities and extensions a kernel uses, inferred from
// its ops and types, and no more: 8/16-bit storage only with u8/i16 slices,
// Float64 only with f64, GroupNonUniform* only with warp ops, an extension only
// where the target's SPIR-V version has not made it core (SPV_KHR_8bit_storage
// is core from SPIR-V 1.5 = vulkan1.2), no Matrix. Every module validates for
// its target environment.
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %S/Inputs/caps/plain.rs -o - | FileCheck %s --check-prefix=PLAIN
// RUN: %hematite --target=vulkan1.1 --emit=spirv-asm %S/Inputs/caps/bytes.rs -o - | FileCheck %s --check-prefix=BYTES11
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %S/Inputs/caps/bytes.rs -o - | FileCheck %s --check-prefix=BYTES12
// RUN: %hematite --target=vulkan1.3 --emit=spirv-asm %S/Inputs/caps/doubles.rs -o - | FileCheck %s --check-prefix=DOUBLES
// RUN: %hematite --target=vulkan1.1 --emit=spirv-asm %S/Inputs/caps/warp.rs -o - | FileCheck %s --check-prefix=WARP
// RUN: %hematite --target=vulkan1.1 %S/Inputs/caps/bytes.rs -o %t.b11.spv && spirv-val --target-env vulkan1.1 %t.b11.spv
// RUN: %hematite --target=vulkan1.2 %S/Inputs/caps/bytes.rs -o %t.b12.spv && spirv-val --target-env vulkan1.2 %t.b12.spv
// RUN: %hematite --target=vulkan1.3 %S/Inputs/caps/doubles.rs -o %t.d13.spv && spirv-val --target-env vulkan1.3 %t.d13.spv
// RUN: %hematite --target=vulkan1.1 %S/Inputs/caps/warp.rs -o %t.w11.spv && spirv-val --target-env vulkan1.1 %t.w11.spv

// PLAIN-NOT: OpCapability {{Matrix|Float64|Int8|Int16|StorageBuffer|GroupNonUniform}}
// PLAIN-NOT: OpExtension
// PLAIN: OpMemoryModel Logical GLSL450

// BYTES11-DAG: OpCapability StorageBuffer8BitAccess
// BYTES11-DAG: OpCapability StorageBuffer16BitAccess
// BYTES11-DAG: OpExtension "SPV_KHR_8bit_storage"
// BYTES11-NOT: OpExtension "SPV_KHR_16bit_storage"
// BYTES11-NOT: OpExtension "SPV_KHR_storage_buffer_storage_class"
// BYTES11: OpMemoryModel

// BYTES12-DAG: OpCapability StorageBuffer8BitAccess
// BYTES12-NOT: OpExtension
// BYTES12: OpMemoryModel

// DOUBLES-DAG: OpCapability Float64
// DOUBLES-DAG: OpCapability SignedZeroInfNanPreserve
// DOUBLES-NOT: OpCapability {{Matrix|Int8|Int16|GroupNonUniform}}
// DOUBLES: OpMemoryModel

// WARP-DAG: OpCapability GroupNonUniformShuffle
// WARP-DAG: OpCapability GroupNonUniformBallot
// WARP-NOT: OpCapability {{Matrix|Float64}}
// WARP: OpMemoryModel
