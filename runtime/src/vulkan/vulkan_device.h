// A Vulkan device as the runtime uses it: one compute queue, one command pool, buffers
// in device memory, and a list of submitted-but-unfinished launches (each with a fence)
// so launches are asynchronous and hm_synchronize waits for them.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "backend.h"
#include "panic_records.h"
#include "vulkan/pipeline_cache.h"
#include "vulkan/vulkan_api.h"

namespace hm::rt::vulkan {

// Vulkan has no empty buffers; every buffer has at least this many bytes, so empty
// slices still have something to bind.
constexpr VkDeviceSize kMinBufferBytes = 16;

// How the device's memory is used, decided once when it is opened.
struct MemoryPlan {
  // Buffers kernels read and write.
  uint32_t device_type_index = 0;
  // True where device memory is host-visible and coherent in the same heap (CPU and
  // integrated devices such as lavapipe): copies are memcpy through a mapping.
  bool device_memory_is_mapped = false;
  // Otherwise: copies go through a host-visible staging buffer of this type, in
  // pieces of at most this many bytes.
  uint32_t staging_type_index = 0;
  VkDeviceSize staging_chunk_bytes = 64ull << 20;
};

struct VulkanDeviceSetup {
  const InstanceApi* instance = nullptr;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  DeviceApi api;
  uint32_t queue_family = 0;
  MemoryPlan memory;
  VkDeviceSize max_allocation_bytes = 0;
  uint32_t max_shared_bytes = 0;  // maxComputeSharedMemorySize
  // The compute queue family's timestampValidBits (0: no timestamps, so no event
  // timing) and the device's timestampPeriod (nanoseconds per tick).
  uint32_t timestamp_valid_bits = 0;
  float timestamp_period_ns = 0;
  VkPhysicalDeviceProperties properties{};  // names the pipeline cache's file
};

// One submission the GPU may still be running, and what it needs until it finishes.
struct Submission {
  uint64_t sequence = 0;  // submission order, from 1
  VkFence fence = VK_NULL_HANDLE;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  VkDescriptorPool descriptors = VK_NULL_HANDLE;  // may be null
  std::string kernel;                             // for error messages; may be empty
};

class VulkanDevice final : public Device, public std::enable_shared_from_this<VulkanDevice> {
 public:
  // Takes ownership of setup.device.
  static hm_status create(DeviceInfo info, hm_device_limits limits, VulkanDeviceSetup setup,
                          std::shared_ptr<VulkanDevice>* out);
  ~VulkanDevice() override;

  const DeviceApi& api() const { return setup_.api; }
  VkDevice handle() const { return setup_.device; }
  const MemoryPlan& memory() const { return setup_.memory; }
  uint32_t max_shared_bytes() const { return setup_.max_shared_bytes; }
  const VulkanDeviceSetup& setup() const { return setup_; }
  // Shared by all kernels' pipelines (and saved across runs: pipeline_cache.h).
  VkPipelineCache pipeline_cache() const { return pipeline_cache_.handle(); }
  // Host-visible coherent memory that storage buffers can use (panic records).
  uint32_t host_visible_type_index() const {
    return memory().device_memory_is_mapped ? memory().device_type_index
                                            : memory().staging_type_index;
  }
  // Modules with a panic record register here; synchronize() checks them.
  PanicRecords& panic_records() { return panic_records_; }

  hm_status allocate(size_t bytes, uint32_t flags, std::shared_ptr<Buffer>* out) override;
  bool accepts(hm_module_format format) const override {
    return format == HM_MODULE_FORMAT_SPIRV;
  }
  hm_status load_module(hm_module_format format, const void* data, size_t bytes,
                        std::shared_ptr<Module>* out) override;
  hm_status create_stream(std::shared_ptr<Stream>* out) override;
  hm_status create_event(std::shared_ptr<Event>* out) override;
  // Waits for all work, then reports a panic recorded by any module.
  hm_status synchronize() override;
  // Waits for all work (buffer copies: panics are reported by synchronize() only).
  hm_status wait_idle();
  // Waits for the submissions up to `sequence` (the queue runs them in order).
  hm_status wait_for(uint64_t sequence);

