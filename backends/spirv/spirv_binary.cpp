#include "backends/spirv/spirv_binary.h"

#include "spirv-tools/libspirv.hpp"
#include "spirv-tools/optimizer.hpp"

#include <algorithm>
#include <cstring>

namespace hematite {
namespace {

constexpr uint32_t kOpName = 5;
constexpr uint32_t kOpDecorate = 71;
constexpr uint32_t kDecorationBuiltIn = 11;
constexpr uint32_t kBuiltInWorkgroupSize = 25;
constexpr size_t kHeaderWords = 5;

/// Decodes the literal string of an OpName starting at word `at`.
std::string literalString(const std::vector<uint32_t> &binary, size_t at,
                          size_t end) {
  std::string text;
  for (size_t w = at; w < end; ++w)
    for (int byte = 0; byte < 4; ++byte) {
      char c = static_cast<char>((binary[w] >> (8 * byte)) & 0xff);
      if (c == '\0')
        return text;
      text.push_back(c);
    }
  return text;
}

spvtools::MessageConsumer collectInto(std::string &error) {
  return [&error](spv_message_level_t, const char *, const spv_position_t &position,
                  const char *message) {
    if (!error.empty())
      error += "\n";
    error += "word " + std::to_string(position.index) + ": " + message;
  };
}

} // namespace

bool decorateWorkgroupSize(std::vector<uint32_t> &binary, const std::string &symbol) {
  uint32_t id = 0;
  size_t firstDecoration = 0, firstAfterNames = 0;
  for (size_t at = kHeaderWords; at < binary.size();) {
    uint32_t words = binary[at] >> 16, opcode = binary[at] & 0xffff;
    if (words == 0 || at + words > binary.size())
      return false;
    if (opcode == kOpName && literalString(binary, at + 2, at + words) == symbol)
      id = binary[at + 1];
    if (opcode == kOpDecorate && !firstDecoration)
      firstDecoration = at;
    if (opcode == kOpName)
      firstAfterNames = at + words;
    at += words;
  }
  if (!id)
    return false;
  // Annotations come after debug names; put ours first among them.
  size_t insertAt = firstDecoration ? firstDecoration : firstAfterNames;
  uint32_t decoration[] = {(4u << 16) | kOpDecorate, id, kDecorationBuiltIn,
                           kBuiltInWorkgroupSize};
  binary.insert(binary.begin() + insertAt, std::begin(decoration), std::end(decoration));
  return true;
}

void addDebugStrings(std::vector<uint32_t> &binary, const std::vector<std::string> &strings) {
  // The debug section follows the capabilities, extensions, imports, memory
  // model, entry points and execution modes.
  constexpr uint32_t kBeforeDebug[] = {17 /*Capability*/, 10 /*Extension*/,
                                       11 /*ExtInstImport*/, 14 /*MemoryModel*/,
                                       15 /*EntryPoint*/, 16 /*ExecutionMode*/,
                                       331 /*ExecutionModeId*/};
  constexpr uint32_t kOpString = 7;
  size_t at = kHeaderWords;
  while (at < binary.size() && std::find(std::begin(kBeforeDebug), std::end(kBeforeDebug),
                                         binary[at] & 0xffff) != std::end(kBeforeDebug)) {
    uint32_t words = binary[at] >> 16;
    if (words == 0)
      return;
    at += words;
  }
  std::vector<uint32_t> added;
  uint32_t &bound = binary[3];
  for (const std::string &text : strings) {
    size_t literalWords = text.size() / 4 + 1; // with the terminating NUL
    added.push_back(uint32_t((2 + literalWords) << 16) | kOpString);
    added.push_back(bound++);
    std::vector<uint32_t> literal(literalWords, 0);
    std::memcpy(literal.data(), text.data(), text.size());
    added.insert(added.end(), literal.begin(), literal.end());
  }
  binary.insert(binary.begin() + at, added.begin(), added.end());
}

bool optimizeSpirv(std::vector<uint32_t> &binary, spv_target_env env,
                   std::string &error) {
  spvtools::Optimizer optimizer(env);
  optimizer.SetMessageConsumer(collectInto(error));
  optimizer.RegisterPerformancePasses();
  std::vector<uint32_t> optimized;
  if (!optimizer.Run(binary.data(), binary.size(), &optimized))
    return false;
  binary = std::move(optimized);
  return true;
}

bool validateSpirv(const std::vector<uint32_t> &binary, spv_target_env env,
                   std::string &error) {
  spvtools::SpirvTools tools(env);
  tools.SetMessageConsumer(collectInto(error));
  spvtools::ValidatorOptions options;
  return tools.Validate(binary.data(), binary.size(), options);
}

bool disassembleSpirv(const std::vector<uint32_t> &binary, spv_target_env env,
                      std::string &text, std::string &error) {
  spvtools::SpirvTools tools(env);
  tools.SetMessageConsumer(collectInto(error));
  return tools.Disassemble(binary, &text,
                           SPV_BINARY_TO_TEXT_OPTION_FRIENDLY_NAMES |
                               SPV_BINARY_TO_TEXT_OPTION_INDENT);
}

} // namespace hematite
