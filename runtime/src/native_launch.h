// The kernel parameters of a CUDA or HIP launch (cuLaunchKernel,
// hipModuleLaunchKernel): both read each parameter through a pointer, in
// native_param_slots order. Scalars point at the bound bytes; slice pointers and
// lengths need storage of their own that outlives the call.
#pragma once

#include <cstdint>
#include <vector>

#include "arg_layout.h"
#include "backend.h"

namespace hm::rt {

class NativeLaunchParams {
 public:
  // `address(arg)`: the device address of a bound slice's first element.
  template <typename DeviceAddress>
  NativeLaunchParams(const std::vector<NativeSlot>& slots, const std::vector<BoundArg>& args,
                     DeviceAddress address)
      : words_(slots.size()), pointers_(slots.size()) {
    for (size_t i = 0; i < slots.size(); ++i) {
      const BoundArg& arg = args[slots[i].param];
      switch (slots[i].kind) {
        case NativeSlotKind::kScalar:
          pointers_[i] = const_cast<uint8_t*>(arg.scalar.data());
          continue;
        case NativeSlotKind::kSlicePointer:
          words_[i] = address(arg);
          break;
        case NativeSlotKind::kSliceLength:
          words_[i] = arg.count;
          break;
      }
      pointers_[i] = &words_[i];
    }
  }
  void** data() { return pointers_.data(); }

 private:
  std::vector<uint64_t> words_;
  std::vector<void*> pointers_;
};

}  // namespace hm::rt
