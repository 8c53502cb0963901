// hm-defer-checks: a check records the first failing site in a pending state
// and execution goes on; the site's panic happens at the next flush point.
// RUN: %hm-opt %s --hm-defer-checks | FileCheck %s
// RUN: %hm-opt %s --hm-defer-checks --mem2reg --canonicalize | FileCheck %s --check-prefix=SSA

// Two loads in a row: no branch between them any more; each reads a harmless
// location when out of range. The store waits for no site to be pending, and
// the return reports the first failed site (1 before 2) with its values.
// CHECK-LABEL: func.func @two_loads
// CHECK: %[[SITE:.*]] = memref.alloca() : memref<i32>
// CHECK: %[[V0:.*]] = memref.alloca() : memref<i64>
// CHECK: %[[V1:.*]] = memref.alloca() : memref<i64>
// CHECK: %[[FAIL1:.*]] = arith.xori
// CHECK: %[[FIRST1:.*]] = arith.andi %[[FAIL1]]
// CHECK: arith.select %[[FIRST1]], %c1_i32
// CHECK: hm.slice_load %arg0[%{{.*}}] if %{{.*}} : <f32>
// CHECK-NOT: cf.cond_br
// CHECK: arith.select %{{.*}}, %c2_i32
// CHECK: hm.slice_load %arg0[%{{.*}}] if %{{.*}} : <f32>
// The store runs only while nothing is pending.
// CHECK: cf.cond_br %{{.*}}, ^[[STORE:bb[0-9]+]], ^[[AFTER:bb[0-9]+]]
// CHECK: ^[[STORE]]:
// CHECK-NEXT: hm.slice_store
// CHECK: ^[[AFTER]]:
// CHECK: cf.cond_br %{{.*}}, ^[[RET:bb[0-9]+]], ^[[DISPATCH:bb[0-9]+]]
// CHECK: ^[[RET]]:
// CHECK: return
// The chain: site 1 or else site 2, each panic with its values read back from
// the slots.
// CHECK: ^[[P2:bb[0-9]+]]:
// CHECK: hm.panic "index out of bounds: the len is {} but the index is {}"(%{{.*}}, %{{.*}} : i64, i64) {types = "u64,u64"}
// CHECK: ^[[DISPATCH]]:
// CHECK: %[[IS1:.*]] = arith.cmpi eq, %{{.*}}, %c1_i32{{.*}} : i32
// CHECK: cf.cond_br %[[IS1]], ^[[P1:bb[0-9]+]], ^[[P2]]
// CHECK: ^[[P1]]:
// CHECK: memref.load %[[V0]]
// CHECK: memref.load %[[V1]]
// CHECK: hm.panic
// SSA-LABEL: func.func @two_loads
// SSA-NOT: memref.alloca
// SSA: hm.slice_load %arg0[%{{.*}}] if
// SSA: hm.slice_load %arg0[%{{.*}}] if
func.func @two_loads(%x: !hm.slice<f32>, %y: !hm.slice<mut f32>, %i: i64, %j: i64) attributes {hm.kernel} {
  %n = hm.slice_len %x : <f32>
  %ok1 = arith.cmpi ult, %i, %n : i64
  cf.cond_br %ok1, ^load1, ^panic1
^panic1:
  hm.panic "index out of bounds: the len is {} but the index is {}"(%n, %i : i64, i64) {types = "u64,u64"}
^load1:
  %a = hm.slice_load %x[%i] : <f32>
  %ok2 = arith.cmpi ult, %j, %n : i64
  cf.cond_br %ok2, ^load2, ^panic2
^panic2:
  hm.panic "index out of bounds: the len is {} but the index is {}"(%n, %j : i64, i64) {types = "u64,u64"}
^load2:
  %b = hm.slice_load %x[%j] : <f32>
  %s = arith.addf %a, %b : f32
  hm.slice_store %s, %y[%i] : <mut f32>
  return
}

