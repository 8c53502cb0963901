#include "vulkan/vulkan_device.h"

#include <algorithm>
#include <cstring>

#include "status.h"

namespace hm::rt::vulkan {
namespace {

// Bounds the work queued ahead of the GPU: a batch holds at most this many launches,
// events and copies, and past this many submitted batches the next one waits for the
// oldest.
constexpr uint32_t kMaxBatchCommands = 256;
constexpr size_t kMaxPendingBatches = 16;
// A batch's descriptor pools hold this many sets of up to this many buffers on average
// (a set with more bindings gets a pool of its own size).
constexpr uint32_t kSetsPerChunk = 128;
constexpr uint32_t kBuffersPerSet = 4;
// Submissions are at least this far apart (or 4 times their own cost, if more), and
// work that waits for the next one is submitted at most this late (or the interval)
// by the flusher thread.
constexpr std::chrono::microseconds kMinSubmitInterval{20};
constexpr std::chrono::microseconds kMinFlushDelay{50};

VkDeviceSize round_up(VkDeviceSize value, VkDeviceSize alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

// A full memory barrier: everything before (earlier submissions included) happens
// before everything after, and its writes are visible to the host.
void full_barrier(const DeviceApi& api, VkCommandBuffer commands) {
  VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT;
  barrier.dstAccessMask =
      VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT | VK_ACCESS_HOST_READ_BIT;
  api.vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                           VK_PIPELINE_STAGE_ALL_COMMANDS_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0,
                           1, &barrier, 0, nullptr, 0, nullptr);
}

}  // namespace

hm_status create_vk_buffer(const DeviceApi& api, VkDevice device, VkDeviceSize bytes,
                           uint32_t memory_type, VkBuffer* buffer, VkDeviceMemory* memory) {
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = bytes;
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
               VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  HM_VK_TRY(api.vkCreateBuffer(device, &info, nullptr, buffer),
            str("vkCreateBuffer of ", bytes, " bytes"));
  VkMemoryRequirements needs{};
  api.vkGetBufferMemoryRequirements(device, *buffer, &needs);
  if ((needs.memoryTypeBits & (1u << memory_type)) == 0) {
    api.vkDestroyBuffer(device, *buffer, nullptr);
    return fail(HM_ERROR_BACKEND,
                str("the driver cannot place a storage buffer in memory type ", memory_type));
  }
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = needs.size;
  alloc.memoryTypeIndex = memory_type;
  VkResult result = api.vkAllocateMemory(device, &alloc, nullptr, memory);
  if (result == VK_SUCCESS) result = api.vkBindBufferMemory(device, *buffer, *memory, 0);
  else *memory = VK_NULL_HANDLE;
  if (result != VK_SUCCESS) {
    api.vkDestroyBuffer(device, *buffer, nullptr);
    if (*memory) api.vkFreeMemory(device, *memory, nullptr);
    return vk_fail(result, str("allocating ", bytes, " bytes of device memory"));
  }
  return HM_SUCCESS;
}

hm_status VulkanDevice::create(DeviceInfo info, hm_device_limits limits,
                               VulkanDeviceSetup setup, std::shared_ptr<VulkanDevice>* out) {
  std::shared_ptr<VulkanDevice> device(
      new VulkanDevice(std::move(info), limits, std::move(setup)));
  HM_TRY(device->initialize());
  *out = std::move(device);
  return HM_SUCCESS;
}

hm_status VulkanDevice::initialize() {
  api().vkGetDeviceQueue(handle(), setup_.queue_family, 0, &queue_);
  VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  // Command buffers are reused: vkBeginCommandBuffer resets them.
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = setup_.queue_family;
  HM_VK_TRY(api().vkCreateCommandPool(handle(), &pool, nullptr, &command_pool_),
            "vkCreateCommandPool");
  return pipeline_cache_.create(api(), handle(), setup_.properties);
}

VulkanDevice::~VulkanDevice() {
  if (handle() == VK_NULL_HANDLE) return;
  {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    flusher_stopping_ = true;
  }
  flusher_wake_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    flush();  // whatever is still recorded runs, as it would have without batching
  }
  api().vkDeviceWaitIdle(handle());
  for (Batch& b : pending_) recycle(b);
  pending_.clear();
  for (VkFence fence : free_fences_) api().vkDestroyFence(handle(), fence, nullptr);
  for (DescriptorChunk& chunk : free_descriptors_)
    api().vkDestroyDescriptorPool(handle(), chunk.pool, nullptr);
  if (staging_) api().vkDestroyBuffer(handle(), staging_, nullptr);
  if (staging_memory_) api().vkFreeMemory(handle(), staging_memory_, nullptr);
  // Frees the command buffers too.
  if (command_pool_) api().vkDestroyCommandPool(handle(), command_pool_, nullptr);
  pipeline_cache_.save_and_destroy(api(), handle());
  api().vkDestroyDevice(handle(), nullptr);
}

