// RUN: %hm-opt --hm-version-checks %s | FileCheck %s
// hm-version-checks (version_checks.cpp): a kernel's checks decided at its
// start, a copy of the body without them. Input: `hematite --emit=hm` of
//   row_sum: s += x[base + c] for c = tid; c < cols; c += block_dim; out[gid] = s
//   gather:  out[i] = x[idx[i]]            (x's index is loaded: stays checked)
//   staged:  tile[t] = x[gid]; sync_threads(); out[gid] = tile[63 - t]
//   stepped: s += x[t + k] for k in (0..32).step_by(8); out[t] = s
//   window:  if i < out.len() { s += x[i + k] for k in 0..width; out[i] = s }

// row_sum: base + c is bounded by base + (cols - 1), with the add's overflow.
// CHECK-LABEL: func.func @row_sum(
// CHECK: arith.select
// CHECK: %{{.*}}, %[[OV:.*]] = arith.addui_extended
// CHECK: cf.cond_br %[[OK:.*]], ^[[FAST:bb[0-9]+]], ^bb1
// CHECK: ^bb1:
// CHECK: hm.panic
// CHECK: hm.panic
// CHECK: ^[[FAST]]:
// CHECK-NOT: hm.panic
// CHECK: return

// gather: idx[i] and out[i] are decided up front; x[idx[i]] is checked in both copies.
// CHECK-LABEL: func.func @gather(
// CHECK: cf.cond_br %{{.*}}, ^[[GFAST:bb[0-9]+]], ^bb1
// CHECK-COUNT-3: hm.panic
// CHECK: ^[[GFAST]]:
// CHECK: hm.slice_load %arg1
// CHECK: hm.panic
// CHECK-NOT: hm.panic
// CHECK: return

// staged has a barrier: bounds that every thread of the workgroup shares (the
// thread index by the block size, the global index by the grid's), so all take
// the same copy. tile[63 - t] cannot be bounded that way and stays checked.
// CHECK-LABEL: func.func @staged(
// CHECK: hm.grid_dim x
// CHECK: hm.block_dim x
// CHECK-NOT: hm.thread_id
// CHECK: cf.cond_br %{{.*}}, ^[[BFAST:bb[0-9]+]], ^bb1
// CHECK: ^[[BFAST]]:
// CHECK: hm.barrier
// CHECK: hm.panic
// CHECK-NOT: hm.panic

// stepped: MLIRGen's step_by loop tests `31 - k >= 8` on its back edge, so
// k <= 31 once the first k is: x[t + k] is bounded by t + 31.
// CHECK-LABEL: func.func @stepped(
// CHECK: arith.cmpi ugt
// CHECK: cf.cond_br %{{.*}}, ^[[SFAST:bb[0-9]+]], ^bb1
// CHECK: ^[[SFAST]]:
// CHECK-NOT: hm.panic
// CHECK: return

// window: a single check, but in a loop, where it runs on every iteration:
// worth a copy (a single check outside loops is not).
// CHECK-LABEL: func.func @window(
// CHECK: arith.addui_extended
// CHECK: cf.cond_br %{{.*}}, ^[[WFAST:bb[0-9]+]], ^bb1
// CHECK: ^[[WFAST]]:
// CHECK-NOT: hm.panic
// CHECK: return

