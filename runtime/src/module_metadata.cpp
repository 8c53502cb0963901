#include "module_metadata.h"

#include <limits>
#include <set>

#include "panic_message.h"
#include "status.h"

namespace hm::rt {
namespace {

constexpr std::string_view kHeader = "hematite-metadata";
constexpr std::string_view kVersion = "1";

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Plain decimal digits only (no sign, no spaces), at most `max`.
bool parse_unsigned(std::string_view text, uint64_t max, uint64_t* out) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (max - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *out = value;
  return true;
}

bool parse_type(std::string_view name, PanicValueType* out) {
  static const PanicValueType kAll[] = {
      PanicValueType::kI8,  PanicValueType::kI16, PanicValueType::kI32, PanicValueType::kI64,
      PanicValueType::kU8,  PanicValueType::kU16, PanicValueType::kU32, PanicValueType::kU64,
      PanicValueType::kF32, PanicValueType::kF64, PanicValueType::kBool};
  for (PanicValueType type : kAll) {
    if (name == panic_value_type_name(type)) {
      *out = type;
      return true;
    }
  }
  return false;
}

// Undoes the table's escapes: \\ \n \t. Any other backslash is malformed.
bool unescape(std::string_view text, std::string* out, std::string* error) {
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      result.push_back(text[i]);
      continue;
    }
    if (i + 1 == text.size()) {
      *error = "the message ends with a lone backslash";
      return false;
    }
    switch (text[++i]) {
      case '\\': result.push_back('\\'); break;
      case 'n': result.push_back('\n'); break;
      case 't': result.push_back('\t'); break;
      default:
        *error = str("unknown escape '\\", text[i], "' in the message (only \\\\, \\n and "
                     "\\t are used)");
        return false;
    }
  }
  *out = std::move(result);
  return true;
}

class Parser {
 public:
  hm_status parse(std::string_view text, ModuleMetadata* out) {
    std::vector<std::string_view> lines = split(text, '\n');
    while (!lines.empty() && lines.back().empty()) lines.pop_back();  // final newline(s)
    if (lines.empty()) return error(1, "the table is empty (no 'hematite-metadata' line)");
    std::vector<std::string_view> header = split(lines[0], '\t');
    if (header.size() != 2 || header[0] != kHeader)
      return error(1, "the table does not start with 'hematite-metadata<TAB>1'");
    if (header[1] != kVersion)
      return error(1, str("version ", header[1], " of the table is not supported (this "
                          "runtime reads version ", kVersion, "); update hematite_rt"));
    for (size_t i = 1; i < lines.size(); ++i) {
      line_ = i + 1;
      std::vector<std::string_view> fields = split(lines[i], '\t');
      if (fields[0] == "kernel") {
        HM_TRY(parse_kernel(fields));
      } else if (fields[0] == "panic") {
        HM_TRY(parse_panic(fields));
      } else if (fields[0] == "param") {
        HM_TRY(parse_param(fields));
      }
      // Blank lines and other kinds (a newer compiler's additions) are skipped.
    }
    *out = std::move(metadata_);
    return HM_SUCCESS;
  }

 private:
  hm_status error(size_t line, const std::string& what) const {
    return fail(HM_ERROR_INVALID_MODULE, str("kernel metadata, line ", line, ": ", what));
  }
  hm_status error(const std::string& what) const { return error(line_, what); }

  hm_status number(std::string_view field, const char* what, uint64_t max, uint64_t* out) {
    if (!parse_unsigned(field, max, out))
      return error(str(what, " '", field, "' is not a number from 0 to ", max));
    return HM_SUCCESS;
  }

  // kernel <name> <shared bytes> <max_threads> <panic binding>
  hm_status parse_kernel(const std::vector<std::string_view>& fields) {
    if (fields.size() != 5)
      return error(str("a 'kernel' line has 5 fields, this one has ", fields.size()));
    KernelMetadata kernel;
    kernel.name = std::string(fields[1]);
    if (kernel.name.empty()) return error("the kernel name is empty");
    if (!kernel_names_.insert(kernel.name).second)
      return error(str("kernel '", kernel.name, "' is listed twice"));
    uint64_t value = 0;
    HM_TRY(number(fields[2], "the shared-memory size", std::numeric_limits<uint64_t>::max(),
                  &kernel.shared_bytes));
    HM_TRY(number(fields[3], "max_threads", std::numeric_limits<uint32_t>::max(), &value));
    kernel.max_threads = static_cast<uint32_t>(value);
    if (fields[4] != "-1") {
      HM_TRY(number(fields[4], "the panic binding",
                    static_cast<uint64_t>(std::numeric_limits<int32_t>::max()), &value));
      kernel.panic_binding = static_cast<int32_t>(value);
    }
    metadata_.kernels.push_back(std::move(kernel));
    return HM_SUCCESS;
  }

