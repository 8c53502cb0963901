// Vulkan function tables. The runtime is built with VK_NO_PROTOTYPES against the
// vendored headers (third_party/vulkan) and loads every function at run time:
// vkGetInstanceProcAddr from libvulkan.so.1, then instance- and device-level functions
// through it, as the loader recommends (device functions skip the loader trampoline).
#pragma once

#ifndef VK_NO_PROTOTYPES
#define VK_NO_PROTOTYPES
#endif
#include <vulkan/vulkan.h>

#include <string>

#include "hematite/runtime.h"

namespace hm::rt::vulkan {

#define HM_VK_GLOBAL_FUNCTIONS(X) \
  X(vkCreateInstance)             \
  X(vkEnumerateInstanceVersion)

#define HM_VK_INSTANCE_FUNCTIONS(X)             \
  X(vkDestroyInstance)                          \
  X(vkEnumeratePhysicalDevices)                 \
  X(vkGetPhysicalDeviceProperties)              \
  X(vkGetPhysicalDeviceProperties2)             \
  X(vkGetPhysicalDeviceFeatures2)               \
  X(vkGetPhysicalDeviceQueueFamilyProperties)   \
  X(vkGetPhysicalDeviceMemoryProperties)        \
  X(vkCreateDevice)                             \
  X(vkGetDeviceProcAddr)

#define HM_VK_DEVICE_FUNCTIONS(X)    \
  X(vkDestroyDevice)                 \
  X(vkGetDeviceQueue)                \
  X(vkCreateBuffer)                  \
  X(vkDestroyBuffer)                 \
  X(vkGetBufferMemoryRequirements)   \
  X(vkAllocateMemory)                \
  X(vkFreeMemory)                    \
  X(vkBindBufferMemory)              \
  X(vkMapMemory)                     \
  X(vkUnmapMemory)                   \
  X(vkCreateShaderModule)            \
  X(vkDestroyShaderModule)           \
  X(vkCreateDescriptorSetLayout)     \
  X(vkDestroyDescriptorSetLayout)    \
  X(vkCreatePipelineLayout)          \
  X(vkDestroyPipelineLayout)         \
  X(vkCreateComputePipelines)        \
  X(vkDestroyPipeline)               \
  X(vkCreateDescriptorPool)          \
  X(vkDestroyDescriptorPool)         \
  X(vkResetDescriptorPool)           \
  X(vkAllocateDescriptorSets)        \
  X(vkUpdateDescriptorSets)          \
  X(vkCreateCommandPool)             \
  X(vkDestroyCommandPool)            \
  X(vkAllocateCommandBuffers)        \
  X(vkFreeCommandBuffers)            \
  X(vkBeginCommandBuffer)            \
  X(vkEndCommandBuffer)              \
  X(vkCmdBindPipeline)               \
  X(vkCmdBindDescriptorSets)         \
  X(vkCmdPushConstants)              \
  X(vkCmdDispatch)                   \
  X(vkCmdPipelineBarrier)            \
  X(vkCmdCopyBuffer)                 \
  X(vkQueueSubmit)                   \
  X(vkCreateFence)                   \
  X(vkDestroyFence)                  \
  X(vkWaitForFences)                 \
  X(vkResetFences)                   \
  X(vkGetFenceStatus)                \
  X(vkDeviceWaitIdle)                \
  X(vkCreateQueryPool)               \
  X(vkDestroyQueryPool)              \
  X(vkCmdResetQueryPool)             \
  X(vkCmdWriteTimestamp)             \
  X(vkGetQueryPoolResults)           \
  X(vkCreatePipelineCache)           \
  X(vkDestroyPipelineCache)          \
  X(vkGetPipelineCacheData)

#define HM_VK_DECLARE(name) PFN_##name name = nullptr;

struct InstanceApi {
  PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr = nullptr;
  HM_VK_GLOBAL_FUNCTIONS(HM_VK_DECLARE)
  HM_VK_INSTANCE_FUNCTIONS(HM_VK_DECLARE)
  VkInstance instance = VK_NULL_HANDLE;
  uint32_t api_version = 0;  // the version the instance was created for
};

struct DeviceApi {
  HM_VK_DEVICE_FUNCTIONS(HM_VK_DECLARE)
};

#undef HM_VK_DECLARE

// Loads libvulkan.so.1 and creates the process's VkInstance (once). The error says
// which library is missing and which packages provide the loader and a driver.
hm_status load_vulkan_instance(const InstanceApi** out);

// Loads the device-level functions of `device`.
hm_status load_device_api(const InstanceApi& instance, VkDevice device, DeviceApi* out);

// "VK_ERROR_OUT_OF_DEVICE_MEMORY" for messages.
const char* vk_result_name(VkResult result);

// Maps a failed VkResult to a status with the message "<what> failed: <VkResult>".
hm_status vk_fail(VkResult result, const std::string& what);

}  // namespace hm::rt::vulkan

// Returns early with a message when a Vulkan call fails.
#define HM_VK_TRY(call, what)                                           \
  do {                                                                  \
    VkResult hm_vk_result_ = (call);                                    \
    if (hm_vk_result_ != VK_SUCCESS)                                    \
      return ::hm::rt::vulkan::vk_fail(hm_vk_result_, (what));          \
  } while (0)
