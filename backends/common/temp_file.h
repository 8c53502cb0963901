// A temporary file for the tools the backends hand their output to (LLD's ELF
// driver, ptxas, cuobjdump), which read and write files: created on demand and
// removed when the object goes out of scope, so none is left behind.
#ifndef HEMATITE_BACKENDS_COMMON_TEMP_FILE_H
#define HEMATITE_BACKENDS_COMMON_TEMP_FILE_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace hematite {

class TempFile {
public:
  TempFile() = default;
  TempFile(const TempFile &) = delete;
  TempFile &operator=(const TempFile &) = delete;
  ~TempFile();

  /// Creates an empty file named hematite-*.<suffix>; false with `error` set.
  bool create(llvm::StringRef suffix, std::string &error);
  /// Creates it holding `bytes`; false with `error` set.
  bool create(llvm::StringRef suffix, llvm::StringRef bytes, std::string &error);
  /// Its whole content; empty if it cannot be read.
  std::string read() const;
  std::string path() const { return std::string(path_); }

private:
  llvm::SmallString<128> path_;
};

} // namespace hematite

#endif
