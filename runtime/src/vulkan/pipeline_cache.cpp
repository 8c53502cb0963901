#include "vulkan/pipeline_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "status.h"

namespace hm::rt::vulkan {
namespace {

// The cache directory, created if needed; "" when persistence is off or impossible.
std::string cache_directory() {
  const char* off = std::getenv("HEMATITE_VULKAN_PIPELINE_CACHE");
  if (off != nullptr && std::strcmp(off, "0") == 0) return "";
  std::string base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/')
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0')
    base = str(home, "/.cache");
  else
    return "";
  ::mkdir(base.c_str(), 0755);  // may exist already
  const std::string dir = base + "/hematite";
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return "";
  return dir;
}

// The driver's cache data depends on the driver build: its UUID names the file, so a
// driver update starts a new file instead of being fed an incompatible one.
std::string cache_file_name(const VkPhysicalDeviceProperties& properties) {
  std::string uuid;
  for (uint8_t byte : properties.pipelineCacheUUID) {
    char hex[3];
    std::snprintf(hex, sizeof(hex), "%02x", byte);
    uuid += hex;
  }
  return str("vulkan-", std::hex, properties.vendorID, "-", properties.deviceID, "-", uuid,
             ".bin");
}

}  // namespace

hm_status PipelineCache::create(const DeviceApi& api, VkDevice device,
                                const VkPhysicalDeviceProperties& properties) {
  const std::string dir = cache_directory();
  if (!dir.empty()) path_ = dir + "/" + cache_file_name(properties);
  std::vector<char> seed;
  if (!path_.empty()) {
    std::ifstream file(path_, std::ios::binary);
    if (file) seed.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  VkPipelineCacheCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  info.initialDataSize = seed.size();
  info.pInitialData = seed.empty() ? nullptr : seed.data();
  // Drivers check the data's header themselves and ignore data that is not theirs; if
  // one refuses it instead, start empty.
  if (api.vkCreatePipelineCache(device, &info, nullptr, &cache_) == VK_SUCCESS) return HM_SUCCESS;
  info.initialDataSize = 0;
  info.pInitialData = nullptr;
  HM_VK_TRY(api.vkCreatePipelineCache(device, &info, nullptr, &cache_), "vkCreatePipelineCache");
  return HM_SUCCESS;
}

void PipelineCache::save_and_destroy(const DeviceApi& api, VkDevice device) {
  if (cache_ == VK_NULL_HANDLE) return;
  size_t bytes = 0;
  if (!path_.empty() && api.vkGetPipelineCacheData(device, cache_, &bytes, nullptr) == VK_SUCCESS &&
      bytes > 0) {
    std::vector<char> data(bytes);
    if (api.vkGetPipelineCacheData(device, cache_, &bytes, data.data()) == VK_SUCCESS) {
      // Written aside and renamed, so that concurrent processes never read half a file.
      const std::string temporary = str(path_, ".", ::getpid(), ".tmp");
      std::ofstream file(temporary, std::ios::binary);
      file.write(data.data(), static_cast<std::streamsize>(bytes));
      file.close();
      if (!file || std::rename(temporary.c_str(), path_.c_str()) != 0)
        std::remove(temporary.c_str());
    }
  }
  api.vkDestroyPipelineCache(device, cache_, nullptr);
  cache_ = VK_NULL_HANDLE;
}

}  // namespace hm::rt::vulkan
