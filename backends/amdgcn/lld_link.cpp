#include "backends/amdgcn/lld_link.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

namespace hematite {

namespace {
/// A temporary file removed when it goes out of scope.
struct TempFile {
  llvm::SmallString<128> path;
  ~TempFile() {
    if (!path.empty())
      llvm::sys::fs::remove(path);
  }
};
} // namespace

bool linkCodeObject(const std::string &object, std::string &codeObject,
                    std::string &error) {
  // lld reads and writes files; the temporaries never leave this function.
  TempFile input, output;
  int fd = -1;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("hematite", "o", fd, input.path)) {
    error = "cannot create a temporary file: " + ec.message();
    return false;
  }
  {
    llvm::raw_fd_ostream stream(fd, /*shouldClose=*/true);
    stream << object;
  }
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("hematite", "hsaco", output.path)) {
    error = "cannot create a temporary file: " + ec.message();
    return false;
  }
  const char *args[] = {"ld.lld", "-shared", "--no-undefined",
                        input.path.c_str(), "-o", output.path.c_str()};
  std::string messages;
  llvm::raw_string_ostream diag(messages);
  lld::Result result = lld::lldMain(args, diag, diag, {{lld::Gnu, &lld::elf::link}});
  if (result.retCode != 0) {
    error = "lld failed: " + messages;
    return false;
  }
  auto buffer = llvm::MemoryBuffer::getFile(output.path);
  if (!buffer) {
    error = "cannot read lld's output: " + buffer.getError().message();
    return false;
  }
  codeObject = (*buffer)->getBuffer().str();
  return true;
}

} // namespace hematite
