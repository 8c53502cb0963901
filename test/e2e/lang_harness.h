// Helpers for the language e2e tests (lang_test.cpp): one kernel launched on random
// inputs at several sizes and block sizes, its output poisoned before the launch and
// compared element by element with a CPU reference written in C++.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "e2e_harness.h"
#include "hematite/runtime.hpp"

namespace e2e::lang {

// Untouched elements after the slice a kernel writes, to catch writes out of bounds.
constexpr size_t kGuardElements = 64;

// A value no kernel here computes: an element still holding it was never written.
// Floats get a quiet NaN with a payload no arithmetic produces.
template <typename T>
T poison() {
  if constexpr (std::is_same_v<T, float>) {
    const uint32_t bits = 0x7fc0dead;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  } else if constexpr (sizeof(T) == 8) {
    return static_cast<T>(0xDEADBEEFDEADBEEFull);
  } else {
    return static_cast<T>(0xDEADBEEFu);
  }
}

template <typename T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

inline uint32_t f32_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}
inline float f32_from_bits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

template <typename T>
std::string show(T v) {
  if (same_bits(v, poison<T>())) return "poison (unwritten)";
  char buf[64];
  if constexpr (std::is_same_v<T, float>) {
    std::snprintf(buf, sizeof buf, "%.9g (0x%08x)", static_cast<double>(v), f32_bits(v));
  } else if constexpr (std::is_signed_v<T>) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(v));
  }
  return buf;
}

// How floats are compared: exactly (same bits, or both NaN), or within
// rel * |want| + abs. Integers are always compared exactly.
struct Tolerance {
  double rel = 0;
  double abs = 0;
};

template <typename T>
bool matches(T got, T want, const Tolerance& tol) {
  if constexpr (std::is_same_v<T, float>) {
    if (same_bits(got, poison<float>())) return same_bits(want, poison<float>());
    if (std::isnan(want)) return std::isnan(got);
    if (tol.rel == 0 && tol.abs == 0) return same_bits(got, want);
    if (std::isinf(want) || std::isnan(got)) return got == want;
    return std::fabs(static_cast<double>(got) - want) <=
           tol.rel * std::fabs(static_cast<double>(want)) + tol.abs;
  } else {
    return got == want;
  }
}

// Keeps a lambda's parameter out of template argument deduction.
template <typename T>
struct Identity {
  using type = T;
};
template <typename T>
using NoDeduce = typename Identity<T>::type;

// One launch shape: n items (threads that do work), block threads per block.
struct Size {
  size_t n;
  uint32_t block;
};

// The tests of one kernel file (one construct family) on one device.
class Family {
 public:
  Family(hm::Device& device, hm::Module& module, Results& results, std::string family,
         uint32_t seed)
      : device_(device), module_(module), results_(results), family_(std::move(family)),
        rng_(seed) {}

  std::mt19937& rng() { return rng_; }
  Results& results() { return results_; }
  hm::Device& device() { return device_; }

  // Sizes that are not multiples of the block size, several block sizes (1 included).
  std::vector<Size> sizes() const {
    const uint32_t max_block =
        std::min<uint32_t>(1024, device_.limits().max_threads_per_block);
    return {{1, 64}, {1000, 256}, {1000, 64}, {4099, 128}, {777, max_block}, {37, 1}};
  }

  std::string case_name(const std::string& kernel, const Size& s) const {
    return device_.spec() + " lang." + family_ + " " + kernel + " n=" + std::to_string(s.n) +
           " block=" + std::to_string(s.block);
  }

  std::optional<hm::Kernel> kernel(const std::string& name,
                                   const std::vector<hm_param_desc>& params) {
    auto k = module_.kernel(name, params);
    if (!k) {
      results_.fail(device_.spec() + " lang." + family_ + " " + name, k.error().to_string());
      return std::nullopt;
    }
    return std::move(*k);
  }

