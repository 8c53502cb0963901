// A driver library opened with dlopen. The runtime links no GPU library at build time,
// so a missing one is an ordinary, explained error at run time instead of a loader
// failure at program start.
#pragma once

#include <string>

#include "hematite/runtime.h"

namespace hm::rt {

class DynamicLibrary {
 public:
  DynamicLibrary() = default;
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;
  // Driver libraries stay loaded for the life of the process: unloading a GPU driver
  // while its threads or atexit handlers may still run is a known source of crashes.
  ~DynamicLibrary() = default;

  // Opens `file_name` (e.g. "libcuda.so.1"). On failure the error names the library,
  // the loader's reason and `how_to_get_it`.
  hm_status open(const char* file_name, const char* how_to_get_it);

  bool is_open() const { return handle_ != nullptr; }
  const std::string& file_name() const { return file_name_; }

  // The address of `symbol`, or nullptr if the library does not export it.
  void* find(const char* symbol) const;

 private:
  void* handle_ = nullptr;
  std::string file_name_;
};

}  // namespace hm::rt
