#include "hematite/bundle.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <sstream>

namespace hematite::bundle {
namespace {

// Layout (docs/bundle.md), all integers little-endian.
constexpr size_t kHeaderBytes = 40;
constexpr size_t kEntryBytes = 56;
constexpr size_t kTargetBytes = 32;  // NUL-padded; at least one NUL
constexpr size_t kImageAlignment = 8;
// Far above any real bundle; bounds the table a garbage count could claim.
constexpr uint32_t kMaxImages = 1024;

namespace header {
constexpr size_t kVersion = 8, kHeaderBytes = 12, kEntryBytes = 16, kImageCount = 20,
                 kTotalBytes = 24, kTableCrc = 32, kReserved = 36;
}
namespace entry {
constexpr size_t kTarget = 0, kFormat = 32, kImageCrc = 36, kOffset = 40, kSize = 48;
}

uint32_t load_u32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint64_t load_u64(const uint8_t* p) { return load_u32(p) | uint64_t{load_u32(p + 4)} << 32; }
void store_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void store_u64(uint8_t* p, uint64_t v) {
  store_u32(p, static_cast<uint32_t>(v));
  store_u32(p + 4, static_cast<uint32_t>(v >> 32));
}

uint64_t align_up(uint64_t value) {
  return (value + kImageAlignment - 1) / kImageAlignment * kImageAlignment;
}

bool is_known_format(uint32_t value) { return value >= 1 && value <= 4; }

template <typename... Pieces>
std::string cat(const Pieces&... pieces) {
  std::ostringstream out;
  (out << ... << pieces);
  return out.str();
}

// For messages about bytes that may be anything: printable ASCII as is, the rest \xNN.
std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

bool all_of_chars(const std::string& text, size_t from, size_t to, bool (*allowed)(char)) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i)
    if (!allowed(text[i])) return false;
  return true;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

const std::array<uint32_t, 256>& crc_table() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

}  // namespace

const char* format_name(Format format) {
  switch (format) {
    case Format::kPtx: return "PTX";
    case Format::kCubin: return "cubin";
    case Format::kHsaco: return "hsaco";
    case Format::kSpirv: return "SPIR-V";
  }
  return "unknown";
}

