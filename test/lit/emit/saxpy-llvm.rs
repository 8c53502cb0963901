// RUN: %hematite --emit=llvm --target=sm_90 %examples/saxpy.rs -o - | FileCheck %s

// CHECK: target triple = "nvptx64-nvidia-cuda"
// x is a shared slice: its pointer is noalias and readonly; y's is not readonly.
// CHECK: define ptx_kernel void @saxpy(float %0, ptr addrspace(1) noalias readonly {{.*}}%1, i64 %2, ptr addrspace(1) noalias {{[a-z(),]*}} %3, i64 %4)
// CHECK: @llvm.nvvm.read.ptx.sreg.ctaid.x()
// CHECK: @llvm.nvvm.read.ptx.sreg.tid.x()
// CHECK: call void @llvm.trap()
// CHECK: load float, ptr addrspace(1)
// CHECK: store float
