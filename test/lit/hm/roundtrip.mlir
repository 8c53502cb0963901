// Every hm op parses and prints back; the printed form parses again.
// RUN: %hm-opt %s | FileCheck %s
// RUN: %hm-opt %s | %hm-opt | FileCheck %s

// CHECK-LABEL: func.func @ops
// CHECK-SAME: !hm.slice<f32>
// CHECK-SAME: !hm.slice<mut i32>
func.func @ops(%ro: !hm.slice<f32>, %rw: !hm.slice<mut i32>, %p: !llvm.ptr<1>, %n: i64) attributes {hm.kernel} {
  // CHECK: hm.slice_len %{{.*}} : <f32>
  %len = hm.slice_len %ro : !hm.slice<f32>
  // CHECK: hm.slice_from_parts %{{.*}}, %{{.*}} : !llvm.ptr<1> -> <f32>
  %s = hm.slice_from_parts %p, %n : !llvm.ptr<1> -> !hm.slice<f32>
  // CHECK: hm.thread_id x
  %t = hm.thread_id x
  // CHECK: hm.block_id y
  %b = hm.block_id y
  // CHECK: hm.block_dim z
  %d = hm.block_dim z
  // CHECK: hm.grid_dim x
  %g = hm.grid_dim x
  // CHECK: %[[I:.*]] = hm.global_id x
  %i = hm.global_id x
  // CHECK: hm.slice_load checked %{{.*}}[%[[I]]] : <f32>
  %v = hm.slice_load checked %ro[%i] : !hm.slice<f32>
  // CHECK: hm.slice_load %{{.*}}[%[[I]]] : <f32>
  %w = hm.slice_load %s[%i] : !hm.slice<f32>
  // CHECK: hm.slice_load %{{.*}}[%[[I]]] : <mut i32>
  %x = hm.slice_load %rw[%i] : !hm.slice<mut i32>
  // CHECK: hm.slice_store checked %{{.*}}, %{{.*}}[%[[I]]] : <mut i32>
  hm.slice_store checked %x, %rw[%i] : !hm.slice<mut i32>
  // CHECK: hm.slice_store %{{.*}}, %{{.*}}[%[[I]]] : <mut i32>
  hm.slice_store %x, %rw[%i] : !hm.slice<mut i32>
  // CHECK: hm.barrier
  hm.barrier
  return
}

// CHECK-LABEL: func.func @panics
// CHECK: hm.panic "attempt to divide by zero"
func.func @panics() {
  hm.panic "attempt to divide by zero"
}

// CHECK-LABEL: func.func @debug_variable
// CHECK: hm.debug_variable "i" : "usize" in %{{.*}} : memref<i64>
func.func @debug_variable() {
  %slot = memref.alloca() : memref<i64>
  hm.debug_variable "i" : "usize" in %slot : memref<i64>
  return
}

// CHECK-LABEL: func.func @debug_slice
// CHECK: hm.debug_slice "x" : "&[f32]" of "f32" is %{{.*}} : <f32>
func.func @debug_slice(%x: !hm.slice<f32>) {
  hm.debug_slice "x" : "&[f32]" of "f32" is %x : !hm.slice<f32>
  return
}

// CHECK-LABEL: func.func @debug_struct
// CHECK: hm.debug_struct "p" : "Particle" in(%{{.*}}, %{{.*}}, %{{.*}}) {field_types = ["f32", "f32", "u8"], fields = ["pos.x", "pos.y", "id"], struct_names = {pos = "Vec2"}} : memref<f32>, memref<f32>, memref<i8>
func.func @debug_struct() {
  %x = memref.alloca() : memref<f32>
  %y = memref.alloca() : memref<f32>
  %id = memref.alloca() : memref<i8>
  hm.debug_struct "p" : "Particle" in(%x, %y, %id) {fields = ["pos.x", "pos.y", "id"], field_types = ["f32", "f32", "u8"], struct_names = {pos = "Vec2"}} : memref<f32>, memref<f32>, memref<i8>
  return
}
