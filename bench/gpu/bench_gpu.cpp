// hematite-bench-gpu: kernel speed (issue 5 item 7). Runs every bench kernel
// (bench/kernels) through hematite_rt: on CUDA our PTX and the nvcc twin's PTX, on
// Vulkan our SPIR-V and the glslang twin's SPIR-V. Each variant's result is checked
// against a CPU reference; then it is timed (median of many launches) and reported
// as time, GB/s or GFLOP/s, the ratio to its twin, and the fraction of the device's
// measured copy bandwidth.
//
//   hematite-bench-gpu --kernels DIR [--device cuda:0] [--device vulkan] [--reps N]
//                      [--scale S] [--only a,b] [--json FILE]
//
// DIR holds NAME.hm.ptx, NAME.nvcc.ptx, NAME.hm.spv and NAME.glsl.spv (bench/gpu/
// prepare.sh and run.sh write them). Links only hematite_rt.
//
// Timing, two ways, both reported (the tables show events on CUDA, sync on Vulkan):
//  - events: --reps launches between hm_events recorded on the default stream (CUDA
//    events; Vulkan timestamp queries), all queued before waiting; on CUDA each launch
//    has its own pair of events, on Vulkan each group of --vk-event-batch launches (an
//    event is a submission of its own there, and hematite_rt's Vulkan submissions cost
//    the host about 0.5 ms each on the H100 machine: per-launch events would time the
//    host); the median of the per-launch GPU times. On the H100 machine the Vulkan
//    event times were bimodal (some groups twice as long as the rest), so the Vulkan
//    table shows the sync median by default (--vk-timing);
//  - sync: --sync-reps batches of launches between two hm_synchronize calls, timed with
//    the host's steady clock and divided by the batch size (batches of about
//    --batch-ms); the median. A cross-check of the events, and what an application
//    that launches back to back sees (launch overhead included).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "hematite/runtime.hpp"

namespace {

// ---- small helpers --------------------------------------------------------------------

struct Rng {  // xorshift64*: fast enough for 2^26-element inputs
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 1) {}
  uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1Dull;
  }
  uint32_t u32() { return static_cast<uint32_t>(next() >> 32); }
  float uniform(float lo, float hi) {  // [lo, hi)
    return lo + (hi - lo) * static_cast<float>(next() >> 40) * (1.0f / 16777216.0f);
  }
};

std::vector<float> random_floats(size_t n, float lo, float hi, uint64_t seed) {
  Rng r(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = r.uniform(lo, hi);
  return v;
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, f);
  vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

#define TRY(expr)                                      \
  do {                                                 \
    hm::Status _s = (expr);                            \
    if (!_s) return _s.to_string();                    \
  } while (0)

template <typename T>
std::string unwrap(hm::Expected<T>& e, T* out) {
  if (!e) return e.error().to_string();
  *out = std::move(*e);
  return "";
}

const uint32_t kPoison = 0x7FC0DEADu;  // a NaN; as u32 a count no run produces

template <typename T>
std::vector<T> poison_vector(size_t n) {
  std::vector<T> v(n);
  for (auto& x : v) std::memcpy(&x, &kPoison, sizeof(T) < 4 ? sizeof(T) : 4);
  return v;
}

// Compares floats: |got - want| <= atol + rtol * |want|; NaN never passes.
std::string compare(const std::vector<float>& got, const std::vector<float>& want, double rtol,
                    double atol) {
  size_t bad = 0, first = 0;
  double worst = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    double g = got[i], w = want[i];
    double err = std::fabs(g - w);
    if (!(err <= atol + rtol * std::fabs(w))) {
      if (bad++ == 0) first = i;
    }
    if (std::isfinite(err)) worst = std::max(worst, err / (atol + rtol * std::fabs(w)));
  }
  if (bad == 0) return "";
  return fmt("%zu of %zu elements wrong; first at %zu: got %.9g, want %.9g", bad, want.size(),
             first, got[first], want[first]);
}

// ---- benchmarks -----------------------------------------------------------------------

// One benchmark: host inputs and reference (built once), device buffers (per device),
// the launch, and the check.
struct Bench {
  virtual ~Bench() = default;
  virtual std::string name() const = 0;
  virtual std::string size() const = 0;
  virtual double bytes() const { return 0; }  // per launch: the fewest bytes moved
  virtual double flops() const { return 0; }  // per launch
  virtual std::vector<hm_param_desc> params() const = 0;
  virtual void init() = 0;                             // host data and reference
  virtual std::string setup(hm::Device& d) = 0;        // device buffers, inputs written
  virtual std::string reset() = 0;                     // before the checked launch
  virtual hm::Status launch(hm::Kernel& k) = 0;        // one launch (async)
  virtual std::string check() = 0;                     // after the checked launch
  virtual void release() = 0;                          // frees the device buffers
};

