#include "saxpy_test.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace e2e {
namespace {

// A quiet NaN with a payload no arithmetic produces: an element still holding it was
// never written.
constexpr uint32_t kPoisonBits = 0x7fc0dead;
// Untouched elements around the slice the kernel sees, to catch writes out of bounds.
constexpr size_t kGuardElements = 64;

float poison() {
  float f;
  std::memcpy(&f, &kPoisonBits, sizeof f);
  return f;
}

bool is_poison(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits == kPoisonBits;
}

struct SaxpyCase {
  size_t n;
  uint32_t block;
  size_t offset;  // first element of the slices the kernel gets (0: whole-buffer start)
};

std::string case_name(const hm::Device& device, const SaxpyCase& c) {
  std::string name = device.spec() + " saxpy n=" + std::to_string(c.n) +
                     " block=" + std::to_string(c.block);
  if (c.offset) name += " offset=" + std::to_string(c.offset);
  return name;
}

// y = a*x + y on the GPU; x in [1, 2) and a >= 1.5, so a*x + y differs from y everywhere
// and an element the kernel skipped cannot match the reference.
void run_case(hm::Device& device, hm::Kernel& saxpy, const SaxpyCase& c, std::mt19937& rng,
              Results& results) {
  const std::string name = case_name(device, c);
  std::uniform_real_distribution<float> x_dist(1.0f, 2.0f), y_dist(-1.0f, 1.0f),
      a_dist(1.5f, 3.0f);
  const float a = a_dist(rng);
  // Buffers: [guard | n elements the kernel sees | guard], guards poisoned.
  const size_t total = c.offset + c.n + kGuardElements;
  std::vector<float> x(total, poison()), y(total, poison());
  for (size_t i = c.offset; i < c.offset + c.n; ++i) {
    x[i] = x_dist(rng);
    y[i] = y_dist(rng);
  }

  auto x_buf = device.alloc<float>(total, HM_BUFFER_READ_ONLY);
  auto y_buf = device.alloc<float>(total);
  if (!x_buf || !y_buf)
    return results.fail(name, "alloc: " + (x_buf ? y_buf.error() : x_buf.error()).to_string());
  hm::Status status = x_buf->write(x);
  if (status) status = y_buf->write(y);
  if (!status) return results.fail(name, "write: " + status.to_string());

  status = saxpy.launch(hm::blocks_for(c.n, c.block), c.block, a, x_buf->slice(c.offset, c.n),
                        y_buf->slice(c.offset, c.n));
  if (status) status = device.synchronize();
  if (!status) return results.fail(name, "launch: " + status.to_string());

  std::vector<float> got(total, poison());
  status = y_buf->read(got);
  if (!status) return results.fail(name, "read: " + status.to_string());

  size_t bad = 0;
  std::string first_bad;
  for (size_t i = 0; i < total; ++i) {
    const bool inside = i >= c.offset && i < c.offset + c.n;
    bool ok;
    float want;
    if (inside) {
      // FMA contraction may differ between the GPU and this reference: allow 1e-6
      // relative (|a*x + y| >= 0.5 here, so this is a few ulp).
      want = a * x[i] + y[i];
      ok = std::isfinite(got[i]) && std::fabs(got[i] - want) <= 1e-6f * std::fabs(want);
    } else {
      want = poison();
      ok = is_poison(got[i]);
    }
    if (!ok && bad++ == 0) {
      first_bad = "element " + std::to_string(i) + (inside ? "" : " (outside the slice)") +
                  " is " + (is_poison(got[i]) ? std::string("unwritten (poison)")
                                              : std::to_string(got[i])) +
                  ", expected " + (inside ? std::to_string(want) : std::string("poison"));
    }
  }
  results.expect(bad == 0, name,
                 std::to_string(bad) + " wrong element(s); first: " + first_bad);
}

// Expects `status` to be a refusal with `code` whose message mentions `needle`.
void expect_refusal(const hm::Status& status, hm_status code, const std::string& needle,
                    const std::string& name, Results& results) {
  if (status.ok()) return results.fail(name, "accepted, expected " + std::string(hm_status_name(code)));
  if (status.code() != code || status.message().find(needle) == std::string::npos)
    return results.fail(name, "expected " + std::string(hm_status_name(code)) +
                                  " mentioning '" + needle + "', got " + status.to_string());
  results.pass(name + " -> " + status.message());
}

// Bad launches are refused on the host, and nothing runs: y keeps its contents.
void run_argument_checks(hm::Device& device, hm::Module& module, hm::Kernel& saxpy,
                         const std::string& other_format_path, Results& results) {
  const std::string prefix = device.spec() + " reject ";
  const size_t n = 100;
  auto x = device.alloc<float>(n, HM_BUFFER_READ_ONLY);
  auto y = device.alloc<float>(n);
  if (!x || !y) return results.fail(prefix + "setup", "alloc failed");
  std::vector<float> ones(n, 1.0f);
  if (!x->write(ones) || !y->write(ones)) return results.fail(prefix + "setup", "write failed");
  const float a = 2.0f;
  const double wrong_width = 2.0;

  expect_refusal(saxpy.launch(1, 128, a, *x), HM_ERROR_INVALID_ARGUMENT,
                 "takes 3 arguments but 2 were given", prefix + "wrong argument count", results);
  expect_refusal(saxpy.launch(1, 128, a, a, *y), HM_ERROR_INVALID_ARGUMENT,
                 "argument 1 'x'", prefix + "scalar for a slice", results);
  expect_refusal(saxpy.launch(1, 128, wrong_width, *x, *y), HM_ERROR_INVALID_ARGUMENT,
                 "given a value of 8 bytes, expected 4", prefix + "f64 for an f32", results);
  expect_refusal(saxpy.launch(1, 128, a, *x, *x), HM_ERROR_INVALID_ARGUMENT, "READ_ONLY",
                 prefix + "read-only buffer for &mut", results);
  expect_refusal(saxpy.launch(1, 128, a, *x, y->slice(50, 51)), HM_ERROR_INVALID_ARGUMENT,
                 "outside the buffer", prefix + "slice past the end", results);
  expect_refusal(saxpy.launch(1, hm::Dim3(0), a, *x, *y), HM_ERROR_INVALID_ARGUMENT,
                 "block dimension x is 0", prefix + "empty block", results);
  const uint32_t too_big = device.limits().max_threads_per_block + 1;
  expect_refusal(saxpy.launch(1, hm::Dim3(too_big), a, *x, *y), HM_ERROR_INVALID_ARGUMENT,
                 "device allows at most", prefix + "block over the device limit", results);

  auto missing = module.kernel("no_such_kernel", {});
  expect_refusal(missing ? hm::Status() : missing.error(), HM_ERROR_NOT_FOUND,
                 "no_such_kernel", prefix + "unknown kernel name", results);

  if (!other_format_path.empty()) {
    auto wrong = device.load_module(other_format_path);
    expect_refusal(wrong ? hm::Status() : wrong.error(), HM_ERROR_INVALID_MODULE,
                   "cannot load", prefix + "module of the other backend's format", results);
  }

  std::vector<float> after(n, 0.0f);
  hm::Status status = device.synchronize();
  if (status) status = y->read(after);
  results.expect(status && after == ones, prefix + "left y untouched",
                 status ? "y changed: a refused launch ran" : status.to_string());
}

}  // namespace

