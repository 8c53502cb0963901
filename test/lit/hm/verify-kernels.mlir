// hm-verify-kernels (first in hm-pipeline): a kernel's signature must be one the
// kernel ABI passes. Each case fails without the pass, later and in a backend's
// words (or not at all: PTX took a memref parameter).
// RUN: %hm-opt %s -split-input-file -hm-verify-kernels -verify-diagnostics
// The pipeline every target runs starts with it.
// RUN: not %hm-opt %s -split-input-file -hm-pipeline 2>&1 | FileCheck %s --check-prefix=PIPE
// PIPE: kernel @returns_value returns a value

// expected-error @+1 {{kernel @returns_value returns a value; a kernel returns nothing}}
func.func @returns_value(%a: i64) -> i64 attributes {hm.kernel} {
  return %a : i64
}

// -----

// expected-error @+1 {{kernel @memref_param parameter 1 has type 'memref<4xf32>'; a kernel takes integers, floats and slices}}
func.func @memref_param(%n: i32, %a: memref<4xf32>) attributes {hm.kernel} {
  return
}

// -----

// expected-error @+1 {{kernel @declared has no body}}
func.func private @declared(%a: i32) attributes {hm.kernel}

// -----

// expected-error @+1 {{'hm.kernel' marks a func.func, not 'llvm.func'}}
llvm.func @not_a_func() attributes {hm.kernel} {
  llvm.return
}

// -----

// Integers, floats and slices of either mutability are what kernels take; a
// device function (no hm.kernel) may return a value.
func.func @ok(%a: i1, %b: i8, %c: f16, %d: f64, %e: !hm.slice<f32>, %f: !hm.slice<mut i32>) attributes {hm.kernel} {
  return
}
func.func @helper(%a: i64) -> i64 {
  return %a : i64
}
