//===- HmOps.td - hm operations ----------------------------------------------===//

#ifndef HM_OPS_TD
#define HM_OPS_TD

include "HmDialect.td"
include "HmTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Slices
//===----------------------------------------------------------------------===//

def Hm_SliceLenOp : Hm_Op<"slice_len", [Pure]> {
  let summary = "the element count of a slice (`s.len()`)";
  let arguments = (ins Hm_SliceType:$slice);
  let results = (outs I64:$len);
  let assemblyFormat = "$slice attr-dict `:` type($slice)";
  let hasFolder = 1;
}

def Hm_SliceFromPartsOp : Hm_Op<"slice_from_parts", [Pure]> {
  let summary = "a slice made of a raw pointer and a length";
  let description = [{
    Produced by a target's kernel-ABI expansion, where a slice parameter arrives
    as (pointer, length): `%s = hm.slice_from_parts %ptr, %len : !llvm.ptr<1> -> !hm.slice<f32>`.
  }];
  let arguments = (ins AnyType:$ptr, I64:$len);
  let results = (outs Hm_SliceType:$slice);
  let assemblyFormat = "$ptr `,` $len attr-dict `:` type($ptr) `->` type($slice)";
}

def Hm_SliceLoadOp : Hm_Op<"slice_load",
    [MemoryEffects<[MemRead]>,
     TypesMatchWith<"result is the slice's element type", "slice", "result",
                    "::llvm::cast<::hm::SliceType>($_self).getElementType()">]> {
  let summary = "load `s[i]`";
  let description = [{
    With `checked`, an index at or past the length panics (Rust's indexing); the op's
    location is the panic's source location. Bounds-check elimination drops
    `checked` where the index is provably in range.

    With `if %valid`, the access only happens where `valid` holds; elsewhere the
    op reads a harmless location instead and its result is unspecified.
    hm-defer-checks sets it on loads that may now run before their failed
    bounds check is reported (the index can then be out of range).
  }];
  let arguments = (ins Hm_SliceType:$slice, I64:$index, UnitAttr:$checked,
                       Optional<I1>:$valid);
  let results = (outs AnyType:$result);
  let assemblyFormat = "(`checked` $checked^)? $slice `[` $index `]` (`if` $valid^)? attr-dict `:` type($slice)";
  let builders = [
    OpBuilder<(ins "::mlir::Value":$slice, "::mlir::Value":$index, "bool":$checked), [{
      build($_builder, $_state, slice, index, checked, /*valid=*/::mlir::Value());
    }]>
  ];
}

def Hm_SliceStoreOp : Hm_Op<"slice_store",
    [MemoryEffects<[MemWrite]>,
     TypesMatchWith<"value is the slice's element type", "slice", "value",
                    "::llvm::cast<::hm::SliceType>($_self).getElementType()">]> {
  let summary = "store `s[i] = v` into a mutable slice";
  let arguments = (ins AnyType:$value, Hm_SliceType:$slice, I64:$index,
                       UnitAttr:$checked);
  let assemblyFormat = "(`checked` $checked^)? $value `,` $slice `[` $index `]` attr-dict `:` type($slice)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// The GPU programming model
//===----------------------------------------------------------------------===//

class Hm_IdOp<string mnemonic, string what> : Hm_Op<mnemonic, [Pure]> {
  let summary = what # " in dimension x, y or z (u32)";
  let arguments = (ins Hm_DimAttr:$dim);
  let results = (outs I32:$result);
  let assemblyFormat = "$dim attr-dict";
}
def Hm_ThreadIdOp  : Hm_IdOp<"thread_id", "the thread's index in its block">;
def Hm_BlockIdOp   : Hm_IdOp<"block_id", "the block's index in the grid">;
def Hm_BlockDimOp  : Hm_IdOp<"block_dim", "the number of threads per block">;
def Hm_GridDimOp   : Hm_IdOp<"grid_dim", "the number of blocks in the grid">;

def Hm_GlobalIdOp : Hm_Op<"global_id", [Pure]> {
  let summary = "block_id * block_dim + thread_id as a usize, without overflow";
  let arguments = (ins Hm_DimAttr:$dim);
  let results = (outs I64:$result);
  let assemblyFormat = "$dim attr-dict";
}

def Hm_FenceOp : Hm_Op<"fence"> {
  let summary = "memory fence: thread_fence (device scope), or thread_fence_block (`block`)";
  let description = [{
    Orders this thread's memory accesses before the fence against those after
    it, as seen by every thread of the device (or, with `block`, of the block),
    like CUDA's __threadfence / __threadfence_block. No thread waits.
  }];
  let arguments = (ins UnitAttr:$block);
  let assemblyFormat = "(`block` $block^)? attr-dict";
}

def Hm_LaneIdOp : Hm_Op<"lane_id", [Pure]> {
  let summary = "the thread's index in its warp / wavefront / subgroup (u32)";
  let results = (outs I32:$result);
  let assemblyFormat = "attr-dict";
}

def Hm_WarpSizeOp : Hm_Op<"warp_size", [Pure]> {
  let summary = "threads per warp / wavefront / subgroup (u32): 32 on NVIDIA, 32 or 64 on AMD, the device's subgroup size on Vulkan";
  let results = (outs I32:$result);
  let assemblyFormat = "attr-dict";
}

def Hm_ShuffleOp : Hm_Op<"shuffle", [AllTypesMatch<["value", "result"]>]> {
  let summary = "the value of `value` in lane `lane` of this warp (lane < warp_size)";
  let description = [{
    Every lane of the warp must execute it (converged code). MLIRGen computes
    the source lane of shuffle_xor / up / down and keeps the own value where
    the source is out of range, so backends only read a given lane.
  }];
  let arguments = (ins AnyTypeOf<[I32, I64, F32, F64]>:$value, I32:$lane);
  let results = (outs AnyTypeOf<[I32, I64, F32, F64]>:$result);
  let assemblyFormat = "$value `,` $lane attr-dict `:` type($value)";
}

def Hm_BallotOp : Hm_Op<"ballot"> {
  let summary = "bit i set for each active lane i of the warp whose predicate holds (u64)";
  let arguments = (ins I1:$pred);
  let results = (outs I64:$result);
  let assemblyFormat = "$pred attr-dict";
}

def Hm_BarrierOp : Hm_Op<"barrier"> {
  let summary = "block-wide barrier that also orders shared memory (sync_threads)";
  let assemblyFormat = "attr-dict";
}

def Hm_UnrollMarkerOp : Hm_Op<"unroll_marker"> {
  let summary = "marks the header of a loop to unroll fully (SPIR-V backend only)";
  let description = [{
    Lifting branches to structured control flow drops the `hm.unroll_full`
    attribute of a loop's back edge. The SPIR-V backend puts this marker at the
    start of such a loop's header before lifting, and turns it into the Unroll
    loop control of the `spirv.mlir.loop` around it after conversion
    (backends/spirv/unroll_hints.cpp). Its unknown side effects keep it in place
    through canonicalization. Nothing else creates or sees it.
  }];
  let assemblyFormat = "attr-dict";
}

def Hm_DebugVariableOp : Hm_Op<"debug_variable"> {
  let summary = "names the memory of a source variable, for the debugger (-g)";
  let description = [{
    With `-g`, MLIRGen keeps each scalar local in a slot and marks the slot
    with this op: `name` is the variable's name, `type_name` its Rust type
    (`u32`, `f32`, `bool`), and the op's location its binding. For an array of
    scalars, `type_name` is the element's and the slot's shape the array's. Having no
    promotable use, the slot stays in memory through mem2reg, where cuda-gdb
    can read it. The LLVM backends turn the op into `llvm.intr.dbg.declare`
    (backends/llvm_common/debug_variables.cpp); SPIR-V drops it. Its unknown
    side effects keep it (and its slot) through canonicalization.
  }];
  // `scope`: the variable's DWARF scope (an LLVM DILocalScopeAttr) where MLIRGen
  // made one; without it, the function's.
  let arguments = (ins AnyMemRef:$slot, StrAttr:$name, StrAttr:$type_name,
                       OptionalAttr<AnyAttr>:$scope);
  let assemblyFormat = "$name `:` $type_name `in` $slot attr-dict `:` type($slot)";
}

def Hm_DebugStructOp : Hm_Op<"debug_struct"> {
  let summary = "names the fields' memory of a struct or tuple variable, for the debugger (-g)";
  let description = [{
    With `-g`, MLIRGen keeps each scalar field of a struct or tuple local in a
    slot of its own (its storage: one slot per field, depth first, in
    declaration order) and names the variable with this op. `name` is the
    variable's name and `type_name` its Rust type (`Point`, `(f32, u32)`);
    `fields` gives each slot's path in the value (`pos.x`; a tuple's fields are
    `__0`, `__1`, as rustc names them), `field_types` each slot's Rust type, and
    `struct_names` the Rust type of each nested struct or tuple, by path. The
    LLVM backends describe the variable as one DWARF struct and give its
    fields' slots one stack slot of that layout, since cuda-gdb cannot read a
    variable made of DWARF pieces in local memory
    (backends/llvm_common/debug_variables.cpp); SPIR-V drops it.
  }];
  let arguments = (ins Variadic<AnyMemRef>:$slots, StrAttr:$name, StrAttr:$type_name,
                       StrArrayAttr:$fields, StrArrayAttr:$field_types,
                       DictionaryAttr:$struct_names, OptionalAttr<AnyAttr>:$scope);
  let assemblyFormat = [{
    $name `:` $type_name `in` `(` $slots `)` attr-dict `:` type($slots)
  }];
  let hasVerifier = 1;
}

def Hm_DebugSliceOp : Hm_Op<"debug_slice"> {
  let summary = "names a slice parameter for the debugger (-g)";
  let description = [{
    With `-g`, MLIRGen names each slice parameter of a kernel with this op:
    `name` is the parameter's, `type_name` the slice's Rust type (`&[f32]`),
    `element_type` its element's. The LLVM backends keep the slice's pointer and
    length in a stack slot described as rustc describes a slice (a struct named
    `&[f32]` with `data_ptr` and `length`), which debuggers print as a slice
    (backends/llvm_common/debug_variables.cpp); SPIR-V drops it.
  }];
  let arguments = (ins Hm_SliceType:$slice, StrAttr:$name, StrAttr:$type_name,
                       StrAttr:$element_type, OptionalAttr<AnyAttr>:$scope);
  let assemblyFormat = "$name `:` $type_name `of` $element_type `is` $slice attr-dict `:` type($slice)";
}

//===----------------------------------------------------------------------===//
// Atomics
//===----------------------------------------------------------------------===//

def Hm_AtomicRmwOp : Hm_Op<"atomic_rmw",
    [MemoryEffects<[MemRead, MemWrite]>, AttrSizedOperandSegments, AllTypesMatch<["value", "result"]>]> {
  let summary = "atomic read-modify-write of a memref element (shared memory); returns the old value";
  let description = [{
    `cmpxchg` stores `value` if the element equals `compare` (required for it,
    absent otherwise). Relaxed ordering, as CUDA's atomicAdd and friends.
  }];
  let arguments = (ins Hm_AtomicKindAttr:$kind, AnyTypeOf<[I32, I64, F32]>:$value,
                       Optional<AnyTypeOf<[I32, I64]>>:$compare, AnyMemRef:$memref,
                       Variadic<Index>:$indices);
  let results = (outs AnyTypeOf<[I32, I64, F32]>:$result);
  let assemblyFormat = "$kind $value (`if` `equal` $compare^ `:` type($compare))? `,` $memref `[` $indices `]` attr-dict `:` type($value) `,` type($memref)";
}

def Hm_SliceAtomicRmwOp : Hm_Op<"slice_atomic_rmw",
    [MemoryEffects<[MemRead, MemWrite]>, AllTypesMatch<["value", "result"]>]> {
  let summary = "atomic read-modify-write of `s[i]` (device memory); returns the old value";
  let description = [{ As hm.atomic_rmw, on a mutable slice's element (unchecked: MLIRGen checks the index first). }];
  let arguments = (ins Hm_AtomicKindAttr:$kind, AnyTypeOf<[I32, I64, F32]>:$value,
                       Optional<AnyTypeOf<[I32, I64]>>:$compare, Hm_SliceType:$slice, I64:$index);
  let results = (outs AnyTypeOf<[I32, I64, F32]>:$result);
  let assemblyFormat = "$kind $value (`if` `equal` $compare^ `:` type($compare))? `,` $slice `[` $index `]` attr-dict `:` type($value) `,` type($slice)";
}

//===----------------------------------------------------------------------===//
// Panics
//===----------------------------------------------------------------------===//

def Hm_PanicOp : Hm_Op<"panic", [Terminator]> {
  let summary = "stop the thread: a failed check or panic!()";
  let description = [{
    Ends its block. The op's location is the panic's source location and
    `message` its text as Rust prints it, with a `{}` (Display) or `{:?}`
    (Debug) hole for each of `values`. `types` names the Rust type of each
    value, comma-separated (`u64,u64`), since MLIR integers have no sign.
    Backends write a panic record for the host and end the thread
    (docs/abi.md, "Device panics").
  }];
  let arguments = (ins StrAttr:$message, Variadic<AnyTypeOf<[AnySignlessInteger, F32, F64]>>:$values,
                       DefaultValuedStrAttr<StrAttr, "">:$types);
  let assemblyFormat = "$message (`(` $values^ `:` type($values) `)`)? attr-dict";
  let hasVerifier = 1;
}

def Hm_PanicRecordOp : Hm_Op<"panic_record"> {
  let summary = "write the panic record without ending the thread";
  let description = [{
    hm.panic's first half, for backends that need structured control flow
    (SPIR-V): there hm.panic becomes hm.panic_record followed by a return
    before control flow is lifted. Same operands and attributes as hm.panic.
  }];
  let arguments = (ins StrAttr:$message, Variadic<AnyTypeOf<[AnySignlessInteger, F32, F64]>>:$values,
                       DefaultValuedStrAttr<StrAttr, "">:$types);
  let assemblyFormat = "$message (`(` $values^ `:` type($values) `)`)? attr-dict";
}

#endif // HM_OPS_TD
