#include "frontend/parse/ast_printer.h"

namespace hematite::ast {

namespace {
std::string pathStr(const Path& p) {
  std::string out = p.global ? "::" : "";
  for (size_t i = 0; i < p.segments.size(); ++i) {
    if (i) out += "::";
    out += p.segments[i].ident.name;
    if (p.segments[i].has_generic_args) {
      out += "<";
      for (size_t j = 0; j < p.segments[i].generic_args.size(); ++j) {
        if (j) out += ", ";
        out += printType(*p.segments[i].generic_args[j]);
      }
      for (size_t j = 0; j < p.segments[i].assoc_bindings.size(); ++j) {
        if (j || !p.segments[i].generic_args.empty()) out += ", ";
        out += p.segments[i].assoc_bindings[j].first.name + " = " +
               printType(*p.segments[i].assoc_bindings[j].second);
      }
      out += ">";
    }
  }
  return out;
}
std::string opt(const ExprPtr& e) { return e ? printExpr(*e) : "_"; }
std::string labelPrefix(const Ident& l) { return l.name.empty() ? "" : l.name + " "; }
}  // namespace

std::string printType(const Type& t) {
  switch (t.kind) {
    case TypeKind::Path: return pathStr(t.path);
    case TypeKind::Ref: return std::string(t.is_mut ? "&mut " : "&") + printType(*t.elem);
    case TypeKind::Slice: return "[" + printType(*t.elem) + "]";
    case TypeKind::Array: return "[" + printType(*t.elem) + "; " + opt(t.len) + "]";
    case TypeKind::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < t.elems.size(); ++i) {
        if (i) out += ", ";
        out += printType(*t.elems[i]);
      }
      if (t.elems.size() == 1) out += ",";
      return out + ")";
    }
    case TypeKind::Ptr: return std::string(t.is_mut ? "*mut " : "*const ") + printType(*t.elem);
    case TypeKind::Never: return "!";
    case TypeKind::Infer: return "_";
    case TypeKind::ConstArg: return "(const " + opt(t.len) + ")";
    case TypeKind::TraitObject: return std::string(t.is_impl ? "impl " : "dyn ") + pathStr(t.path);
    case TypeKind::Error: return "<error>";
  }
  return "?";
}

std::string printPattern(const Pattern& p) {
  auto list = [&](const char* head) {
    std::string out = std::string("(") + head;
    if (p.kind == PatternKind::TupleStruct || p.kind == PatternKind::Struct)
      out += " " + pathStr(p.path);
    for (size_t i = 0; i < p.elems.size(); ++i) {
      out += " ";
      if (p.kind == PatternKind::Struct) out += p.field_names[i].name + ":";
      out += printPattern(*p.elems[i]);
    }
    return out + ")";
  };
  switch (p.kind) {
    case PatternKind::Ident: {
      std::string s = p.name.name;
      if (p.is_mut) s = "(mut " + s + ")";
      if (p.is_ref) s = "(ref " + s + ")";
      return s;
    }
    case PatternKind::Wildcard: return "_";
    case PatternKind::Rest: return "..";
    case PatternKind::Literal: return printExpr(*p.literal);
    case PatternKind::Range:
      return std::string("(") + (p.inclusive ? "..=" : "..") + " " + printExpr(*p.literal) + " " +
             opt(p.range_end) + ")";
    case PatternKind::Path: return pathStr(p.path);
    case PatternKind::Tuple: return list("tuple");
    case PatternKind::TupleStruct: return list("tuple-struct");
    case PatternKind::Struct: return list("struct");
    case PatternKind::Or: return list("or");
    case PatternKind::Ref: return std::string(p.is_mut ? "(&mut " : "(& ") + printPattern(*p.elems[0]) + ")";
    case PatternKind::Error: return "<error>";
  }
  return "?";
}

std::string printBlock(const Block& b) {
  std::string out = "(block";
  for (const auto& s : b.stmts) out += " " + printStmt(s);
  if (b.tail) out += " " + printExpr(*b.tail);
  return out + ")";
}

