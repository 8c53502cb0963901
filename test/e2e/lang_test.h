// The language e2e tests (lang_test.cpp): one group per construct family, each the
// kernel file test/e2e/kernels/lang/<family>.rs compiled to lang_<family>.spv / .ptx.
#pragma once

#include <string>
#include <vector>

#include "e2e_harness.h"
#include "hematite/runtime.hpp"

namespace e2e {

// The families, in the order hematite-e2e runs them ("structs", "traits", ...).
std::vector<std::string> lang_families();

// Runs the tests of `family` with the kernels of `kernel_path` on `device`.
void run_lang_family(hm::Device& device, const std::string& family,
                     const std::string& kernel_path, Results& results);

}  // namespace e2e
