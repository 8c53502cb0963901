#include "signature.h"

#include "status.h"

namespace hm::rt {
namespace {

bool is_power_of_two(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

}  // namespace

const char* param_kind_text(hm_param_kind kind) {
  switch (kind) {
    case HM_PARAM_SCALAR: return "scalar";
    case HM_PARAM_SLICE_RO: return "&[T]";
    case HM_PARAM_SLICE_RW: return "&mut [T]";
  }
  return "?";
}

hm_status make_signature(const char* kernel_name, const hm_param_desc* params,
                         size_t nparams, Signature* out) {
  if (nparams > 0 && params == nullptr)
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str("kernel '", kernel_name, "': ", nparams,
                    " parameters declared but the parameter array is NULL"));
  Signature signature;
  for (size_t i = 0; i < nparams; ++i) {
    const hm_param_desc& desc = params[i];
    Param param;
    param.name = desc.name ? desc.name : "";
    std::string where = str("kernel '", kernel_name, "' parameter ", i,
                            param.name.empty() ? "" : str(" '", param.name, "'"));
    if (desc.kind != HM_PARAM_SCALAR && desc.kind != HM_PARAM_SLICE_RO &&
        desc.kind != HM_PARAM_SLICE_RW)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(where, ": unknown kind ", static_cast<int>(desc.kind),
                      " (expected HM_PARAM_SCALAR, HM_PARAM_SLICE_RO or HM_PARAM_SLICE_RW)"));
    if (desc.size == 0)
      return fail(HM_ERROR_INVALID_ARGUMENT, str(where, ": size is 0"));
    uint32_t align = desc.align == 0 ? desc.size : desc.align;
    if (!is_power_of_two(align))
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(where, ": alignment ", align, " is not a power of two"));
    if (desc.size % align != 0)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(where, ": size ", desc.size, " is not a multiple of its alignment ",
                      align, " (as every C type's size is)"));
    param.kind = desc.kind;
    param.size = desc.size;
    param.align = align;
    signature.params.push_back(std::move(param));
  }
  *out = std::move(signature);
  return HM_SUCCESS;
}

std::string describe_param(const Signature& signature, size_t index) {
  const Param& p = signature.params.at(index);
  std::string type = p.kind == HM_PARAM_SCALAR
                         ? str(p.size, "-byte scalar")
                         : str(param_kind_text(p.kind), " with ", p.size, "-byte T");
  if (p.name.empty()) return str("argument ", index, " (", type, ")");
  return str("argument ", index, " '", p.name, "' (", type, ")");
}

}  // namespace hm::rt