std::string printExpr(const Expr& e) {
  auto args = [&](std::string out) {
    for (const auto& a : e.args) out += " " + printExpr(*a);
    return out + ")";
  };
  switch (e.kind) {
    case ExprKind::Literal: return std::string(e.literal.text);
    case ExprKind::Path: return pathStr(e.path);
    case ExprKind::Unary: return std::string("(") + unaryOpSpelling(e.unary_op) + " " + printExpr(*e.lhs) + ")";
    case ExprKind::Binary:
      return std::string("(") + binaryOpSpelling(e.binary_op) + " " + printExpr(*e.lhs) + " " +
             printExpr(*e.rhs) + ")";
    case ExprKind::Assign: return "(= " + printExpr(*e.lhs) + " " + printExpr(*e.rhs) + ")";
    case ExprKind::CompoundAssign:
      return std::string("(") + binaryOpSpelling(e.binary_op) + "= " + printExpr(*e.lhs) + " " +
             printExpr(*e.rhs) + ")";
    case ExprKind::Cast: return "(as " + printExpr(*e.lhs) + " " + printType(*e.type) + ")";
    case ExprKind::Call: return args("(call " + printExpr(*e.lhs));
    case ExprKind::MethodCall: return args("(method " + printExpr(*e.lhs) + " " + e.name.name);
    case ExprKind::Field: return "(field " + printExpr(*e.lhs) + " " + e.name.name + ")";
    case ExprKind::Index: return "(index " + printExpr(*e.lhs) + " " + printExpr(*e.rhs) + ")";
    case ExprKind::Paren: return "(paren " + printExpr(*e.lhs) + ")";
    case ExprKind::Tuple: return args("(tuple");
    case ExprKind::Array: return args("(array");
    case ExprKind::ArrayRepeat: return "(array-repeat " + printExpr(*e.lhs) + " " + printExpr(*e.rhs) + ")";
    case ExprKind::Block:
      return (e.is_unsafe ? "(unsafe " : std::string(e.label.name.empty() ? "" : "(" + e.label.name + " ")) +
             printBlock(*e.block) + ((e.is_unsafe || !e.label.name.empty()) ? ")" : "");
    case ExprKind::If: {
      std::string out = "(if " + printExpr(*e.lhs) + " " + printBlock(*e.block);
      if (e.else_expr) out += " " + printExpr(*e.else_expr);
      return out + ")";
    }
    case ExprKind::While:
      return "(while " + labelPrefix(e.label) + printExpr(*e.lhs) + " " + printBlock(*e.block) + ")";
    case ExprKind::Loop: return "(loop " + labelPrefix(e.label) + printBlock(*e.block) + ")";
    case ExprKind::For:
      return "(for " + labelPrefix(e.label) + printPattern(*e.pattern) + " " + printExpr(*e.lhs) +
             " " + printBlock(*e.block) + ")";
    case ExprKind::Break: {
      std::string out = "(break";
      if (!e.name.name.empty()) out += " " + e.name.name;
      if (e.lhs) out += " " + printExpr(*e.lhs);
      return out + ")";
    }
    case ExprKind::Continue:
      return e.name.name.empty() ? "(continue)" : "(continue " + e.name.name + ")";
    case ExprKind::Return: return e.lhs ? "(return " + printExpr(*e.lhs) + ")" : "(return)";
    case ExprKind::Range:
      return std::string("(") + (e.inclusive ? "..=" : "..") + " " + opt(e.lhs) + " " + opt(e.rhs) + ")";
    case ExprKind::Match: {
      std::string out = "(match " + printExpr(*e.lhs);
      for (const auto& a : e.arms) {
        out += " (arm " + printPattern(*a.pattern);
        if (a.guard) out += " (if " + printExpr(*a.guard) + ")";
        out += " " + (a.body ? printExpr(*a.body) : std::string("_")) + ")";
      }
      return out + ")";
    }
    case ExprKind::Closure: {
      std::string out = "(closure (";
      for (size_t i = 0; i < e.closure_params.size(); ++i) {
        if (i) out += " ";
        out += printPattern(*e.closure_params[i].pattern);
      }
      return out + ") " + opt(e.lhs) + ")";
    }
    case ExprKind::StructLit: {
      std::string out = "(struct " + pathStr(e.path);
      for (const auto& f : e.fields)
        out += " (" + f.name.name + " " + (f.value ? printExpr(*f.value) : f.name.name) + ")";
      if (e.rhs) out += " (.. " + printExpr(*e.rhs) + ")";
      return out + ")";
    }
    case ExprKind::MacroCall: return "(macro " + pathStr(e.path) + "!)";
    case ExprKind::Try: return "(? " + printExpr(*e.lhs) + ")";
    case ExprKind::Error: return "<error>";
  }
  return "?";
}