  // Device copies of inputs, kept alive until the Family is gone.
  template <typename T>
  std::optional<hm_arg> input(const std::vector<T>& data, std::string* error) {
    auto buf = device_.alloc<T>(std::max<size_t>(data.size(), 1), HM_BUFFER_READ_ONLY);
    if (!buf) {
      *error = "alloc: " + buf.error().to_string();
      return std::nullopt;
    }
    if (!data.empty()) {
      hm::Status status = buf->write(data);
      if (!status) {
        *error = "write: " + status.to_string();
        return std::nullopt;
      }
    }
    auto held = std::make_shared<hm::Buffer<T>>(std::move(*buf));
    keep_.push_back(held);
    return hm_arg_slice(held->get(), 0, data.size(), sizeof(T));
  }

  // A poisoned output of `count` elements followed by kGuardElements guards.
  template <typename T>
  std::shared_ptr<hm::Buffer<T>> output(size_t count, std::string* error) {
    return output_init(std::vector<T>(count, poison<T>()), error);
  }

  // An output holding `init` followed by kGuardElements poisoned guards, for kernels
  // that accumulate into their output (atomics): the reference adds to `init`, so
  // random starting values check that the kernel adds rather than stores.
  template <typename T>
  std::shared_ptr<hm::Buffer<T>> output_init(const std::vector<T>& init, std::string* error) {
    const size_t count = init.size();
    auto buf = device_.alloc<T>(count + kGuardElements);
    if (!buf) {
      *error = "alloc: " + buf.error().to_string();
      return nullptr;
    }
    std::vector<T> fill(count + kGuardElements, poison<T>());
    std::copy(init.begin(), init.end(), fill.begin());
    hm::Status status = buf->write(fill);
    if (!status) {
      *error = "write: " + status.to_string();
      return nullptr;
    }
    auto held = std::make_shared<hm::Buffer<T>>(std::move(*buf));
    keep_.push_back(held);
    return held;
  }

  // Reads `out` back and compares it with `want` (its first want.size() elements; the
  // guards after them must still be poison). `describe(i)` names the inputs of output
  // element i for the failure message.
  template <typename T>
  void check(const std::string& name, const hm::Buffer<T>& out, const std::vector<T>& want,
             const Tolerance& tol, const std::function<std::string(size_t)>& describe) {
    std::vector<T> got(want.size() + kGuardElements, poison<T>());
    hm::Status status = out.read(got);
    if (!status) return results_.fail(name, "read: " + status.to_string());
    size_t bad = 0;
    std::string first;
    for (size_t i = 0; i < got.size(); ++i) {
      const bool inside = i < want.size();
      const T w = inside ? want[i] : poison<T>();
      if (matches(got[i], w, tol)) continue;
      if (bad++ < 3) {
        if (!first.empty()) first += "; ";
        first += "element " + std::to_string(i) + (inside ? "" : " (a guard after the slice)") +
                 " is " + show(got[i]) + ", expected " + show(w);
        if (inside && describe) first += " [" + describe(i) + "]";
      }
    }
    results_.expect(bad == 0, name, std::to_string(bad) + " wrong element(s); " + first);
  }

  // A scalar argument; its value lives until the next launch() or map() case ends.
  template <typename T>
  hm_arg scalar(T value) {
    auto held = std::make_shared<T>(value);
    keep_.push_back(held);
    return hm_arg_scalar(held.get(), sizeof(T));
  }

  // The first `count` elements of an output() as an argument.
  template <typename T>
  static hm_arg slice(const hm::Buffer<T>& out, size_t count) {
    return hm_arg_slice(out.get(), 0, count, sizeof(T));
  }

  // For kernels map() does not fit (scalar parameters, 2-D blocks, one block per row, a
  // grid-stride loop over fewer blocks than items): launches `k` on grid x block with
  // `args` (from input(), scalar() and slice(), in the kernel's parameter order), then
  // compares `out` with `want` as map() does, and drops the case's buffers.
  template <typename T>
  void launch(const std::string& name, hm::Kernel& k, hm::Dim3 grid, hm::Dim3 block,
              const std::vector<hm_arg>& args, const hm::Buffer<T>& out,
              const std::vector<T>& want, const Tolerance& tol,
              const std::function<std::string(size_t)>& describe) {
    hm::Status status = k.launch_args(grid, block, args);
    if (status) status = device_.synchronize();
    if (!status) results_.fail(name, "launch: " + status.to_string());
    else check<T>(name, out, want, tol, describe);
    keep_.clear();
  }

