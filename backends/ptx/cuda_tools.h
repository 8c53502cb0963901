// The CUDA toolkit's programs the PTX backend can hand its output to: ptxas
// (PTX -> cubin, and its -v resource report) and cuobjdump / nvdisasm (cubin ->
// SASS). They are optional: found when hematite runs, and only --emit=cubin,
// --emit=sass and -v on sm_XX need them.
#ifndef HEMATITE_BACKENDS_PTX_CUDA_TOOLS_H
#define HEMATITE_BACKENDS_PTX_CUDA_TOOLS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace hematite {

/// The path of CUDA program `name`: in $HEMATITE_CUDA_HOME/bin if that is set
/// (and nowhere else), else the first of $CUDA_HOME/bin, $CUDA_PATH/bin, $PATH
/// and /usr/local/cuda/bin that has it; empty if none does.
std::string findCudaTool(llvm::StringRef name);

/// Assembles `ptx` for sm_`sm` with ptxas (-lineinfo / -g passed on). On
/// success `cubin` holds the ELF and `log` ptxas's -v output when `verbose`;
/// on failure `error` says what went wrong (tool missing, ptxas's messages).
bool assemblePtx(llvm::StringRef ptx, unsigned sm, bool verbose, bool lineInfo,
                 bool debug, std::string &cubin, std::string &log, std::string &error);

/// Disassembles a cubin to SASS text with cuobjdump -sass (or nvdisasm).
bool disassembleCubin(llvm::StringRef cubin, std::string &sass, std::string &error);

/// Per-kernel lines from ptxas -v output: "kernel 'k' on sm_90: 10 registers,
/// 0 bytes shared, 0 bytes stack, 0 bytes spill stores, 0 bytes spill loads".
std::string formatPtxasReport(llvm::StringRef log);

} // namespace hematite

#endif
