#include "bench/frontend/rust_generator.h"

#include <cstdio>
#include <string_view>

namespace hematite::bench {
namespace {

// Signatures of generated device fns that later items may call.
enum Signature : int {
  kU32U32ToU32,   // fn(u32, u32) -> u32
  kF32F32ToF32,   // fn(f32, f32) -> f32
  kSliceUsizeToF32,  // fn(&[f32], usize) -> f32
  kU32ToU32,      // fn(u32) -> u32
  kMutSliceU32,   // fn(&mut [u32], u32)
  kSignatureCount
};

class Generator {
 public:
  explicit Generator(const GeneratorOptions& options) : options_(options), rng_(options.seed | 1) {}

  // Appends text, counting lines.
  void put(std::string_view s) {
    out_ += s;
    for (char c : s) lines_ += c == '\n';
  }
  template <typename... Args>
  void putf(const char* format, Args... args) {
    char buf[512];
    int n = std::snprintf(buf, sizeof buf, format, args...);
    put(std::string_view(buf, n < int(sizeof buf) ? size_t(n) : sizeof buf - 1));
  }

  uint32_t lines() const { return lines_; }
  std::string take() { return std::move(out_); }

  // xorshift32: deterministic on every platform, unlike <random>'s distributions.
  uint32_t next() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_;
  }
  uint32_t below(uint32_t n) { return next() % n; }
  uint32_t intIn(uint32_t lo, uint32_t hi) { return lo + below(hi - lo + 1); }
  // A float literal such as "2.5" (always with a fractional part).
  std::string floatLit() {
    return std::to_string(below(100)) + "." + std::to_string(below(10)) ;
  }

  uint32_t newId() { return ++id_; }

  // A call to an earlier fn of `sig` with `args`, or `fallback` when none exists.
  std::string call(Signature sig, const std::string& args, const std::string& fallback) {
    const std::vector<std::string>& fns = fns_[sig];
    if (fns.empty()) return fallback;
    // Mostly recent fns (locality, as in real code), sometimes any.
    size_t window = fns.size() < 16 ? fns.size() : 16;
    size_t pick = below(4) == 0 ? below(uint32_t(fns.size()))
                                : fns.size() - 1 - below(uint32_t(window));
    return fns[pick] + "(" + args + ")";
  }
  void define(Signature sig, const std::string& name) { fns_[sig].push_back(name); }

  const GeneratorOptions& options() const { return options_; }

