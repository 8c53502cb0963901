#include "backends/ptx/cuda_tools.h"
#include "backends/common/temp_file.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <optional>

namespace hematite {
namespace {

/// Runs `program` with `args`; stdout and stderr go to `output`. Returns the
/// exit code, or -1 if it could not run (`error` says why).
int run(const std::string &program, const std::vector<std::string> &args,
        std::string &output, std::string &error) {
  TempFile capture;
  if (!capture.create("log", error))
    return -1;
  std::string capturePath = capture.path();
  std::vector<llvm::StringRef> argv{program};
  for (const std::string &arg : args)
    argv.push_back(arg);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(capturePath),
                                                llvm::StringRef(capturePath)};
  std::string message;
  int code = llvm::sys::ExecuteAndWait(program, argv, std::nullopt, redirects,
                                       /*SecondsToWait=*/0, /*MemoryLimit=*/0,
                                       &message);
  output = capture.read();
  if (code < 0)
    error = "cannot run `" + program + "`: " + message;
  return code;
}

} // namespace

std::string findCudaTool(llvm::StringRef name) {
  // <root>/bin/<name> if it is there; "" otherwise.
  auto inToolkit = [&](llvm::StringRef root) -> std::string {
    llvm::SmallString<128> path(root);
    llvm::sys::path::append(path, "bin", name);
    return llvm::sys::fs::can_execute(path) ? std::string(path) : std::string();
  };
  // A toolkit named for hematite is the only one looked at.
  if (const char *root = std::getenv("HEMATITE_CUDA_HOME"); root && *root)
    return inToolkit(root);
  for (const char *var : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *root = std::getenv(var); root && *root)
      if (std::string path = inToolkit(root); !path.empty())
        return path;
  if (llvm::ErrorOr<std::string> onPath = llvm::sys::findProgramByName(name))
    return *onPath;
  return inToolkit("/usr/local/cuda");
}

bool assemblePtx(llvm::StringRef ptx, unsigned sm, bool verbose, bool lineInfo,
                 bool debug, std::string &cubin, std::string &log, std::string &error) {
  std::string ptxas = findCudaTool("ptxas");
  if (ptxas.empty()) {
    error = "ptxas (CUDA toolkit) was not found: install the CUDA toolkit or set "
            "HEMATITE_CUDA_HOME";
    return false;
  }
  TempFile input, output;
  if (!input.create("ptx", ptx, error) || !output.create("cubin", error))
    return false;
  std::vector<std::string> args{"-arch=sm_" + std::to_string(sm), input.path(), "-o",
                                output.path()};
  if (verbose)
    args.push_back("-v");
  if (debug)
    args.push_back("-g");
  else if (lineInfo)
    args.push_back("-lineinfo");
  int code = run(ptxas, args, log, error);
  if (code != 0) {
    if (code > 0)
      error = "ptxas failed (exit code " + std::to_string(code) + "):\n" + log;
    return false;
  }
  cubin = output.read();
  if (cubin.empty()) {
    error = "ptxas wrote no cubin";
    return false;
  }
  return true;
}

bool disassembleCubin(llvm::StringRef cubin, std::string &sass, std::string &error) {
  TempFile input;
  if (!input.create("cubin", cubin, error))
    return false;
  std::string tool = findCudaTool("cuobjdump");
  std::vector<std::string> args{"-sass", input.path()};
  if (tool.empty()) {
    tool = findCudaTool("nvdisasm");
    args = {"-c", input.path()};
  }
  if (tool.empty()) {
    error = "neither cuobjdump nor nvdisasm (CUDA toolkit) was found: install the "
            "CUDA toolkit's binary utilities or set HEMATITE_CUDA_HOME";
    return false;
  }
  int code = run(tool, args, sass, error);
  if (code != 0) {
    if (code > 0)
      error = llvm::sys::path::filename(tool).str() + " failed (exit code " +
              std::to_string(code) + "):\n" + sass;
    return false;
  }
  return true;
}

std::string formatPtxasReport(llvm::StringRef log) {
  // ptxas -v says, per entry: "Compiling entry function 'k' for 'sm_90'", then
  // "N bytes stack frame, N bytes spill stores, N bytes spill loads" and
  // "Used N registers, ... N bytes smem, ...".
  struct Kernel {
    std::string arch, registers = "0", shared = "0", stack = "0", spillStores = "0",
                      spillLoads = "0";
  };
  std::vector<std::pair<std::string, Kernel>> kernels;
  auto numberBefore = [](llvm::StringRef line, llvm::StringRef unit) -> std::string {
    size_t at = line.find(unit);
    if (at == llvm::StringRef::npos)
      return "";
    llvm::StringRef head = line.take_front(at).rtrim();
    size_t space = head.find_last_of(" ,");
    return head.substr(space == llvm::StringRef::npos ? 0 : space + 1).str();
  };
  llvm::SmallVector<llvm::StringRef> lines;
  log.split(lines, '\n');
  for (llvm::StringRef line : lines) {
    if (size_t at = line.find("entry function '"); at != llvm::StringRef::npos) {
      llvm::StringRef rest = line.drop_front(at + 16);
      Kernel kernel;
      llvm::StringRef name = rest.take_until([](char c) { return c == '\''; });
      size_t forAt = rest.find("for '");
      if (forAt != llvm::StringRef::npos)
        kernel.arch = rest.drop_front(forAt + 5).take_until([](char c) { return c == '\''; }).str();
      kernels.push_back({name.str(), kernel});
      continue;
    }
    if (kernels.empty())
      continue;
    Kernel &k = kernels.back().second;
    if (line.contains("stack frame")) {
      k.stack = numberBefore(line, "bytes stack frame");
      k.spillStores = numberBefore(line, "bytes spill stores");
      k.spillLoads = numberBefore(line, "bytes spill loads");
    } else if (line.contains("Used ")) {
      k.registers = numberBefore(line, "registers");
      std::string smem = numberBefore(line, "bytes smem");
      if (!smem.empty())
        k.shared = smem;
    }
  }
  std::string out;
  for (const auto &[name, k] : kernels)
    out += "kernel '" + name + "' on " + k.arch + ": " + k.registers + " registers, " +
           k.shared + " bytes shared, " + k.stack + " bytes stack, " + k.spillStores +
           " bytes spill stores, " + k.spillLoads + " bytes spill loads\n";
  return out;
}

} // namespace hematite
