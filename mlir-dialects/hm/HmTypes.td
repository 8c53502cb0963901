//===- HmTypes.td - hm types -------------------------------------------------===//

#ifndef HM_TYPES_TD
#define HM_TYPES_TD

include "HmDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

class Hm_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Hm_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

// A slice may live in a memref.alloca slot (a `let mut` binding).
def Hm_SliceType : Hm_Type<"Slice", "slice", [MemRefElementTypeInterface]> {
  let summary = "a Rust slice: &[T] or &mut [T]";
  let description = [{
    A pointer to device memory with an element count (a usize, i64 here).
    `!hm.slice<f32>` is `&[f32]`; `!hm.slice<mut f32>` is `&mut [f32]`.
    How a slice reaches a kernel is the target's business (docs/abi.md).
  }];
  let parameters = (ins "::mlir::Type":$elementType, "bool":$isMutable);
  let hasCustomAssemblyFormat = 1;
  let builders = [
    TypeBuilderWithInferredContext<(ins "::mlir::Type":$elementType,
                                        "bool":$isMutable), [{
      return $_get(elementType.getContext(), elementType, isMutable);
    }]>
  ];
}

// The four index spaces of the CUDA model. `dim` selects x, y or z.
def Hm_Dim : I32EnumAttr<"Dim", "a grid dimension", [
    I32EnumAttrCase<"x", 0>, I32EnumAttrCase<"y", 1>, I32EnumAttrCase<"z", 2>]> {
  let cppNamespace = "::hm";
  let genSpecializedAttr = 0;
}
def Hm_DimAttr : EnumAttr<Hm_Dialect, Hm_Dim, "dim">;

// The read-modify-write of gpu::atomic_*; min/max say how they compare.
def Hm_AtomicKind : I32EnumAttr<"AtomicKind", "an atomic read-modify-write", [
    I32EnumAttrCase<"add", 0>, I32EnumAttrCase<"sub", 1>,
    I32EnumAttrCase<"smin", 2>, I32EnumAttrCase<"smax", 3>,
    I32EnumAttrCase<"umin", 4>, I32EnumAttrCase<"umax", 5>,
    I32EnumAttrCase<"and_", 6, "and">, I32EnumAttrCase<"or_", 7, "or">,
    I32EnumAttrCase<"xor_", 8, "xor">, I32EnumAttrCase<"exchange", 9>,
    I32EnumAttrCase<"cmpxchg", 10>, I32EnumAttrCase<"fadd", 11>]> {
  let cppNamespace = "::hm";
  let genSpecializedAttr = 0;
}
def Hm_AtomicKindAttr : EnumAttr<Hm_Dialect, Hm_AtomicKind, "atomic_kind">;

#endif // HM_TYPES_TD
