#include "backends/common/temp_file.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace hematite {

TempFile::~TempFile() {
  if (!path_.empty())
    llvm::sys::fs::remove(path_);
}

bool TempFile::create(llvm::StringRef suffix, std::string &error) {
  return create(suffix, "", error);
}

bool TempFile::create(llvm::StringRef suffix, llvm::StringRef bytes, std::string &error) {
  int fd = -1;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("hematite", suffix, fd, path_)) {
    error = "cannot create a temporary file: " + ec.message();
    return false;
  }
  llvm::raw_fd_ostream stream(fd, /*shouldClose=*/true);
  stream << bytes;
  stream.flush();
  if (stream.has_error()) {
    error = "cannot write the temporary file '" + path() + "': " + stream.error().message();
    stream.clear_error();
    return false;
  }
  return true;
}

std::string TempFile::read() const {
  auto buffer = llvm::MemoryBuffer::getFile(path_, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

} // namespace hematite
