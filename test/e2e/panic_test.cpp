#include "panic_test.h"

#include <cstdint>
#include <random>
#include <vector>

namespace e2e {
namespace {

constexpr uint32_t kPoison = 0xdeadbeef;

// The launch must have panicked with exactly `message` at panics.rs:`where`.
bool expect_panic(const hm::Status& status, const std::string& kernel, const std::string& where,
                  const std::string& message, std::string* why) {
  if (status.code() != HM_ERROR_KERNEL_PANIC) {
    *why = "expected HM_ERROR_KERNEL_PANIC, got " + status.to_string();
    return false;
  }
  const std::string text = status.to_string();
  const std::string head = "kernel '" + kernel + "' panicked at ";
  const std::string tail = "panics.rs:" + where + ":\n" + message;
  if (text.find(head) == std::string::npos || text.size() < tail.size() ||
      text.compare(text.size() - tail.size(), tail.size(), tail) != 0) {
    *why = "message was \"" + text + "\", expected \"" + head + "...\" ending in \"" + tail + "\"";
    return false;
  }
  return true;
}

template <typename T>
bool read_back(hm::Buffer<T>& buffer, std::vector<T>* out, std::string* why) {
  hm::Status s = buffer.read(*out);
  if (!s) *why = "read: " + s.to_string();
  return s.ok();
}

// gather: out[i] = x[idx[i]]; one index past the end panics with the len and
// the index; the same kernel then runs clean.
void gather_case(hm::Device& device, hm::Module& module, std::mt19937& rng, Results& results) {
  const std::string name = device.spec() + " panics.gather";
  auto k = module.kernel("gather", {hm::slice_ro<uint32_t>("x"), hm::slice_ro<uint32_t>("idx"),
                                    hm::slice_rw<uint32_t>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 1000, len = 100;
  std::vector<uint32_t> x(len), idx(n), out(n, kPoison);
  for (auto& v : x) v = rng();
  for (auto& v : idx) v = rng() % len;
  const size_t bad_thread = rng() % n;
  idx[bad_thread] = 120;
  auto xb = device.alloc<uint32_t>(len), ib = device.alloc<uint32_t>(n), ob = device.alloc<uint32_t>(n);
  if (!xb || !ib || !ob) return results.fail(name, "alloc failed");
  hm::Status s = xb->write(x);
  if (s) s = ib->write(idx);
  if (s) s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xb, *ib, *ob);
  if (!s) return results.fail(name, "launch: " + s.to_string());
  std::string why;
  if (!expect_panic(device.synchronize(), "gather", "12:18",
                    "index out of bounds: the len is 100 but the index is 120", &why))
    return results.fail(name, why);
  // The threads that did not panic ran on.
  std::vector<uint32_t> got(n);
  if (!read_back(*ob, &got, &why)) return results.fail(name, why);
  for (size_t i = 0; i < n; ++i)
    if (i != bad_thread && got[i] != x[idx[i]])
      return results.fail(name, "out[" + std::to_string(i) + "] wrong after the panic");
  results.pass(name);

  // The device and the module are still usable.
  const std::string again = device.spec() + " panics.gather-after-panic";
  idx[bad_thread] = 7;
  s = ib->write(idx);
  if (s) s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xb, *ib, *ob);
  if (s) s = device.synchronize();
  if (!s) return results.fail(again, s.to_string());
  if (!read_back(*ob, &got, &why)) return results.fail(again, why);
  for (size_t i = 0; i < n; ++i)
    if (got[i] != x[idx[i]]) return results.fail(again, "out[" + std::to_string(i) + "] wrong");
  results.pass(again);
}

// assert_eq! with a format argument: the values are printed with {:?}.
void assert_case(hm::Device& device, hm::Module& module, std::mt19937& rng, Results& results) {
  const std::string name = device.spec() + " panics.assert_eq";
  auto k = module.kernel("checked_eq", {hm::slice_ro<float>("a"), hm::slice_ro<float>("b"),
                                        hm::slice_rw<float>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 256;
  std::vector<float> a(n), out(n, 0.0f);
  for (size_t i = 0; i < n; ++i) a[i] = float(rng() % 1000) * 0.25f;
  std::vector<float> b = a;
  const size_t bad = rng() % n;
  a[bad] = 1.5f;
  b[bad] = 2.0f;
  auto ab = device.alloc<float>(n), bb = device.alloc<float>(n), ob = device.alloc<float>(n);
  if (!ab || !bb || !ob) return results.fail(name, "alloc failed");
  hm::Status s = ab->write(a);
  if (s) s = bb->write(b);
  if (s) s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 64), 64, *ab, *bb, *ob);
  if (!s) return results.fail(name, "launch: " + s.to_string());
  std::string why;
  if (!expect_panic(device.synchronize(), "checked_eq", "20:9",
                    "assertion `left == right` failed: row " + std::to_string(bad) +
                        "\n  left: 1.5\n right: 2.0",
                    &why))
    return results.fail(name, why);
  results.pass(name);
}

// Integer division by zero.
void divide_case(hm::Device& device, hm::Module& module, Results& results) {
  const std::string name = device.spec() + " panics.divide_by_zero";
  auto k = module.kernel("divide", {hm::slice_ro<int32_t>("x"), hm::scalar<int32_t>("d"),
                                    hm::slice_rw<int32_t>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 64;
  std::vector<int32_t> x(n, 5), out(n, 0);
  auto xb = device.alloc<int32_t>(n), ob = device.alloc<int32_t>(n);
  if (!xb || !ob) return results.fail(name, "alloc failed");
  hm::Status s = xb->write(x);
  if (s) s = ob->write(out);
  if (s) s = k->launch(1, 64, *xb, int32_t(0), *ob);
  if (!s) return results.fail(name, "launch: " + s.to_string());
  std::string why;
  if (!expect_panic(device.synchronize(), "divide", "29:18", "attempt to divide by zero", &why))
    return results.fail(name, why);
  results.pass(name);
}

// panic! with an i64 and a usize.
void explicit_case(hm::Device& device, hm::Module& module, std::mt19937& rng, Results& results) {
  const std::string name = device.spec() + " panics.panic_macro";
  auto k = module.kernel("explicit", {hm::slice_ro<int64_t>("x"), hm::slice_rw<int64_t>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 512;
  std::vector<int64_t> x(n), out(n, 0);
  for (auto& v : x) v = int64_t(rng() % 100000);
  const size_t bad = rng() % n;
  x[bad] = -int64_t(rng() % 1000000) - 5000000000LL;
  auto xb = device.alloc<int64_t>(n), ob = device.alloc<int64_t>(n);
  if (!xb || !ob) return results.fail(name, "alloc failed");
  hm::Status s = xb->write(x);
  if (s) s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xb, *ob);
  if (!s) return results.fail(name, "launch: " + s.to_string());
  std::string why;
  if (!expect_panic(device.synchronize(), "explicit", "38:13",
                    "negative input " + std::to_string(x[bad]) + " at " + std::to_string(bad), &why))
    return results.fail(name, why);
  results.pass(name);
}

// #[kernel(max_threads = 64)]: a block of 128 is refused before the launch; 64 runs.
void max_threads_case(hm::Device& device, hm::Module& module, Results& results) {
  const std::string name = device.spec() + " panics.max_threads";
  auto k = module.kernel("bounded", {hm::slice_ro<uint32_t>("x"), hm::slice_rw<uint32_t>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 256;
  std::vector<uint32_t> x(n, 41), out(n, kPoison);
  auto xb = device.alloc<uint32_t>(n), ob = device.alloc<uint32_t>(n);
  if (!xb || !ob) return results.fail(name, "alloc failed");
  hm::Status s = xb->write(x);
  if (s) s = ob->write(out);
  if (!s) return results.fail(name, s.to_string());
  s = k->launch(2, 128, *xb, *ob);
  if (s.code() != HM_ERROR_INVALID_ARGUMENT || s.to_string().find("max_threads = 64") == std::string::npos)
    return results.fail(name, "a block of 128 threads was not refused: " + s.to_string());
  s = k->launch(4, 64, *xb, *ob);
  if (s) s = device.synchronize();
  if (!s) return results.fail(name, "block of 64: " + s.to_string());
  std::vector<uint32_t> got(n);
  std::string why;
  if (!read_back(*ob, &got, &why)) return results.fail(name, why);
  for (size_t i = 0; i < n; ++i)
    if (got[i] != 42) return results.fail(name, "out[" + std::to_string(i) + "] wrong");
  results.pass(name);
}

// window: out[i] = x[i] + ... + x[i + width - 1], a loop whose check LLVM
// targets hoist (check_versioning.cpp). With x long enough every thread runs
// the copy without checks; one shorter and the threads near the end take the
// checked copy and must panic at the first index past the end, as before.
void window_case(hm::Device& device, hm::Module& module, std::mt19937& rng, Results& results) {
  const std::string name = device.spec() + " panics.window";
  auto k = module.kernel("window", {hm::slice_ro<uint32_t>("x"), hm::scalar<uint32_t>("width"),
                                    hm::slice_rw<uint32_t>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 1000, width = 3 + rng() % 14, full = n + width - 1;
  const size_t short_len = full - 1 - rng() % (width - 1);
  std::vector<uint32_t> x(full), out(n, kPoison), got(n);
  for (auto& v : x) v = rng();
  auto sum = [&](size_t i) {
    uint32_t s = 0;
    for (size_t j = 0; j < width; ++j) s += x[i + j];
    return s;
  };
  auto xb = device.alloc<uint32_t>(full), xs = device.alloc<uint32_t>(short_len);
  auto ob = device.alloc<uint32_t>(n);
  if (!xb || !xs || !ob) return results.fail(name, "alloc failed");
  std::vector<uint32_t> x_short(x.begin(), x.begin() + short_len);
  hm::Status s = xb->write(x);
  if (s) s = xs->write(x_short);
  if (s) s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xb, uint32_t(width), *ob);
  if (s) s = device.synchronize();
  if (!s) return results.fail(name, "clean launch: " + s.to_string());
  std::string why;
  if (!read_back(*ob, &got, &why)) return results.fail(name, why);
  for (size_t i = 0; i < n; ++i)
    if (got[i] != sum(i)) return results.fail(name, "out[" + std::to_string(i) + "] wrong");

  s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xs, uint32_t(width), *ob);
  if (!s) return results.fail(name, "launch: " + s.to_string());
  const std::string len = std::to_string(short_len);
  if (!expect_panic(device.synchronize(), "window", "61:32",
                    "index out of bounds: the len is " + len + " but the index is " + len, &why))
    return results.fail(name, why);
  if (!read_back(*ob, &got, &why)) return results.fail(name, why);
  for (size_t i = 0; i < n; ++i) {
    bool panics = i + width > short_len;
    if (got[i] != (panics ? kPoison : sum(i)))
      return results.fail(name, "out[" + std::to_string(i) + "] wrong after the panic");
  }
  results.pass(name);
}

// pairs: out[i] = x[2i] + x[2i + 1], two checks that LLVM targets decide before
// the body. A clean launch; then x one element short, where only the last
// thread fails, at x[2n - 1].
void pairs_case(hm::Device& device, hm::Module& module, std::mt19937& rng, Results& results) {
  const std::string name = device.spec() + " panics.pairs";
  auto k = module.kernel("pairs", {hm::slice_ro<uint32_t>("x"), hm::slice_rw<uint32_t>("out")});
  if (!k) return results.fail(name, k.error().to_string());
  const size_t n = 500 + rng() % 500;
  std::vector<uint32_t> x(2 * n), out(n, kPoison), got(n);
  for (auto& v : x) v = rng() % 1000000;
  auto xb = device.alloc<uint32_t>(2 * n), xs = device.alloc<uint32_t>(2 * n - 1);
  auto ob = device.alloc<uint32_t>(n);
  if (!xb || !xs || !ob) return results.fail(name, "alloc failed");
  std::vector<uint32_t> x_short(x.begin(), x.end() - 1);
  hm::Status s = xb->write(x);
  if (s) s = xs->write(x_short);
  if (s) s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xb, *ob);
  if (s) s = device.synchronize();
  if (!s) return results.fail(name, "clean launch: " + s.to_string());
  std::string why;
  if (!read_back(*ob, &got, &why)) return results.fail(name, why);
  for (size_t i = 0; i < n; ++i)
    if (got[i] != x[2 * i] + x[2 * i + 1]) return results.fail(name, "out[" + std::to_string(i) + "] wrong");

  s = ob->write(out);
  if (s) s = k->launch(hm::blocks_for(n, 128), 128, *xs, *ob);
  if (!s) return results.fail(name, "launch: " + s.to_string());
  const std::string len = std::to_string(2 * n - 1);
  if (!expect_panic(device.synchronize(), "pairs", "74:29",
                    "index out of bounds: the len is " + len + " but the index is " + len, &why))
    return results.fail(name, why);
  if (!read_back(*ob, &got, &why)) return results.fail(name, why);
  for (size_t i = 0; i < n; ++i)
    if (got[i] != (i == n - 1 ? kPoison : x[2 * i] + x[2 * i + 1]))
      return results.fail(name, "out[" + std::to_string(i) + "] wrong after the panic");
  results.pass(name);
}

}  // namespace

void run_panic_tests(hm::Device& device, const std::string& kernel_path, Results& results) {
  auto module = device.load_module(kernel_path);
  if (!module) return results.fail(device.spec() + " panics", module.error().to_string());
  std::mt19937 rng(20261126);
  gather_case(device, *module, rng, results);
  assert_case(device, *module, rng, results);
  divide_case(device, *module, results);
  explicit_case(device, *module, rng, results);
  max_threads_case(device, *module, results);
  window_case(device, *module, rng, results);
  pairs_case(device, *module, rng, results);
}

}  // namespace e2e
