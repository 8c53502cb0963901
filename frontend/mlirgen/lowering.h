// MLIRGen internals: one KernelLowering per kernel. Shared by mlirgen.cpp (the
// core: values, places, control flow, calls, patterns) and builtins.cpp (the
// methods of primitive types).
//
// Model (see mlirgen.h for the summary):
// - A value is a list of scalar SSA *leaves*: a scalar or C-like enum is 1 leaf,
//   unit and never 0, tuples/structs the concatenation of their fields, arrays N
//   times the element. A slice is 3 leaves: (the hm.slice it views, offset,
//   length). Offset and length may be null Values meaning "0" and
//   "hm.slice_len(base)": a whole slice (a kernel parameter) stays one hm.slice
//   value, so plain indexing keeps emitting `hm.slice_load checked`, and a
//   sub-slice (`&s[a..b]`) is only two more integers, which every target can
//   express (SPIR-V's logical addressing cannot build a new slice value).
// - A reference is not a value: it is a compile-time Place (a local's storage
//   plus a path, a slice element, or read-only leaves).
// - Locals: immutable locals without arrays are SSA leaves; mutable locals and
//   locals of array type get Storage: one memref.alloca per scalar leaf at the
//   top of the entry block, shaped by the enclosing array lengths.
// - Calls are inlined: a callee's checked body is lowered in place, in a new
//   Frame with its own locals and the composed generic substitution.
#ifndef HEMATITE_FRONTEND_MLIRGEN_LOWERING_H
#define HEMATITE_FRONTEND_MLIRGEN_LOWERING_H

#include "frontend/check/checked_program.h"
#include "frontend/mlirgen/debug_scopes.h"
#include "frontend/mlirgen/mlirgen.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/Builders.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace hematite::mlirgen::detail {

using check::Expr;
using check::ExprKind;
using check::TypeKind;
using Leaves = llvm::SmallVector<mlir::Value, 4>;

/// A local's memory: one memref per scalar storage leaf (a slice has 3).
struct Storage {
  const check::Type *type = nullptr;
  llvm::SmallVector<mlir::Value, 4> memrefs;
};

/// What a reference denotes, or where an assignment writes.
struct Place {
  enum Kind { Mem, SliceElem, Val } kind = Val;
  const check::Type *type = nullptr; // the type at this place (concrete)
  // Mem: storage leaves [leaf, leaf + storageCount(type)) indexed by `indices`
  // (index-typed, one per enclosing array dimension).
  Storage *storage = nullptr;
  unsigned leaf = 0;
  llvm::SmallVector<mlir::Value, 2> indices;
  // SliceElem: the slice's 3 leaves and the element index (i64); `checked`
  // if the access still needs Rust's bounds check.
  Leaves slice;
  mlir::Value index;
  bool checked = false;
  // Val: read-only leaves (an immutable local, a const, a temporary).
  Leaves values;

  bool sameAs(const Place &o) const {
    return kind == o.kind && type == o.type && storage == o.storage && leaf == o.leaf &&
           indices == o.indices && slice == o.slice && index == o.index &&
           values == o.values;
  }
};

struct LocalBinding {
  bool bound = false;
  Leaves values;                 // SSA leaves
  Storage *storage = nullptr;    // or storage
  std::optional<Place> ref;      // Ref-typed locals: the place they denote
};

struct LoopTarget {
  mlir::Block *next = nullptr; // continue
  mlir::Block *exit = nullptr; // break (leaf arguments for `break value`)
  const check::Type *type = nullptr;
};

/// One function being lowered: the kernel itself, an inlined callee, or the
/// initializer of a const (fn == null).
struct Frame {
  const check::Function *fn = nullptr;
  std::vector<const check::Type *> types; // generic substitution (concrete)
  std::vector<check::ConstValue> consts;
  std::vector<LocalBinding> locals;
  std::map<check::LoopId, LoopTarget> loops;
  const check::Type *returnType = nullptr;
  mlir::Block *returnBlock = nullptr; // inlined: where `return` goes (lazily)
  std::optional<Place> returnPlace;   // inlined, Ref return type
  bool isKernel = false;
};

class KernelLowering {
public:
  KernelLowering(const check::CheckedProgram &program, const check::Function &kernel,
                 const SourceManager &sources, mlir::ModuleOp module,
                 const MlirGenOptions &options);
  /// False if an error was reported (the module must then be dropped).
  bool lower();
  /// -g: the module's compile unit, before lower().
  void setDebugUnit(mlir::LLVM::DICompileUnitAttr unit) { debugUnit = unit; }