module attributes {hm.kernel_signatures = {gather = ["&[f32]", "&[u32]", "&mut [f32]"], row_sum = ["u32", "&[f32]", "&mut [f32]"], staged = ["&[f32]", "&mut [f32]"], stepped = ["&[f32]", "&mut [f32]"], window = ["&[u32]", "u32", "&mut [u32]"]}} {
  memref.global "private" @staged_shared_0 : memref<64xf32, 3>
  func.func @row_sum(%arg0: i32 {hm.name = "cols"}, %arg1: !hm.slice<f32> {hm.name = "x"}, %arg2: !hm.slice<mut f32> {hm.name = "out"}) attributes {hm.kernel} {
    %cst = arith.constant 0.000000e+00 : f32
    %0 = arith.extui %arg0 : i32 to i64
    %1 = hm.block_id  x
    %2 = arith.extui %1 : i32 to i64
    %3 = arith.muli %2, %0 : i64
    %4 = hm.thread_id  x
    %5 = arith.extui %4 : i32 to i64
    cf.br ^bb1(%5, %cst : i64, f32)
  ^bb1(%6: i64, %7: f32):  // 2 preds: ^bb0, ^bb4
    %8 = arith.cmpi ult, %6, %0 : i64
    cf.cond_br %8, ^bb2, ^bb5
  ^bb2:  // pred: ^bb1
    %9 = arith.addi %3, %6 : i64
    %10 = hm.slice_len %arg1 : <f32>
    %11 = arith.cmpi ult, %9, %10 : i64
    cf.cond_br %11, ^bb4, ^bb3
  ^bb3:  // pred: ^bb2
    hm.panic "index out of bounds: the len is {} but the index is {}"(%10, %9 : i64, i64) {types = "u64,u64"}
  ^bb4:  // pred: ^bb2
    %12 = hm.slice_load %arg1[%9] : <f32>
    %13 = arith.addf %7, %12 : f32
    %14 = hm.block_dim  x
    %15 = arith.extui %14 : i32 to i64
    %16 = arith.addi %6, %15 : i64
    cf.br ^bb1(%16, %13 : i64, f32)
  ^bb5:  // pred: ^bb1
    %17 = hm.global_id  x
    %18 = hm.slice_len %arg2 : <mut f32>
    %19 = arith.cmpi ult, %17, %18 : i64
    cf.cond_br %19, ^bb7, ^bb6
  ^bb6:  // pred: ^bb5
    hm.panic "index out of bounds: the len is {} but the index is {}"(%18, %17 : i64, i64) {types = "u64,u64"}
  ^bb7:  // pred: ^bb5
    hm.slice_store %7, %arg2[%17] : <mut f32>
    return
  }
  func.func @gather(%arg0: !hm.slice<f32> {hm.name = "x"}, %arg1: !hm.slice<i32> {hm.name = "idx"}, %arg2: !hm.slice<mut f32> {hm.name = "out"}) attributes {hm.kernel} {
    %0 = hm.global_id  x
    %1 = hm.slice_len %arg1 : <i32>
    %2 = arith.cmpi ult, %0, %1 : i64
    cf.cond_br %2, ^bb2, ^bb1
  ^bb1:  // pred: ^bb0
    hm.panic "index out of bounds: the len is {} but the index is {}"(%1, %0 : i64, i64) {types = "u64,u64"}
  ^bb2:  // pred: ^bb0
    %3 = hm.slice_load %arg1[%0] : <i32>
    %4 = arith.extui %3 : i32 to i64
    %5 = hm.slice_len %arg0 : <f32>
    %6 = arith.cmpi ult, %4, %5 : i64
    cf.cond_br %6, ^bb4, ^bb3
  ^bb3:  // pred: ^bb2
    hm.panic "index out of bounds: the len is {} but the index is {}"(%5, %4 : i64, i64) {types = "u64,u64"}
  ^bb4:  // pred: ^bb2
    %7 = hm.slice_load %arg0[%4] : <f32>
    %8 = hm.slice_len %arg2 : <mut f32>
    %9 = arith.cmpi ult, %0, %8 : i64
    cf.cond_br %9, ^bb6, ^bb5
  ^bb5:  // pred: ^bb4
    hm.panic "index out of bounds: the len is {} but the index is {}"(%8, %0 : i64, i64) {types = "u64,u64"}
  ^bb6:  // pred: ^bb4
    hm.slice_store %7, %arg2[%0] : <mut f32>
    return
  }
  func.func @staged(%arg0: !hm.slice<f32> {hm.name = "x"}, %arg1: !hm.slice<mut f32> {hm.name = "out"}) attributes {hm.kernel} {
    %c63_i64 = arith.constant 63 : i64
    %c64_i64 = arith.constant 64 : i64
    %0 = memref.get_global @staged_shared_0 : memref<64xf32, 3>
    %1 = hm.thread_id  x
    %2 = arith.extui %1 : i32 to i64
    %3 = hm.global_id  x
    %4 = hm.slice_len %arg0 : <f32>
    %5 = arith.cmpi ult, %3, %4 : i64
    cf.cond_br %5, ^bb2, ^bb1
  ^bb1:  // pred: ^bb0
    hm.panic "index out of bounds: the len is {} but the index is {}"(%4, %3 : i64, i64) {types = "u64,u64"}
  ^bb2:  // pred: ^bb0
    %6 = hm.slice_load %arg0[%3] : <f32>
    %7 = arith.cmpi ult, %2, %c64_i64 : i64
    cf.cond_br %7, ^bb3, ^bb4
  ^bb3:  // pred: ^bb2
    %8 = arith.index_cast %2 : i64 to index
    memref.store %6, %0[%8] : memref<64xf32, 3>
    hm.barrier
    %9 = arith.subi %c63_i64, %2 : i64
    %10 = arith.cmpi ult, %9, %c64_i64 : i64
    cf.cond_br %10, ^bb5, ^bb8
  ^bb4:  // pred: ^bb2
    hm.panic "index out of bounds: the len is {} but the index is {}"(%c64_i64, %2 : i64, i64) {types = "u64,u64"}
  ^bb5:  // pred: ^bb3
    %11 = arith.index_cast %9 : i64 to index
    %12 = memref.load %0[%11] : memref<64xf32, 3>
    %13 = hm.slice_len %arg1 : <mut f32>
    %14 = arith.cmpi ult, %3, %13 : i64
    cf.cond_br %14, ^bb7, ^bb6
  ^bb6:  // pred: ^bb5
    hm.panic "index out of bounds: the len is {} but the index is {}"(%13, %3 : i64, i64) {types = "u64,u64"}
  ^bb7:  // pred: ^bb5
    hm.slice_store %12, %arg1[%3] : <mut f32>
    return
  ^bb8:  // pred: ^bb3
    hm.panic "index out of bounds: the len is {} but the index is {}"(%c64_i64, %9 : i64, i64) {types = "u64,u64"}
  }
  func.func @stepped(%arg0: !hm.slice<f32> {hm.name = "x"}, %arg1: !hm.slice<mut f32> {hm.name = "out"}) attributes {hm.kernel} {
    %c31_i64 = arith.constant 31 : i64
    %c8_i64 = arith.constant 8 : i64
    %c0_i64 = arith.constant 0 : i64
    %cst = arith.constant 0.000000e+00 : f32
    %0 = hm.thread_id  x
    %1 = arith.extui %0 : i32 to i64
    cf.br ^bb1(%c0_i64, %cst : i64, f32)
  ^bb1(%2: i64, %3: f32):  // 2 preds: ^bb0, ^bb3
    %4 = arith.addi %1, %2 : i64
    %5 = hm.slice_len %arg0 : <f32>
    %6 = arith.cmpi ult, %4, %5 : i64
    cf.cond_br %6, ^bb3, ^bb2
  ^bb2:  // pred: ^bb1
    hm.panic "index out of bounds: the len is {} but the index is {}"(%5, %4 : i64, i64) {types = "u64,u64"}
  ^bb3:  // pred: ^bb1
    %7 = hm.slice_load %arg0[%4] : <f32>
    %8 = arith.addf %3, %7 : f32
    %9 = arith.subi %c31_i64, %2 : i64
    %10 = arith.cmpi uge, %9, %c8_i64 : i64
    %11 = arith.addi %2, %c8_i64 : i64
    cf.cond_br %10, ^bb1(%11, %8 : i64, f32), ^bb4 {hm.unroll_full}
  ^bb4:  // pred: ^bb3
    %12 = hm.slice_len %arg1 : <mut f32>
    %13 = arith.cmpi ult, %1, %12 : i64
    cf.cond_br %13, ^bb6, ^bb5
  ^bb5:  // pred: ^bb4
    hm.panic "index out of bounds: the len is {} but the index is {}"(%12, %1 : i64, i64) {types = "u64,u64"}
  ^bb6:  // pred: ^bb4
    hm.slice_store %8, %arg1[%1] : <mut f32>
    return
  }
  func.func @window(%arg0: !hm.slice<i32> {hm.name = "x"}, %arg1: i32 {hm.name = "width"}, %arg2: !hm.slice<mut i32> {hm.name = "out"}) attributes {hm.kernel} {
    %c1_i64 = arith.constant 1 : i64
    %c0_i64 = arith.constant 0 : i64
    %c0_i32 = arith.constant 0 : i32
    %0 = hm.global_id  x
    %1 = hm.slice_len %arg2 : <mut i32>
    %2 = arith.cmpi ult, %0, %1 : i64
    cf.cond_br %2, ^bb1, ^bb2
  ^bb1:  // pred: ^bb0
    %3 = arith.extui %arg1 : i32 to i64
    cf.br ^bb3(%c0_i64, %c0_i32 : i64, i32)
  ^bb2:  // 2 preds: ^bb0, ^bb7
    return
  ^bb3(%4: i64, %5: i32):  // 2 preds: ^bb1, ^bb6
    %6 = arith.cmpi ult, %4, %3 : i64
    cf.cond_br %6, ^bb4, ^bb7
  ^bb4:  // pred: ^bb3
    %7 = arith.addi %0, %4 : i64
    %8 = hm.slice_len %arg0 : <i32>
    %9 = arith.cmpi ult, %7, %8 : i64
    cf.cond_br %9, ^bb6, ^bb5
  ^bb5:  // pred: ^bb4
    hm.panic "index out of bounds: the len is {} but the index is {}"(%8, %7 : i64, i64) {types = "u64,u64"}
  ^bb6:  // pred: ^bb4
    %10 = hm.slice_load %arg0[%7] : <i32>
    %11 = arith.addi %5, %10 : i32
    %12 = arith.addi %4, %c1_i64 : i64
    cf.br ^bb3(%12, %11 : i64, i32)
  ^bb7:  // pred: ^bb3
    hm.slice_store %5, %arg2[%0] : <mut i32>
    cf.br ^bb2
  }
}