hm_status VulkanDevice::check_not_lost() const {
  if (!lost_) return HM_SUCCESS;
  return fail(HM_ERROR_LAUNCH_FAILED,
              str(spec(), " was lost (VK_ERROR_DEVICE_LOST) after an earlier failure; "
                          "open the device again"));
}

void VulkanDevice::recycle(Batch& b) {
  if (b.fence) {
    // A fence that cannot be reset is not reused.
    if (api().vkResetFences(handle(), 1, &b.fence) == VK_SUCCESS)
      free_fences_.push_back(b.fence);
    else
      api().vkDestroyFence(handle(), b.fence, nullptr);
  }
  if (b.commands) free_commands_.push_back(b.commands);  // reset by its next begin
  for (DescriptorChunk& chunk : b.descriptors) {
    if (api().vkResetDescriptorPool(handle(), chunk.pool, 0) == VK_SUCCESS) {
      chunk.sets_used = chunk.buffers_used = 0;
      free_descriptors_.push_back(chunk);
    } else {
      api().vkDestroyDescriptorPool(handle(), chunk.pool, nullptr);
    }
  }
  b = Batch{};
}

hm_status VulkanDevice::retire(uint64_t sequence) {
  hm_status status = HM_SUCCESS;
  while (!pending_.empty()) {
    Batch& front = pending_.front();
    VkResult result = front.sequence <= sequence
                          ? api().vkWaitForFences(handle(), 1, &front.fence, VK_TRUE, UINT64_MAX)
                          : api().vkGetFenceStatus(handle(), front.fence);
    if (result == VK_NOT_READY || result == VK_TIMEOUT) break;  // still running
    if (result != VK_SUCCESS && status == HM_SUCCESS) {
      if (result == VK_ERROR_DEVICE_LOST) lost_ = true;
      status = vk_fail(result, front.kernel.empty()
                                   ? str("waiting for work on ", spec())
                                   : str("kernel '", front.kernel, "' on ", spec()));
    }
    recycle(front);
    pending_.pop_front();
  }
  return status;
}

hm_status VulkanDevice::open_batch() {
  Batch b;
  if (!free_commands_.empty()) {
    b.commands = free_commands_.back();
    free_commands_.pop_back();
  } else {
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = command_pool_;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    HM_VK_TRY(api().vkAllocateCommandBuffers(handle(), &alloc, &b.commands),
              "vkAllocateCommandBuffers");
  }
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VkResult result = api().vkBeginCommandBuffer(b.commands, &begin);
  if (result != VK_SUCCESS) {
    recycle(b);
    return vk_fail(result, "vkBeginCommandBuffer");
  }
  // Orders the batch after everything submitted before it.
  full_barrier(api(), b.commands);
  b.sequence = ++last_sequence_;
  open_ = std::move(b);
  return HM_SUCCESS;
}

