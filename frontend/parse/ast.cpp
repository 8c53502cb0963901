#include "frontend/parse/ast.h"

#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HM_AST_POOL_DISABLED 1  // let ASan see every node's lifetime
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HM_AST_POOL_DISABLED 1
#endif

namespace hematite::ast {

namespace {
// A pool of equal-sized blocks: a free list in front of a bump pointer over
// 256 KiB slabs. When the last live block is freed (a whole AST destroyed),
// the free list is dropped and allocation restarts at the first slab, so the
// next tree is laid out in allocation order in memory that is already mapped.
// Slabs are kept for the life of the process. Not thread-safe: the frontend
// builds and frees ASTs on one thread.
class NodePool {
 public:
  explicit NodePool(size_t size) : size_((size + 15) & ~size_t(15)) {}
  void* allocate() {
    ++live_;
    if (free_) {
      void* p = free_;
      free_ = *static_cast<void**>(p);
      return p;
    }
    if (end_ - cur_ < ptrdiff_t(size_)) nextSlab();
    void* p = cur_;
    cur_ += size_;
    return p;
  }
  void deallocate(void* p) {
    *static_cast<void**>(p) = free_;
    free_ = p;
    if (--live_ == 0) {
      free_ = nullptr;
      slab_ = 0;
      cur_ = slabs_[0];
      end_ = cur_ + kSlabBytes;
    }
  }

 private:
  static constexpr size_t kSlabBytes = 256 * 1024;
  void nextSlab() {
    if (cur_) ++slab_;
    if (slab_ == slabs_.size()) {
      char* s = static_cast<char*>(std::malloc(kSlabBytes));
      if (!s) std::abort();  // as operator new does without exceptions
      slabs_.push_back(s);
    }
    cur_ = slabs_[slab_];
    end_ = cur_ + kSlabBytes;
  }
  size_t size_;
  std::vector<char*> slabs_;
  size_t slab_ = 0;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  void* free_ = nullptr;
  size_t live_ = 0;
};

template <typename T>
NodePool& poolFor() {
  static NodePool* pool = new NodePool(sizeof(T));  // never destroyed: nodes may outlive statics
  return *pool;
}

template <typename T>
void* allocateNode(size_t size) {
#ifndef HM_AST_POOL_DISABLED
  if (size == sizeof(T)) return poolFor<T>().allocate();
#endif
  return ::operator new(size);
}
template <typename T>
void freeNode(void* p, size_t size) {
  if (!p) return;
#ifndef HM_AST_POOL_DISABLED
  if (size == sizeof(T)) return poolFor<T>().deallocate(p);
#endif
  ::operator delete(p);
}
}  // namespace

void* Expr::operator new(size_t size) { return allocateNode<Expr>(size); }
void Expr::operator delete(void* p, size_t size) { freeNode<Expr>(p, size); }
void* Type::operator new(size_t size) { return allocateNode<Type>(size); }
void Type::operator delete(void* p, size_t size) { freeNode<Type>(p, size); }
void* Pattern::operator new(size_t size) { return allocateNode<Pattern>(size); }
void Pattern::operator delete(void* p, size_t size) { freeNode<Pattern>(p, size); }
void* Block::operator new(size_t size) { return allocateNode<Block>(size); }
void Block::operator delete(void* p, size_t size) { freeNode<Block>(p, size); }
void* Item::operator new(size_t size) { return allocateNode<Item>(size); }
void Item::operator delete(void* p, size_t size) { freeNode<Item>(p, size); }

void* allocateSegments(size_t n) {
#ifndef HM_AST_POOL_DISABLED
  if (n == 1) return poolFor<PathSegment>().allocate();
#endif
  return ::operator new(n * sizeof(PathSegment));
}
void freeSegments(void* p, size_t n) {
#ifndef HM_AST_POOL_DISABLED
  if (n == 1) return poolFor<PathSegment>().deallocate(p);
#endif
  ::operator delete(p);
}

Literal::Literal(const lex::Token& t)
    : kind(t.kind), raw(t.raw), suffix(t.suffix), text(t.text) {
  switch (t.kind) {
    case lex::TokenKind::IntLiteral: int_value = t.int_value; break;
    case lex::TokenKind::FloatLiteral: float_value = t.float_value; break;
    case lex::TokenKind::CharLiteral:
    case lex::TokenKind::ByteLiteral: char_value = t.char_value; break;
    case lex::TokenKind::StringLiteral:
    case lex::TokenKind::ByteStringLiteral: string_value = t.string_value.str(); break;
    default: break;
  }
}

std::string Path::toString() const {
  std::string out = global ? "::" : "";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i) out += "::";
    out += segments[i].ident.name;
  }
  return out;
}

const char* binaryOpSpelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Rem: return "%";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::Shl: return "<<";
    case BinaryOp::Shr: return ">>";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::And: return "&&";
    case BinaryOp::Or: return "||";
  }
  return "?";
}

bool isComparison(BinaryOp op) {
  return op == BinaryOp::Eq || op == BinaryOp::Ne || op == BinaryOp::Lt ||
         op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge;
}

const char* unaryOpSpelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::Not: return "!";
    case UnaryOp::Deref: return "*";
    case UnaryOp::Ref: return "&";
    case UnaryOp::RefMut: return "&mut";
  }
  return "?";
}

}  // namespace hematite::ast
