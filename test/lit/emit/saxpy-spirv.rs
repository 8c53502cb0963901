// RUN: %hematite --emit=spirv-asm --target=vulkan1.2 %examples/saxpy.rs -o - | FileCheck %s
// RUN: %hematite --target=vulkan1.2 %examples/saxpy.rs -o %t.spv
// RUN: spirv-val --target-env vulkan1.2 %t.spv

// CHECK: ; Version: 1.5
// CHECK: OpCapability Shader
// SPIR-V 1.4+: the interface names every global the entry point uses.
// CHECK: OpEntryPoint GLCompute %saxpy "saxpy" {{.*}}%saxpy_push_constants
// The metadata table (docs/abi.md): the panic record is binding 2.
// CHECK: OpString "hematite_metadata:hematite-metadata{{.}}1"
// CHECK-NEXT: OpString "hematite_metadata:kernel{{.}}saxpy{{.}}0{{.}}0{{.}}2"
// CHECK-NEXT: OpString "hematite_metadata:param{{.}}saxpy{{.}}0{{.}}a{{.}}f32"
// CHECK-NEXT: OpString "hematite_metadata:param{{.}}saxpy{{.}}1{{.}}x{{.}}&[f32]"
// CHECK-NEXT: OpString "hematite_metadata:param{{.}}saxpy{{.}}2{{.}}y{{.}}&mut [f32]"
// CHECK-NEXT: OpString "hematite_metadata:panic{{.}}1{{.}}saxpy{{.}}{{.*}}saxpy.rs{{.}}7{{.}}20{{.}}u64,u64{{.}}index out of bounds: the len is {} but the index is {}"
// CHECK-DAG: OpDecorate %saxpy_panic Binding 2
// CHECK-DAG: OpMemberDecorate %[[REC:_struct_[0-9]+]] 1 Offset 4
// CHECK-DAG: OpMemberDecorate %[[REC]] 2 Offset 8
// CHECK-DAG: OpDecorate %hm_workgroup_size BuiltIn WorkgroupSize
// CHECK-DAG: OpDecorate %hm_workgroup_size_x SpecId 0
// CHECK-DAG: OpDecorate %hm_workgroup_size_y SpecId 1
// CHECK-DAG: OpDecorate %hm_workgroup_size_z SpecId 2
// x: binding 0, read-only
// CHECK-DAG: OpMemberDecorate %[[XS:_struct_[0-9]+]] 0 NonWritable
// CHECK-DAG: OpDecorate %saxpy_1 Binding 0
// CHECK-DAG: OpDecorate %saxpy_1 DescriptorSet 0
// CHECK-DAG: OpDecorate %saxpy_2 Binding 1
// CHECK-DAG: OpDecorate %saxpy_2 DescriptorSet 0
// Push constants: a at 0, len(x) at 8, len(y) at 16.
// CHECK: OpMemberDecorate %[[PC:_struct_[0-9]+]] 1 Offset 8
// CHECK-NEXT: OpMemberDecorate %[[PC]] 2 Offset 16
// CHECK-NEXT: OpDecorate %[[PC]] Block
// CHECK: %[[XS]] = OpTypeStruct %_runtimearr_float
// CHECK: %saxpy_1 = OpVariable %_ptr_StorageBuffer_[[XS]] StorageBuffer
// CHECK: %[[PC]] = OpTypeStruct %float %ulong %ulong
// CHECK: %saxpy_push_constants = OpVariable %_ptr_PushConstant_[[PC]] PushConstant
// CHECK: %saxpy = OpFunction
// CHECK: OpAtomicCompareExchange %uint %{{.*}} %uint_1 %uint_0 %uint_0 %uint_1 %uint_0
// CHECK: OpSelectionMerge
// CHECK: OpReturn
// CHECK: OpFunctionEnd
