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
  // An existing output that is not a regular file (/dev/null, a pipe) is
  // written in place, as clang does: a temporary beside /dev/null renamed
  // over it would replace the device (or fail, without root).
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(path, status) && llvm::sys::fs::exists(status) &&
      !llvm::sys::fs::is_regular_file(status) && !llvm::sys::fs::is_directory(status)) {
    std::error_code ec;
    llvm::raw_fd_ostream stream(path, ec, llvm::sys::fs::OF_None);
    if (!ec) {
      stream << bytes;
      stream.close();
      if (!stream.has_error())
        return true;
      ec = stream.error();
      stream.clear_error();
    }
    error = "cannot write '" + path + "': " + ec.message();
    return false;
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