hm_status VulkanDevice::flush() {
  if (open_.sequence == 0) return HM_SUCCESS;
  Batch b = std::move(open_);
  open_ = Batch{};
  auto give_up = [&](hm_status status) {
    recycle(b);
    return status;
  };
  // Every command was followed by a full barrier already.
  VkResult result = api().vkEndCommandBuffer(b.commands);
  if (result != VK_SUCCESS) return give_up(vk_fail(result, "vkEndCommandBuffer"));
  if (!free_fences_.empty()) {
    b.fence = free_fences_.back();
    free_fences_.pop_back();
  } else {
    VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    result = api().vkCreateFence(handle(), &fence, nullptr, &b.fence);
    if (result != VK_SUCCESS) {
      b.fence = VK_NULL_HANDLE;
      return give_up(vk_fail(result, "vkCreateFence"));
    }
  }
  VkSubmitInfo info{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  info.commandBufferCount = 1;
  info.pCommandBuffers = &b.commands;
  const auto started = std::chrono::steady_clock::now();
  result = api().vkQueueSubmit(queue_, 1, &info, b.fence);
  last_submit_end_ = std::chrono::steady_clock::now();
  const double took = std::chrono::duration<double, std::nano>(last_submit_end_ - started).count();
  submit_ns_average_ =
      submit_ns_average_ == 0 ? took : submit_ns_average_ * 0.875 + took * 0.125;
  if (result != VK_SUCCESS) {
    if (result == VK_ERROR_DEVICE_LOST) lost_ = true;
    // The fence's state is unknown after a failed submission: do not reuse it.
    api().vkDestroyFence(handle(), b.fence, nullptr);
    b.fence = VK_NULL_HANDLE;
    return give_up(vk_fail(result, b.kernel.empty()
                                       ? std::string("vkQueueSubmit")
                                       : str("submitting kernel '", b.kernel, "'")));
  }
  pending_.push_back(std::move(b));
  return HM_SUCCESS;
}

std::chrono::nanoseconds VulkanDevice::submit_interval() const {
  const auto measured = std::chrono::nanoseconds(static_cast<int64_t>(4 * submit_ns_average_));
  return std::max<std::chrono::nanoseconds>(kMinSubmitInterval, measured);
}

hm_status VulkanDevice::take_deferred_error() {
  if (deferred_status_ == HM_SUCCESS) return HM_SUCCESS;
  const hm_status status = deferred_status_;
  deferred_status_ = HM_SUCCESS;
  return fail(status, deferred_message_);
}

void VulkanDevice::flusher_loop() {
  std::unique_lock<std::recursive_mutex> lock(mutex_);
  while (!flusher_stopping_) {
    if (open_.sequence == 0 || flush_sequence_ != open_.sequence) {
      flusher_wake_.wait(lock);
    } else if (std::chrono::steady_clock::now() < flush_deadline_) {
      flusher_wake_.wait_until(lock, flush_deadline_);
    } else {
      const hm_status status = flush();
      if (status != HM_SUCCESS && deferred_status_ == HM_SUCCESS) {
        deferred_status_ = status;
        deferred_message_ = last_error_message();
      }
    }
  }
}

hm_status VulkanDevice::wait_idle() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  hm_status status = flush();
  hm_status waited = retire(UINT64_MAX);
  if (status == HM_SUCCESS) status = waited;
  if (status == HM_SUCCESS) status = take_deferred_error();
  return status != HM_SUCCESS ? status : check_not_lost();
}

hm_status VulkanDevice::wait_for(uint64_t sequence) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  hm_status status = HM_SUCCESS;
  if (open_.sequence != 0 && sequence >= open_.sequence) status = flush();
  hm_status waited = retire(sequence);
  if (status == HM_SUCCESS) status = waited;
  if (status == HM_SUCCESS) status = take_deferred_error();
  return status != HM_SUCCESS ? status : check_not_lost();
}

hm_status VulkanDevice::synchronize() {
  HM_TRY(wait_idle());
  // Records live in host-coherent memory and every batch ends with a barrier that
  // makes its writes visible to the host: reading the mapping is enough.
  return panic_records_.check();
}

void VulkanDevice::wait_quietly() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  flush();
  retire(UINT64_MAX);
  deferred_status_ = HM_SUCCESS;
}

