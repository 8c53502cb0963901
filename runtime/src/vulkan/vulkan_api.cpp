#include "vulkan/vulkan_api.h"

#include "dynamic_library.h"
#include "status.h"

namespace hm::rt::vulkan {
namespace {

constexpr const char* kHowToGetVulkan =
    "install the Vulkan loader (Debian: libvulkan1) and a driver (the NVIDIA driver, "
    "or mesa-vulkan-drivers for the CPU device lavapipe)";

// Hematite's SPIR-V targets Vulkan 1.2.
constexpr uint32_t kRequiredApiVersion = VK_API_VERSION_1_2;

struct LoadedInstance {
  DynamicLibrary library;
  InstanceApi api;
  hm_status status = HM_SUCCESS;
  std::string error;
};

std::string version_text(uint32_t v) {
  return str(VK_API_VERSION_MAJOR(v), ".", VK_API_VERSION_MINOR(v), ".",
             VK_API_VERSION_PATCH(v));
}

hm_status create_instance(LoadedInstance& loaded) {
  HM_TRY(loaded.library.open("libvulkan.so.1", kHowToGetVulkan));
  InstanceApi& api = loaded.api;
  api.vkGetInstanceProcAddr = reinterpret_cast<PFN_vkGetInstanceProcAddr>(
      loaded.library.find("vkGetInstanceProcAddr"));
  if (api.vkGetInstanceProcAddr == nullptr)
    return fail(HM_ERROR_LIBRARY_NOT_FOUND,
                "libvulkan.so.1 does not export vkGetInstanceProcAddr: it is not a Vulkan "
                "loader");
#define HM_VK_LOAD_GLOBAL(name) \
  api.name = reinterpret_cast<PFN_##name>(api.vkGetInstanceProcAddr(VK_NULL_HANDLE, #name));
  HM_VK_GLOBAL_FUNCTIONS(HM_VK_LOAD_GLOBAL)
#undef HM_VK_LOAD_GLOBAL
  if (api.vkCreateInstance == nullptr)
    return fail(HM_ERROR_LIBRARY_NOT_FOUND, "the Vulkan loader has no vkCreateInstance");

  // vkEnumerateInstanceVersion appeared in 1.1; its absence means a 1.0 loader.
  uint32_t loader_version = VK_API_VERSION_1_0;
  if (api.vkEnumerateInstanceVersion) api.vkEnumerateInstanceVersion(&loader_version);
  if (loader_version < kRequiredApiVersion)
    return fail(HM_ERROR_UNSUPPORTED,
                str("the Vulkan loader supports Vulkan ", version_text(loader_version),
                    " but Hematite needs 1.2: update libvulkan1"));

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "hematite";
  app.pEngineName = "hematite_rt";
  app.apiVersion = kRequiredApiVersion;
  VkInstanceCreateInfo create{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  create.pApplicationInfo = &app;
  VkResult result = api.vkCreateInstance(&create, nullptr, &api.instance);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER)
    return fail(HM_ERROR_NO_DEVICE,
                "vkCreateInstance found no Vulkan driver (VK_ERROR_INCOMPATIBLE_DRIVER): "
                "install one (mesa-vulkan-drivers for the CPU device), or point "
                "VK_DRIVER_FILES at its ICD .json file");
  HM_VK_TRY(result, "vkCreateInstance");
  api.api_version = kRequiredApiVersion;

#define HM_VK_LOAD_INSTANCE(name)                                                       \
  api.name = reinterpret_cast<PFN_##name>(api.vkGetInstanceProcAddr(api.instance, #name)); \
  if (api.name == nullptr)                                                              \
    return fail(HM_ERROR_LIBRARY_NOT_FOUND, "the Vulkan loader has no " #name);
  HM_VK_INSTANCE_FUNCTIONS(HM_VK_LOAD_INSTANCE)
#undef HM_VK_LOAD_INSTANCE
  return HM_SUCCESS;
}

}  // namespace

hm_status load_vulkan_instance(const InstanceApi** out) {
  // The instance lives as long as the process: devices may outlive any owner we could
  // give it, and destroying it during static destruction races with driver teardown.
  static LoadedInstance* loaded = [] {
    auto* l = new LoadedInstance();
    l->status = create_instance(*l);
    if (l->status != HM_SUCCESS) l->error = last_error_message();
    return l;
  }();
  if (loaded->status != HM_SUCCESS) return fail(loaded->status, loaded->error);
  *out = &loaded->api;
  return HM_SUCCESS;
}

hm_status load_device_api(const InstanceApi& instance, VkDevice device, DeviceApi* out) {
#define HM_VK_LOAD_DEVICE(name)                                                            \
  out->name = reinterpret_cast<PFN_##name>(instance.vkGetDeviceProcAddr(device, #name));   \
  if (out->name == nullptr)                                                                \
    return fail(HM_ERROR_BACKEND, "the Vulkan driver does not provide " #name);
  HM_VK_DEVICE_FUNCTIONS(HM_VK_LOAD_DEVICE)
#undef HM_VK_LOAD_DEVICE
  return HM_SUCCESS;
}

const char* vk_result_name(VkResult result) {
  switch (result) {
#define HM_VK_RESULT(name) case name: return #name;
    HM_VK_RESULT(VK_SUCCESS)
    HM_VK_RESULT(VK_NOT_READY)
    HM_VK_RESULT(VK_TIMEOUT)
    HM_VK_RESULT(VK_INCOMPLETE)
    HM_VK_RESULT(VK_ERROR_OUT_OF_HOST_MEMORY)
    HM_VK_RESULT(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    HM_VK_RESULT(VK_ERROR_INITIALIZATION_FAILED)
    HM_VK_RESULT(VK_ERROR_DEVICE_LOST)
    HM_VK_RESULT(VK_ERROR_MEMORY_MAP_FAILED)
    HM_VK_RESULT(VK_ERROR_LAYER_NOT_PRESENT)
    HM_VK_RESULT(VK_ERROR_EXTENSION_NOT_PRESENT)
    HM_VK_RESULT(VK_ERROR_FEATURE_NOT_PRESENT)
    HM_VK_RESULT(VK_ERROR_INCOMPATIBLE_DRIVER)
    HM_VK_RESULT(VK_ERROR_TOO_MANY_OBJECTS)
    HM_VK_RESULT(VK_ERROR_FORMAT_NOT_SUPPORTED)
    HM_VK_RESULT(VK_ERROR_FRAGMENTED_POOL)
    HM_VK_RESULT(VK_ERROR_UNKNOWN)
    HM_VK_RESULT(VK_ERROR_OUT_OF_POOL_MEMORY)
    HM_VK_RESULT(VK_ERROR_INVALID_EXTERNAL_HANDLE)
    HM_VK_RESULT(VK_ERROR_FRAGMENTATION)
    HM_VK_RESULT(VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS)
    HM_VK_RESULT(VK_PIPELINE_COMPILE_REQUIRED)
    HM_VK_RESULT(VK_ERROR_INVALID_SHADER_NV)
#undef HM_VK_RESULT
    default: return "VkResult (unnamed)";
  }
}

hm_status vk_fail(VkResult result, const std::string& what) {
  hm_status status = HM_ERROR_BACKEND;
  if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY || result == VK_ERROR_OUT_OF_HOST_MEMORY)
    status = HM_ERROR_OUT_OF_MEMORY;
  else if (result == VK_ERROR_DEVICE_LOST)
    status = HM_ERROR_LAUNCH_FAILED;
  return fail(status, str(what, " failed: ", vk_result_name(result), " (",
                          static_cast<int>(result), ")"));
}

}  // namespace hm::rt::vulkan
