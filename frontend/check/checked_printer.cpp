#include <cstdio>

#include "frontend/check/checker.h"

namespace hematite::check {

const char* exprKindName(ExprKind k) {
  switch (k) {
#define HM_KIND(K) case ExprKind::K: return #K;
    HM_KIND(IntLiteral) HM_KIND(FloatLiteral) HM_KIND(BoolLiteral) HM_KIND(UnitLiteral)
    HM_KIND(LocalRef) HM_KIND(Call) HM_KIND(IntrinsicCall) HM_KIND(SliceLen) HM_KIND(Index)
    HM_KIND(Unary) HM_KIND(Binary) HM_KIND(Cast) HM_KIND(Assign) HM_KIND(CompoundAssign)
    HM_KIND(Block) HM_KIND(If) HM_KIND(While) HM_KIND(Loop) HM_KIND(For) HM_KIND(Break)
    HM_KIND(Continue) HM_KIND(Return) HM_KIND(BuiltinCall) HM_KIND(TraitCall)
    HM_KIND(ConstParam) HM_KIND(ConstRef) HM_KIND(Tuple) HM_KIND(StructLit) HM_KIND(ArrayLit)
    HM_KIND(ArrayRepeat) HM_KIND(EnumVariant) HM_KIND(Field) HM_KIND(AddrOf) HM_KIND(Deref)
    HM_KIND(SliceRange) HM_KIND(Match) HM_KIND(Panic)
#undef HM_KIND
  }
  return "?";
}

namespace {

class Printer {
 public:
  Printer(const CheckedProgram& p, const Function& f) : prog_(p), fn_(f), namer_(p.namer()) {
    const Function* fp = &f;
    namer_.param_name = [fp](uint32_t i) {
      return i < fp->generics.size() ? fp->generics[i].name : "T" + std::to_string(i);
    };
  }

  std::string local(LocalId id) const {
    return fn_.locals[id].name + "#" + std::to_string(id);
  }
  std::string ty(const Expr& e) const { return ":" + (e.type ? e.type->toString(&namer_) : "?"); }

  std::string block(const Block& b, const Expr& e) const {
    std::string out = "(block";
    for (const auto& s : b.stmts) {
      if (s.kind == StmtKind::Let) {
        if (s.pattern && s.pattern->kind != PatternKind::Binding) {
          out += " (let " + pattern(*s.pattern);
          if (s.init) out += " " + expr(*s.init);
          out += ")";
          continue;
        }
        const Local& l = fn_.locals[s.local];
        out += " (let " + std::string(l.is_mutable ? "mut " : "") + local(s.local) + ":" +
               l.type->toString(&namer_);
        if (s.init) out += " " + expr(*s.init);
        out += ")";
      } else {
        out += " " + expr(*s.expr);
      }
    }
    if (b.tail) out += " " + expr(*b.tail);
    return out + " " + ty(e) + ")";
  }

  std::string ops(std::string head, const Expr& e, bool with_type = true) const {
    std::string out = "(" + head;
    for (const auto& o : e.operands) out += " " + expr(*o);
    if (with_type) out += " " + ty(e);
    return out + ")";
  }