  // Records commands with `record`, between barriers that order them after all earlier
  // work and make their writes visible to everything after, and submits them. With
  // `wait`, returns when they have finished; otherwise they join the pending list and
  // keep `descriptors` alive until then. `*sequence` (if given) receives the
  // submission's number for wait_for().
  hm_status submit(const std::function<void(VkCommandBuffer)>& record, const std::string& kernel,
                   VkDescriptorPool descriptors, bool wait, uint64_t* sequence = nullptr);

  // Copies between host memory and a device buffer through the staging buffer.
  hm_status copy_through_staging(VkBuffer buffer, size_t offset, void* host, size_t bytes,
                                 bool to_device);

  // Waits for all pending work; errors are dropped (for destructors).
  void wait_quietly();

 private:
  VulkanDevice(DeviceInfo info, hm_device_limits limits, VulkanDeviceSetup setup)
      : Device(std::move(info), limits), setup_(std::move(setup)) {}
  hm_status initialize();
  // Requires mutex_. Finishes pending submissions up to `sequence`, waiting for them,
  // and the later ones that are already done.
  hm_status retire(uint64_t sequence);
  hm_status check_not_lost() const;
  void release(Submission& submission);
  hm_status ensure_staging(VkDeviceSize bytes);

  VulkanDeviceSetup setup_;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkCommandPool command_pool_ = VK_NULL_HANDLE;
  PipelineCache pipeline_cache_;
  // Guards the queue, the command pool, the pending list and the staging buffer:
  // Vulkan requires external synchronization of all of them.
  std::recursive_mutex mutex_;
  std::deque<Submission> pending_;
  uint64_t last_sequence_ = 0;
  bool lost_ = false;  // VK_ERROR_DEVICE_LOST seen: every later call fails

  VkBuffer staging_ = VK_NULL_HANDLE;
  VkDeviceMemory staging_memory_ = VK_NULL_HANDLE;
  void* staging_mapped_ = nullptr;
  VkDeviceSize staging_bytes_ = 0;

  PanicRecords panic_records_;
};

// Creates and returns a buffer's VkBuffer + memory (used by buffers and staging).
hm_status create_vk_buffer(const DeviceApi& api, VkDevice device, VkDeviceSize bytes,
                           uint32_t memory_type, VkBuffer* buffer, VkDeviceMemory* memory);

class VulkanBuffer final : public Buffer {
 public:
  VulkanBuffer(std::shared_ptr<VulkanDevice> device, size_t size, uint32_t flags,
               VkBuffer buffer, VkDeviceMemory memory, void* mapped)
      : Buffer(size, flags), device_(std::move(device)), buffer_(buffer), memory_(memory),
        mapped_(static_cast<uint8_t*>(mapped)) {}
  ~VulkanBuffer() override;
  Device& device() const override { return *device_; }
  hm_status write(size_t offset, const void* src, size_t bytes) override;
  hm_status read(size_t offset, void* dst, size_t bytes) override;
  // Every stream feeds the one queue: these are the synchronous copies.
  hm_status write_async(Stream&, size_t offset, const void* src, size_t bytes) override {
    return write(offset, src, bytes);
  }
  hm_status read_async(Stream&, size_t offset, void* dst, size_t bytes) override {
    return read(offset, dst, bytes);
  }
  VkBuffer handle() const { return buffer_; }

 private:
  std::shared_ptr<VulkanDevice> device_;
  VkBuffer buffer_;
  VkDeviceMemory memory_;
  uint8_t* mapped_;  // null unless device memory is mapped (MemoryPlan)
};

}  // namespace hm::rt::vulkan