  // ---- shared with builtins.cpp
  /// The source position of `span`, in the current debug scope with -g.
  mlir::Location loc(Span span) const;
  mlir::FileLineColLoc fileLoc(Span span) const;
  void error(mlir::Location l, const llvm::Twine &message);
  mlir::Value constantInt(mlir::Location l, mlir::Type t, int64_t value);
  mlir::Value constantAP(mlir::Location l, mlir::Type t, const llvm::APInt &value);
  mlir::Value constantFloat(mlir::Location l, mlir::Type t, double value);
  void checkOrPanic(mlir::Location l, mlir::Value ok, llvm::StringRef message,
                    mlir::ValueRange values = {}, llvm::StringRef types = "");
  mlir::Value castInteger(mlir::Value v, bool fromSigned, mlir::Type to, mlir::Location l);
  mlir::Value scalar(const Expr &e);
  mlir::Value emitArith(check::BinaryOp op, const check::Type *type, mlir::Value lhs,
                        mlir::Value rhs, const check::Type *rhsType, mlir::Location l,
                        bool wrapping = false);
  Leaves emitBuiltin(const Expr &e, mlir::Location l); // builtins.cpp
  // Rust's float `%` (C's fmod) on every target (builtins.cpp).
  mlir::Value emitFloatRem(mlir::Value x, mlir::Value y, mlir::Location l);
  // Shuffles, ballot, votes and warp reductions (warp.cpp).
  Leaves emitWarpIntrinsic(const Expr &e, mlir::Location l);
  const check::Type *subst(const check::Type *t);
  mlir::Type scalarType(const check::Type *t);
  bool isSigned(const check::Type *t); // signed integer, or an enum with a signed repr
  /// Starts a block at the end of the function (not inserted into).
  mlir::Block *newBlock();

  mlir::OpBuilder b;
  const MlirGenOptions &options;

private:
  // ---- types and layout (on concrete types)
  void leafTypes(const check::Type *t, llvm::SmallVectorImpl<mlir::Type> &out);
  unsigned leafCount(const check::Type *t);
  unsigned storageCount(const check::Type *t);
  std::vector<const check::Type *> fieldTypes(const check::Type *t);
  uint64_t arrayLen(const check::Type *t);
  bool hasArray(const check::Type *t);
  bool isAggregate(const check::Type *t);
  Leaves poison(const check::Type *t, mlir::Location l);
  Leaves materialize(Leaves leaves, const check::Type *t, mlir::Location l);
  Leaves fix(Leaves leaves, const check::Type *t, mlir::Location l);

  // ---- storage and places
  void forEachStorageLeaf(
      const check::Type *t,
      const std::function<void(llvm::ArrayRef<int64_t> dims, mlir::Type leaf)> &leafSlot);
  Storage *createStorage(const check::Type *t, mlir::Location l);
  Place storagePlace(Storage *s);
  Storage *sharedStorage(const Expr &site, const check::Type *t, mlir::Location l);
  Place fieldPlace(const Place &p, unsigned field, mlir::Location l);
  Place indexPlace(const Place &p, mlir::Value index, mlir::Location l, bool check);
  Place spill(const Place &p, mlir::Location l);
  Leaves load(const Place &p, mlir::Location l);
  void store(const Place &p, const Leaves &values, mlir::Location l);
  void loadRec(const check::Type *t, Storage *s, unsigned &leaf,
               llvm::SmallVectorImpl<mlir::Value> &idx, Leaves &out, mlir::Location l);
  void storeRec(const check::Type *t, Storage *s, unsigned &leaf,
                llvm::SmallVectorImpl<mlir::Value> &idx, const Leaves &in, unsigned &pos,
                mlir::Location l);
  void storeExprInto(const Place &p, const Expr &e, bool fresh);
  void countedLoop(mlir::Location l, uint64_t n, const std::function<void(mlir::Value)> &body);
  mlir::Value sliceOffset(const Leaves &slice, mlir::Location l);
  mlir::Value sliceLen(const Leaves &slice, mlir::Location l);

