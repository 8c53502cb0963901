// A kernel's parameter signature: what hm_kernel_get receives (later: what the bundle
// metadata says) after validation. Launch checking and argument layout work from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hematite/runtime.h"

namespace hm::rt {

struct Param {
  hm_param_kind kind = HM_PARAM_SCALAR;
  uint32_t size = 0;   // scalar size, or slice element size
  uint32_t align = 0;  // power of two, never 0 after validation
  std::string name;    // may be empty

  bool is_slice() const { return kind != HM_PARAM_SCALAR; }
};

struct Signature {
  std::vector<Param> params;
};

// Validates the C description and converts it. Errors name the parameter.
hm_status make_signature(const char* kernel_name, const hm_param_desc* params,
                         size_t nparams, Signature* out);

// "scalar", "&[T]" or "&mut [T]": how errors name a kind of parameter.
const char* param_kind_text(hm_param_kind kind);

// "argument 2 ('x': &[T] with 4-byte T)": how errors refer to parameter `index`.
std::string describe_param(const Signature& signature, size_t index);

}  // namespace hm::rt
