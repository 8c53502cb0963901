// The device's VkPipelineCache, kept on disk between runs so that a kernel's pipelines
// are not compiled again by every process (docs/runtime.md, "Pipeline cache"). The
// file is $XDG_CACHE_HOME/hematite (else ~/.cache/hematite) /
// vulkan-<vendor>-<device>-<pipelineCacheUUID>.bin; HEMATITE_VULKAN_PIPELINE_CACHE=0
// keeps the cache in memory only. Disk problems never fail the device: a missing,
// unreadable or stale file just means an empty cache, a failed save is dropped.
#pragma once

#include <string>

#include "vulkan/vulkan_api.h"

namespace hm::rt::vulkan {

class PipelineCache {
 public:
  // Creates the cache, seeded from the file for this device when there is one.
  hm_status create(const DeviceApi& api, VkDevice device,
                   const VkPhysicalDeviceProperties& properties);
  // Saves (when persistent) and destroys the cache. Call before destroying the device.
  void save_and_destroy(const DeviceApi& api, VkDevice device);
  VkPipelineCache handle() const { return cache_; }
  // The file the cache is saved to; empty when the cache is not persistent.
  const std::string& path() const { return path_; }

 private:
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  std::string path_;
};

}  // namespace hm::rt::vulkan