// saxpy: y = a x + y
struct Saxpy : Bench {
  size_t n;
  float a = 2.5f;
  std::vector<float> x, y, want;
  hm::Buffer<float> dx, dy;
  explicit Saxpy(size_t n_) : n(n_) {}
  std::string name() const override { return "saxpy"; }
  std::string size() const override { return fmt("n=%zu", n); }
  double bytes() const override { return 12.0 * n; }
  std::vector<hm_param_desc> params() const override {
    return {hm::scalar<float>("a"), hm::slice_ro<float>("x"), hm::slice_rw<float>("y")};
  }
  void init() override {
    x = random_floats(n, -1, 1, 1);
    y = random_floats(n, -1, 1, 2);
    want.resize(n);
    for (size_t i = 0; i < n; ++i) want[i] = a * x[i] + y[i];
  }
  std::string setup(hm::Device& d) override {
    auto bx = d.alloc<float>(n, HM_BUFFER_READ_ONLY);
    auto by = d.alloc<float>(n);
    std::string e = unwrap(bx, &dx);
    if (e.empty()) e = unwrap(by, &dy);
    if (!e.empty()) return e;
    TRY(dx.write(x));
    return "";
  }
  std::string reset() override {
    TRY(dy.write(y));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override {
    return k.launch(hm::blocks_for(n, 256), 256, a, dx, dy);
  }
  std::string check() override {
    std::vector<float> got(n);
    TRY(dy.read(got));
    return compare(got, want, 1e-6, 1e-7);  // fused or not: within an ulp or two
  }
  void release() override { dx = {}, dy = {}; }
};

// reduce: out[0] += sum(x)
struct Reduce : Bench {
  size_t n;
  uint32_t grid = 1024;
  std::vector<float> x;
  double want = 0;
  hm::Buffer<float> dx, dout;
  explicit Reduce(size_t n_) : n(n_) {}
  std::string name() const override { return "reduce"; }
  std::string size() const override { return fmt("n=%zu", n); }
  double bytes() const override { return 4.0 * n; }
  std::vector<hm_param_desc> params() const override {
    return {hm::slice_ro<float>("x"), hm::slice_rw<float>("out")};
  }
  void init() override {
    x = random_floats(n, 0, 1, 3);
    want = 0;
    for (float v : x) want += v;
  }
  std::string setup(hm::Device& d) override {
    auto bx = d.alloc<float>(n, HM_BUFFER_READ_ONLY);
    auto bo = d.alloc<float>(1);
    std::string e = unwrap(bx, &dx);
    if (e.empty()) e = unwrap(bo, &dout);
    if (!e.empty()) return e;
    TRY(dx.write(x));
    return "";
  }
  std::string reset() override {
    std::vector<float> zero(1, 0.0f);
    TRY(dout.write(zero));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override { return k.launch(grid, 256, dx, dout); }
  std::string check() override {
    std::vector<float> got(1);
    TRY(dout.read(got));
    double err = std::fabs(got[0] - want) / want;
    if (!(err <= 1e-5))
      return fmt("sum %.9g, want %.9g (relative error %.2g)", got[0], want, err);
    return "";
  }
  void release() override { dx = {}, dout = {}; }
};

// transpose: dst (w x h) = src (h x w)^T
struct Transpose : Bench {
  uint32_t w, h;
  std::vector<float> src, want;
  hm::Buffer<float> ds, dd;
  Transpose(uint32_t w_, uint32_t h_) : w(w_), h(h_) {}
  std::string name() const override { return "transpose"; }
  std::string size() const override { return fmt("%ux%u", h, w); }
  double bytes() const override { return 8.0 * w * h; }
  std::vector<hm_param_desc> params() const override {
    return {hm::scalar<uint32_t>("w"), hm::scalar<uint32_t>("h"), hm::slice_ro<float>("src"),
            hm::slice_rw<float>("dst")};
  }
  void init() override {
    size_t n = size_t(w) * h;
    src = random_floats(n, -1, 1, 4);
    want.resize(n);
    for (size_t y = 0; y < h; ++y)
      for (size_t x = 0; x < w; ++x) want[x * h + y] = src[y * w + x];
  }
  std::string setup(hm::Device& d) override {
    size_t n = size_t(w) * h;
    auto bs = d.alloc<float>(n, HM_BUFFER_READ_ONLY);
    auto bd = d.alloc<float>(n);
    std::string e = unwrap(bs, &ds);
    if (e.empty()) e = unwrap(bd, &dd);
    if (!e.empty()) return e;
    TRY(ds.write(src));
    return "";
  }
  std::string reset() override {
    TRY(dd.write(poison_vector<float>(want.size())));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override {
    return k.launch(hm::Dim3((w + 31) / 32, (h + 31) / 32), hm::Dim3(32, 8), w, h, ds, dd);
  }
  std::string check() override {
    std::vector<float> got(want.size());
    TRY(dd.read(got));
    return compare(got, want, 0, 0);
  }
  void release() override { ds = {}, dd = {}; }
};

// sgemm: C = A B (m x k times k x n). The reference is a sample of C's entries in double.
struct Sgemm : Bench {
  uint32_t m, n, k;
  std::vector<float> a, b;
  std::vector<std::pair<size_t, size_t>> samples;
  std::vector<double> want, scale;
  hm::Buffer<float> da, db, dc;
  Sgemm(uint32_t m_, uint32_t n_, uint32_t k_) : m(m_), n(n_), k(k_) {}
  std::string name() const override { return "sgemm"; }
  std::string size() const override { return fmt("%ux%ux%u", m, n, k); }
  double flops() const override { return 2.0 * m * n * k; }
  double bytes() const override { return 4.0 * (double(m) * k + double(k) * n + double(m) * n); }
  std::vector<hm_param_desc> params() const override {
    return {hm::scalar<uint32_t>("m"), hm::scalar<uint32_t>("n"), hm::scalar<uint32_t>("k"),
            hm::slice_ro<float>("a"), hm::slice_ro<float>("b"), hm::slice_rw<float>("c")};
  }
  void init() override {
    a = random_floats(size_t(m) * k, -1, 1, 5);
    b = random_floats(size_t(k) * n, -1, 1, 6);
    Rng r(7);
    samples.clear();
    for (int s = 0; s < 8192; ++s) samples.push_back({r.u32() % m, r.u32() % n});
    // every corner of every tile row/column is covered by chance; add the matrix corners
    samples.push_back({0, 0});
    samples.push_back({m - 1, n - 1});
    samples.push_back({0, n - 1});
    samples.push_back({m - 1, 0});
    want.clear();
    scale.clear();
    for (auto [i, j] : samples) {
      double s = 0, mag = 0;
      for (size_t e = 0; e < k; ++e) {
        double p = double(a[i * k + e]) * b[e * n + j];
        s += p;
        mag += std::fabs(p);
      }
      want.push_back(s);
      scale.push_back(mag);
    }
  }
  std::string setup(hm::Device& d) override {
    auto ba = d.alloc<float>(a.size(), HM_BUFFER_READ_ONLY);
    auto bb = d.alloc<float>(b.size(), HM_BUFFER_READ_ONLY);
    auto bc = d.alloc<float>(size_t(m) * n);
    std::string e = unwrap(ba, &da);
    if (e.empty()) e = unwrap(bb, &db);
    if (e.empty()) e = unwrap(bc, &dc);
    if (!e.empty()) return e;
    TRY(da.write(a));
    TRY(db.write(b));
    return "";
  }
  std::string reset() override {
    TRY(dc.write(poison_vector<float>(size_t(m) * n)));
    return "";
  }
  hm::Status launch(hm::Kernel& kern) override {
    return kern.launch(hm::Dim3(n / 64, m / 64), hm::Dim3(16, 16), m, n, k, da, db, dc);
  }
  std::string check() override {
    std::vector<float> got(size_t(m) * n);
    TRY(dc.read(got));
    size_t unwritten = 0;
    for (float v : got) {
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      unwritten += bits == kPoison;
    }
    if (unwritten) return fmt("%zu elements of C not written", unwritten);
    for (size_t s = 0; s < samples.size(); ++s) {
      auto [i, j] = samples[s];
      double g = got[i * n + j];
      if (!(std::fabs(g - want[s]) <= 1e-5 * scale[s] + 1e-6))
        return fmt("C[%zu][%zu] = %.9g, want %.9g", i, j, g, want[s]);
    }
    return "";
  }
  void release() override { da = {}, db = {}, dc = {}; }
};

// stencil: one 5-point Jacobi step
struct Stencil : Bench {
  uint32_t nx, ny;
  std::vector<float> src, want;
  hm::Buffer<float> ds, dd;
  Stencil(uint32_t nx_, uint32_t ny_) : nx(nx_), ny(ny_) {}
  std::string name() const override { return "stencil"; }
  std::string size() const override { return fmt("%ux%u", ny, nx); }
  double bytes() const override { return 8.0 * nx * ny; }
  std::vector<hm_param_desc> params() const override {
    return {hm::scalar<uint32_t>("nx"), hm::scalar<uint32_t>("ny"), hm::slice_ro<float>("src"),
            hm::slice_rw<float>("dst")};
  }
  void init() override {
    size_t N = size_t(nx) * ny;
    src = random_floats(N, -1, 1, 8);
    want.resize(N);
    for (size_t y = 0; y < ny; ++y)
      for (size_t x = 0; x < nx; ++x) {
        size_t i = y * nx + x;
        if (x > 0 && y > 0 && x + 1 < nx && y + 1 < ny)
          want[i] = 0.5f * src[i] + 0.125f * (src[i - 1] + src[i + 1] + src[i - nx] + src[i + nx]);
        else
          want[i] = src[i];
      }
  }
  std::string setup(hm::Device& d) override {
    size_t N = size_t(nx) * ny;
    auto bs = d.alloc<float>(N, HM_BUFFER_READ_ONLY);
    auto bd = d.alloc<float>(N);
    std::string e = unwrap(bs, &ds);
    if (e.empty()) e = unwrap(bd, &dd);
    if (!e.empty()) return e;
    TRY(ds.write(src));
    return "";
  }
  std::string reset() override {
    TRY(dd.write(poison_vector<float>(want.size())));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override {
    return k.launch(hm::Dim3((nx + 31) / 32, (ny + 7) / 8), hm::Dim3(32, 8), nx, ny, ds, dd);
  }
  std::string check() override {
    std::vector<float> got(want.size());
    TRY(dd.read(got));
    return compare(got, want, 1e-6, 1e-7);
  }
  void release() override { ds = {}, dd = {}; }
};

// histogram: 256 bins of x % 256
struct Histogram : Bench {
  size_t n;
  uint32_t grid = 1024;
  std::vector<uint32_t> x, want;
  hm::Buffer<uint32_t> dx, dbins;
  explicit Histogram(size_t n_) : n(n_) {}
  std::string name() const override { return "histogram"; }
  std::string size() const override { return fmt("n=%zu", n); }
  double bytes() const override { return 4.0 * n; }
  std::vector<hm_param_desc> params() const override {
    return {hm::slice_ro<uint32_t>("x"), hm::slice_rw<uint32_t>("bins")};
  }
  void init() override {
    Rng r(9);
    x.resize(n);
    for (auto& v : x) v = r.u32();
    want.assign(256, 0);
    for (uint32_t v : x) want[v % 256]++;
  }
  std::string setup(hm::Device& d) override {
    auto bx = d.alloc<uint32_t>(n, HM_BUFFER_READ_ONLY);
    auto bb = d.alloc<uint32_t>(256);
    std::string e = unwrap(bx, &dx);
    if (e.empty()) e = unwrap(bb, &dbins);
    if (!e.empty()) return e;
    TRY(dx.write(x));
    return "";
  }
  std::string reset() override {
    TRY(dbins.write(std::vector<uint32_t>(256, 0)));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override { return k.launch(grid, 256, dx, dbins); }
  std::string check() override {
    std::vector<uint32_t> got(256);
    TRY(dbins.read(got));
    for (int b = 0; b < 256; ++b)
      if (got[b] != want[b]) return fmt("bin %d: %u, want %u", b, got[b], want[b]);
    return "";
  }
  void release() override { dx = {}, dbins = {}; }
};

// softmax: one block per row
struct Softmax : Bench {
  uint32_t rows, cols;
  std::vector<float> x, want;
  hm::Buffer<float> dx, dout;
  Softmax(uint32_t rows_, uint32_t cols_) : rows(rows_), cols(cols_) {}
  std::string name() const override { return "softmax"; }
  std::string size() const override { return fmt("%ux%u", rows, cols); }
  double bytes() const override { return 8.0 * rows * cols; }
  std::vector<hm_param_desc> params() const override {
    return {hm::scalar<uint32_t>("cols"), hm::slice_ro<float>("x"), hm::slice_rw<float>("out")};
  }
  void init() override {
    size_t N = size_t(rows) * cols;
    x = random_floats(N, -8, 8, 10);
    want.resize(N);
    for (size_t r = 0; r < rows; ++r) {
      const float* xr = &x[r * cols];
      double mx = -INFINITY, s = 0;
      for (size_t c = 0; c < cols; ++c) mx = std::max(mx, double(xr[c]));
      for (size_t c = 0; c < cols; ++c) s += std::exp(double(xr[c]) - mx);
      for (size_t c = 0; c < cols; ++c) want[r * cols + c] = float(std::exp(double(xr[c]) - mx) / s);
    }
  }
  std::string setup(hm::Device& d) override {
    size_t N = size_t(rows) * cols;
    auto bx = d.alloc<float>(N, HM_BUFFER_READ_ONLY);
    auto bo = d.alloc<float>(N);
    std::string e = unwrap(bx, &dx);
    if (e.empty()) e = unwrap(bo, &dout);
    if (!e.empty()) return e;
    TRY(dx.write(x));
    return "";
  }
  std::string reset() override {
    TRY(dout.write(poison_vector<float>(want.size())));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override { return k.launch(rows, 256, cols, dx, dout); }
  std::string check() override {
    std::vector<float> got(want.size());
    TRY(dout.read(got));
    return compare(got, want, 1e-4, 1e-12);
  }
  void release() override { dx = {}, dout = {}; }
};

// copy: dst = src (also the bandwidth reference, with the CUDA twin's copy_vec4)
struct Copy : Bench {
  size_t n;
  std::vector<float> src;
  hm::Buffer<float> ds, dd;
  explicit Copy(size_t n_) : n(n_) {}
  std::string name() const override { return "copy"; }
  std::string size() const override { return fmt("n=%zu", n); }
  double bytes() const override { return 8.0 * n; }
  std::vector<hm_param_desc> params() const override {
    return {hm::slice_ro<float>("src"), hm::slice_rw<float>("dst")};
  }
  void init() override { src = random_floats(n, -1, 1, 11); }
  std::string setup(hm::Device& d) override {
    auto bs = d.alloc<float>(n, HM_BUFFER_READ_ONLY);
    auto bd = d.alloc<float>(n);
    std::string e = unwrap(bs, &ds);
    if (e.empty()) e = unwrap(bd, &dd);
    if (!e.empty()) return e;
    TRY(ds.write(src));
    return "";
  }
  std::string reset() override {
    TRY(dd.write(poison_vector<float>(n)));
    return "";
  }
  hm::Status launch(hm::Kernel& k) override { return k.launch(hm::blocks_for(n, 256), 256, ds, dd); }
  // copy_vec4 (CUDA twin only): one float4 per thread
  hm::Status launch_vec4(hm::Kernel& k) {
    return k.launch(hm::blocks_for(n / 4, 256), 256, ds, dd);
  }
  std::string check() override {
    std::vector<float> got(n);
    TRY(dd.read(got));
    return compare(got, src, 0, 0);
  }
  void release() override { ds = {}, dd = {}; }
};

// ---- running --------------------------------------------------------------------------

struct Options {
  std::string kernels_dir;
  std::vector<std::string> devices;
  int reps = 100;       // event-timed launches
  int sync_reps = 10;   // host-timed batches
  int event_batch = 1;      // launches between two events, CUDA
  int vk_event_batch = 10;  // launches between two events, Vulkan
  double batch_ms = 20;
  std::string timing = "events";     // which one the tables show on CUDA: events | sync
  std::string vk_timing = "sync";    // ... and on Vulkan (see the comment at the top)
  int scale = 1;  // divide sizes (lavapipe)
  int grow = 1;   // multiply sizes (Vulkan: to outgrow the per-launch submission cost)
  std::vector<std::string> only;
  std::string json;
};

struct Result {
  std::string bench, device, variant, size, error;
  double ms = NAN, sync_ms = NAN, bytes = 0, flops = 0;
  double enqueue_us = NAN, back_to_back_us = NAN;  // launch-overhead only
  std::vector<double> samples_ms, sync_samples_ms;
};

bool file_exists(const std::string& p) {
  FILE* f = std::fopen(p.c_str(), "rb");
  if (f) std::fclose(f);
  return f != nullptr;
}

// Times `launch` (one asynchronous launch) with events: `reps` launches in groups of
// `batch`, each group between two events, all queued before waiting; returns the GPU ms
// per launch of each group. batch 1 times every launch on its own; a larger batch keeps
// the events' own submissions out of the way where they cost much (Vulkan, below).
std::string time_events(hm::Device& dev, const std::function<hm::Status()>& launch, int reps,
                        int batch, std::vector<double>* samples) {
  batch = std::max(1, batch);
  const int groups = std::max(1, reps / batch);
  std::vector<hm::Event> start(groups), end(groups);
  for (int r = 0; r < groups; ++r) {
    auto a = dev.create_event();
    auto b = dev.create_event();
    std::string e = unwrap(a, &start[r]);
    if (e.empty()) e = unwrap(b, &end[r]);
    if (!e.empty()) return e;
  }
  for (int i = 0; i < 3; ++i) TRY(launch());  // warm-up
  TRY(dev.synchronize());
  for (int r = 0; r < groups; ++r) {
    TRY(start[r].record());
    for (int i = 0; i < batch; ++i) TRY(launch());
    TRY(end[r].record());
  }
  TRY(dev.synchronize());
  for (int r = 0; r < groups; ++r) {
    auto ms = hm::Event::elapsed_ms(start[r], end[r]);
    if (!ms) return ms.error().to_string();
    samples->push_back(*ms / batch);
  }
  return "";
}

// Times `launch` with the host clock: warm-up, then `reps` samples, each a batch of
// launches between two synchronizations; returns per-launch ms.
std::string time_sync(hm::Device& dev, const std::function<hm::Status()>& launch, int reps,
                      double batch_ms, std::vector<double>* samples) {
  // Estimate one launch with a small synchronized batch (after a warm-up).
  for (int i = 0; i < 3; ++i) TRY(launch());
  TRY(dev.synchronize());
  double t0 = now_s();
  for (int i = 0; i < 5; ++i) TRY(launch());
  TRY(dev.synchronize());
  double est_ms = (now_s() - t0) * 1e3 / 5;
  int batch = std::max(1, std::min(1000, int(batch_ms / std::max(est_ms, 1e-3))));
  for (int r = 0; r < reps; ++r) {
    double s = now_s();
    for (int i = 0; i < batch; ++i) TRY(launch());
    TRY(dev.synchronize());
    samples->push_back((now_s() - s) * 1e3 / batch);
  }
  return "";
}

// The TAGs of the files NAME.hm-TAG<ext> in dir, sorted.
std::vector<std::string> diagnostic_tags(const std::string& dir, const std::string& name,
                                         const std::string& ext) {
  std::vector<std::string> tags;
  DIR* d = opendir(dir.c_str());
  if (!d) return tags;
  const std::string prefix = name + ".hm-";
  while (dirent* e = readdir(d)) {
    std::string f = e->d_name;
    if (f.size() > prefix.size() + ext.size() && f.compare(0, prefix.size(), prefix) == 0 &&
        f.compare(f.size() - ext.size(), ext.size(), ext) == 0)
      tags.push_back(f.substr(prefix.size(), f.size() - prefix.size() - ext.size()));
  }
  closedir(d);
  std::sort(tags.begin(), tags.end());
  return tags;
}

// What a launch costs the host and the device, with the copy kernel on 256 elements
// (one block): host time per hm_launch (enqueue only), time per launch back to back
// (200 launches, then a synchronize), and the event-timed GPU time of one launch.
void launch_overhead(hm::Device& dev, const std::string& module_path, Result* out) {
  auto mod = dev.load_module(module_path);
  if (!mod) { out->error = mod.error().to_string(); return; }
  auto kern = mod->kernel("copy", {hm::slice_ro<float>("src"), hm::slice_rw<float>("dst")});
  if (!kern) { out->error = kern.error().to_string(); return; }
  auto src = dev.alloc<float>(256, HM_BUFFER_READ_ONLY);
  auto dst = dev.alloc<float>(256);
  if (!src || !dst) { out->error = "alloc failed"; return; }
  hm::Kernel& k = *kern;
  auto launch = [&]() { return k.launch(1, 256, *src, *dst); };
  const int N = 200;
  for (int i = 0; i < 10; ++i) launch();
  dev.synchronize();
  double t0 = now_s();
  for (int i = 0; i < N; ++i)
    if (hm::Status st = launch(); !st) { out->error = st.to_string(); return; }
  double t1 = now_s();
  if (hm::Status st = dev.synchronize(); !st) { out->error = st.to_string(); return; }
  double t2 = now_s();
  out->enqueue_us = (t1 - t0) / N * 1e6;
  out->back_to_back_us = (t2 - t0) / N * 1e6;
  std::vector<double> ev;
  std::string e = time_events(dev, launch, N, 1, &ev);
  if (!e.empty()) { out->error = e; return; }
  out->ms = median(ev);
  out->samples_ms = ev;
}

std::string run_variant(hm::Device& dev, Bench& b, const std::string& module_path,
                        const std::string& kernel_name, const Options& opt, Result* res,
                        const std::function<hm::Status(hm::Kernel&)>& launch_override = {}) {
  if (!file_exists(module_path)) return "missing " + module_path;
  auto mod = dev.load_module(module_path);
  if (!mod) return mod.error().to_string();
  auto kern = mod->kernel(kernel_name, b.params());
  if (!kern) return kern.error().to_string();
  hm::Kernel& k = *kern;
  auto launch = [&]() { return launch_override ? launch_override(k) : b.launch(k); };
  // Checked run: outputs poisoned / reset, one launch, compare.
  std::string e = b.reset();
  if (!e.empty()) return e;
  TRY(launch());
  TRY(dev.synchronize());
  e = b.check();
  if (!e.empty()) return "WRONG RESULT: " + e;
  if (opt.timing != "sync") {
    const bool cuda = dev.backend() == HM_BACKEND_CUDA;
    e = time_events(dev, launch, opt.reps, cuda ? opt.event_batch : opt.vk_event_batch,
                    &res->samples_ms);
    if (!e.empty()) return "events: " + e;
    res->ms = median(res->samples_ms);
  }
  if (opt.sync_reps > 0) {
    e = time_sync(dev, launch, opt.sync_reps, opt.batch_ms, &res->sync_samples_ms);
    if (!e.empty()) return "sync timing: " + e;
    res->sync_ms = median(res->sync_samples_ms);
    if (opt.timing == "sync") res->ms = res->sync_ms;
  }
  if (dev.backend() != HM_BACKEND_CUDA && opt.vk_timing == "sync" && !std::isnan(res->sync_ms))
    res->ms = res->sync_ms;
  // The checked launch's output must survive the timing (a fault would show here).
  TRY(dev.synchronize());
  return "";
}

void write_json(const Options& opt, const std::vector<Result>& results,
                const std::map<std::string, std::string>& devices, double copy_gbs) {
  FILE* f = std::fopen(opt.json.c_str(), "w");
  if (!f) return;
  std::fprintf(f, "{\n \"timing\": \"%s\", \"reps\": %d, \"sync_reps\": %d,\n",
               opt.timing.c_str(), opt.reps, opt.sync_reps);
  std::fprintf(f, " \"copy_bandwidth_gbs\": %.3f,\n \"devices\": {", copy_gbs);
  bool first = true;
  for (auto& [spec, name] : devices) {
    std::fprintf(f, "%s\"%s\": \"%s\"", first ? "" : ", ", spec.c_str(), name.c_str());
    first = false;
  }
  std::fprintf(f, "},\n \"results\": [\n");
  for (size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    std::string err = r.error;
    for (auto& c : err)
      if (c == '"' || c == '\\' || c == '\n') c = ' ';
    std::fprintf(f,
                 "  {\"bench\": \"%s\", \"device\": \"%s\", \"variant\": \"%s\", \"size\": "
                 "\"%s\", \"ms\": %.6g, \"sync_ms\": %.6g, \"bytes\": %.0f, \"flops\": %.0f, "
                 "\"error\": \"%s\", \"samples_ms\": [",
                 r.bench.c_str(), r.device.c_str(), r.variant.c_str(), r.size.c_str(),
                 std::isnan(r.ms) ? -1.0 : r.ms, std::isnan(r.sync_ms) ? -1.0 : r.sync_ms,
                 r.bytes, r.flops, err.c_str());
    for (size_t s = 0; s < r.samples_ms.size(); ++s)
      std::fprintf(f, "%s%.6g", s ? ", " : "", r.samples_ms[s]);
    if (!std::isnan(r.enqueue_us))
      std::fprintf(f, "], \"enqueue_us\": %.3f, \"back_to_back_us\": %.3f, \"x\": [",
                   r.enqueue_us, r.back_to_back_us);
    std::fprintf(f, "], \"sync_samples_ms\": [");
    for (size_t s = 0; s < r.sync_samples_ms.size(); ++s)
      std::fprintf(f, "%s%.6g", s ? ", " : "", r.sync_samples_ms[s]);
    std::fprintf(f, "]}%s\n", i + 1 < results.size() ? "," : "");
  }
  std::fprintf(f, " ]\n}\n");
  std::fclose(f);
}

int usage() {
  std::fprintf(stderr,
               "usage: hematite-bench-gpu --kernels DIR [--device SPEC]... [--reps N] "
               "[--sync-reps N] [--event-batch B] [--vk-event-batch B] [--batch-ms MS] [--timing events|sync] [--vk-timing events|sync] [--scale S] [--grow G] [--only a,b] [--json FILE]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--kernels") opt.kernels_dir = val();
    else if (a == "--device") opt.devices.push_back(val());
    else if (a == "--reps") opt.reps = std::atoi(val().c_str());
    else if (a == "--sync-reps") opt.sync_reps = std::atoi(val().c_str());
    else if (a == "--timing") opt.timing = val();
    else if (a == "--vk-timing") opt.vk_timing = val();
    else if (a == "--event-batch") opt.event_batch = std::atoi(val().c_str());
    else if (a == "--vk-event-batch") opt.vk_event_batch = std::atoi(val().c_str());
    else if (a == "--batch-ms") opt.batch_ms = std::atof(val().c_str());
    else if (a == "--scale") opt.scale = std::max(1, std::atoi(val().c_str()));
    else if (a == "--grow") opt.grow = std::max(1, std::atoi(val().c_str()));
    else if (a == "--json") opt.json = val();
    else if (a == "--only") {
      std::string s = val();
      size_t p = 0;
      while (p <= s.size()) {
        size_t q = s.find(',', p);
        if (q == std::string::npos) q = s.size();
        if (q > p) opt.only.push_back(s.substr(p, q - p));
        p = q + 1;
      }
    } else return usage();
  }
  if (opt.kernels_dir.empty()) return usage();
  if (opt.devices.empty()) opt.devices = {"cuda:0", "vulkan"};