std::string printStmt(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Let: {
      std::string out = "(let " + printPattern(*s.pattern);
      out += " " + (s.type ? printType(*s.type) : std::string("_"));
      out += " " + opt(s.init);
      if (s.else_block) out += " (else " + printBlock(*s.else_block) + ")";
      return out + ")";
    }
    case StmtKind::Expr: return (s.has_semi ? "(semi " : "(expr ") + printExpr(*s.init) + ")";
    case StmtKind::Item: return printItem(*s.item);
    case StmtKind::Empty: return "(empty)";
  }
  return "?";
}

namespace {
std::string printUseTree(const UseTree& t) {
  std::string p = pathStr(t.prefix);
  switch (t.kind) {
    case UseTreeKind::Simple: return t.rename.name.empty() ? p : "(as " + p + " " + t.rename.name + ")";
    case UseTreeKind::Glob: return (p.empty() ? "" : p + "::") + "*";
    case UseTreeKind::Nested: {
      std::string out = (p.empty() ? "" : p + "::") + "{";
      for (size_t i = 0; i < t.children.size(); ++i) {
        if (i) out += " ";
        out += printUseTree(t.children[i]);
      }
      return out + "}";
    }
  }
  return "?";
}
std::string printAttr(const Attribute& a) {
  std::string out = std::string(a.inner ? "#![" : "#[") + pathStr(a.path);
  if (a.has_args) {
    out += "(";
    for (size_t i = 0; i < a.args.size(); ++i) {
      if (i) out += ", ";
      out += pathStr(a.args[i].path);
      if (a.args[i].value) out += (a.args[i].path.segments.empty() ? "" : " = ") + printExpr(*a.args[i].value);
    }
    out += ")";
  }
  if (a.value) out += " = " + printExpr(*a.value);
  return out + "]";
}

std::string bounds(const std::vector<Path>& bs) {
  std::string out;
  for (size_t i = 0; i < bs.size(); ++i) out += (i ? " + " : "") + pathStr(bs[i]);
  return out;
}
// `<T: A + B = D, const N: usize, 'a>` (empty without parameters).
std::string genericParams(const Generics& g) {
  if (g.params.empty()) return "";
  std::string out = "<";
  for (size_t i = 0; i < g.params.size(); ++i) {
    const GenericParam& p = g.params[i];
    if (i) out += ", ";
    if (p.kind == GenericParamKind::Const) out += "const ";
    out += p.name.name;
    if (p.kind == GenericParamKind::Const)
      out += ": " + (p.const_type ? printType(*p.const_type) : std::string("_"));
    if (!p.bounds.empty()) out += ": " + bounds(p.bounds);
    if (p.default_type) out += " = " + printType(*p.default_type);
  }
  return out + ">";
}
// ` where T: A, U: B` (empty without predicates).
std::string whereClause(const Generics& g) {
  if (g.where_preds.empty()) return "";
  std::string out = " where ";
  for (size_t i = 0; i < g.where_preds.size(); ++i) {
    const WherePredicate& w = g.where_preds[i];
    if (i) out += ", ";
    out += (w.bounded ? printType(*w.bounded) : std::string("_")) + ": " + bounds(w.bounds);
  }
  return out;
}
std::string fieldList(const std::vector<StructField>& fields) {
  std::string out;
  for (const auto& f : fields)
    out += " (" + (f.name.name.empty() ? std::string("_") : f.name.name) + " " +
           (f.type ? printType(*f.type) : "_") + ")";
  return out;
}
std::string itemList(const Item& it) {
  std::string out;
  for (const auto& a : it.inner_attrs) out += " " + printAttr(a);
  for (const auto& i : it.items) out += " " + printItem(*i);
  return out;
}
std::string printParam(const Param& p) {
  if (p.is_self) {
    std::string s = p.self_kind == SelfKind::RefMut ? "&mut self"
                    : p.self_kind == SelfKind::Ref  ? "&self"
                    : p.self_is_mut                 ? "mut self"
                                                    : "self";
    return p.type ? "(" + s + " " + printType(*p.type) + ")" : s;
  }
  return "(" + (p.pattern ? printPattern(*p.pattern) : std::string("_")) + " " +
         (p.type ? printType(*p.type) : "_") + ")";
}
}  // namespace

