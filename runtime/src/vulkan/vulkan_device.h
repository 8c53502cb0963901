// A Vulkan device as the runtime uses it: one compute queue, buffers in device memory,
// and batches of launches: launches, events and copies are recorded into one open
// command buffer, which is submitted when the queue has nothing else to run, when it is
// full, or when the host waits (docs/runtime.md, "Launch cost"). Command buffers,
// fences and descriptor pools are recycled once the batch that used them has finished,
// so a launch creates no Vulkan object.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

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

// A descriptor pool that a batch allocates its launches' descriptor sets from; reset
// and reused once the batch has finished.
struct DescriptorChunk {
  VkDescriptorPool pool = VK_NULL_HANDLE;
  uint32_t max_sets = 0, max_buffers = 0;    // its capacity
  uint32_t sets_used = 0, buffers_used = 0;  // since its last reset
};

// One command buffer of work: open (being recorded), or submitted and maybe still
// running; with what it needs until it finishes.
struct Batch {
  uint64_t sequence = 0;  // batch order, from 1; 0: none
  VkCommandBuffer commands = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;  // once submitted
  std::vector<DescriptorChunk> descriptors;
  uint32_t recorded = 0;  // launches, events and copies in it
  std::string kernel;     // its last kernel, for error messages; may be empty
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
  // Waits for the batches up to `sequence` (the queue runs them in order), submitting
  // the open one first if it is among them.
  hm_status wait_for(uint64_t sequence);

  // Records commands with `record` into the open batch, after a barrier that orders
  // them after all earlier work and before one that makes their writes visible to
  // everything after (the host included). The batch is submitted now if it is full, or
  // if `submit_now` and the last submission is old enough (submissions are spaced so
  // that they take at most a fifth of the host's time); else by a later enqueue, at the
  // next wait, or by the device's flusher thread shortly after. A failed submission is
  // reported by the call that submits (the flusher's: by the next enqueue or wait). `record`
  // runs with the device locked and may call allocate_descriptor_set(); if it fails,
  // nothing it recorded may run. `*sequence` (if given) receives the batch's number for
  // wait_for(), `*position` the command's place in the order of all commands.
  hm_status enqueue(const std::function<hm_status(VkCommandBuffer)>& record,
                    const std::string& kernel, bool submit_now = true,
                    uint64_t* sequence = nullptr, uint64_t* position = nullptr);
  // A descriptor set of `layout` with `storage_buffers` bindings, valid until the open
  // batch has finished. Only from enqueue()'s `record`.
  hm_status allocate_descriptor_set(VkDescriptorSetLayout layout, uint32_t storage_buffers,
                                    VkDescriptorSet* out);

  // Copies between host memory and a device buffer through the staging buffer.
  hm_status copy_through_staging(VkBuffer buffer, size_t offset, void* host, size_t bytes,
                                 bool to_device);

  // Waits for all pending work; errors are dropped (for destructors).
  void wait_quietly();

 private:
  VulkanDevice(DeviceInfo info, hm_device_limits limits, VulkanDeviceSetup setup)
      : Device(std::move(info), limits), setup_(std::move(setup)) {}
  hm_status initialize();
  // The rest require mutex_.
  // Finishes submitted batches up to `sequence`, waiting for them, and the later ones
  // that are already done.
  hm_status retire(uint64_t sequence);
  // Submits the open batch, if any.
  hm_status flush();
  hm_status open_batch();
  // Returns a finished (or never submitted) batch's objects to the free lists.
  void recycle(Batch& batch);
  // The error of a submission by the flusher thread, once (HM_SUCCESS if none).
  hm_status take_deferred_error();
  // Submits the open batch once its deadline has passed, if nothing else did before.
  void flusher_loop();
  // The shortest time between two submissions: 4 times what one costs the host.
  std::chrono::nanoseconds submit_interval() const;
  hm_status check_not_lost() const;
  hm_status ensure_staging(VkDeviceSize bytes);

  VulkanDeviceSetup setup_;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkCommandPool command_pool_ = VK_NULL_HANDLE;
  PipelineCache pipeline_cache_;
  // Guards the queue, the command pool, the batches, the free lists and the staging
  // buffer: Vulkan requires external synchronization of all of them.
  std::recursive_mutex mutex_;
  Batch open_;                  // sequence 0 when none is open
  std::deque<Batch> pending_;   // submitted, in order
  uint64_t last_sequence_ = 0;  // the last batch opened
  uint64_t last_position_ = 0;  // the last command enqueued
  std::vector<VkCommandBuffer> free_commands_;
  std::vector<VkFence> free_fences_;  // unsignaled
  std::vector<DescriptorChunk> free_descriptors_;
  bool lost_ = false;  // VK_ERROR_DEVICE_LOST seen: every later call fails
  // Submission pacing (enqueue) and the flusher thread, started on first need.
  std::chrono::steady_clock::time_point last_submit_end_{};
  double submit_ns_average_ = 0;  // host time of vkQueueSubmit, moving average
  std::thread flusher_;
  std::condition_variable_any flusher_wake_;
  bool flusher_stopping_ = false;
  uint64_t flush_sequence_ = 0;  // the open batch the deadline is for
  std::chrono::steady_clock::time_point flush_deadline_{};
  hm_status deferred_status_ = HM_SUCCESS;
  std::string deferred_message_;

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