 private:
  GeneratorOptions options_;
  std::string out_;
  uint32_t lines_ = 0;
  uint32_t rng_;
  uint32_t id_ = 0;
  std::vector<std::string> fns_[kSignatureCount];
};

// ---- Templates. Each emits one item followed by a blank line. ----

void emitU32Arith(Generator& g) {
  std::string name = "mix_u32_" + std::to_string(g.newId());
  g.putf("fn %s(a: u32, b: u32) -> u32 {\n", name.c_str());
  g.putf("    let mut x = a + %u;\n", g.intIn(1, 1000));
  g.putf("    let y = b * %u + (x >> %u);\n", g.intIn(2, 9), g.intIn(1, 7));
  g.put("    if x > y {\n");
  g.put("        x = x - y;\n");
  g.put("    } else {\n");
  g.putf("        x = (y - x) ^ %u;\n", g.intIn(1, 65535));
  g.put("    }\n");
  g.putf("    let z = %s;\n", g.call(kU32U32ToU32, "x, y", "x & y").c_str());
  g.putf("    x %% %u + z\n", g.intIn(2, 97));
  g.put("}\n\n");
  g.define(kU32U32ToU32, name);
}

void emitF32Math(Generator& g) {
  std::string name = "mix_f32_" + std::to_string(g.newId());
  g.putf("fn %s(a: f32, b: f32) -> f32 {\n", name.c_str());
  g.putf("    let c = a * b + %s;\n", g.floatLit().c_str());
  g.putf("    let d = c / (b + %s);\n", g.floatLit().c_str());
  g.putf("    let e = %s;\n", g.call(kF32F32ToF32, "c, d", "c - d").c_str());
  g.put("    if d < 0.0 {\n");
  g.put("        -d + e\n");
  g.put("    } else {\n");
  g.putf("        d * %s - e\n", g.floatLit().c_str());
  g.put("    }\n");
  g.put("}\n\n");
  g.define(kF32F32ToF32, name);
}

void emitSliceReduce(Generator& g) {
  std::string name = "reduce_" + std::to_string(g.newId());
  g.put("// Sums a prefix of `x`, scaled.\n");
  g.putf("fn %s(x: &[f32], n: usize) -> f32 {\n", name.c_str());
  g.put("    let mut acc: f32 = 0.0;\n");
  g.put("    let m = if n < x.len() { n } else { x.len() };\n");
  g.put("    for i in 0..m {\n");
  g.putf("        acc += x[i] * %s;\n", g.floatLit().c_str());
  g.put("    }\n");
  g.put("    acc\n");
  g.put("}\n\n");
  g.define(kSliceUsizeToF32, name);
}

void emitWhileLoop(Generator& g) {
  std::string name = "iterate_" + std::to_string(g.newId());
  g.putf("fn %s(n: u32) -> u32 {\n", name.c_str());
  g.put("    let mut i: u32 = 0;\n");
  g.putf("    let mut s: u32 = %u;\n", g.intIn(0, 100));
  g.put("    while i < n {\n");
  g.putf("        s = s * %u + i;\n", g.intIn(2, 7));
  g.putf("        if s > %u {\n", g.intIn(1000, 100000));
  g.putf("            s = s / %u;\n", g.intIn(2, 16));
  g.put("        }\n");
  g.put("        i += 1;\n");
  g.put("    }\n");
  g.put("    s\n");
  g.put("}\n\n");
  g.define(kU32ToU32, name);
}

void emitSliceUpdate(Generator& g) {
  std::string name = "update_" + std::to_string(g.newId());
  g.putf("fn %s(y: &mut [u32], k: u32) {\n", name.c_str());
  g.put("    let n = y.len();\n");
  g.put("    let mut j: usize = 0;\n");
  g.put("    while j < n {\n");
  g.putf("        y[j] = y[j] + k * %u + %s;\n", g.intIn(2, 9),
         g.call(kU32ToU32, "k", "1").c_str());
  g.putf("        j += %u;\n", g.intIn(1, 4));
  g.put("    }\n");
  g.put("}\n\n");
  g.define(kMutSliceU32, name);
}

void emitKernelF32(Generator& g) {
  uint32_t id = g.newId();
  if (g.below(3) == 0)
    g.putf("#[kernel(max_threads = %u)]\n", 64u << g.below(4));
  else
    g.put("#[kernel]\n");
  g.putf("pub fn kernel_f32_%u(a: f32, x: &[f32], y: &mut [f32], n: u32) {\n", id);
  g.put("    let i = global_idx_x();\n");
  g.put("    if i < y.len() && i < x.len() {\n");
  g.putf("        let s = %s;\n", g.call(kF32F32ToF32, "a, x[i]", "a * x[i]").c_str());
  g.putf("        let t = %s as f32;\n", g.call(kU32ToU32, "n", "n").c_str());
  g.putf("        y[i] = s + t + %s;\n", g.call(kSliceUsizeToF32, "x, i", "y[i]").c_str());
  g.put("    }\n");
  g.put("}\n\n");
}

void emitKernelU32(Generator& g) {
  uint32_t id = g.newId();
  g.put("#[kernel]\n");
  g.putf("pub fn kernel_u32_%u(data: &mut [u32], k: u32) {\n", id);
  g.put("    let i = global_idx_x();\n");
  g.put("    let lane = thread_idx_x();\n");
  g.put("    if i < data.len() {\n");
  g.put("        let v = data[i];\n");
  g.putf("        data[i] = %s + (i as u32) + lane;\n",
         g.call(kU32U32ToU32, "v, k", "v + k").c_str());
  g.put("    }\n");
  g.put("    if i == 0 {\n");
  g.putf("        %s;\n", g.call(kMutSliceU32, "data, k", "data[0] = k").c_str());
  g.put("    }\n");
  g.put("}\n\n");
}

struct Template {
  const char* name;
  uint32_t feature;  // the Feature it needs
  uint32_t weight;   // relative frequency
  void (*emit)(Generator&);
};

// Add new constructs here (see rust_generator.h).
constexpr Template kTemplates[] = {
    {"u32-arith", kFeatureCore, 4, emitU32Arith},
    {"f32-math", kFeatureCore, 4, emitF32Math},
    {"slice-reduce", kFeatureCore, 3, emitSliceReduce},
    {"while-loop", kFeatureCore, 3, emitWhileLoop},
    {"slice-update", kFeatureCore, 2, emitSliceUpdate},
    {"kernel-f32", kFeatureCore, 2, emitKernelF32},
    {"kernel-u32", kFeatureCore, 2, emitKernelU32},
};

}  // namespace

std::string generateRust(const GeneratorOptions& options) {
  Generator g(options);
  g.put("// Generated by hematite-bench-frontend (bench/frontend/rust_generator.cpp).\n");
  g.put("use gpu::*;\n\n");
  std::vector<const Template*> enabled;
  uint32_t total_weight = 0;
  for (const Template& t : kTemplates)
    if (t.feature & options.features) {
      enabled.push_back(&t);
      total_weight += t.weight;
    }
  if (enabled.empty()) return g.take();
  while (g.lines() < options.target_lines) {
    uint32_t r = g.below(total_weight);
    for (const Template* t : enabled) {
      if (r < t->weight) {
        t->emit(g);
        break;
      }
      r -= t->weight;
    }
  }
  return g.take();
}

std::vector<std::string> templateNames(uint32_t features) {
  std::vector<std::string> names;
  for (const Template& t : kTemplates)
    if (t.feature & features) names.push_back(t.name);
  return names;
}

uint32_t parseFeatures(const std::string& list, std::string* error) {
  static const struct { const char* name; uint32_t bit; } kNames[] = {
      {"core", kFeatureCore}, {"structs", kFeatureStructs},
      {"impls", kFeatureImpls}, {"match", kFeatureMatch}};
  uint32_t bits = 0;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string item = list.substr(start, end - start);
    bool found = false;
    for (const auto& n : kNames)
      if (item == n.name) {
        bits |= n.bit;
        found = true;
      }
    if (!found && !item.empty() && error) *error = "unknown feature '" + item + "'";
    start = end + 1;
  }
  return bits;
}

}  // namespace hematite::bench
