// hematite-bench-frontend: how fast the frontend's phases are.
//
// Generates Rust inputs of the requested sizes (rust_generator.h), checks that
// they compile without errors, then times lexing, parsing and checking
// separately (and optionally MLIRGen), each the median of several repetitions
// on steady_clock, and prints lines/second per phase and size as a table.
//
//   hematite-bench-frontend                       # 1k, 10k, 100k lines
//   hematite-bench-frontend --sizes=5000 --reps=31 --mlirgen
//   hematite-bench-frontend --dump=gen.rs --sizes=1000   # write the input and exit
//
// Targets (docs/frontend-speed.md): lex+parse >= 5M lines/s, check >= 1M lines/s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench/frontend/rust_generator.h"
#include "frontend/check/checker.h"
#include "frontend/diagnostics/diagnostics.h"
#include "frontend/lex/lexer.h"
#include "frontend/mlirgen/mlirgen.h"
#include "frontend/parse/parser.h"
#include "frontend/source/source_manager.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/MLIRContext.h"

using namespace hematite;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kLexParseTarget = 5e6;  // lines/s
constexpr double kCheckTarget = 1e6;     // lines/s

struct Options {
  std::vector<uint32_t> sizes = {1000, 10000, 100000};
  int reps = 0;  // 0: chosen per size
  uint32_t seed = 42;
  uint32_t features = bench::kFeatureCore;
  bool mlirgen = false;
  bool fail_below_target = false;
  std::string dump;
};

[[noreturn]] void usage(const char* argv0, const std::string& error) {
  if (!error.empty()) std::fprintf(stderr, "error: %s\n", error.c_str());
  std::fprintf(stderr,
               "usage: %s [--sizes=N,N,...] [--reps=N] [--seed=N] [--features=core,...]\n"
               "          [--mlirgen] [--fail-below-target] [--dump=FILE]\n",
               argv0);
  std::exit(2);
}

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) -> const char* {
      size_t n = std::strlen(flag);
      return a.compare(0, n, flag) == 0 ? a.c_str() + n : nullptr;
    };
    if (const char* v = value("--sizes=")) {
      o.sizes.clear();
      for (const char* p = v; *p;) {
        char* end;
        unsigned long n = std::strtoul(p, &end, 10);
        if (end == p || n == 0) usage(argv[0], "bad --sizes");
        if (*end == 'k') n *= 1000, ++end;
        o.sizes.push_back(uint32_t(n));
        p = *end == ',' ? end + 1 : end;
        if (*end && *end != ',') usage(argv[0], "bad --sizes");
      }
    } else if (const char* v = value("--reps=")) {
      o.reps = std::atoi(v);
      if (o.reps <= 0) usage(argv[0], "bad --reps");
    } else if (const char* v = value("--seed=")) {
      o.seed = uint32_t(std::strtoul(v, nullptr, 10));
    } else if (const char* v = value("--features=")) {
      std::string error;
      o.features = bench::parseFeatures(v, &error);
      if (!error.empty()) usage(argv[0], error);
    } else if (a == "--mlirgen") {
      o.mlirgen = true;
    } else if (a == "--fail-below-target") {
      o.fail_below_target = true;
    } else if (const char* v = value("--dump=")) {
      o.dump = v;
    } else if (a == "--list") {
      for (const std::string& n : bench::templateNames(~0u)) std::printf("%s\n", n.c_str());
      std::exit(0);
    } else {
      usage(argv[0], a == "--help" || a == "-h" ? "" : "unknown argument " + a);
    }
  }
  return o;
}

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct PhaseTimes {
  std::vector<double> lex, parse, lex_parse, check, mlirgen;
};

