// -v on gfx* targets: the per-kernel resources the AMDGPU code generator wrote
// into the code object's metadata note (what ROCm's tools show).
#ifndef HEMATITE_BACKENDS_AMDGCN_RESOURCE_REPORT_H
#define HEMATITE_BACKENDS_AMDGCN_RESOURCE_REPORT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace hematite {

/// One line per kernel of the AMDGPU ELF `object` (an object file or a linked
/// code object): "kernel 'k' on gfx942: 38 VGPRs, 0 AGPRs, 21 SGPRs, 0 bytes
/// shared, 0 bytes scratch, 0 VGPR spills, 0 SGPR spills"; empty if it has no
/// metadata note.
std::string amdgpuResourceReport(llvm::StringRef object, llvm::StringRef gfx);

} // namespace hematite

#endif
