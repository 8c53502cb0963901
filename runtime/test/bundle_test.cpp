// The bundle library (hematite/bundle.h): round trips, the writer's checks, target
// names, and a reader that fails cleanly, never reading out of bounds, on truncated,
// bit-flipped and random input. The same file also runs under AddressSanitizer and
// UBSan (hematite_bundle_sanitized_tests) where the compiler supports them.
#include "hematite/bundle.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>

namespace hematite::bundle {
namespace {

std::vector<Image> sample_images() {
  std::vector<Image> images;
  images.push_back({"sm_90", Format::kCubin, std::string("\x7f" "ELF cubin bytes", 16)});
  images.push_back({"sm_80", Format::kPtx, "//\n.version 8.0\n.target sm_80\n"});
  images.push_back({"gfx90a:xnack+", Format::kHsaco, "hsaco!"});
  images.push_back({"vulkan1.2", Format::kSpirv, std::string("\x03\x02\x23\x07....", 8)});
  images.push_back({"sm_90a", Format::kPtx, ""});  // empty images are allowed
  return images;
}

std::string sample_bundle() {
  std::string bytes, error;
  EXPECT_TRUE(write(sample_images(), bytes, error)) << error;
  return bytes;
}

// Reads from a heap copy of exactly `size` bytes, so a sanitizer sees any overread.
bool read_exact(const std::string& bytes, size_t size, std::vector<Image>& out,
                std::string& error) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[size == 0 ? 1 : size]);
  if (size > 0) std::memcpy(copy.get(), bytes.data(), size);
  return read(size == 0 ? nullptr : copy.get(), size, out, error);
}

TEST(Bundle, RoundTrip) {
  const std::string bytes = sample_bundle();
  ASSERT_TRUE(has_magic(bytes.data(), bytes.size()));
  std::vector<Image> images;
  std::string error;
  ASSERT_TRUE(read(bytes.data(), bytes.size(), images, error)) << error;
  const std::vector<Image> expected = sample_images();
  ASSERT_EQ(images.size(), expected.size());
  for (size_t i = 0; i < images.size(); ++i) {
    EXPECT_EQ(images[i].target, expected[i].target);
    EXPECT_EQ(images[i].format, expected[i].format);
    EXPECT_EQ(images[i].bytes, expected[i].bytes);
  }
}

TEST(Bundle, LayoutIsTheDocumentedOne) {
  std::string bytes, error;
  ASSERT_TRUE(write({{"vulkan1.2", Format::kSpirv, "abc"}}, bytes, error)) << error;
  // 40-byte header, one 56-byte entry, the image at 96 (8-aligned), 3 bytes.
  ASSERT_EQ(bytes.size(), 99u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89HMB\r\n\x1a\n", 8));
  auto u32 = [&](size_t at) {
    uint32_t v;
    std::memcpy(&v, bytes.data() + at, 4);  // little-endian host
    return v;
  };
  EXPECT_EQ(u32(8), 1u);    // version
  EXPECT_EQ(u32(12), 40u);  // header bytes
  EXPECT_EQ(u32(16), 56u);  // entry bytes
  EXPECT_EQ(u32(20), 1u);   // images
  EXPECT_EQ(u32(24), 99u);  // total, low half
  EXPECT_EQ(u32(28), 0u);
  EXPECT_EQ(u32(32), crc32(bytes.data() + 40, 56));
  EXPECT_EQ(std::string(bytes.data() + 40), "vulkan1.2");
  EXPECT_EQ(u32(40 + 32), 4u);  // SPIR-V
  EXPECT_EQ(u32(40 + 36), crc32("abc", 3));
  EXPECT_EQ(u32(40 + 40), 96u);  // offset
  EXPECT_EQ(u32(40 + 48), 3u);   // size
  EXPECT_EQ(bytes.substr(96), "abc");
  // The standard check value of CRC-32.
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u);
}

TEST(Bundle, WriterRefusesBadImages) {
  std::string out, error;
  EXPECT_FALSE(write({}, out, error));
  EXPECT_EQ(error, "a bundle needs at least one image");
  EXPECT_FALSE(write({{"sm_90", Format::kSpirv, "x"}}, out, error));
  EXPECT_EQ(error, "image 0: a SPIR-V image cannot be for target 'sm_90' (sm_* take PTX or "
                   "cubin, gfx* hsaco, vulkan1.* SPIR-V)");
  EXPECT_FALSE(write({{"sm90", Format::kPtx, "x"}}, out, error));
  EXPECT_EQ(error, "image 0: invalid target 'sm90': expected sm_XY (CUDA), gfxNNN (AMD) or "
                   "vulkan1.N");
  EXPECT_FALSE(write({{"vulkan1.2", Format::kSpirv, "a"}, {"vulkan1.2", Format::kSpirv, "b"}},
                     out, error));
  EXPECT_EQ(error, "images 0 and 1 are both SPIR-V for 'vulkan1.2'");
  EXPECT_FALSE(write({{"gfx942:" + std::string(30, 'x') + "+", Format::kHsaco, ""}}, out, error));
  EXPECT_NE(error.find("is longer than 31 bytes"), std::string::npos) << error;
  EXPECT_FALSE(write({{"sm_90", static_cast<Format>(7), ""}}, out, error));
  EXPECT_EQ(error, "image 0: unknown format 7");
}

