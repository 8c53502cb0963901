// The typed C++ launch header: see launch_header.h and docs/cmake.md.
#include "tools/hematite/launch_header.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace hematite {
namespace {

// C++ keywords and alternative tokens, which Rust allows as identifiers.
bool isCxxKeyword(llvm::StringRef name) {
  static const llvm::StringSet<> keywords = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool",
      "break", "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class",
      "compl", "concept", "const", "consteval", "constexpr", "constinit", "const_cast",
      "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
      "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
      "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator",
      "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "requires", "return", "short", "signed", "sizeof", "static", "static_assert",
      "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
      "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // Names the header itself uses where a kernel's names live.
      "hm", "std", "detail_", "hm_embedded_"};
  return keywords.contains(name);
}

// ---- Rust types, as the signature attribute writes them --------------------------------

struct RustType {
  enum Kind { Scalar, Struct, Array } kind = Scalar;
  std::string name;               // Scalar: "f32"; Struct: "Params"
  std::shared_ptr<RustType> elem; // Array
  uint64_t len = 0;               // Array
};

struct ScalarInfo {
  const char *cxx;
  unsigned size;
};

const ScalarInfo *scalarInfo(llvm::StringRef name) {
  static const std::map<std::string, ScalarInfo, std::less<>> scalars = {
      {"bool", {"bool", 1}},        {"i8", {"int8_t", 1}},       {"u8", {"uint8_t", 1}},
      {"i16", {"int16_t", 2}},      {"u16", {"uint16_t", 2}},    {"i32", {"int32_t", 4}},
      {"u32", {"uint32_t", 4}},     {"i64", {"int64_t", 8}},     {"u64", {"uint64_t", 8}},
      {"isize", {"int64_t", 8}},    {"usize", {"uint64_t", 8}},  {"f32", {"float", 4}},
      {"f64", {"double", 8}}};
  auto it = scalars.find(name);
  return it == scalars.end() ? nullptr : &it->second;
}

