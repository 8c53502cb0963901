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