  // Sizes: 1-D lengths and softmax rows times f, 2-D sides times sqrt(f); sgemm fixed
  // (smaller on --scale) .
  const double f = double(opt.grow) / opt.scale;
  const size_t n1 = size_t(double(size_t(1) << 26) * f);
  const uint32_t side = uint32_t(std::lround(8192 * std::sqrt(f) / 32)) * 32;
  const uint32_t mnk = opt.scale > 1 ? 512 : 2048;
  std::vector<std::unique_ptr<Bench>> benches;
  auto copy_bench = std::make_unique<Copy>(n1);
  Copy* copy = copy_bench.get();
  benches.push_back(std::move(copy_bench));
  benches.push_back(std::make_unique<Saxpy>(n1));
  benches.push_back(std::make_unique<Reduce>(n1));
  benches.push_back(std::make_unique<Transpose>(side, side));
  benches.push_back(std::make_unique<Sgemm>(mnk, mnk, mnk));
  benches.push_back(std::make_unique<Stencil>(side, side));
  benches.push_back(std::make_unique<Histogram>(n1));
  benches.push_back(std::make_unique<Softmax>(uint32_t(16384 * f), 4096));
  if (!opt.only.empty()) {
    std::vector<std::unique_ptr<Bench>> kept;
    for (auto& b : benches)
      if (b.get() == copy ||
          std::find(opt.only.begin(), opt.only.end(), b->name()) != opt.only.end())
        kept.push_back(std::move(b));
    benches = std::move(kept);
  }