hm_status VulkanDevice::enqueue(const std::function<hm_status(VkCommandBuffer)>& record,
                                const std::string& kernel, bool submit_now,
                                uint64_t* sequence, uint64_t* position) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  HM_TRY(check_not_lost());
  HM_TRY(take_deferred_error());
  // Finish what is done (cheap: one fence status each), and past the bound wait for
  // the oldest batch.
  HM_TRY(retire(pending_.size() >= kMaxPendingBatches ? pending_.front().sequence : 0));
  if (open_.sequence == 0) HM_TRY(open_batch());
  HM_TRY(record(open_.commands));
  full_barrier(api(), open_.commands);
  ++open_.recorded;
  if (!kernel.empty()) open_.kernel = kernel;
  if (sequence) *sequence = open_.sequence;
  if (position) *position = ++last_position_;
  if (open_.recorded >= kMaxBatchCommands) return flush();
  // A launch onto an idle queue is submitted at once, so it starts as soon as it would
  // without batching (unless the last submission was too recent); while the queue is
  // busy, launches share a submission.
  const auto now = std::chrono::steady_clock::now();
  const auto next_submit = last_submit_end_ + submit_interval();
  if (submit_now && pending_.empty() && now >= next_submit) return flush();
  // Otherwise the flusher thread submits the batch if nothing else has by then, so
  // that queued work reaches the GPU even if the host stops calling.
  if (flush_sequence_ != open_.sequence) {
    flush_sequence_ = open_.sequence;
    flush_deadline_ = std::max<std::chrono::steady_clock::time_point>(next_submit,
                                                                      now + kMinFlushDelay);
    if (!flusher_.joinable()) {
      try {
        flusher_ = std::thread([this] { flusher_loop(); });
      } catch (...) {
        return flush();  // no thread: submit now, unbatched
      }
    }
    flusher_wake_.notify_one();
  }
  return HM_SUCCESS;
}

hm_status VulkanDevice::allocate_descriptor_set(VkDescriptorSetLayout layout,
                                                uint32_t storage_buffers,
                                                VkDescriptorSet* out) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  auto fits = [&](const DescriptorChunk& c) {
    return c.sets_used < c.max_sets && c.buffers_used + storage_buffers <= c.max_buffers;
  };
  // The open batch's last pool, else a free one that fits, else a new one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (attempt > 0 || open_.descriptors.empty() || !fits(open_.descriptors.back())) {
      auto free = std::find_if(free_descriptors_.begin(), free_descriptors_.end(), fits);
      if (attempt == 0 && free != free_descriptors_.end()) {
        open_.descriptors.push_back(*free);
        free_descriptors_.erase(free);
      } else {
        DescriptorChunk chunk;
        chunk.max_sets = kSetsPerChunk;
        chunk.max_buffers = std::max(kSetsPerChunk * kBuffersPerSet, storage_buffers);
        VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, chunk.max_buffers};
        VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        info.maxSets = chunk.max_sets;
        info.poolSizeCount = 1;
        info.pPoolSizes = &size;
        HM_VK_TRY(api().vkCreateDescriptorPool(handle(), &info, nullptr, &chunk.pool),
                  "vkCreateDescriptorPool");
        open_.descriptors.push_back(chunk);
      }
    }
    DescriptorChunk& chunk = open_.descriptors.back();
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = chunk.pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &layout;
    VkResult result = api().vkAllocateDescriptorSets(handle(), &alloc, out);
    if (result == VK_SUCCESS) {
      ++chunk.sets_used;
      chunk.buffers_used += storage_buffers;
      return HM_SUCCESS;
    }
    // A pool the driver finds full before our count does: mark it so, try a new one.
    const bool pool_full =
        result == VK_ERROR_OUT_OF_POOL_MEMORY || result == VK_ERROR_FRAGMENTED_POOL;
    if (!pool_full || attempt > 0) return vk_fail(result, "vkAllocateDescriptorSets");
    chunk.sets_used = chunk.max_sets;
  }
  return HM_SUCCESS;  // not reached
}

hm_status VulkanDevice::ensure_staging(VkDeviceSize bytes) {
  if (staging_bytes_ >= bytes) return HM_SUCCESS;
  if (staging_) api().vkDestroyBuffer(handle(), staging_, nullptr);
  if (staging_memory_) api().vkFreeMemory(handle(), staging_memory_, nullptr);
  staging_ = VK_NULL_HANDLE;
  staging_memory_ = VK_NULL_HANDLE;
  staging_mapped_ = nullptr;
  staging_bytes_ = 0;
  HM_TRY(create_vk_buffer(api(), handle(), bytes, memory().staging_type_index, &staging_,
                          &staging_memory_));
  HM_VK_TRY(api().vkMapMemory(handle(), staging_memory_, 0, VK_WHOLE_SIZE, 0, &staging_mapped_),
            "mapping the staging buffer");
  staging_bytes_ = bytes;
  return HM_SUCCESS;
}