  // ---- expressions
  Leaves emit(const Expr &e);
  Leaves emitInner(const Expr &e, mlir::Location l);
  Place emitPlace(const Expr &e);
  Place emitRef(const Expr &e);
  Leaves emitBlock(const check::Block &block);
  void emitStmt(const check::Stmt &stmt);
  Leaves emitLiteral(const Expr &e, mlir::Location l);
  Leaves emitCall(const check::Function &callee, std::vector<const check::Type *> types,
                  std::vector<check::ConstValue> consts, const Expr &e, mlir::Location l,
                  Place *refResult);
  Leaves emitIntrinsic(const Expr &e, mlir::Location l);
  Leaves emitAtomic(const Expr &e, mlir::Location l);
  mlir::Value emitUnary(const Expr &e, mlir::Location l);
  Leaves emitBinary(const Expr &e, mlir::Location l);
  mlir::Value emitComparison(check::BinaryOp op, const check::Type *t, mlir::Value lhs,
                             mlir::Value rhs, mlir::Location l);
  mlir::Value emitShortCircuit(const Expr &e, mlir::Location l);
  mlir::Value emitCast(const Expr &e, mlir::Location l);
  mlir::Value saturatingFloatToInt(mlir::Value v, bool isSigned, mlir::Type to,
                                   mlir::Location l);
  void emitAssign(const Expr &e, mlir::Location l);
  Leaves emitIf(const Expr &e, mlir::Location l);
  void emitWhile(const Expr &e, mlir::Location l);
  Leaves emitLoop(const Expr &e, mlir::Location l);
  void emitFor(const Expr &e, mlir::Location l);
  void markSmallConstantLoop(mlir::Operation *backEdge, mlir::Value start, mlir::Value end,
                             mlir::Value step);
  Leaves emitMatch(const Expr &e, mlir::Location l);
  Leaves emitSliceRange(const Expr &e, mlir::Location l);
  Leaves emitConst(check::ConstId id, mlir::Location l);
  void emitReturn(const Expr &e, mlir::Location l);
  void emitPanic(const Expr &e, mlir::Location l);

  // ---- locals and patterns
  void bindLocal(check::LocalId id, const check::Type *t, Leaves values, mlir::Location l);
  void nameForDebugger(const check::Local &local, const check::Type *t, Storage *s);
  bool isDebuggableStruct(const check::Type *t);
  struct DebugFields {
    llvm::SmallVector<mlir::Attribute> paths, types;
    llvm::SmallVector<mlir::NamedAttribute> structNames;
  };
  void describeFields(const check::Type *t, const std::string &prefix,
                      const check::TypeNamer &namer, DebugFields &out);
  void bindPattern(const check::Pattern &p, const check::Type *t, const Leaves &values,
                   mlir::Location l);
  void testPattern(const check::Pattern &p, const check::Type *t, const Leaves &values,
                   mlir::Block *fail, mlir::Location l);
  void collectBindings(const check::Pattern &p, std::vector<check::LocalId> &out);
  void bindingLeaves(const check::Pattern &p, const check::Type *t, const Leaves &values,
                     std::map<check::LocalId, Leaves> &out);
  Leaves readLocal(check::LocalId id, mlir::Location l);

  // ---- control flow
  bool isTerminated() const;
  void startDeadBlock();
  void branch(mlir::Location l, mlir::Block *dest, const Leaves &args,
              const check::Type *t);
  mlir::Block *joinBlock(const check::Type *t, mlir::Location l);
  Leaves blockLeaves(mlir::Block *block, unsigned first = 0);

  const check::CheckedProgram &program;
  const check::Function &kernel;
  const SourceManager &sources;
  mlir::MLIRContext *ctx;
  mlir::ModuleOp module;
  mlir::Region *region = nullptr;
  std::vector<std::unique_ptr<Frame>> frames;
  Frame *frame = nullptr;
  std::deque<Storage> storages;
  // gpu::shared call sites (with the allocated type) and their storage.
  std::map<std::pair<const Expr *, const check::Type *>, Storage *> sharedSites;
  unsigned sharedCount = 0;
  bool failed = false;
  /// -g: the module's compile unit (setDebugUnit), and the kernel's scopes.
  mlir::LLVM::DICompileUnitAttr debugUnit;
  std::optional<DebugScopes> debugScopes;

  /// -g: closes, when it goes, the scopes opened while it lived (a Rust block, a
  /// `for` or `if let`, a match arm).
  struct DebugScopeEnd {
    explicit DebugScopeEnd(KernelLowering &lowering)
        : lowering(lowering),
          depth(lowering.debugScopes ? lowering.debugScopes->depth() : 0) {}
    ~DebugScopeEnd() {
      if (lowering.debugScopes)
        lowering.debugScopes->closeTo(depth);
    }
    KernelLowering &lowering;
    size_t depth;
  };
};

} // namespace hematite::mlirgen::detail

#endif
