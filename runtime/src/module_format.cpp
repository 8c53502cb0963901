#include "module_format.h"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace hm::rt {
namespace {

constexpr uint32_t kSpirvMagic = 0x07230203;
constexpr size_t kSpirvHeaderBytes = 20;  // magic, version, generator, bound, schema
constexpr uint16_t kElfMachineCuda = 190;
constexpr uint16_t kElfMachineAmdgpu = 224;
constexpr size_t kElfMachineOffset = 18;
// PTX always declares its ISA version near the top; look no further than this.
constexpr size_t kPtxHeaderWindow = 64 * 1024;

bool looks_like_ptx(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string_view head = text.substr(start);
  // nvcc and LLVM start with a "//" banner; hand-written PTX may start with .version.
  bool plausible_start = head.rfind("//", 0) == 0 || head.rfind("/*", 0) == 0 ||
                         head.rfind(".version", 0) == 0;
  return plausible_start &&
         text.substr(0, kPtxHeaderWindow).find(".version") != std::string_view::npos;
}

}  // namespace

hm_module_format detect_module_format(const void* data, size_t bytes) {
  if (data == nullptr || bytes == 0) return HM_MODULE_FORMAT_UNKNOWN;
  const auto* p = static_cast<const unsigned char*>(data);

  if (bytes >= kSpirvHeaderBytes && bytes % 4 == 0) {
    uint32_t magic;
    std::memcpy(&magic, p, 4);
    if (magic == kSpirvMagic) return HM_MODULE_FORMAT_SPIRV;
  }
  if (bytes >= kElfMachineOffset + 2 && std::memcmp(p, "\x7f" "ELF", 4) == 0) {
    // e_machine; little-endian, as on every GPU ELF target.
    uint16_t machine = static_cast<uint16_t>(p[kElfMachineOffset] |
                                             (p[kElfMachineOffset + 1] << 8));
    if (machine == kElfMachineCuda) return HM_MODULE_FORMAT_CUBIN;
    if (machine == kElfMachineAmdgpu) return HM_MODULE_FORMAT_HSACO;
    return HM_MODULE_FORMAT_UNKNOWN;
  }
  if (looks_like_ptx(std::string_view(reinterpret_cast<const char*>(p), bytes)))
    return HM_MODULE_FORMAT_PTX;
  return HM_MODULE_FORMAT_UNKNOWN;
}

const char* module_format_name(hm_module_format format) {
  switch (format) {
    case HM_MODULE_FORMAT_PTX: return "PTX";
    case HM_MODULE_FORMAT_CUBIN: return "cubin";
    case HM_MODULE_FORMAT_HSACO: return "hsaco";
    case HM_MODULE_FORMAT_SPIRV: return "SPIR-V";
    case HM_MODULE_FORMAT_UNKNOWN: break;
  }
  return "unknown";
}

}  // namespace hm::rt