hm_status VulkanDevice::copy_through_staging(VkBuffer buffer, size_t offset, void* host,
                                             size_t bytes, bool to_device) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  HM_TRY(ensure_staging(std::min<VkDeviceSize>(bytes, memory().staging_chunk_bytes)));
  auto* host_bytes = static_cast<uint8_t*>(host);
  for (size_t done = 0; done < bytes;) {
    const size_t chunk = static_cast<size_t>(std::min<VkDeviceSize>(bytes - done, staging_bytes_));
    if (to_device) std::memcpy(staging_mapped_, host_bytes + done, chunk);
    VkBufferCopy region{};
    region.size = chunk;
    if (to_device) region.dstOffset = offset + done;
    else region.srcOffset = offset + done;
    VkBuffer src = to_device ? staging_ : buffer;
    VkBuffer dst = to_device ? buffer : staging_;
    uint64_t sequence = 0;
    HM_TRY(enqueue(
        [&](VkCommandBuffer commands) {
          api().vkCmdCopyBuffer(commands, src, dst, 1, &region);
          return HM_SUCCESS;
        },
        "", /*submit_now=*/false, &sequence));
    HM_TRY(wait_for(sequence));
    if (!to_device) std::memcpy(host_bytes + done, staging_mapped_, chunk);
    done += chunk;
  }
  return HM_SUCCESS;
}

hm_status VulkanDevice::allocate(size_t bytes, uint32_t flags, std::shared_ptr<Buffer>* out) {
  // Sizes near SIZE_MAX would wrap when rounded up (and become a 16-byte buffer that
  // claims to be huge): refuse them before rounding.
  if (bytes > UINT64_MAX - kMinBufferBytes)
    return fail(HM_ERROR_OUT_OF_MEMORY,
                str("a buffer of ", bytes, " bytes is larger than any device can allocate"));
  const VkDeviceSize allocation = std::max(kMinBufferBytes, round_up(bytes, kMinBufferBytes));
  if (setup_.max_allocation_bytes != 0 && allocation > setup_.max_allocation_bytes)
    return fail(HM_ERROR_OUT_OF_MEMORY,
                str("a buffer of ", bytes, " bytes is larger than the largest allocation ",
                    spec(), " allows (", setup_.max_allocation_bytes, " bytes)"));
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory device_memory = VK_NULL_HANDLE;
  HM_TRY(create_vk_buffer(api(), handle(), allocation, memory().device_type_index, &buffer,
                          &device_memory));
  void* mapped = nullptr;
  if (memory().device_memory_is_mapped) {
    VkResult result =
        api().vkMapMemory(handle(), device_memory, 0, VK_WHOLE_SIZE, 0, &mapped);
    if (result != VK_SUCCESS) {
      api().vkDestroyBuffer(handle(), buffer, nullptr);
      api().vkFreeMemory(handle(), device_memory, nullptr);
      return vk_fail(result, "vkMapMemory of a new buffer");
    }
  }
  *out = std::make_shared<VulkanBuffer>(shared_from_this(), bytes, flags, buffer,
                                        device_memory, mapped);
  return HM_SUCCESS;
}

VulkanBuffer::~VulkanBuffer() {
  // A launch still running may use this buffer.
  device_->wait_quietly();
  device_->api().vkDestroyBuffer(device_->handle(), buffer_, nullptr);
  device_->api().vkFreeMemory(device_->handle(), memory_, nullptr);
}

hm_status VulkanBuffer::write(size_t offset, const void* src, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  // Earlier launches may still read or write the buffer.
  HM_TRY(device_->wait_idle());
  if (mapped_) {
    std::memcpy(mapped_ + offset, src, bytes);  // coherent: visible to later submissions
    return HM_SUCCESS;
  }
  return device_->copy_through_staging(buffer_, offset, const_cast<void*>(src), bytes,
                                       /*to_device=*/true);
}

hm_status VulkanBuffer::read(size_t offset, void* dst, size_t bytes) {
  if (bytes == 0) return HM_SUCCESS;
  HM_TRY(device_->wait_idle());
  if (mapped_) {
    std::memcpy(dst, mapped_ + offset, bytes);
    return HM_SUCCESS;
  }
  return device_->copy_through_staging(buffer_, offset, dst, bytes, /*to_device=*/false);
}

}  // namespace hm::rt::vulkan
