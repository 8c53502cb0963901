// The typed C++ launch header (`hematite --emit=header`, docs/cmake.md): the kernel
// bundle embedded as bytes, one typed function per kernel that loads the bundle on the
// launch's device (once per device) and launches with checked arguments, and every
// #[repr(C)] struct the kernels take mirrored as a C++ struct with static_asserts on
// its size, alignment and offsets (layout as docs/abi.md: C rules).
#ifndef HEMATITE_TOOLS_HEMATITE_LAUNCH_HEADER_H
#define HEMATITE_TOOLS_HEMATITE_LAUNCH_HEADER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace hematite {

/// The kernels' Rust parameter types come from hm::HmDialect::kKernelSignaturesAttrName
/// (set by MLIRGen); without it the header falls back to the hm types (integers
/// signed).
/// Module attribute: the #[repr(C)] structs kernels take (by value or in slices),
/// `{Params = [["scale", "f32"], ["n", "u64"], ["v", "[f32; 4]"], ["q", "Inner"]]}`:
/// each field's name and Rust type (a number type, bool, another struct, or an array
/// `[T; N]` of those), in declaration order.
inline constexpr llvm::StringLiteral kReprCStructsAttrName = "hm.repr_c";

/// The launch header for the kernels (func.func with `hm.kernel`, in module order) of
/// `hmModule`, the hm dialect as the frontend produces it (before the hm passes).
/// `bundleBytes` (a .hmb bundle, or one target's module) is embedded as is.
/// `moduleName` names the C++ namespace of the kernels (`a::b` nests; characters
/// that cannot be in a C++ name become `_`). The output is deterministic: the same
/// input gives the same bytes. Fails (naming the kernel and parameter) on a parameter
/// type it cannot mirror in C++, e.g. a struct missing from `hm.repr_c`.
llvm::Expected<std::string> emitLaunchHeader(mlir::ModuleOp hmModule,
                                             llvm::StringRef bundleBytes,
                                             llvm::StringRef moduleName);

/// `name` made a valid C++ identifier that is not a keyword ("class" -> "class_").
std::string cxxIdentifier(llvm::StringRef name);

} // namespace hematite

#endif