TEST(Bundle, TargetNames) {
  Target t;
  std::string error;
  ASSERT_TRUE(parse_target("sm_90", t, error));
  EXPECT_EQ(t.family, Target::Family::kCuda);
  EXPECT_EQ(t.sm, 90u);
  EXPECT_EQ(t.sm_suffix, "");
  ASSERT_TRUE(parse_target("sm_100a", t, error));
  EXPECT_EQ(t.sm, 100u);
  EXPECT_EQ(t.sm_suffix, "a");
  ASSERT_TRUE(parse_target("gfx942", t, error));
  EXPECT_EQ(t.family, Target::Family::kAmd);
  EXPECT_EQ(t.processor, "gfx942");
  ASSERT_TRUE(parse_target("gfx90a:sramecc+:xnack-", t, error));
  EXPECT_EQ(t.processor, "gfx90a");
  ASSERT_TRUE(parse_target("vulkan1.3", t, error));
  EXPECT_EQ(t.family, Target::Family::kVulkan);
  EXPECT_EQ(t.vulkan_minor, 3u);
  for (const char* bad : {"", "sm_", "sm_9", "sm_1000", "sm_09", "sm_90ab", "sm_90A", "gfx",
                          "gfx94", "gfx94200", "gfxZZZ", "gfx942:", "gfx942:xnack",
                          "gfx942:+", "vulkan1", "vulkan1.", "vulkan1.12", "vulkan2.0",
                          "spirv", "SM_90"})
    EXPECT_FALSE(parse_target(bad, t, error)) << bad;
  EXPECT_FALSE(parse_target(std::string("sm_9\0", 5), t, error));
  EXPECT_EQ(error.find("invalid target 'sm_9\\x00'"), 0u) << error;
}

TEST(Bundle, EveryTruncationIsACleanError) {
  const std::string bytes = sample_bundle();
  for (size_t size = 0; size < bytes.size(); ++size) {
    std::vector<Image> images;
    std::string error;
    EXPECT_FALSE(read_exact(bytes, size, images, error)) << size;
    EXPECT_EQ(error.rfind("invalid bundle: ", 0), 0u) << size << ": " << error;
    EXPECT_TRUE(images.empty());
  }
  std::vector<Image> images;
  std::string error;
  EXPECT_TRUE(read_exact(bytes, bytes.size(), images, error)) << error;
  EXPECT_FALSE(read_exact(bytes + '\0', bytes.size() + 1, images, error));
  EXPECT_EQ(error, "invalid bundle: the header says the bundle is " +
                       std::to_string(bytes.size()) + " bytes but it is " +
                       std::to_string(bytes.size() + 1) + " (trailing bytes?)");
}

TEST(Bundle, EveryFlippedByteIsDetected) {
  const std::string bytes = sample_bundle();
  for (size_t at = 0; at < bytes.size(); ++at) {
    for (uint8_t mask : {0x01, 0x80, 0xFF}) {
      std::string corrupt = bytes;
      corrupt[at] = static_cast<char>(corrupt[at] ^ mask);
      std::vector<Image> images;
      std::string error;
      EXPECT_FALSE(read_exact(corrupt, corrupt.size(), images, error))
          << "byte " << at << " ^ " << int{mask};
      EXPECT_EQ(error.rfind("invalid bundle: ", 0), 0u) << error;
    }
  }
}

TEST(Bundle, SpecificCorruptionsNameTheField) {
  const std::string bytes = sample_bundle();
  auto error_after = [&](size_t at, char value) {
    std::string corrupt = bytes;
    corrupt[at] = value;
    std::vector<Image> images;
    std::string error;
    EXPECT_FALSE(read(corrupt.data(), corrupt.size(), images, error));
    return error;
  };
  EXPECT_EQ(error_after(0, 'X'), "invalid bundle: no bundle magic (\\x89HMB\\r\\n\\x1a\\n) at offset 0");
  EXPECT_EQ(error_after(8, 2), "invalid bundle: version 2 at offset 8; this reader knows version 1");
  EXPECT_EQ(error_after(20, 0), "invalid bundle: image count 0 at offset 20; expected 1 to 1024");
  EXPECT_EQ(error_after(23, 1), "invalid bundle: image count 16777221 at offset 20; expected 1 "
                                "to 1024");
  EXPECT_EQ(error_after(40 + 3, 'X'), "invalid bundle: the entry table's CRC-32 (offset 32) does "
                                      "not match: the table is corrupt");
  EXPECT_NE(error_after(bytes.size() - 4, 0x11)
                .find("image for 'vulkan1.2' fails its CRC-32"),
            std::string::npos);
}

// Random input, random input behind a valid magic and header prefix, and valid bundles
// with random bytes changed: the reader must only ever return false (the sanitized
// build checks that it never reads out of bounds).
TEST(Bundle, RandomInputNeverCrashes) {
  std::mt19937 random(12345);
  const std::string valid = sample_bundle();
  std::vector<Image> images;
  std::string error;
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    switch (round % 3) {
      case 0:
        input.resize(random() % 300);
        for (char& c : input) c = static_cast<char>(random());
        break;
      case 1:  // a plausible header with random sizes and a random table
        input = valid.substr(0, 40 + random() % (valid.size() - 40));
        for (size_t i = 8 + random() % 32; i < input.size(); i += 1 + random() % 16)
          input[i] = static_cast<char>(random());
        break;
      case 2:  // a few changed bytes anywhere
        input = valid;
        for (int k = 0; k < 1 + static_cast<int>(random() % 4); ++k)
          input[random() % input.size()] = static_cast<char>(random());
        break;
    }
    const bool ok = read_exact(input, input.size(), images, error);
    if (!ok) {
      EXPECT_FALSE(error.empty());
    } else {
      EXPECT_FALSE(images.empty());  // e.g. a change that happened to write the same byte
    }
  }
}

}  // namespace
}  // namespace hematite::bundle