  if (opt.timing != "events" && opt.timing != "sync") return usage();
  if (opt.vk_timing != "events" && opt.vk_timing != "sync") return usage();
  if (opt.timing == "sync" && opt.sync_reps <= 0) opt.sync_reps = 10;
  std::printf("hematite-bench-gpu: kernels from %s; timing: %d launches between events "
              "(%d per event pair on CUDA, %d on Vulkan), %d host-timed batches of ~%.0f ms; "
              "tables show the %s median on CUDA, the %s median on Vulkan\n",
              opt.kernels_dir.c_str(), opt.reps, opt.event_batch, opt.vk_event_batch,
              opt.sync_reps, opt.batch_ms, opt.timing.c_str(), opt.vk_timing.c_str());
  std::fflush(stdout);
  double t_init = now_s();
  for (auto& b : benches) b->init();
  std::printf("host inputs and references: %.1f s\n", now_s() - t_init);

  std::vector<Result> results;
  std::map<std::string, std::string> device_names;
  int failures = 0;
  const std::string dir = opt.kernels_dir + "/";
  for (const std::string& spec : opt.devices) {
    auto dev_e = hm::Device::open(spec.c_str());
    if (!dev_e) {
      std::printf("== %s: cannot open: %s\n", spec.c_str(), dev_e.error().to_string().c_str());
      ++failures;
      continue;
    }
    hm::Device& dev = *dev_e;
    const bool cuda = dev.backend() == HM_BACKEND_CUDA;
    const std::string dname = dev.name();
    device_names[dev.spec()] = dname;
    std::printf("== %s (%s)\n", dev.spec().c_str(), dname.c_str());
    {
      Result ov;
      ov.bench = "launch-overhead";
      ov.device = dev.spec();
      ov.variant = "hematite";
      ov.size = "n=256, 1 block";
      launch_overhead(dev, dir + (cuda ? "copy.hm.ptx" : "copy.hm.spv"), &ov);
      if (ov.error.empty())
        std::printf("  launch overhead (copy of 256 floats, 1 block): host enqueue %.1f us per "
                    "hm_launch; %.1f us per launch back to back; event-timed %.1f us\n",
                    ov.enqueue_us, ov.back_to_back_us, ov.ms * 1e3);
      else
        std::printf("  launch overhead: FAILED: %s\n", ov.error.c_str());
      results.push_back(std::move(ov));
    }
    std::fflush(stdout);
    for (auto& b : benches) {
      std::string e = b->setup(dev);
      if (!e.empty()) {
        std::printf("  %-10s setup failed: %s\n", b->name().c_str(), e.c_str());
        ++failures;
        b->release();
        continue;
      }
      struct V {
        std::string variant, file, kernel;
        std::function<hm::Status(hm::Kernel&)> launch;
      };
      std::vector<V> variants;
      if (cuda) {
        variants.push_back({"hematite", b->name() + ".hm.ptx", b->name(), {}});
        variants.push_back({"nvcc", b->name() + ".nvcc.ptx", b->name(), {}});
        if (b.get() == copy)
          variants.push_back({"nvcc-vec4", "copy.nvcc.ptx", "copy_vec4",
                              [copy](hm::Kernel& k) { return copy->launch_vec4(k); }});
      } else {
        variants.push_back({"hematite", b->name() + ".hm.spv", b->name(), {}});
        variants.push_back({"glslang", b->name() + ".glsl.spv", b->name(), {}});
      }
      // Diagnostic variants of ours: NAME.hm-TAG.ptx / .spv (prepare.sh: TAG nobc is
      // -C bounds-checks=off; others are edited sources from bench/gpu/variants).
      for (const std::string& tag : diagnostic_tags(opt.kernels_dir, b->name(), cuda ? ".ptx" : ".spv"))
        variants.push_back({"hematite-" + tag, b->name() + ".hm-" + tag + (cuda ? ".ptx" : ".spv"),
                            b->name(), {}});
      for (auto& v : variants) {
        Result r;
        r.bench = b->name();
        r.device = dev.spec();
        r.variant = v.variant;
        r.size = b->size();
        r.bytes = b->bytes();
        r.flops = b->flops();
        r.error = run_variant(dev, *b, dir + v.file, v.kernel, opt, &r, v.launch);
        if (!r.error.empty()) ++failures;
        if (r.error.empty())
          std::printf("  %-10s %-10s %-16s events %9.4f ms, sync %9.4f ms  %8.1f GB/s%s\n",
                      r.bench.c_str(), r.variant.c_str(), r.size.c_str(),
                      median(r.samples_ms), r.sync_ms,
                      r.bytes / r.ms * 1e-6,
                      r.flops ? fmt("  %8.1f GFLOP/s", r.flops / r.ms * 1e-6).c_str() : "");
        else
          std::printf("  %-10s %-10s FAILED: %s\n", r.bench.c_str(), r.variant.c_str(),
                      r.error.c_str());
        std::fflush(stdout);
        results.push_back(std::move(r));
      }
      b->release();
    }
  }

