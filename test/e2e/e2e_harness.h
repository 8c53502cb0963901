// The small test harness of hematite-e2e (the GPU machine has no GoogleTest): counts
// results and prints one line per test case.
#pragma once

#include <cstdio>
#include <string>

namespace e2e {

class Results {
 public:
  void pass(const std::string& name) {
    ++passed_;
    std::printf("PASS %s\n", name.c_str());
    std::fflush(stdout);
  }
  void fail(const std::string& name, const std::string& why) {
    ++failed_;
    std::printf("FAIL %s: %s\n", name.c_str(), why.c_str());
    std::fflush(stdout);
  }
  void skip(const std::string& name, const std::string& why) {
    ++skipped_;
    std::printf("SKIP %s: %s\n", name.c_str(), why.c_str());
    std::fflush(stdout);
  }
  // Passes when `ok`, fails with `why` otherwise.
  void expect(bool ok, const std::string& name, const std::string& why) {
    if (ok) pass(name);
    else fail(name, why);
  }

  int passed() const { return passed_; }
  int failed() const { return failed_; }
  int skipped() const { return skipped_; }

  // "N passed, N failed[, N skipped]"
  void print_summary() const {
    std::printf("%d passed, %d failed", passed_, failed_);
    if (skipped_ > 0) std::printf(", %d skipped", skipped_);
    std::printf("\n");
  }

 private:
  int passed_ = 0;
  int failed_ = 0;
  int skipped_ = 0;
};

}  // namespace e2e