void run_saxpy_tests(hm::Device& device, const std::string& kernel_path,
                     const std::string& other_format_path, Results& results) {
  const std::string name = device.spec() + " load " + kernel_path;
  auto module = device.load_module(kernel_path);
  if (!module) return results.fail(name, module.error().to_string());
  auto saxpy = module->kernel("saxpy", {hm::scalar<float>("a"), hm::slice_ro<float>("x"),
                                        hm::slice_rw<float>("y")});
  if (!saxpy) return results.fail(name, saxpy.error().to_string());
  results.pass(name);

  const hm_device_limits limits = device.limits();
  const uint32_t max_block = std::min<uint32_t>(1024, limits.max_threads_per_block);
  std::mt19937 rng(20240601);  // fixed: a failure reproduces
  std::vector<SaxpyCase> cases = {
      {1, 256, 0},     {1000, 256, 0},        {1024, 256, 0},     {(1u << 20) + 3, 256, 0},
      {0, 256, 0},     {1000, 64, 0},         {1000, max_block, 0}, {1000, 1, 0},
  };
  // A slice that starts inside the buffer, where the device allows that offset.
  const size_t offset = 64;
  if ((offset * sizeof(float)) % limits.slice_offset_alignment == 0)
    cases.push_back({1000, 128, offset});
  else
    results.skip(device.spec() + " saxpy offset", "slice offsets must be multiples of " +
                                                      std::to_string(limits.slice_offset_alignment));
  for (const SaxpyCase& c : cases) run_case(device, *saxpy, c, rng, results);

  run_argument_checks(device, *module, *saxpy, other_format_path, results);

  // Compiled modules declare saxpy's parameters (docs/abi.md, `param` lines): the
  // kernel can be taken without a signature, and a signature that disagrees with
  // the module's is refused. The hand-written stand-ins (testdata/) declare none.
  if (kernel_path.find("/testdata/") != std::string::npos) return;
  const std::string declared = device.spec() + " saxpy declared signature";
  auto by_metadata = module->kernel("saxpy");
  if (!by_metadata) return results.fail(declared, by_metadata.error().to_string());
  run_case(device, *by_metadata, {1000, 128, 0}, rng, results);
  results.pass(declared);
  auto wrong = module->kernel("saxpy", {hm::scalar<double>("a"), hm::slice_ro<float>("x"),
                                        hm::slice_rw<float>("y")});
  const std::string refused = device.spec() + " saxpy signature differing from the module's";
  if (wrong)
    results.fail(refused, "accepted a double for `a: f32`");
  else
    results.expect(wrong.error().to_string().find("'a' is `f32` in the module") !=
                       std::string::npos,
                   refused, wrong.error().to_string());
  auto short_signature = module->kernel("saxpy", {hm::scalar<float>("a")});
  const std::string count = device.spec() + " saxpy signature with too few parameters";
  if (short_signature)
    results.fail(count, "accepted 1 parameter for 3");
  else
    results.expect(short_signature.error().to_string().find(
                       "takes 3 parameter(s) (a: f32, x: &[f32], y: &mut [f32])") !=
                       std::string::npos,
                   count, short_signature.error().to_string());
}

}  // namespace e2e
