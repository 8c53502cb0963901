// For tests: a module image the fake libamdhip64 loads (fake_libamdhip64.cpp).
#pragma once

#include <string>

// An ELF header that the runtime's format detection takes for an AMDGPU code
// object (e_machine EM_AMDGPU), then `text` in fake_module.h's format.
inline std::string fake_hsaco(const std::string& text) {
  std::string elf(64, '\0');
  elf.replace(0, 4, "\x7f" "ELF");
  elf[4] = 2;           // 64-bit
  elf[5] = 1;           // little-endian
  elf[6] = 1;           // ELF version 1
  elf[18] = char(224);  // e_machine: EM_AMDGPU
  return elf + text;
}
