// hematite-e2e: runs compiled kernels through hematite_rt on real devices and checks
// them against CPU references. A plain program (no GoogleTest) so it can be carried to
// the GPU machine with nothing but the runtime.
//
//   hematite-e2e --kernels DIR [--device SPEC]... [--test GROUP]... [--list]
//
// Test groups: `saxpy` (DIR/saxpy.ptx for CUDA devices, DIR/saxpy.spv for Vulkan
// devices) and one `lang.<family>` per language family (DIR/lang_<family>.ptx / .spv,
// from test/e2e/kernels/lang/<family>.rs). Without --device it runs on every device it
// can open that has a kernel file in DIR; without --test, every group whose kernel
// file exists there (`--test lang` selects every lang.* group).
// Exit status: 0 all passed, 1 a failure, 2 bad usage, 77 nothing could run (no device
// or no kernel file: ctest's SKIP_RETURN_CODE).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "e2e_harness.h"
#include "hematite/runtime.hpp"
#include "lang_test.h"
#include "panic_test.h"
#include "saxpy_test.h"

namespace {

constexpr int kExitSkipped = 77;

struct Options {
  std::string kernels_dir;
  std::vector<std::string> devices;
  std::vector<std::string> tests;
  bool list = false;
};

void print_usage(std::FILE* out) {
  std::fprintf(out,
               "usage: hematite-e2e --kernels DIR [--device SPEC]... [--test GROUP]... [--list]\n"
               "  --kernels DIR   folder with saxpy.ptx (CUDA) and/or saxpy.spv (Vulkan)\n"
               "  --device SPEC   run on this device only (repeatable): cuda:0, vulkan:1,\n"
               "                  cuda, vulkan; default: every device with a kernel file\n"
               "  --test GROUP    run this test group only (repeatable): saxpy, lang,\n"
               "                  lang.<family>; a selected group without its kernel file\n"
               "                  fails; default: every group with a kernel file\n"
               "  --list          print the devices, the test groups and exit\n");
}

bool parse_options(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* flag) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "hematite-e2e: %s needs a value\n", flag);
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "--kernels") {
      const char* v = value("--kernels");
      if (!v) return false;
      options->kernels_dir = v;
    } else if (arg == "--device") {
      const char* v = value("--device");
      if (!v) return false;
      options->devices.push_back(v);
    } else if (arg == "--test") {
      const char* v = value("--test");
      if (!v) return false;
      options->tests.push_back(v);
    } else if (arg == "--list") {
      options->list = true;
    } else if (arg == "--help" || arg == "-h") {
      print_usage(stdout);
      std::exit(0);
    } else {
      std::fprintf(stderr, "hematite-e2e: unknown argument '%s'\n", arg.c_str());
      return false;
    }
  }
  if (options->kernels_dir.empty() && !options->list) {
    std::fprintf(stderr, "hematite-e2e: --kernels DIR is required\n");
    return false;
  }
  return true;
}

bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

std::string kernel_file(const std::string& dir, const std::string& stem, hm_backend backend) {
  return dir + "/" + stem + (backend == HM_BACKEND_CUDA ? ".ptx" : ".spv");
}

// A test group: its name (saxpy, lang.structs, ...) and kernel file stem.
struct Group {
  std::string name;
  std::string stem;
  std::string family;  // empty for saxpy
};

std::vector<Group> all_groups() {
  std::vector<Group> groups = {{"saxpy", "saxpy", ""}, {"panics", "panics", ""}};
  for (const std::string& family : e2e::lang_families())
    groups.push_back({"lang." + family, "lang_" + family, family});
  return groups;
}

// Whether --test selected `group` (by its name or a prefix ending at a '.').
bool selected_by_test(const Options& options, const Group& group) {
  for (const std::string& t : options.tests) {
    if (t == group.name) return true;
    if (group.name.size() > t.size() && group.name.compare(0, t.size(), t) == 0 &&
        group.name[t.size()] == '.')
      return true;
  }
  return false;
}

// Why no device could be used, backend by backend.
void print_backend_reasons() {
  for (hm_backend backend : {HM_BACKEND_CUDA, HM_BACKEND_VULKAN}) {
    if (hm_backend_check(backend) == HM_SUCCESS)
      std::printf("  %s: loaded, but no usable device\n", hm_backend_name(backend));
    else
      std::printf("  %s: %s\n", hm_backend_name(backend), hm_last_error());
  }
}

void run_on(const std::string& spec, bool explicitly_requested, const Options& options,
            e2e::Results& results) {
  auto device = hm::Device::open(spec.c_str());
  if (!device) return results.fail("open " + spec, device.error().to_string());
  std::printf("# %s: %s\n", device->spec().c_str(), device->name().c_str());
  const hm_backend backend = device->backend();
  for (const Group& group : all_groups()) {
    const bool chosen = selected_by_test(options, group);
    if (!options.tests.empty() && !chosen) continue;
    const std::string path = kernel_file(options.kernels_dir, group.stem, backend);
    if (!file_exists(path)) {
      // A missing saxpy fails on a device asked for by name (as before groups); the
      // lang groups only when --test asked for them.
      const bool required = chosen || (group.name == "saxpy" && explicitly_requested);
      const std::string why = "no kernel file " + path;
      if (required) results.fail(device->spec() + " " + group.name, why);
      else if (group.name == "saxpy" || !options.tests.empty())
        results.skip(device->spec() + " " + group.name, why);
      continue;
    }
    if (group.name == "panics") {
      e2e::run_panic_tests(*device, path, results);
    } else if (group.family.empty()) {
      const std::string other =
          kernel_file(options.kernels_dir, group.stem,
                      backend == HM_BACKEND_CUDA ? HM_BACKEND_VULKAN : HM_BACKEND_CUDA);
      e2e::run_saxpy_tests(*device, path, file_exists(other) ? other : "", results);
    } else {
      e2e::run_lang_family(*device, group.family, path, results);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, &options)) {
    print_usage(stderr);
    return 2;
  }

  for (const std::string& t : options.tests) {
    Options one;
    one.tests = {t};
    bool any = false;
    for (const Group& group : all_groups()) any = any || selected_by_test(one, group);
    if (!any) {
      std::fprintf(stderr, "hematite-e2e: --test %s names no test group\n", t.c_str());
      return 2;
    }
  }

  auto devices = hm::Device::list();
  if (!devices) {
    std::printf("hematite-e2e: listing devices failed: %s\n",
                devices.error().to_string().c_str());
    return 1;
  }
  if (options.list) {
    for (const hm_device_info& info : *devices) std::printf("%s\t%s\n", info.spec, info.name);
    if (devices->empty()) print_backend_reasons();
    std::printf("test groups:");
    for (const Group& group : all_groups()) std::printf(" %s", group.name.c_str());
    std::printf("\n");
    return 0;
  }

  e2e::Results results;
  if (!options.devices.empty()) {
    for (const std::string& spec : options.devices) run_on(spec, true, options, results);
  } else {
    if (devices->empty()) {
      std::printf("hematite-e2e: no device to run on:\n");
      print_backend_reasons();
      results.print_summary();
      return kExitSkipped;
    }
    for (const hm_device_info& info : *devices) run_on(info.spec, false, options, results);
  }

  results.print_summary();
  if (results.failed() > 0) return 1;
  if (results.passed() == 0) return kExitSkipped;
  return 0;
}
