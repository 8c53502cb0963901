// A backend's error (H0900) is a JSON diagnostic with the op's location.
// RUN: not %hematite --error-format=json --target=vulkan1.2 %s -o %t.spv 2> %t.json
// RUN: FileCheck %s < %t.json
// RUN: python3 %S/Inputs/check_json.py 2 < %t.json
// RUN: not test -e %t.spv

// CHECK: {"$message_type":"diagnostic","message":"cannot compile for `vulkan1.2`: this use of a slice cannot be expressed in SPIR-V's logical addressing{{[^"]*}}","code":{"code":"H0900","explanation":null},"level":"error","spans":[{"file_name":"{{[^"]*}}json-codegen.mlir","byte_start":{{[0-9]+}},"byte_end":{{[0-9]+}},"line_start":[[@LINE+5]],"line_end":[[@LINE+5]],"column_start":8,"column_end":9,"is_primary":true,
// CHECK-NEXT: {"$message_type":"diagnostic","message":"aborting due to 1 previous error","code":null,"level":"error","spans":[],"children":[],"rendered":"error: aborting due to 1 previous error\n\n"}
// CHECK-NOT: {{.}}

func.func @pick(%c: i1, %a: !hm.slice<f32>, %b: !hm.slice<f32>, %o: !hm.slice<mut f32>) attributes {hm.kernel} {
  %s = arith.select %c, %a, %b : !hm.slice<f32>
  %i = hm.global_id x
  %v = hm.slice_load %s[%i] : !hm.slice<f32>
  hm.slice_store %v, %o[%i] : !hm.slice<mut f32>
  return
}
