#include <cstdio>

#include "frontend/check/checker.h"

namespace hematite::check {

namespace {

class Printer {
 public:
  Printer(const CheckedProgram& p, const Function& f) : prog_(p), fn_(f) {}

  std::string local(LocalId id) const {
    return fn_.locals[id].name + "#" + std::to_string(id);
  }
  std::string ty(const Expr& e) const { return ":" + (e.type ? e.type->toString() : "?"); }

  std::string block(const Block& b, const Expr& e) const {
    std::string out = "(block";
    for (const auto& s : b.stmts) {
      if (s.kind == StmtKind::Let) {
        const Local& l = fn_.locals[s.local];
        out += " (let " + std::string(l.is_mutable ? "mut " : "") + local(s.local) + ":" +
               l.type->toString();
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
      case ExprKind::Call: return ops("call " + prog_.functions[e.callee].name, e);
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
                       fn_.locals[e.local].type->toString() + (e.inclusive ? " ..=" : " .."),
                   e, false);
      case ExprKind::Break: return ops("break#" + std::to_string(e.loop_id), e, false);
      case ExprKind::Continue: return "(continue#" + std::to_string(e.loop_id) + ")";
      case ExprKind::Return: return ops("return", e, false);
    }
    return "?";
  }

  std::string function() const {
    std::string out = "(fn " + fn_.name;
    if (fn_.is_kernel) out += " kernel";
    if (fn_.max_threads) out += " max_threads=" + std::to_string(*fn_.max_threads);
    out += " (";
    for (size_t i = 0; i < fn_.params.size(); ++i) {
      const Local& l = fn_.param(i);
      if (i) out += " ";
      out += std::string(l.is_mutable ? "mut " : "") + local(l.id) + ":" + l.type->toString();
    }
    out += ") -> " + fn_.return_type->toString();
    if (fn_.body) out += " " + expr(*fn_.body);
    return out + ")";
  }

 private:
  const CheckedProgram& prog_;
  const Function& fn_;
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