// A loop that is not unrolled fully flushes on its back edge; a small constant
// one (hm.unroll_full) does not. Barriers flush first.
// CHECK-LABEL: func.func @loops
// CHECK: ^[[HEAD:bb[0-9]+]](%{{.*}}: i64):
// CHECK: hm.slice_load %arg0[%{{.*}}] if
// CHECK: cf.cond_br %{{.*}}, ^[[HEAD]](%{{.*}} : i64), ^{{.*}} {hm.unroll_full}
// CHECK: cf.cond_br %{{.*}}, ^[[BARRIER:bb[0-9]+]], ^[[D:bb[0-9]+]]
// CHECK: ^[[BARRIER]]:
// CHECK: hm.barrier
// CHECK: ^[[WHILE:bb[0-9]+]](%{{.*}}: i64):
// CHECK: hm.slice_load %arg0[%{{.*}}] if
// CHECK: cf.cond_br %{{.*}}, ^[[BACK:bb[0-9]+]], ^{{bb[0-9]+}}
// CHECK: ^[[BACK]]:
// CHECK: cf.cond_br %{{.*}}, ^[[WHILE]](%{{.*}} : i64), ^{{bb[0-9]+}}
// CHECK-NOT: hm.unroll_full
func.func @loops(%x: !hm.slice<f32>, %n: i64) attributes {hm.kernel} {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c4 = arith.constant 4 : i64
  %len = hm.slice_len %x : <f32>
  cf.br ^small(%c0 : i64)
^small(%k: i64):
  %ok = arith.cmpi ult, %k, %len : i64
  cf.cond_br %ok, ^small_body, ^small_panic
^small_panic:
  hm.panic "index out of bounds: the len is {} but the index is {}"(%len, %k : i64, i64) {types = "u64,u64"}
^small_body:
  %v = hm.slice_load %x[%k] : <f32>
  %k1 = arith.addi %k, %c1 : i64
  %more = arith.cmpi ult, %k1, %c4 : i64
  cf.cond_br %more, ^small(%k1 : i64), ^sync {hm.unroll_full}
^sync:
  hm.barrier
  cf.br ^while(%c0 : i64)
^while(%w: i64):
  %okw = arith.cmpi ult, %w, %len : i64
  cf.cond_br %okw, ^while_body, ^while_panic
^while_panic:
  hm.panic "index out of bounds: the len is {} but the index is {}"(%len, %w : i64, i64) {types = "u64,u64"}
^while_body:
  %u = hm.slice_load %x[%w] : <f32>
  %w1 = arith.addi %w, %c1 : i64
  %again = arith.cmpi ult, %w1, %n : i64
  cf.cond_br %again, ^while(%w1 : i64), ^done
^done:
  return
}

// Arrays: indices are clamped; a store to the thread's own array is not
// guarded, one to shared memory is. A variable shift amount is masked; a
// division by a variable flushes first (division by zero is undefined).
// CHECK-LABEL: func.func @arrays
// CHECK: %[[LOCAL:.*]] = memref.alloca() : memref<4xf32>
// CHECK: %[[I:.*]] = arith.index_cast
// CHECK: %[[CI:.*]] = arith.minui %[[I]], %c3 : index
// CHECK: memref.store %{{.*}}, %[[LOCAL]][%[[CI]]] : memref<4xf32>
// CHECK: %[[CL:.*]] = arith.minui %[[I]], %c3
// CHECK: memref.load %[[LOCAL]][%[[CL]]]
// CHECK: %[[AMOUNT:.*]] = arith.andi %arg2, %c63_i64
// CHECK: arith.shli %arg1, %[[AMOUNT]]
// CHECK: cf.cond_br %{{.*}}, ^[[STORE:bb[0-9]+]], ^[[AFTER:bb[0-9]+]]
// CHECK: ^[[STORE]]:
// CHECK-NEXT: memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<8xf32, 3>
// CHECK: ^[[AFTER]]:
// CHECK: cf.cond_br %{{.*}}, ^[[DIV:bb[0-9]+]], ^{{bb[0-9]+}}
// CHECK: ^[[DIV]]:
// CHECK: arith.divui %arg1, %arg2
memref.global "private" @shared : memref<8xf32, 3>
func.func @arrays(%f: f32, %a: i64, %b: i64) -> i64 attributes {hm.kernel} {
  %c4 = arith.constant 4 : i64
  %local = memref.alloca() : memref<4xf32>
  %shared = memref.get_global @shared : memref<8xf32, 3>
  %ok = arith.cmpi ult, %a, %c4 : i64
  cf.cond_br %ok, ^body, ^panic
^panic:
  hm.panic "index out of bounds: the len is {} but the index is {}"(%c4, %a : i64, i64) {types = "u64,u64"}
^body:
  %i = arith.index_cast %a : i64 to index
  memref.store %f, %local[%i] : memref<4xf32>
  %g = memref.load %local[%i] : memref<4xf32>
  %sh = arith.shli %a, %b : i64
  memref.store %g, %shared[%i] : memref<8xf32, 3>
  %q = arith.divui %a, %b : i64
  %r = arith.addi %q, %sh : i64
  return %r : i64
}

// A panic reached from two places is not a check: it is a flush point itself.
// CHECK-LABEL: func.func @shared_panic
// CHECK: hm.slice_load %arg0[%{{.*}}] if
// CHECK: cf.cond_br %{{.*}}, ^[[GO:bb[0-9]+]], ^{{bb[0-9]+}}
// CHECK: ^[[GO]]:
// CHECK: hm.panic "explicit"
func.func @shared_panic(%x: !hm.slice<f32>, %i: i64, %c: i1, %d: i1) attributes {hm.kernel} {
  %n = hm.slice_len %x : <f32>
  %ok = arith.cmpi ult, %i, %n : i64
  cf.cond_br %ok, ^load, ^oob
^oob:
  hm.panic "index out of bounds: the len is {} but the index is {}"(%n, %i : i64, i64) {types = "u64,u64"}
^load:
  %v = hm.slice_load %x[%i] : <f32>
  cf.cond_br %c, ^explicit, ^next
^next:
  cf.cond_br %d, ^explicit, ^done
^explicit:
  hm.panic "explicit"
^done:
  return
}
