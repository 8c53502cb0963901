// The .hsaco is an AMDGPU code object whose metadata describes the kernel ABI.
// RUN: %hematite --target=gfx942 %examples/saxpy.rs -o %t.hsaco
// RUN: llvm-readelf --file-header --notes %t.hsaco | FileCheck %s

// CHECK: Type: DYN
// CHECK: Machine: EM_AMDGPU
// CHECK: Flags: {{.*}}gfx942
// CHECK: NT_AMDGPU_METADATA
// CHECK: amdhsa.kernels:
// a: f32 by value at 0
// CHECK: .args:
// CHECK-NEXT: - .offset: 0
// CHECK-NEXT: .size: 4
// CHECK-NEXT: .value_kind: by_value
// x: read-only global pointer, then its length
// CHECK-NEXT: - .actual_access: read_only
// CHECK-NEXT: .address_space: global
// CHECK-NEXT: .offset: 8
// CHECK-NEXT: .size: 8
// CHECK-NEXT: .value_kind: global_buffer
// CHECK-NEXT: - .offset: 16
// CHECK-NEXT: .size: 8
// CHECK-NEXT: .value_kind: by_value
// y: writable global pointer, then its length
// CHECK-NEXT: - .address_space: global
// CHECK-NEXT: .offset: 24
// CHECK-NEXT: .size: 8
// CHECK-NEXT: .value_kind: global_buffer
// CHECK-NEXT: - .offset: 32
// CHECK-NEXT: .size: 8
// CHECK-NEXT: .value_kind: by_value
// CHECK: .kernarg_segment_size: 40
// CHECK: .name: saxpy
// CHECK: .symbol: saxpy.kd
// CHECK: amdhsa.target: amdgcn-amd-amdhsa--gfx942
