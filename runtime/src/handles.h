// What the C API's opaque handles are: one shared reference to an internal object each.
// Shared ownership is what lets handles be destroyed in any order (a buffer keeps its
// device alive, a kernel its module).
#pragma once

#include <memory>

#include "backend.h"

struct hm_device_s {
  std::shared_ptr<hm::rt::Device> impl;
};
struct hm_buffer_s {
  std::shared_ptr<hm::rt::Buffer> impl;
};
struct hm_module_s {
  std::shared_ptr<hm::rt::Module> impl;
};
struct hm_kernel_s {
  std::shared_ptr<hm::rt::Kernel> impl;
};
struct hm_stream_s {
  std::shared_ptr<hm::rt::Stream> impl;
  hm_device device;  // the handle it was created from (hm_stream_device), not owned
};
struct hm_event_s {
  std::shared_ptr<hm::rt::Event> impl;
};