  // param <kernel> <index> <name> <type>: after the kernel's line, in order.
  hm_status parse_param(const std::vector<std::string_view>& fields) {
    if (fields.size() != 5)
      return error(str("a 'param' line has 5 fields, this one has ", fields.size()));
    KernelMetadata* kernel = nullptr;
    for (KernelMetadata& k : metadata_.kernels)
      if (k.name == fields[1]) kernel = &k;
    if (kernel == nullptr)
      return error(str("parameter of kernel '", fields[1], "', which no 'kernel' line names"));
    uint64_t index = 0;
    HM_TRY(number(fields[2], "the parameter index", 1u << 16, &index));
    if (index != kernel->params.size())
      return error(str("parameter ", index, " of '", kernel->name, "' comes after ",
                       kernel->params.size(), " parameter(s); they must be in order"));
    ParamMetadata param;
    std::string problem;
    if (!unescape(fields[3], &param.name, &problem)) return error(problem);
    param.type = std::string(fields[4]);
    std::string_view type = fields[4];
    std::string_view element = type;
    if (type.rfind("&mut [", 0) == 0 && type.back() == ']') {
      param.kind = HM_PARAM_SLICE_RW;
      element = type.substr(6, type.size() - 7);
    } else if (type.rfind("&[", 0) == 0 && type.back() == ']') {
      param.kind = HM_PARAM_SLICE_RO;
      element = type.substr(2, type.size() - 3);
    }
    param.size = scalar_size(element);
    if (param.size == 0)
      return error(str("parameter '", param.name, "' of '", kernel->name, "' has type '", type,
                       "', which is not a scalar or a slice of scalars"));
    kernel->params.push_back(std::move(param));
    return HM_SUCCESS;
  }

  // Bytes of a Rust scalar type as kernels take it; 0 if not one.
  static uint32_t scalar_size(std::string_view type) {
    if (type == "bool" || type == "i8" || type == "u8") return 1;
    if (type == "i16" || type == "u16") return 2;
    if (type == "i32" || type == "u32" || type == "f32") return 4;
    if (type == "i64" || type == "u64" || type == "f64" || type == "isize" || type == "usize")
      return 8;
    return 0;
  }

  // panic <site> <kernel> <file> <line> <column> <types> <message>
  hm_status parse_panic(const std::vector<std::string_view>& fields) {
    if (fields.size() != 8)
      return error(str("a 'panic' line has 8 fields, this one has ", fields.size()));
    PanicSite site;
    uint64_t value = 0;
    HM_TRY(number(fields[1], "the site", std::numeric_limits<uint32_t>::max(), &value));
    if (value == 0) return error("site 0 is reserved (sites are numbered from 1)");
    site.site = static_cast<uint32_t>(value);
    if (!site_numbers_.insert(site.site).second)
      return error(str("site ", site.site, " is listed twice"));
    site.kernel = std::string(fields[2]);
    site.file = std::string(fields[3]);
    HM_TRY(number(fields[4], "the line", std::numeric_limits<uint32_t>::max(), &value));
    site.line = static_cast<uint32_t>(value);
    HM_TRY(number(fields[5], "the column", std::numeric_limits<uint32_t>::max(), &value));
    site.column = static_cast<uint32_t>(value);
    if (!fields[6].empty()) {
      for (std::string_view name : split(fields[6], ',')) {
        PanicValueType type;
        if (!parse_type(name, &type))
          return error(str("unknown value type '", name, "' (expected one of i8 i16 i32 "
                           "i64 u8 u16 u32 u64 f32 f64 bool)"));
        site.types.push_back(type);
      }
    }
    if (site.types.size() > kMaxPanicValues)
      return error(str("site ", site.site, " prints ", site.types.size(),
                       " values but a panic record holds at most ", kMaxPanicValues));
    std::string problem;
    if (!unescape(fields[7], &site.message, &problem)) return error(problem);
    std::vector<MessagePiece> pieces;
    if (!split_message_template(site.message, &pieces, &problem))
      return error(str("site ", site.site, ": ", problem));
    size_t holes = 0;
    for (const MessagePiece& piece : pieces) holes += piece.kind != MessagePiece::kText;
    if (holes != site.types.size())
      return error(str("site ", site.site, ": the message has ", holes, " hole",
                       holes == 1 ? "" : "s", " but ", site.types.size(), " value type",
                       site.types.size() == 1 ? " is" : "s are", " listed"));
    metadata_.panics.push_back(std::move(site));
    return HM_SUCCESS;
  }

  ModuleMetadata metadata_;
  std::set<std::string> kernel_names_;
  std::set<uint32_t> site_numbers_;
  size_t line_ = 0;
};

}  // namespace

const KernelMetadata* ModuleMetadata::find_kernel(const std::string& name) const {
  for (const KernelMetadata& kernel : kernels)
    if (kernel.name == name) return &kernel;
  return nullptr;
}

const PanicSite* ModuleMetadata::find_panic(uint32_t site) const {
  for (const PanicSite& panic : panics)
    if (panic.site == site) return &panic;
  return nullptr;
}

hm_status parse_module_metadata(std::string_view text, ModuleMetadata* out) {
  return Parser().parse(text, out);
}

const char* panic_value_type_name(PanicValueType type) {
  switch (type) {
    case PanicValueType::kI8: return "i8";
    case PanicValueType::kI16: return "i16";
    case PanicValueType::kI32: return "i32";
    case PanicValueType::kI64: return "i64";
    case PanicValueType::kU8: return "u8";
    case PanicValueType::kU16: return "u16";
    case PanicValueType::kU32: return "u32";
    case PanicValueType::kU64: return "u64";
    case PanicValueType::kF32: return "f32";
    case PanicValueType::kF64: return "f64";
    case PanicValueType::kBool: return "bool";
  }
  return "?";
}

}  // namespace hm::rt