  // The common shape: kernel(in0: &[In0], ..., out: &mut [Out]), launched with one
  // thread per item; item i writes out[per_item * i .. per_item * (i + 1)].
  // gen(n) makes the inputs for n items; ref(inputs..., want) fills want (sized
  // n * per_item) with what the kernel must write.
  template <typename Out, typename... In>
  void map(const std::string& kernel_name, size_t per_item,
           const NoDeduce<std::function<std::tuple<std::vector<In>...>(size_t)>>& gen,
           const NoDeduce<std::function<void(const std::vector<In>&..., std::vector<Out>&)>>& ref,
           Tolerance tol = {}) {
    auto k = kernel(kernel_name, {hm::slice_ro<In>()..., hm::slice_rw<Out>()});
    if (!k) return;
    for (const Size& s : sizes()) {
      const std::string name = case_name(kernel_name, s);
      std::tuple<std::vector<In>...> ins = gen(s.n);
      std::vector<Out> want(s.n * per_item, poison<Out>());
      std::apply([&](const auto&... v) { ref(v..., want); }, ins);

      std::string error;
      std::vector<hm_arg> args;
      bool ok = true;
      std::apply(
          [&](const auto&... v) {
            auto add = [&](const auto& vec) {
              if (!ok) return;
              auto a = input(vec, &error);
              if (!a) ok = false;
              else args.push_back(*a);
            };
            (add(v), ...);
          },
          ins);
      if (!ok) {
        results_.fail(name, error);
        continue;
      }
      auto out = output<Out>(want.size(), &error);
      if (!out) {
        results_.fail(name, error);
        continue;
      }
      args.push_back(hm_arg_slice(out->get(), 0, want.size(), sizeof(Out)));
      hm::Status status = k->launch_args(hm::blocks_for(s.n, s.block), s.block, args);
      if (status) status = device_.synchronize();
      if (!status) {
        results_.fail(name, "launch: " + status.to_string());
        continue;
      }
      auto describe = [&](size_t element) {
        const size_t item = element / per_item;
        std::string d = "item " + std::to_string(item) + " slot " +
                        std::to_string(element % per_item) + ", inputs";
        std::apply(
            [&](const auto&... v) {
              ((d += " " + (item < v.size() ? show(v[item]) : std::string("-"))), ...);
            },
            ins);
        return d;
      };
      check<Out>(name, *out, want, tol, describe);
      keep_.clear();
    }
  }

 private:
  hm::Device& device_;
  hm::Module& module_;
  Results& results_;
  std::string family_;
  std::mt19937 rng_;
  std::vector<std::shared_ptr<void>> keep_;
};

// Random vectors.
template <typename T>
std::vector<T> uniform(std::mt19937& rng, size_t n, T lo, T hi) {
  std::vector<T> v(n);
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<T> d(lo, hi);
    for (T& x : v) x = d(rng);
  } else {
    std::uniform_int_distribution<T> d(lo, hi);
    for (T& x : v) x = d(rng);
  }
  return v;
}

// `v` with `specials` mixed in: the first elements are the specials in order (as many as
// fit), then about one element in four is one of them.
template <typename T>
std::vector<T> with_specials(std::mt19937& rng, std::vector<T> v, const std::vector<T>& specials) {
  std::uniform_int_distribution<size_t> pick(0, specials.size() * 4 - 1);
  for (size_t i = 0; i < v.size(); ++i) {
    if (i < specials.size()) {
      v[i] = specials[i];
      continue;
    }
    const size_t k = pick(rng);
    if (k < specials.size()) v[i] = specials[k];
  }
  return v;
}

}  // namespace e2e::lang
