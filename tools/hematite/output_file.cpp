#include "tools/hematite/output_file.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace hematite {

bool writeOutputFile(const std::string &path, const std::string &bytes,
                     std::string &error) {
  if (path == "-") {
    llvm::outs() << bytes;
    llvm::outs().flush();
    return true;
  }
  llvm::SmallString<256> model(path);
  model += ".tmp%%%%%%";
  int fd = -1;
  llvm::SmallString<256> temp;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, temp)) {
    error = "cannot write '" + path + "': " + ec.message();
    return false;
  }
  {
    llvm::raw_fd_ostream stream(fd, /*shouldClose=*/true);
    stream << bytes;
    stream.flush();
    if (stream.has_error()) {
      error = "cannot write '" + path + "': " + stream.error().message();
      stream.clear_error();
      llvm::sys::fs::remove(temp);
      return false;
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(temp, path)) {
    llvm::sys::fs::remove(temp);
    error = "cannot write '" + path + "': " + ec.message();
    return false;
  }
  return true;
}

} // namespace hematite
