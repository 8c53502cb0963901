// The Vulkan backend: finds physical devices that can run Hematite's SPIR-V (Vulkan 1.2,
// a compute queue) and opens them with every optional feature they have, since the
// features a kernel needs (Int64, Float64, 8/16-bit types, atomics) depend on the kernel.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "backend.h"
#include "status.h"
#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_device.h"

namespace hm::rt::vulkan {
namespace {

hm_device_type device_type(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return HM_DEVICE_TYPE_DISCRETE_GPU;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return HM_DEVICE_TYPE_INTEGRATED_GPU;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return HM_DEVICE_TYPE_VIRTUAL_GPU;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return HM_DEVICE_TYPE_CPU;
    default: return HM_DEVICE_TYPE_OTHER;
  }
}

// The first memory type allowed by `allowed` that has all of `required`, preferring one
// that also has `preferred`; -1 if none.
int find_memory_type(const VkPhysicalDeviceMemoryProperties& props, uint32_t allowed,
                     VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
  int fallback = -1;
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    if ((allowed & (1u << i)) == 0) continue;
    VkMemoryPropertyFlags flags = props.memoryTypes[i].propertyFlags;
    if ((flags & required) != required) continue;
    if ((flags & preferred) == preferred) return static_cast<int>(i);
    if (fallback < 0) fallback = static_cast<int>(i);
  }
  return fallback;
}

class VulkanBackend final : public Backend {
 public:
  hm_backend kind() const override { return HM_BACKEND_VULKAN; }

  hm_status initialize() override { return load_vulkan_instance(&instance_); }

  hm_status enumerate(std::vector<DeviceInfo>* out) override {
    std::vector<VkPhysicalDevice> physicals;
    HM_TRY(physical_devices(&physicals));
    std::vector<DeviceInfo> devices;
    for (uint32_t i = 0; i < physicals.size(); ++i) {
      DeviceInfo info;
      uint32_t queue_family = 0;
      if (check_usable(physicals[i], i, &info, &queue_family) == HM_SUCCESS)
        devices.push_back(std::move(info));
    }
    *out = std::move(devices);
    return HM_SUCCESS;
  }

  hm_status open(uint32_t index, std::shared_ptr<Device>* out) override;

 private:
  hm_status physical_devices(std::vector<VkPhysicalDevice>* out) const {
    HM_TRY(const_cast<VulkanBackend*>(this)->initialize());
    uint32_t count = 0;
    HM_VK_TRY(instance_->vkEnumeratePhysicalDevices(instance_->instance, &count, nullptr),
              "vkEnumeratePhysicalDevices");
    out->resize(count);
    HM_VK_TRY(instance_->vkEnumeratePhysicalDevices(instance_->instance, &count, out->data()),
              "vkEnumeratePhysicalDevices");
    out->resize(count);
    return HM_SUCCESS;
  }

  // Fills `info` and finds a compute queue family; fails (with the reason) for devices
  // Hematite cannot use.
  hm_status check_usable(VkPhysicalDevice physical, uint32_t index, DeviceInfo* info,
                         uint32_t* queue_family) const {
    VkPhysicalDeviceProperties props{};
    instance_->vkGetPhysicalDeviceProperties(physical, &props);
    info->backend = HM_BACKEND_VULKAN;
    info->index = index;
    info->type = device_type(props.deviceType);
    info->name = props.deviceName;
    // What SPIR-V may use: the device's version, capped by the instance's (1.2).
    const uint32_t usable = std::min(props.apiVersion, instance_->api_version);
    info->target = str("vulkan", VK_API_VERSION_MAJOR(usable), ".", VK_API_VERSION_MINOR(usable));
    if (props.apiVersion < VK_API_VERSION_1_2)
      return fail(HM_ERROR_UNSUPPORTED,
                  str("vulkan:", index, " (", info->name, ") supports Vulkan ",
                      VK_API_VERSION_MAJOR(props.apiVersion), ".",
                      VK_API_VERSION_MINOR(props.apiVersion),
                      " but Hematite needs 1.2; update its driver"));
    uint32_t count = 0;
    instance_->vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    instance_->vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
    for (uint32_t f = 0; f < count; ++f) {
      if ((families[f].queueFlags & VK_QUEUE_COMPUTE_BIT) && families[f].queueCount > 0) {
        *queue_family = f;
        return HM_SUCCESS;
      }
    }
    return fail(HM_ERROR_UNSUPPORTED,
                str("vulkan:", index, " (", info->name, ") has no compute queue"));
  }

  const InstanceApi* instance_ = nullptr;
};