  // The device's copy bandwidth: the fastest copy kernel measured on CUDA (else Vulkan).
  double copy_gbs = 0;
  for (bool want_cuda : {true, false}) {
    for (auto& r : results)
      if (r.bench == "copy" && r.error.empty() && r.variant.rfind("hematite-", 0) != 0 &&
          (r.device.rfind("cuda", 0) == 0) == want_cuda)
        copy_gbs = std::max(copy_gbs, r.bytes / r.ms * 1e-6);
    if (copy_gbs > 0) break;
  }

  auto find = [&](const std::string& bench, bool cuda, const std::string& variant) -> const Result* {
    for (auto& r : results)
      if (r.bench == bench && r.variant == variant &&
          (r.device.rfind("cuda", 0) == 0) == cuda && r.error.empty())
        return &r;
    return nullptr;
  };
  std::printf("\ncopy bandwidth (fastest copy kernel, bytes read + written): %.1f GB/s\n\n",
              copy_gbs);
  std::printf("| kernel | size | CUDA: hematite ms | nvcc ms | hematite / nvcc | hematite GB/s "
              "(GFLOP/s) | of copy BW | Vulkan: hematite ms | glslang ms | hematite / glslang "
              "| of copy BW |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  // The goal is over its seven kernels; copy is the bandwidth yardstick.
  std::vector<double> ratio_nv, ratio_gl, seven_nv, seven_gl;
  for (auto& b : benches) {
    const Result* ch = find(b->name(), true, "hematite");
    const Result* cn = find(b->name(), true, "nvcc");
    const Result* vh = find(b->name(), false, "hematite");
    const Result* vg = find(b->name(), false, "glslang");
    auto ms = [](const Result* r) { return r ? fmt("%.4f", r->ms) : std::string("—"); };
    auto ratio = [](const Result* a, const Result* c, std::vector<double>* acc) {
      if (!a || !c) return std::string("—");
      acc->push_back(a->ms / c->ms);
      return fmt("%.3f", a->ms / c->ms);
    };
    auto rate = [&](const Result* r) {
      if (!r) return std::string("—");
      if (b->flops() > 0) return fmt("(%.0f GFLOP/s)", b->flops() / r->ms * 1e-6);
      return fmt("%.0f GB/s", b->bytes() / r->ms * 1e-6);
    };
    auto frac = [&](const Result* r) {
      if (!r || b->flops() > 0 || copy_gbs <= 0) return std::string("—");
      return fmt("%.1f%%", 100.0 * b->bytes() / r->ms * 1e-6 / copy_gbs);
    };
    std::string rn = ratio(ch, cn, &ratio_nv), rg = ratio(vh, vg, &ratio_gl);
    if (b.get() != copy) {
      if (ch && cn) seven_nv.push_back(ch->ms / cn->ms);
      if (vh && vg) seven_gl.push_back(vh->ms / vg->ms);
    }
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", b->name().c_str(),
                b->size().c_str(), ms(ch).c_str(), ms(cn).c_str(), rn.c_str(), rate(ch).c_str(),
                frac(ch).c_str(), ms(vh).c_str(), ms(vg).c_str(), rg.c_str(), frac(vh).c_str());
  }
  auto geomean = [](const std::vector<double>& v) -> double {
    if (v.empty()) return NAN;
    double s = 0;
    for (double x : v) s += std::log(x);
    return std::exp(s / v.size());
  };
  auto gm = [&](const std::vector<double>& v) {
    return v.empty() ? std::string("—") : fmt("%.3f", geomean(v));
  };
  std::printf("| geomean | | | | %s | | | | | %s | |\n", gm(ratio_nv).c_str(),
              gm(ratio_gl).c_str());
  std::printf("| geomean without copy (the issue's seven) | | | | %s | | | | | %s | |\n",
              gm(seven_nv).c_str(), gm(seven_gl).c_str());
  bool any_diag = false;
  for (auto& r : results)
    if (r.variant.rfind("hematite-", 0) == 0 && r.bench != "launch-overhead") any_diag = true;
  if (any_diag) {
    std::printf("\nDiagnostic variants of ours (not in the table above): time and ratio to the "
                "twin on the same device\n\n| kernel | device | variant | ms | / twin | "
                "/ hematite |\n| --- | --- | --- | --- | --- | --- |\n");
    for (auto& r : results) {
      if (r.variant.rfind("hematite-", 0) != 0 || r.bench == "launch-overhead" || !r.error.empty())
        continue;
      bool cuda = r.device.rfind("cuda", 0) == 0;
      const Result* twin = find(r.bench, cuda, cuda ? "nvcc" : "glslang");
      const Result* base = find(r.bench, cuda, "hematite");
      std::printf("| %s | %s | %s | %.4f | %s | %s |\n", r.bench.c_str(), r.device.c_str(),
                  r.variant.c_str(), r.ms, twin ? fmt("%.3f", r.ms / twin->ms).c_str() : "—",
                  base ? fmt("%.3f", r.ms / base->ms).c_str() : "—");
    }
  }
  if (const Result* v4 = find("copy", true, "nvcc-vec4"))
    std::printf("\n(copy_vec4, the CUDA twin's 16-byte copy: %.4f ms, %.0f GB/s)\n", v4->ms,
                v4->bytes / v4->ms * 1e-6);
  std::printf("\n%d failure(s)\n", failures);
  if (!opt.json.empty()) write_json(opt, results, device_names, copy_gbs);
  return failures ? 1 : 0;
}
