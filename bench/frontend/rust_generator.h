// Generates large, valid Hematite source files for benchmarking the frontend.
//
//   GeneratorOptions options;
//   options.target_lines = 10000;
//   std::string source = generateRust(options);
//
// The output is a sequence of items drawn from a table of templates
// (rust_generator.cpp, kTemplates): device fns over u32 / f32 / usize, loops,
// slices, calls to earlier fns, and #[kernel] pub fns that call them. Every
// template only uses what the checker accepts today, so the whole file checks
// without errors (hematite-bench-frontend verifies that before measuring).
//
// Extending it when the language grows (structs, impls, match, ...): write one
// more `emit*` function in rust_generator.cpp, give it a Feature bit, and add a
// row to kTemplates. Templates whose feature is not in `options.features` are
// skipped, so a new construct can be benchmarked (--features=...) before it is
// on by default.
#ifndef HEMATITE_BENCH_FRONTEND_RUST_GENERATOR_H
#define HEMATITE_BENCH_FRONTEND_RUST_GENERATOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace hematite::bench {

// Language features a template needs. Core is what the checker accepts today.
enum Feature : uint32_t {
  kFeatureCore = 1u << 0,
  // Reserved for constructs the checker does not accept yet; add their
  // templates with these bits and enable them by default once supported.
  kFeatureStructs = 1u << 1,
  kFeatureImpls = 1u << 2,
  kFeatureMatch = 1u << 3,
};

struct GeneratorOptions {
  uint32_t target_lines = 1000;  // stops at the first item boundary at or past this
  uint32_t seed = 42;            // same seed, same file
  uint32_t features = kFeatureCore;
};

std::string generateRust(const GeneratorOptions& options);

// Names of the templates that `features` enables (for --list).
std::vector<std::string> templateNames(uint32_t features);

// "core,structs" -> bits; unknown names are reported in *error.
uint32_t parseFeatures(const std::string& list, std::string* error);

}  // namespace hematite::bench

#endif
