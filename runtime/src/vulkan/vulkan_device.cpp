#include "vulkan/vulkan_device.h"

#include <algorithm>
#include <cstring>

#include "status.h"

namespace hm::rt::vulkan {
namespace {

// Bounds the memory held by unfinished launches; more than this and we wait.
constexpr size_t kMaxPendingSubmissions = 64;

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
  pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool.queueFamilyIndex = setup_.queue_family;
  HM_VK_TRY(api().vkCreateCommandPool(handle(), &pool, nullptr, &command_pool_),
            "vkCreateCommandPool");
  return pipeline_cache_.create(api(), handle(), setup_.properties);
}

VulkanDevice::~VulkanDevice() {
  if (handle() == VK_NULL_HANDLE) return;
  api().vkDeviceWaitIdle(handle());
  for (Submission& s : pending_) release(s);
  if (staging_) api().vkDestroyBuffer(handle(), staging_, nullptr);
  if (staging_memory_) api().vkFreeMemory(handle(), staging_memory_, nullptr);
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

void VulkanDevice::release(Submission& s) {
  if (s.fence) api().vkDestroyFence(handle(), s.fence, nullptr);
  if (s.commands) api().vkFreeCommandBuffers(handle(), command_pool_, 1, &s.commands);
  if (s.descriptors) api().vkDestroyDescriptorPool(handle(), s.descriptors, nullptr);
  s = Submission{};
}

hm_status VulkanDevice::retire(uint64_t sequence) {
  hm_status status = HM_SUCCESS;
  while (!pending_.empty()) {
    Submission& front = pending_.front();
    const bool wait = front.sequence <= sequence;
    VkResult result =
        api().vkWaitForFences(handle(), 1, &front.fence, VK_TRUE, wait ? UINT64_MAX : 0);
    if (result == VK_TIMEOUT) break;  // still running (only when not waiting)
    if (result != VK_SUCCESS && status == HM_SUCCESS) {
      if (result == VK_ERROR_DEVICE_LOST) lost_ = true;
      status = vk_fail(result, front.kernel.empty()
                                   ? str("waiting for work on ", spec())
                                   : str("kernel '", front.kernel, "' on ", spec()));
    }
    release(front);
    pending_.pop_front();
  }
  return status;
}

hm_status VulkanDevice::wait_idle() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  HM_TRY(retire(UINT64_MAX));
  return check_not_lost();
}

hm_status VulkanDevice::wait_for(uint64_t sequence) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  HM_TRY(retire(sequence));
  return check_not_lost();
}

hm_status VulkanDevice::synchronize() {
  HM_TRY(wait_idle());
  // Records live in host-coherent memory and every submission ends with a barrier
  // that makes its writes visible to the host: reading the mapping is enough.
  return panic_records_.check();
}

void VulkanDevice::wait_quietly() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  retire(UINT64_MAX);
}

hm_status VulkanDevice::submit(const std::function<void(VkCommandBuffer)>& record,
                               const std::string& kernel, VkDescriptorPool descriptors,
                               bool wait, uint64_t* sequence) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  Submission s;
  s.descriptors = descriptors;  // ours from here on, released on every path
  s.kernel = kernel;
  auto give_up = [&](hm_status status) {
    release(s);
    return status;
  };
  if (check_not_lost() != HM_SUCCESS) return give_up(HM_ERROR_LAUNCH_FAILED);
  // Past the bound, wait for the oldest submission (and retire whatever is done).
  hm_status status = retire(pending_.size() >= kMaxPendingSubmissions
                                ? pending_.front().sequence
                                : 0);
  if (status != HM_SUCCESS) return give_up(status);

  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = command_pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkResult result = api().vkAllocateCommandBuffers(handle(), &alloc, &s.commands);
  if (result != VK_SUCCESS) {
    s.commands = VK_NULL_HANDLE;
    return give_up(vk_fail(result, "vkAllocateCommandBuffers"));
  }
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  result = api().vkBeginCommandBuffer(s.commands, &begin);
  if (result != VK_SUCCESS) return give_up(vk_fail(result, "vkBeginCommandBuffer"));
  full_barrier(api(), s.commands);
  record(s.commands);
  full_barrier(api(), s.commands);
  result = api().vkEndCommandBuffer(s.commands);
  if (result != VK_SUCCESS) return give_up(vk_fail(result, "vkEndCommandBuffer"));

  VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  result = api().vkCreateFence(handle(), &fence, nullptr, &s.fence);
  if (result != VK_SUCCESS) {
    s.fence = VK_NULL_HANDLE;
    return give_up(vk_fail(result, "vkCreateFence"));
  }
  VkSubmitInfo info{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  info.commandBufferCount = 1;
  info.pCommandBuffers = &s.commands;
  result = api().vkQueueSubmit(queue_, 1, &info, s.fence);
  if (result != VK_SUCCESS) {
    if (result == VK_ERROR_DEVICE_LOST) lost_ = true;
    return give_up(vk_fail(result, kernel.empty() ? std::string("vkQueueSubmit")
                                                  : str("submitting kernel '", kernel, "'")));
  }
  s.sequence = ++last_sequence_;
  if (sequence) *sequence = s.sequence;
  pending_.push_back(s);
  return wait ? retire(UINT64_MAX) : HM_SUCCESS;
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
    HM_TRY(submit([&](VkCommandBuffer commands) {
             api().vkCmdCopyBuffer(commands, src, dst, 1, &region);
           },
           "", VK_NULL_HANDLE, /*wait=*/true));
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