  std::string expr(const Expr& e) const {
    switch (e.kind) {
      case ExprKind::IntLiteral: {
        std::string v = e.type->isSignedInt() ? std::to_string(int64_t(e.int_value))
                                              : std::to_string(e.int_value);
        return v + ty(e);
      }
      case ExprKind::FloatLiteral: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", e.float_value);
        std::string s = buf;
        if (s.find_first_of(".en") == std::string::npos) s += ".0";
        return s + ty(e);
      }
      case ExprKind::BoolLiteral: return e.bool_value ? "true" : "false";
      case ExprKind::UnitLiteral: return e.type->isError() ? "<error>" : "()";
      case ExprKind::LocalRef: return local(e.local) + ty(e);
      case ExprKind::Call: return ops("call " + prog_.functions[e.callee].name + subst(e.subst), e);
      case ExprKind::IntrinsicCall: return ops(std::string("gpu.") + intrinsicName(e.intrinsic), e);
      case ExprKind::SliceLen: return ops("len", e);
      case ExprKind::Index: return ops("index", e);
      case ExprKind::Unary: return ops(e.unary_op == UnaryOp::Neg ? "neg" : "not", e);
      case ExprKind::Binary: return ops(ast::binaryOpSpelling(e.binary_op), e);
      case ExprKind::Cast: return ops("as", e);
      case ExprKind::Assign: return ops("=", e, false);
      case ExprKind::CompoundAssign:
        return ops(std::string(ast::binaryOpSpelling(e.binary_op)) + "=", e, false);
      case ExprKind::Block: return block(*e.block, e);
      case ExprKind::If: return ops("if", e);
      case ExprKind::While: return ops("while#" + std::to_string(e.loop_id), e, false);
      case ExprKind::Loop: return ops("loop#" + std::to_string(e.loop_id), e);
      case ExprKind::For:
        return ops("for#" + std::to_string(e.loop_id) + " " + local(e.local) + ":" +
                       fn_.locals[e.local].type->toString(&namer_) + (e.inclusive ? " ..=" : " .."),
                   e, false);
      case ExprKind::Break: return ops("break#" + std::to_string(e.loop_id), e, false);
      case ExprKind::Continue: return "(continue#" + std::to_string(e.loop_id) + ")";
      case ExprKind::Return: return ops("return", e, false);
      case ExprKind::BuiltinCall: return ops(std::string("builtin.") + builtinName(e.builtin), e);
      case ExprKind::TraitCall:
        return ops("trait-call " + prog_.functions[e.callee].qualified_name + subst(e.subst), e);
      case ExprKind::ConstParam: return "(const-param " + std::to_string(e.param_index) + ty(e) + ")";
      case ExprKind::ConstRef: return "(const " + prog_.consts[e.const_id].name + ty(e) + ")";
      case ExprKind::Tuple: return ops("tuple", e);
      case ExprKind::StructLit: return ops("struct", e);
      case ExprKind::ArrayLit: return ops("array", e);
      case ExprKind::ArrayRepeat: return ops("array-repeat", e);
      case ExprKind::EnumVariant: return "(variant " + std::to_string(e.variant_index) + ty(e) + ")";
      case ExprKind::Field: return ops("field." + std::to_string(e.field_index), e);
      case ExprKind::AddrOf: return ops(e.is_mut ? "&mut" : "&", e);
      case ExprKind::Deref: return ops("deref", e);
      case ExprKind::SliceRange: return ops(e.inclusive ? "slice..=" : "slice..", e);
      case ExprKind::Panic: return ops("panic \"" + e.message + "\"", e, false);
      case ExprKind::Match: {
        std::string out = "(match " + expr(*e.operands[0]);
        for (const auto& a : e.arms) {
          out += " (arm " + pattern(*a.pattern);
          if (a.guard) out += " if " + expr(*a.guard);
          out += " " + expr(*a.body) + ")";
        }
        return out + ty(e) + ")";
      }
    }
    return "?";
  }

  std::string subst(const Substitution& s) const {
    if (s.types.empty()) return "";
    std::string out = "<";
    for (size_t i = 0; i < s.types.size(); ++i) {
      if (i) out += ", ";
      out += s.types[i] ? s.types[i]->toString(&namer_) : (i < s.consts.size() ? std::to_string(s.consts[i].value) : "?");
    }
    return out + ">";
  }

  std::string pattern(const Pattern& p) const {
    switch (p.kind) {
      case PatternKind::Wildcard: return "_";
      case PatternKind::Binding:
        return local(p.local) + (p.elems.empty() ? "" : " @ " + pattern(*p.elems[0]));
      case PatternKind::Int: return std::to_string(int64_t(p.int_value));
      case PatternKind::Range:
        return std::to_string(int64_t(p.int_value)) + (p.inclusive ? "..=" : "..") +
               std::to_string(int64_t(p.int_hi));
      case PatternKind::Tuple:
      case PatternKind::Struct:
      case PatternKind::Or: {
        std::string out = p.kind == PatternKind::Or ? "(|" : p.kind == PatternKind::Tuple ? "(tuple" : "(struct";
        for (const auto& e : p.elems) out += " " + pattern(*e);
        return out + ")";
      }
    }
    return "?";
  }

  std::string function() const {
    std::string out = "(fn " + (fn_.qualified_name.empty() ? fn_.name : fn_.qualified_name);
    if (fn_.is_kernel) out += " kernel";
    if (fn_.max_threads) out += " max_threads=" + std::to_string(*fn_.max_threads);
    out += " (";
    for (size_t i = 0; i < fn_.params.size(); ++i) {
      const Local& l = fn_.param(i);
      if (i) out += " ";
      out += std::string(l.is_mutable ? "mut " : "") + local(l.id) + ":" + (l.type ? l.type->toString(&namer_) : "?");
    }
    out += ") -> " + (fn_.return_type ? fn_.return_type->toString(&namer_) : "?");
    if (fn_.body) out += " " + expr(*fn_.body);
    return out + ")";
  }

 private:
  const CheckedProgram& prog_;
  const Function& fn_;
  TypeNamer namer_;
};

}  // namespace

std::string printCheckedExpr(const CheckedProgram& program, const Function& fn, const Expr& e) {
  return Printer(program, fn).expr(e);
}

std::string printChecked(const CheckedProgram& program) {
  std::string out;
  for (const auto& f : program.functions) out += Printer(program, f).function() + "\n";
  return out;
}

}  // namespace hematite::check