std::string printItem(const Item& it) {
  std::string out = "(";
  for (const auto& a : it.attrs) out += printAttr(a) + " ";
  if (it.is_pub) out += "pub ";
  if (it.is_unsafe && it.kind != ItemKind::Fn) out += "unsafe ";
  switch (it.kind) {
    case ItemKind::Fn: {
      out += "fn " + it.name.name + genericParams(it.generics);
      out += " (";
      for (size_t i = 0; i < it.params.size(); ++i) {
        if (i) out += " ";
        out += printParam(it.params[i]);
      }
      out += ")";
      if (it.ret_type) out += " -> " + printType(*it.ret_type);
      out += whereClause(it.generics);
      if (it.body) out += " " + printBlock(*it.body);
      break;
    }
    case ItemKind::Enum:
      out += "enum " + it.name.name + genericParams(it.generics) + whereClause(it.generics);
      for (const auto& v : it.variants) {
        std::string fields;
        if (v.kind == VariantKind::Struct) fields = " {" + fieldList(v.fields) + " }";
        else if (v.kind == VariantKind::Tuple) fields = " (" + fieldList(v.fields) + " )";
        if (v.kind == VariantKind::Unit && !v.discriminant) out += " " + v.name.name;
        else out += " (" + v.name.name + fields + (v.discriminant ? " = " + printExpr(*v.discriminant) : "") + ")";
      }
      break;
    case ItemKind::Impl:
      out += "impl" + genericParams(it.generics) + " ";
      if (it.has_trait) out += pathStr(it.trait_path) + " for ";
      out += (it.type ? printType(*it.type) : std::string("_")) + whereClause(it.generics);
      out += itemList(it);
      break;
    case ItemKind::Trait:
      out += "trait " + it.name.name + genericParams(it.generics);
      if (!it.supertraits.empty()) out += ": " + bounds(it.supertraits);
      out += whereClause(it.generics) + itemList(it);
      break;
    case ItemKind::Mod:
      out += "mod " + it.name.name + (it.is_inline_mod ? "" : ";") + itemList(it);
      break;
    case ItemKind::TypeAlias:
      out += "type " + it.name.name + genericParams(it.generics) + whereClause(it.generics);
      if (it.type) out += " " + printType(*it.type);
      break;
    case ItemKind::Const:
    case ItemKind::Static:
      out += std::string(it.kind == ItemKind::Const ? "const " : (it.is_mut ? "static mut " : "static ")) +
             it.name.name + " " + (it.type ? printType(*it.type) : "_") + " " + opt(it.value);
      break;
    case ItemKind::Struct:
      out += "struct " + it.name.name + genericParams(it.generics) + whereClause(it.generics) +
             fieldList(it.fields);
      break;
    case ItemKind::Use: out += "use " + printUseTree(it.use_tree); break;
    case ItemKind::Unsupported: out += "unsupported " + it.construct + " " + it.name.name; break;
    case ItemKind::Error: out += "error"; break;
  }
  return out + ")";
}

std::string printCrate(const Crate& c) {
  std::string out;
  for (const auto& it : c.items) out += printItem(*it) + "\n";
  return out;
}

}  // namespace hematite::ast