std::string human(double x) {
  char buf[32];
  if (x >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", x / 1e6);
  else if (x >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1fk", x / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", x);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts = parseArgs(argc, argv);

  if (!opts.dump.empty()) {
    bench::GeneratorOptions g;
    g.target_lines = opts.sizes.front();
    g.seed = opts.seed;
    g.features = opts.features;
    std::ofstream(opts.dump, std::ios::binary) << bench::generateRust(g);
    return 0;
  }

  std::unique_ptr<mlir::MLIRContext> context;
  if (opts.mlirgen) {
    context = std::make_unique<mlir::MLIRContext>();
    context->loadDialect<::hm::HmDialect, mlir::arith::ArithDialect, mlir::cf::ControlFlowDialect,
                         mlir::func::FuncDialect, mlir::memref::MemRefDialect,
                         mlir::ub::UBDialect>();
  }

  // lines/s and MB/s are from the median; "best lines/s" from the fastest
  // repetition, a better estimate of the cost itself on a loaded machine.
  std::printf("%-10s %8s %9s %8s %5s %10s %10s %10s %10s %8s %s\n", "phase", "lines", "bytes",
              "tokens", "reps", "median ms", "min ms", "lines/s", "best l/s", "MB/s", "target");
  bool all_met = true;
  for (uint32_t size : opts.sizes) {
    bench::GeneratorOptions g;
    g.target_lines = size;
    g.seed = opts.seed;
    g.features = opts.features;
    std::string text = bench::generateRust(g);
    size_t bytes = text.size();

    SourceManager sources;
    FileId file = sources.addBuffer("bench.rs", std::move(text));
    uint32_t lines = sources.buffer(file).lineCount();

    // The input must be valid, or we would be timing error recovery.
    {
      DiagnosticEngine diags;
      lex::TokenizedBuffer tokens = lex::lex(sources, file, diags);
      ast::Crate crate = parse::parse(tokens, diags);
      check::CheckedProgram program = check::check(crate, diags);
      if (diags.hasErrors()) {
        std::string rendered = renderDiagnostics(diags, sources);
        std::fprintf(stderr, "generated input of %u lines has errors:\n%.4000s\n", lines,
                     rendered.c_str());
        return 1;
      }
    }

    int reps = opts.reps ? opts.reps : std::clamp(int(2000000 / size), 5, 101);
    PhaseTimes t;
    size_t token_count = 0;
    for (int rep = 0; rep <= reps; ++rep) {  // rep 0 warms up and is not counted
      DiagnosticEngine diags;
      auto t0 = Clock::now();
      lex::TokenizedBuffer tokens = lex::lex(sources, file, diags);
      auto t1 = Clock::now();
      ast::Crate crate = parse::parse(tokens, diags);
      auto t2 = Clock::now();
      check::CheckedProgram program = check::check(crate, diags);
      auto t3 = Clock::now();
      if (context) {
        mlir::OwningOpRef<mlir::ModuleOp> module = mlirgen::lowerToHm(program, sources, *context);
        auto t4 = Clock::now();
        if (rep) t.mlirgen.push_back(seconds(t3, t4));
      }
      token_count = tokens.tokens.size();
      if (rep == 0) continue;
      t.lex.push_back(seconds(t0, t1));
      t.parse.push_back(seconds(t1, t2));
      t.lex_parse.push_back(seconds(t0, t2));
      t.check.push_back(seconds(t2, t3));
      // The destructors of program, crate and tokens run here, outside the timings.
    }

    auto row = [&](const char* phase, const std::vector<double>& v, double target) {
      double med = median(v);
      double mn = *std::min_element(v.begin(), v.end());
      double lps = lines / med;
      std::string verdict = "";
      if (target > 0) {
        bool met = lps >= target;
        all_met &= met;
        verdict = (met ? ">= " : "BELOW ") + human(target);
      }
      std::printf("%-10s %8u %9zu %8zu %5d %10.3f %10.3f %10s %10s %8.1f %s\n", phase, lines,
                  bytes, token_count, reps, med * 1e3, mn * 1e3, human(lps).c_str(),
                  human(lines / mn).c_str(), bytes / med / 1e6, verdict.c_str());
    };
    row("lex", t.lex, 0);
    row("parse", t.parse, 0);
    row("lex+parse", t.lex_parse, kLexParseTarget);
    row("check", t.check, kCheckTarget);
    if (context) row("mlirgen", t.mlirgen, 0);
    std::fflush(stdout);
  }
  return opts.fail_below_target && !all_met ? 1 : 0;
}
