// hm.debug_variable without a scope (hm-dialect input; MLIRGen always gives one):
// the variable goes in its function's subprogram, and without -g it is dropped.
// RUN: %hematite --target=sm_90 -g --emit=llvm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=NONE

// CHECK: #dbg_declare(ptr %{{[0-9]+}}, ![[V:[0-9]+]], !DIExpression(),
// CHECK-DAG: ![[SP:[0-9]+]] = distinct !DISubprogram(name: "k"
// CHECK-DAG: ![[V]] = !DILocalVariable(name: "n", scope: ![[SP]], file: !{{[0-9]+}}, line: [[#@LINE+7]], type: ![[U32:[0-9]+]])
// CHECK-DAG: ![[U32]] = !DIBasicType(name: "u32", size: 32, encoding: DW_ATE_unsigned)
// NONE-NOT: dbg_declare
// NONE-NOT: DILocalVariable

func.func @k(%n: i32, %out: !hm.slice<mut i32>) attributes {hm.kernel} {
  %slot = memref.alloca() : memref<i32>
  hm.debug_variable "n" : "u32" in %slot : memref<i32>
  memref.store %n, %slot[] : memref<i32>
  %i = hm.global_id x
  %v = memref.load %slot[] : memref<i32>
  hm.slice_store %v, %out[%i] : !hm.slice<mut i32>
  return
}
