// hm-dialect input goes straight to the backends. SPIR-V's logical addressing
// cannot select between two slices: the backend's error becomes H0900, with
// the location of the offending op, and no output file.
// RUN: rm -f %t.spv
// RUN: not %hematite --target=vulkan1.2 %s -o %t.spv 2>&1 | FileCheck %s
// RUN: not test -e %t.spv
// The same kernel compiles for PTX, where slices are pointers.
// RUN: %hematite --emit=ptx --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX

// CHECK: error[H0900]: cannot compile for `vulkan1.2`: this use of a slice cannot be expressed in SPIR-V's logical addressing
// CHECK: --> {{.*}}codegen-failed.mlir:[[@LINE+4]]:8
// PTX: .visible .entry pick(

func.func @pick(%c: i1, %a: !hm.slice<f32>, %b: !hm.slice<f32>, %o: !hm.slice<mut f32>) attributes {hm.kernel} {
  %s = arith.select %c, %a, %b : !hm.slice<f32>
  %i = hm.global_id x
  %v = hm.slice_load %s[%i] : !hm.slice<f32>
  hm.slice_store %v, %o[%i] : !hm.slice<mut f32>
  return
}