hm_status VulkanBackend::open(uint32_t index, std::shared_ptr<Device>* out) {
  std::vector<VkPhysicalDevice> physicals;
  HM_TRY(physical_devices(&physicals));
  if (index >= physicals.size())
    return fail(HM_ERROR_NO_DEVICE,
                str("vulkan:", index, " does not exist: the Vulkan loader reports ",
                    physicals.size(), " device", physicals.size() == 1 ? "" : "s"));
  VkPhysicalDevice physical = physicals[index];
  DeviceInfo info;
  VulkanDeviceSetup setup;
  setup.instance = instance_;
  setup.physical = physical;
  HM_TRY(check_usable(physical, index, &info, &setup.queue_family));

  // Properties: limits, subgroup size, largest allocation.
  VkPhysicalDeviceSubgroupProperties subgroup{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
  VkPhysicalDeviceMaintenance3Properties maintenance3{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES};
  subgroup.pNext = &maintenance3;
  VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
  props.pNext = &subgroup;
  instance_->vkGetPhysicalDeviceProperties2(physical, &props);
  const VkPhysicalDeviceLimits& vk_limits = props.properties.limits;
  hm_device_limits limits{};
  for (int d = 0; d < 3; ++d) {
    limits.max_block_dim[d] = vk_limits.maxComputeWorkGroupSize[d];
    limits.max_grid_dim[d] = vk_limits.maxComputeWorkGroupCount[d];
  }
  limits.max_threads_per_block = vk_limits.maxComputeWorkGroupInvocations;
  limits.subgroup_size = subgroup.subgroupSize;
  limits.max_scalar_bytes = vk_limits.maxPushConstantsSize;
  limits.slice_offset_alignment = vk_limits.minStorageBufferOffsetAlignment;
  limits.max_slice_bytes = vk_limits.maxStorageBufferRange;
  setup.max_allocation_bytes = maintenance3.maxMemoryAllocationSize;
  setup.max_shared_bytes = vk_limits.maxComputeSharedMemorySize;
  setup.timestamp_period_ns = vk_limits.timestampPeriod;
  setup.properties = props.properties;
  {
    uint32_t count = 0;
    instance_->vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    instance_->vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
    setup.timestamp_valid_bits = families[setup.queue_family].timestampValidBits;
  }

  // Features: everything the device has, except robust buffer access, which costs
  // speed and which Hematite's own bounds checks make unnecessary.
  VkPhysicalDeviceVulkan12Features features12{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  VkPhysicalDeviceVulkan11Features features11{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  features11.pNext = &features12;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &features11;
  instance_->vkGetPhysicalDeviceFeatures2(physical, &features);
  features.features.robustBufferAccess = VK_FALSE;

  // Memory: see MemoryPlan.
  VkPhysicalDeviceMemoryProperties memory{};
  instance_->vkGetPhysicalDeviceMemoryProperties(physical, &memory);
  const VkMemoryPropertyFlags kHostCoherent =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  const bool shares_host_memory = info.type == HM_DEVICE_TYPE_CPU ||
                                  info.type == HM_DEVICE_TYPE_INTEGRATED_GPU;
  int mapped_type = find_memory_type(memory, ~0u,
                                     VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | kHostCoherent,
                                     VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
  // HEMATITE_VULKAN_STAGING=1 forces the staging path, in small pieces, so that the
  // path discrete GPUs take is tested on CPU devices too.
  const char* force_staging = std::getenv("HEMATITE_VULKAN_STAGING");
  const bool staging_forced = force_staging != nullptr && std::strcmp(force_staging, "1") == 0;
  if (staging_forced) setup.memory.staging_chunk_bytes = 1 << 20;
  if (shares_host_memory && mapped_type >= 0 && !staging_forced) {
    setup.memory.device_memory_is_mapped = true;
    setup.memory.device_type_index = static_cast<uint32_t>(mapped_type);
  } else {
    int device_type = find_memory_type(memory, ~0u, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0);
    int staging_type =
        find_memory_type(memory, ~0u, kHostCoherent, VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    if (device_type < 0 || staging_type < 0)
      return fail(HM_ERROR_UNSUPPORTED,
                  str(info.spec(), " (", info.name, ") has no ",
                      device_type < 0 ? "device-local" : "host-visible coherent",
                      " memory type"));
    setup.memory.device_type_index = static_cast<uint32_t>(device_type);
    setup.memory.staging_type_index = static_cast<uint32_t>(staging_type);
  }

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = setup.queue_family;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo create{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  create.pNext = &features;
  create.queueCreateInfoCount = 1;
  create.pQueueCreateInfos = &queue;
  HM_VK_TRY(instance_->vkCreateDevice(physical, &create, nullptr, &setup.device),
            str("vkCreateDevice for ", info.spec(), " (", info.name, ")"));
  hm_status status = load_device_api(*instance_, setup.device, &setup.api);
  if (status != HM_SUCCESS) {
    if (setup.api.vkDestroyDevice) setup.api.vkDestroyDevice(setup.device, nullptr);
    return status;
  }
  std::shared_ptr<VulkanDevice> device;
  HM_TRY(VulkanDevice::create(std::move(info), limits, std::move(setup), &device));
  *out = std::move(device);
  return HM_SUCCESS;
}

}  // namespace
}  // namespace hm::rt::vulkan

namespace hm::rt {
Backend& vulkan_backend() {
  static auto* backend = new vulkan::VulkanBackend();  // lives as long as the process
  return *backend;
}
}  // namespace hm::rt
