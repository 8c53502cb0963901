// Hematite kernel bundles (.hmb): several compiled images of one module (PTX, cubin,
// hsaco, SPIR-V, one per target) in one file, so that one file runs on any device.
// The format is docs/bundle.md. This library has no dependencies beyond the C++17
// standard library: the compiler links it to write bundles, the runtime to read them.
//
// The reader validates every field and never reads outside [data, data + size): a
// truncated or garbage file is an error with a message, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hematite::bundle {

// Values as hm_module_format in hematite/runtime.h.
enum class Format : uint32_t { kPtx = 1, kCubin = 2, kHsaco = 3, kSpirv = 4 };

// "PTX", "cubin", "hsaco", "SPIR-V" ("unknown" otherwise).
const char* format_name(Format format);

struct Image {
  // "sm_90" / "sm_90a" (PTX, cubin), "gfx942" / "gfx90a:xnack+" (hsaco),
  // "vulkan1.2" (SPIR-V). See parse_target.
  std::string target;
  Format format = Format::kPtx;
  std::string bytes;
};

// A target name taken apart.
struct Target {
  enum class Family { kCuda, kAmd, kVulkan } family = Family::kCuda;
  uint32_t sm = 0;           // kCuda: 90 for sm_90
  std::string sm_suffix;     // kCuda: "a" for sm_90a (architecture-specific), else ""
  std::string processor;     // kAmd: "gfx942" (the part before any ':' features)
  uint32_t vulkan_minor = 0; // kVulkan: 2 for vulkan1.2
};

// Parses "sm_<2-3 digits>[a-z]", "gfx<hex digits>[:feature+|-]...", "vulkan1.<digit>".
bool parse_target(const std::string& name, Target& out, std::string& error);

// Whether `format` can hold code for `target` (sm_*: PTX or cubin, gfx*: hsaco,
// vulkan1.*: SPIR-V).
bool format_fits_target(Format format, const Target& target);

// The first 8 bytes of every bundle.
constexpr char kMagic[8] = {'\x89', 'H', 'M', 'B', '\r', '\n', '\x1a', '\n'};
constexpr uint32_t kVersion = 1;

// Whether `data` starts with the bundle magic (the rest is not checked).
bool has_magic(const void* data, size_t size);

// Writes a bundle of `images` (at least one; distinct (target, format) pairs, each
// target valid and fitting its format) to `out`. False with `error` otherwise.
bool write(const std::vector<Image>& images, std::string& out, std::string& error);

// Reads a bundle. False with `error` (which names the field and its offset) if
// anything is wrong; `out` is then left empty.
bool read(const void* data, size_t size, std::vector<Image>& out, std::string& error);

// CRC-32 (IEEE 802.3, as zlib's crc32) of `size` bytes.
uint32_t crc32(const void* data, size_t size);

}  // namespace hematite::bundle
