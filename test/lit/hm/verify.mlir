// RUN: %hm-opt %s -split-input-file -verify-diagnostics

func.func @store_into_shared(%s: !hm.slice<f32>, %i: i64, %v: f32) {
  // expected-error @+1 {{stores through a read-only slice '!hm.slice<f32>'}}
  hm.slice_store %v, %s[%i] : !hm.slice<f32>
  return
}

// -----

func.func @load_wrong_type(%s: !hm.slice<f32>, %i: i64) {
  // expected-error @+1 {{result is the slice's element type}}
  %v = "hm.slice_load"(%s, %i) : (!hm.slice<f32>, i64) -> i32
  return
}

// -----

func.func @debug_struct_fields(%x: memref<f32>, %y: memref<f32>) {
  // expected-error @+1 {{has 2 slots but 1 fields and 1 field types}}
  hm.debug_struct "p" : "Vec2" in(%x, %y) {fields = ["x"], field_types = ["f32"], struct_names = {}} : memref<f32>, memref<f32>
  return
}

// -----

func.func @debug_struct_array(%x: memref<4xf32>) {
  // expected-error @+1 {{slot of type 'memref<4xf32>' is not a scalar's}}
  hm.debug_struct "p" : "Row" in(%x) {fields = ["x"], field_types = ["f32"], struct_names = {}} : memref<4xf32>
  return
}