uint32_t crc32(const void* data, size_t size) {
  const auto& table = crc_table();
  const auto* p = static_cast<const uint8_t*>(data);
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool parse_target(const std::string& name, Target& out, std::string& error) {
  Target target;
  auto bad = [&](const char* why) {
    error = cat("invalid target '", printable(name), "': ", why);
    return false;
  };
  if (name.rfind("sm_", 0) == 0) {
    size_t digits_end = 3;
    while (digits_end < name.size() && is_digit(name[digits_end])) ++digits_end;
    const size_t digits = digits_end - 3;
    if (digits < 2 || digits > 3 || name[3] == '0')
      return bad("expected sm_ and the compute capability as 2 or 3 digits, e.g. sm_90");
    if (name.size() > digits_end + 1 ||
        (name.size() == digits_end + 1 && !is_lower(name[digits_end])))
      return bad("after sm_<digits>, only a one-letter suffix may follow, e.g. sm_90a");
    target.family = Target::Family::kCuda;
    target.sm = static_cast<uint32_t>(std::stoul(name.substr(3, digits)));
    target.sm_suffix = name.substr(digits_end);
  } else if (name.rfind("gfx", 0) == 0) {
    const size_t colon = std::min(name.find(':'), name.size());
    if (colon - 3 < 3 || colon - 3 > 4 || !all_of_chars(name, 3, colon, is_hex_digit))
      return bad("expected gfx and 3 or 4 lowercase hex digits, e.g. gfx942 or gfx90a");
    // Features: ":name+" or ":name-", e.g. gfx90a:sramecc+:xnack-.
    for (size_t at = colon; at < name.size();) {
      const size_t next = std::min(name.find(':', at + 1), name.size());
      const size_t sign = next - 1;
      if (next - at < 3 || (name[sign] != '+' && name[sign] != '-') ||
          !all_of_chars(name, at + 1, sign, is_lower))
        return bad("a gfx target's features are ':name+' or ':name-', e.g. gfx90a:xnack+");
      at = next;
    }
    target.family = Target::Family::kAmd;
    target.processor = name.substr(0, colon);
  } else if (name.rfind("vulkan1.", 0) == 0) {
    if (name.size() != 9 || !is_digit(name[8]))
      return bad("expected vulkan1. and one digit, e.g. vulkan1.2");
    target.family = Target::Family::kVulkan;
    target.vulkan_minor = static_cast<uint32_t>(name[8] - '0');
  } else {
    return bad("expected sm_XY (CUDA), gfxNNN (AMD) or vulkan1.N");
  }
  out = std::move(target);
  return true;
}

bool format_fits_target(Format format, const Target& target) {
  switch (target.family) {
    case Target::Family::kCuda: return format == Format::kPtx || format == Format::kCubin;
    case Target::Family::kAmd: return format == Format::kHsaco;
    case Target::Family::kVulkan: return format == Format::kSpirv;
  }
  return false;
}

bool has_magic(const void* data, size_t size) {
  return data != nullptr && size >= sizeof(kMagic) &&
         std::memcmp(data, kMagic, sizeof(kMagic)) == 0;
}

// The checks a target name gets in both directions.
static bool check_image_target(const std::string& what, const std::string& name,
                               Format format, std::string& error) {
  Target target;
  if (!parse_target(name, target, error)) {
    error = cat(what, ": ", error);
    return false;
  }
  if (!format_fits_target(format, target)) {
    error = cat(what, ": a ", format_name(format), " image cannot be for target '", name,
                "' (sm_* take PTX or cubin, gfx* hsaco, vulkan1.* SPIR-V)");
    return false;
  }
  return true;
}

static bool find_duplicate(const std::vector<Image>& images, std::string& error) {
  for (size_t i = 0; i < images.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (images[i].target == images[j].target && images[i].format == images[j].format) {
        error = cat("images ", j, " and ", i, " are both ", format_name(images[i].format),
                    " for '", images[i].target, "'");
        return true;
      }
  return false;
}

bool write(const std::vector<Image>& images, std::string& out, std::string& error) {
  if (images.empty()) {
    error = "a bundle needs at least one image";
    return false;
  }
  if (images.size() > kMaxImages) {
    error = cat("a bundle holds at most ", kMaxImages, " images, not ", images.size());
    return false;
  }
  for (size_t i = 0; i < images.size(); ++i) {
    const Image& image = images[i];
    if (!is_known_format(static_cast<uint32_t>(image.format))) {
      error = cat("image ", i, ": unknown format ", static_cast<uint32_t>(image.format));
      return false;
    }
    if (image.target.size() >= kTargetBytes) {
      error = cat("image ", i, ": target '", printable(image.target), "' is longer than ",
                  kTargetBytes - 1, " bytes");
      return false;
    }
    if (!check_image_target(cat("image ", i), image.target, image.format, error)) return false;
  }
  if (find_duplicate(images, error)) return false;

  const uint64_t table_end = kHeaderBytes + kEntryBytes * images.size();
  std::vector<uint64_t> offsets(images.size());
  uint64_t end = table_end;
  for (size_t i = 0; i < images.size(); ++i) {
    offsets[i] = align_up(end);
    end = offsets[i] + images[i].bytes.size();
  }
  std::string bytes(static_cast<size_t>(end), '\0');
  auto* base = reinterpret_cast<uint8_t*>(&bytes[0]);
  std::memcpy(base, kMagic, sizeof(kMagic));
  store_u32(base + header::kVersion, kVersion);
  store_u32(base + header::kHeaderBytes, kHeaderBytes);
  store_u32(base + header::kEntryBytes, kEntryBytes);
  store_u32(base + header::kImageCount, static_cast<uint32_t>(images.size()));
  store_u64(base + header::kTotalBytes, end);
  for (size_t i = 0; i < images.size(); ++i) {
    uint8_t* e = base + kHeaderBytes + kEntryBytes * i;
    std::memcpy(e + entry::kTarget, images[i].target.data(), images[i].target.size());
    store_u32(e + entry::kFormat, static_cast<uint32_t>(images[i].format));
    store_u32(e + entry::kImageCrc, crc32(images[i].bytes.data(), images[i].bytes.size()));
    store_u64(e + entry::kOffset, offsets[i]);
    store_u64(e + entry::kSize, images[i].bytes.size());
    if (!images[i].bytes.empty())
      std::memcpy(base + offsets[i], images[i].bytes.data(), images[i].bytes.size());
  }
  store_u32(base + header::kTableCrc, crc32(base + kHeaderBytes, kEntryBytes * images.size()));
  out = std::move(bytes);
  return true;
}

bool read(const void* data, size_t size, std::vector<Image>& out, std::string& error) {
  out.clear();
  auto bad = [&](const std::string& why) {
    error = "invalid bundle: " + why;
    return false;
  };
  if (data == nullptr || size < kHeaderBytes)
    return bad(cat(size, " bytes is shorter than the ", kHeaderBytes, "-byte header"));
  const auto* base = static_cast<const uint8_t*>(data);
  if (!has_magic(data, size)) return bad("no bundle magic (\\x89HMB\\r\\n\\x1a\\n) at offset 0");
  const uint32_t version = load_u32(base + header::kVersion);
  if (version != kVersion)
    return bad(cat("version ", version, " at offset ", header::kVersion,
                   "; this reader knows version ", kVersion));
  const uint32_t header_bytes = load_u32(base + header::kHeaderBytes);
  if (header_bytes != kHeaderBytes)
    return bad(cat("header size ", header_bytes, " at offset ", header::kHeaderBytes,
                   "; version 1 has ", kHeaderBytes));
  const uint32_t entry_bytes = load_u32(base + header::kEntryBytes);
  if (entry_bytes != kEntryBytes)
    return bad(cat("entry size ", entry_bytes, " at offset ", header::kEntryBytes,
                   "; version 1 has ", kEntryBytes));
  const uint32_t count = load_u32(base + header::kImageCount);
  if (count == 0 || count > kMaxImages)
    return bad(cat("image count ", count, " at offset ", header::kImageCount,
                   "; expected 1 to ", kMaxImages));
  const uint64_t total = load_u64(base + header::kTotalBytes);
  if (total != size)
    return bad(cat("the header says the bundle is ", total, " bytes but it is ", size,
                   total > size ? " (truncated?)" : " (trailing bytes?)"));
  if (load_u32(base + header::kReserved) != 0)
    return bad(cat("reserved field at offset ", header::kReserved, " is not 0"));
  const uint64_t table_end = kHeaderBytes + uint64_t{kEntryBytes} * count;
  if (table_end > size)
    return bad(cat("the table of ", count, " entries ends at ", table_end, ", past the end (",
                   size, " bytes)"));
  const uint32_t table_crc = crc32(base + kHeaderBytes, kEntryBytes * count);
  if (table_crc != load_u32(base + header::kTableCrc))
    return bad(cat("the entry table's CRC-32 (offset ", header::kTableCrc,
                   ") does not match: the table is corrupt"));

  std::vector<Image> images(count);
  std::vector<std::pair<uint64_t, uint64_t>> ranges;  // (offset, end), to find overlaps
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t* e = base + kHeaderBytes + kEntryBytes * i;
    const std::string where = cat("entry ", i, " (offset ", kHeaderBytes + kEntryBytes * i, ")");
    const char* name = reinterpret_cast<const char*>(e + entry::kTarget);
    const void* nul = std::memchr(name, 0, kTargetBytes);
    const size_t name_length = nul ? static_cast<const char*>(nul) - name : kTargetBytes;
    if (name_length == kTargetBytes) return bad(cat(where, ": the target is not NUL-terminated"));
    for (size_t k = name_length; k < kTargetBytes; ++k)
      if (name[k] != '\0') return bad(cat(where, ": bytes after the target's NUL are not 0"));
    Image& image = images[i];
    image.target.assign(name, name_length);
    const uint32_t format = load_u32(e + entry::kFormat);
    if (!is_known_format(format))
      return bad(cat(where, ": unknown format ", format, " (1 PTX, 2 cubin, 3 hsaco, 4 SPIR-V)"));
    image.format = static_cast<Format>(format);
    std::string target_error;
    if (!check_image_target(where, image.target, image.format, target_error))
      return bad(target_error);
    const uint64_t offset = load_u64(e + entry::kOffset);
    const uint64_t bytes = load_u64(e + entry::kSize);
    if (offset < table_end || offset % kImageAlignment != 0 || offset > size ||
        bytes > size - offset)
      return bad(cat(where, ": image bytes [", offset, ", ", offset, " + ", bytes,
                     ") are not an 8-byte aligned range after the table (", table_end,
                     ") and inside the bundle (", size, " bytes)"));
    if (crc32(base + offset, bytes) != load_u32(e + entry::kImageCrc))
      return bad(cat(where, ": the ", format_name(image.format), " image for '", image.target,
                     "' fails its CRC-32: it is corrupt"));
    ranges.emplace_back(offset, offset + bytes);
    image.bytes.assign(reinterpret_cast<const char*>(base + offset), bytes);
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second)
      return bad(cat("two images overlap at offset ", ranges[i].first));
  // Padding (between the table and the images, and between images) must be zero, so
  // that every byte of a bundle is checked by something.
  uint64_t covered = table_end;
  ranges.emplace_back(size, size);
  for (const auto& [offset, end] : ranges) {
    for (uint64_t at = covered; at < offset; ++at)
      if (base[at] != 0) return bad(cat("padding byte at offset ", at, " is not 0"));
    covered = std::max(covered, end);
  }
  if (find_duplicate(images, error)) return bad(error);
  out = std::move(images);
  return true;
}

}  // namespace hematite::bundle