bool isIdentifier(llvm::StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

// "f32", "Params", "[f32; 4]", "[[u8; 2]; 3]".
std::shared_ptr<RustType> parseValueType(llvm::StringRef text) {
  text = text.trim();
  auto t = std::make_shared<RustType>();
  if (text.consume_front("[")) {
    if (!text.consume_back("]"))
      return nullptr;
    size_t semi = text.rfind(';');
    if (semi == llvm::StringRef::npos)
      return nullptr;
    t->kind = RustType::Array;
    t->elem = parseValueType(text.take_front(semi));
    if (!t->elem || text.drop_front(semi + 1).trim().getAsInteger(10, t->len))
      return nullptr;
    return t;
  }
  if (!isIdentifier(text))
    return nullptr;
  t->kind = scalarInfo(text) ? RustType::Scalar : RustType::Struct;
  t->name = text.str();
  return t;
}

struct Param {
  std::string rustName; // as in Rust (error messages, the runtime's signature)
  std::string cxxName;
  enum Kind { Value, SliceRO, SliceRW } kind = Value;
  std::shared_ptr<RustType> type; // the value, or the slice's element
};

// "&[f32]", "&mut [Params]", "u32", "Params".
bool parseParamType(llvm::StringRef text, Param &param) {
  text = text.trim();
  if (text.consume_front("&")) {
    text = text.ltrim();
    param.kind = Param::SliceRO;
    if (text.consume_front("mut ")) {
      param.kind = Param::SliceRW;
      text = text.ltrim();
    }
    if (!text.consume_front("[") || !text.consume_back("]"))
      return false;
  }
  param.type = parseValueType(text);
  return param.type && param.type->kind != RustType::Array;
}

// The Rust type of an hm value type (no signedness: integers are taken as signed).
std::string rustTypeOf(mlir::Type type) {
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (type.isInteger(1))
    return "bool";
  if (auto i = llvm::dyn_cast<mlir::IntegerType>(type))
    return "i" + std::to_string(i.getWidth());
  return "";
}

// ---- #[repr(C)] structs ---------------------------------------------------------------

struct Field {
  std::string rustName, cxxName;
  std::shared_ptr<RustType> type;
  uint64_t offset = 0;
};
struct StructLayout {
  std::string cxxName;
  std::vector<Field> fields;
  uint64_t size = 0, align = 1;
  bool done = false, inProgress = false;
};

class Generator {
public:
  Generator(mlir::ModuleOp module) : module(module) {}
  llvm::Expected<std::string> run(llvm::StringRef bundle, llvm::StringRef moduleName);

private:
  llvm::Error fail(const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  }
  llvm::Error layoutOf(const RustType &type, uint64_t &size, uint64_t &align);
  llvm::Error layoutStruct(const std::string &name);
  std::string cxxType(const RustType &type) const;
  std::string cxxDeclarator(const RustType &type, const std::string &name) const;
  void emitStruct(const std::string &name, std::set<std::string> &emitted,
                  std::string &out);

  mlir::ModuleOp module;
  std::map<std::string, StructLayout> structs;
};

llvm::Error Generator::layoutOf(const RustType &type, uint64_t &size, uint64_t &align) {
  switch (type.kind) {
  case RustType::Scalar:
    size = align = scalarInfo(type.name)->size;
    return llvm::Error::success();
  case RustType::Array: {
    uint64_t elemSize, elemAlign;
    if (llvm::Error e = layoutOf(*type.elem, elemSize, elemAlign))
      return e;
    size = elemSize * type.len;
    align = elemAlign;
    return llvm::Error::success();
  }
  case RustType::Struct: {
    if (llvm::Error e = layoutStruct(type.name))
      return e;
    const StructLayout &s = structs.at(type.name);
    size = s.size;
    align = s.align;
    return llvm::Error::success();
  }
  }
  return llvm::Error::success();
}

// C layout: each field at the next multiple of its alignment; the struct's alignment
// is its largest field's, its size a multiple of it.
llvm::Error Generator::layoutStruct(const std::string &name) {
  auto found = structs.find(name);
  if (found != structs.end()) {
    if (found->second.inProgress)
      return fail("struct `" + name + "` contains itself");
    if (found->second.done)
      return llvm::Error::success();
  }
  auto table = module->getAttrOfType<mlir::DictionaryAttr>(kReprCStructsAttrName);
  auto fields = table ? llvm::dyn_cast_or_null<mlir::ArrayAttr>(table.get(name)) : nullptr;
  if (!fields)
    return fail("struct `" + name +
                "` is not described in the module's hm.repr_c (only #[repr(C)] structs "
                "can be passed to kernels)");
  StructLayout &s = structs[name];
  s.inProgress = true;
  s.cxxName = cxxIdentifier(name);
  for (mlir::Attribute entry : fields) {
    auto pair = llvm::dyn_cast<mlir::ArrayAttr>(entry);
    auto fieldName = pair && pair.size() == 2 ? llvm::dyn_cast<mlir::StringAttr>(pair[0])
                                              : nullptr;
    auto fieldType = fieldName ? llvm::dyn_cast<mlir::StringAttr>(pair[1]) : nullptr;
    if (!fieldType)
      return fail("hm.repr_c: the fields of `" + name +
                  "` must be [\"name\", \"type\"] pairs");
    Field f;
    f.rustName = fieldName.getValue().str();
    f.cxxName = cxxIdentifier(f.rustName);
    f.type = parseValueType(fieldType.getValue());
    if (!f.type)
      return fail("hm.repr_c: field `" + f.rustName + "` of `" + name + "` has type `" +
                  fieldType.getValue() + "`, which a C++ header cannot mirror");
    uint64_t size, align;
    if (llvm::Error e = layoutOf(*f.type, size, align))
      return e;
    StructLayout &self = structs[name]; // layoutOf may have grown the map
    self.size = llvm::alignTo(self.size, align);
    f.offset = self.size;
    self.size += size;
    self.align = std::max(self.align, align);
    self.fields.push_back(std::move(f));
  }
  StructLayout &self = structs[name];
  if (self.fields.empty())
    return fail("struct `" + name + "` has no fields (a C++ mirror would not be empty)");
  self.size = llvm::alignTo(self.size, self.align);
  self.inProgress = false;
  self.done = true;
  return llvm::Error::success();
}

std::string Generator::cxxType(const RustType &type) const {
  if (type.kind == RustType::Scalar)
    return scalarInfo(type.name)->cxx;
  return structs.at(type.name).cxxName;
}

// `float v[4][2]` for [[f32; 2]; 4].
std::string Generator::cxxDeclarator(const RustType &type, const std::string &name) const {
  std::string dims;
  const RustType *t = &type;
  while (t->kind == RustType::Array) {
    dims += "[" + std::to_string(t->len) + "]";
    t = t->elem.get();
  }
  return cxxType(*t) + " " + name + dims;
}

void Generator::emitStruct(const std::string &name, std::set<std::string> &emitted,
                           std::string &out) {
  if (!emitted.insert(name).second)
    return;
  const StructLayout &s = structs.at(name);
  for (const Field &f : s.fields) {
    const RustType *t = f.type.get();
    while (t->kind == RustType::Array)
      t = t->elem.get();
    if (t->kind == RustType::Struct)
      emitStruct(t->name, emitted, out);
  }
  llvm::raw_string_ostream os(out);
  os << "// #[repr(C)] struct " << name << " (" << s.size << " bytes, align " << s.align
     << ")\n";
  os << "struct " << s.cxxName << " {\n";
  for (const Field &f : s.fields)
    os << "  " << cxxDeclarator(*f.type, f.cxxName) << ";\n";
  os << "};\n";
  os << "static_assert(sizeof(" << s.cxxName << ") == " << s.size << ", \"size of "
     << name << "\");\n";
  os << "static_assert(alignof(" << s.cxxName << ") == " << s.align << ", \"alignment of "
     << name << "\");\n";
  for (const Field &f : s.fields)
    os << "static_assert(offsetof(" << s.cxxName << ", " << f.cxxName
       << ") == " << f.offset << ", \"offset of " << name << "::" << f.rustName
       << "\");\n";
  os << "static_assert(std::is_trivially_copyable_v<" << s.cxxName << ">);\n\n";
}

// A C++ string literal holding `s` (printable ASCII kept, the rest escaped).
std::string cxxString(llvm::StringRef s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += std::string("\\") + char(c);
    else if (c >= 0x20 && c < 0x7f && c != '?')
      out += char(c);
    else {
      char buf[8];
      snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::vector<std::string> namespaceParts(llvm::StringRef moduleName) {
  std::vector<std::string> parts;
  llvm::SmallVector<llvm::StringRef> pieces;
  moduleName.split(pieces, "::");
  for (llvm::StringRef piece : pieces)
    if (!piece.empty())
      parts.push_back(cxxIdentifier(piece));
  if (parts.empty())
    parts.push_back("kernels");
  return parts;
}

llvm::Expected<std::string> Generator::run(llvm::StringRef bundle,
                                           llvm::StringRef moduleName) {
  auto signatures = module->getAttrOfType<mlir::DictionaryAttr>(hm::HmDialect::kKernelSignaturesAttrName);

  struct Kernel {
    std::string rustName, cxxName;
    std::vector<Param> params;
  };
  std::vector<Kernel> kernels;
  for (auto func : module.getOps<mlir::func::FuncOp>()) {
    if (!hm::isKernel(func))
      continue;
    Kernel k;
    k.rustName = func.getSymName().str();
    k.cxxName = cxxIdentifier(k.rustName);
    auto rustTypes = signatures ? llvm::dyn_cast_or_null<mlir::ArrayAttr>(
                                      signatures.get(func.getSymName()))
                                : nullptr;
    if (rustTypes && rustTypes.size() != func.getNumArguments())
      return fail("kernel '" + k.rustName + "': hm.kernel_signatures has " +
                  llvm::Twine(rustTypes.size()) + " types for " +
                  llvm::Twine(func.getNumArguments()) + " parameters");
    std::set<std::string> names = {"on", "grid", "block"};
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      Param p;
      auto name = func.getArgAttrOfType<mlir::StringAttr>(i, hm::HmDialect::kArgNameAttrName);
      p.rustName = name ? name.getValue().str() : "arg" + std::to_string(i);
      // `_` and patterns have no usable name; clashes with our own parameters get `_`s.
      std::string cxx = p.rustName == "_" ? "arg" + std::to_string(i) : cxxIdentifier(p.rustName);
      while (names.count(cxx) || llvm::StringRef(cxx).starts_with("hm_"))
        cxx = "p_" + cxx;
      names.insert(cxx);
      p.cxxName = cxx;
      std::string rust;
      mlir::Type type = func.getArgument(i).getType();
      if (rustTypes) {
        auto s = llvm::dyn_cast<mlir::StringAttr>(rustTypes[i]);
        rust = s ? s.getValue().str() : "";
      } else if (auto slice = llvm::dyn_cast<hm::SliceType>(type)) {
        std::string elem = rustTypeOf(slice.getElementType());
        if (!elem.empty())
          rust = std::string(slice.getIsMutable() ? "&mut [" : "&[") + elem + "]";
      } else {
        rust = rustTypeOf(type);
      }
      if (rust.empty() || !parseParamType(rust, p))
        return fail("kernel '" + k.rustName + "': parameter '" + p.rustName +
                    "' has a type the launch header cannot express" +
                    (rust.empty() ? "" : " (`" + rust + "`)"));
      uint64_t size, align;
      if (llvm::Error e = layoutOf(*p.type, size, align))
        return fail("kernel '" + k.rustName + "', parameter '" + p.rustName +
                    "': " + llvm::toString(std::move(e)));
      k.params.push_back(std::move(p));
    }
    kernels.push_back(std::move(k));
  }

  std::string out;
  llvm::raw_string_ostream os(out);
  os << "// Generated by hematite --emit=header: typed launches of the kernels of "
     << moduleName << ". Do not edit.\n"
     << "// hematite/launch.hpp and docs/cmake.md say how to call them.\n"
     << "#pragma once\n\n"
     << "#include <cstddef>\n#include <cstdint>\n#include <type_traits>\n#include <utility>\n\n"
     << "#include \"hematite/launch.hpp\"\n\n";
  std::vector<std::string> ns = namespaceParts(moduleName);
  std::string nsName = llvm::join(ns, "::");
  os << "namespace " << nsName << " {\n\n";

  // The structs, each after the structs it contains.
  std::set<std::string> emitted;
  std::string structText;
  for (const Kernel &k : kernels)
    for (const Param &p : k.params)
      if (p.type->kind == RustType::Struct)
        emitStruct(p.type->name, emitted, structText);
  os << structText;

  // The embedded bundle.
  os << "namespace hm_embedded_ {\n";
  os << "// " << bundle.size() << " bytes\n";
  os << "alignas(16) inline constexpr unsigned char bundle[] = {";
  for (size_t i = 0; i < bundle.size(); ++i) {
    if (i % 16 == 0)
      os << "\n ";
    os << " " << unsigned((unsigned char)bundle[i]) << ",";
  }
  if (bundle.empty())
    os << "0";
  os << "\n};\n";
  os << "inline constexpr std::size_t bundle_size = " << bundle.size() << ";\n";
  os << "inline ::hm::detail::EmbeddedModule& module() {\n"
     << "  static ::hm::detail::EmbeddedModule embedded(bundle, bundle_size, {";
  for (size_t i = 0; i < kernels.size(); ++i)
    os << (i ? ", " : "") << cxxString(kernels[i].rustName);
  os << "});\n  return embedded;\n}\n";
  os << "}  // namespace hm_embedded_\n\n";

  auto paramList = [&](const Kernel &k) {
    std::string s;
    for (const Param &p : k.params) {
      std::string t = cxxType(*p.type);
      if (p.kind == Param::SliceRO)
        t = "::hm::Slice<const " + t + ">";
      else if (p.kind == Param::SliceRW)
        t = "::hm::Slice<" + t + ">";
      else if (p.type->kind == RustType::Struct)
        t = "const " + t + "&";
      s += ", " + t + " " + p.cxxName;
    }
    return s;
  };
  auto argNames = [&](const Kernel &k) {
    std::string s;
    for (const Param &p : k.params)
      s += ", " + p.cxxName;
    return s;
  };

  // The launches.
  os << "namespace detail_ {\n";
  for (size_t ki = 0; ki < kernels.size(); ++ki) {
    const Kernel &k = kernels[ki];
    os << "inline ::hm::Status " << k.cxxName
       << "(::hm::StreamRef on, ::hm::Dim3 grid, ::hm::Dim3 block" << paramList(k)
       << ") {\n";
    if (!k.params.empty()) {
      os << "  static const hm_param_desc hm_params_[] = {\n";
      for (const Param &p : k.params) {
        uint64_t size, align;
        llvm::cantFail(layoutOf(*p.type, size, align));
        const char *kind = p.kind == Param::Value     ? "HM_PARAM_SCALAR"
                           : p.kind == Param::SliceRO ? "HM_PARAM_SLICE_RO"
                                                      : "HM_PARAM_SLICE_RW";
        os << "      {" << kind << ", " << size << ", " << align << ", "
           << cxxString(p.rustName) << "},\n";
      }
      os << "  };\n";
    }
    os << "  hm_kernel hm_kernel_ = nullptr;\n"
       << "  ::hm::Status hm_status_ = hm_embedded_::module().kernel(on.device, " << ki
       << ", " << (k.params.empty() ? "nullptr" : "hm_params_") << ", " << k.params.size()
       << ", &hm_kernel_);\n"
       << "  if (!hm_status_) return hm_status_;\n";
    if (!k.params.empty()) {
      os << "  const hm_arg hm_args_[] = {\n";
      for (const Param &p : k.params)
        os << "      ::hm::detail::"
           << (p.kind == Param::Value ? "scalar_arg(" : "slice_arg(") << p.cxxName
           << "),\n";
      os << "  };\n";
    }
    os << "  return ::hm::detail::launch(on, hm_kernel_, grid, block, "
       << (k.params.empty() ? "nullptr" : "hm_args_") << ", " << k.params.size()
       << ");\n}\n";
  }
  os << "}  // namespace detail_\n\n";

  for (const Kernel &k : kernels) {
    os << "// #[kernel] " << k.rustName << "(";
    for (size_t i = 0; i < k.params.size(); ++i) {
      const Param &p = k.params[i];
      const std::string &t = p.type->name;
      os << (i ? ", " : "") << p.rustName << ": "
         << (p.kind == Param::SliceRO   ? "&[" + t + "]"
             : p.kind == Param::SliceRW ? "&mut [" + t + "]"
                                        : t);
    }
    os << ")\n";
    os << "inline ::hm::Status " << k.cxxName
       << "(::hm::StreamRef on, ::hm::Dim3 grid, ::hm::Dim3 block" << paramList(k)
       << ") {\n"
       << "  return detail_::" << k.cxxName << "(on, grid, block" << argNames(k) << ");\n"
       << "}\n";
    // Buffers passed whole: Buffer<T>& for &mut [T] (Buffer<T> already converts to
    // Slice<const T>). Only viable when each argument converts to its parameter.
    os << "template <typename... Args>\n"
       << "inline auto " << k.cxxName
       << "(::hm::StreamRef on, ::hm::Dim3 grid, ::hm::Dim3 block, Args&&... args)\n"
       << "    -> decltype(detail_::" << k.cxxName
       << "(on, grid, block, ::hm::detail::kernel_arg(std::forward<Args>(args))...)) {\n"
       << "  return detail_::" << k.cxxName
       << "(on, grid, block, ::hm::detail::kernel_arg(std::forward<Args>(args))...);\n"
       << "}\n\n";
  }
  os << "}  // namespace " << nsName << "\n";
  return out;
}

} // namespace

std::string cxxIdentifier(llvm::StringRef name) {
  std::string out;
  for (char c : name)
    out += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (out.empty() || llvm::isDigit(out[0]))
    out = "_" + out;
  if (isCxxKeyword(out))
    out += "_";
  return out;
}

llvm::Expected<std::string> emitLaunchHeader(mlir::ModuleOp hmModule,
                                             llvm::StringRef bundleBytes,
                                             llvm::StringRef moduleName) {
  return Generator(hmModule).run(bundleBytes, moduleName);
}

} // namespace hematite
