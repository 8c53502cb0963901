// RUN: %hematite --emit=llvm --target=sm_90 %examples/saxpy.rs -o - | FileCheck %s

// CHECK: target triple = "nvptx64-nvidia-cuda"
// The metadata table and the panic record (docs/abi.md).
// CHECK: @hematite_metadata = {{.*}}addrspace(1) constant [{{[0-9]+}} x i8] c"hematite-metadata\091\0Akernel\09saxpy\090\090\09-1\0Aparam\09saxpy\090\09a\09f32\0Aparam\09saxpy\091\09x\09&[f32]\0Aparam\09saxpy\092\09y\09&mut [f32]\0Apanic\091\09saxpy\09{{.*}}saxpy.rs\097\0920\09u64,u64\09index out of bounds: the len is {} but the index is {}\0A\00"
// CHECK: @hematite_panic = addrspace(1) global [9 x i64] zeroinitializer, align 8
// x is a shared slice: its pointer is noalias and readonly; y's is not readonly.
// A length is below 2^63 (a slice holds at most isize::MAX bytes).
// CHECK: define ptx_kernel void @saxpy(float %0, ptr addrspace(1) noalias readonly {{.*}}%1, i64 range(i64 0, -9223372036854775808) %2, ptr addrspace(1) noalias {{[a-z(),]*}} %3, i64 range(i64 0, -9223372036854775808) %4)
// CHECK: @llvm.nvvm.read.ptx.sreg.ctaid.x()
// CHECK: @llvm.nvvm.read.ptx.sreg.tid.x()
// A failed check claims the record, then writes the site (1), the length of
// x (%2) and the index, and returns.
// CHECK: cmpxchg ptr addrspace(1) @hematite_panic, i32 0, i32 1 monotonic monotonic
// CHECK: load float, ptr addrspace(1)
// CHECK: store float
// CHECK: store i32 1, ptr addrspace(1) getelementptr inbounds nuw (i8, ptr addrspace(1) @hematite_panic, i64 4)
// CHECK-NEXT: store i64 %2, ptr addrspace(1) getelementptr inbounds nuw (i8, ptr addrspace(1) @hematite_panic, i64 8)
// CHECK-NEXT: store i64 %{{[0-9]+}}, ptr addrspace(1) getelementptr inbounds nuw (i8, ptr addrspace(1) @hematite_panic, i64 16)
// CHECK-NOT: trap
