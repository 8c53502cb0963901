#!/usr/bin/env python3
"""Compile-speed benchmark (issue 5 item 6). Not a test.

For every kernel in bench/kernels (NAME.rs, NAME.cu, NAME.comp) it measures the
whole-process wall time of

  hematite   --target=sm_90      NAME.rs -o NAME.ptx
  hematite   --target=vulkan1.2  NAME.rs -o NAME.spv
  nvcc       -ptx -O3 -arch=sm_90 NAME.cu -o NAME.ptx
  clang++-22 -x cuda --cuda-device-only --cuda-gpu-arch=sm_90 -O3 -S NAME.cu -o NAME.ptx
  glslangValidator -V --target-env vulkan1.2 NAME.comp -o NAME.spv

interleaved (every repetition runs every kernel with every tool, in a shuffled order),
and prints the median of each, and the ratios hematite/others, as a table. Raw times
go to --json.

  bench/compile/compile_bench.py [-n 21] [--hematite build/bin/hematite] [--json out.json]
"""
import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNELS = os.path.join(ROOT, "bench", "kernels")

# Kernels whose SPIR-V needs an optional Vulkan capability (docs/language.md, Atomics).
SPV_FLAGS = {"reduce": ["-C", "target-feature=+float-atomic-add"]}


def tools(args, name, out):
    rs = os.path.join(KERNELS, name + ".rs")
    cu = os.path.join(KERNELS, name + ".cu")
    comp = os.path.join(KERNELS, name + ".comp")
    return {
        "hematite-ptx": [args.hematite, "--target=sm_90", rs, "-o", os.path.join(out, name + ".hm.ptx")],
        "hematite-spv": [args.hematite, "--target=vulkan1.2", *SPV_FLAGS.get(name, []), rs, "-o",
                         os.path.join(out, name + ".hm.spv")],
        "nvcc": [args.nvcc, "-ptx", "-O3", "-arch=sm_90", cu, "-o", os.path.join(out, name + ".nvcc.ptx")],
        "clang": [args.clang, "-x", "cuda", "--cuda-device-only", "--cuda-gpu-arch=sm_90", "-O3", "-S",
                  "--cuda-path=" + args.cuda_path, "-Wno-unknown-cuda-version", cu, "-o",
                  os.path.join(out, name + ".clang.ptx")],
        "glslang": [args.glslang, "-V", "--target-env", "vulkan1.2", "-e", name, "--source-entrypoint",
                    "main", comp, "-o", os.path.join(out, name + ".glslang.spv")],
    }


def run_once(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = time.perf_counter()
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode(errors="replace")))
    return t1 - t0


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()
        return out[-1] if out else "?"
    except OSError:
        return "?"


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()
        return out[0] if out else "?"
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=21, help="repetitions (default 21)")
    ap.add_argument("--hematite", default=os.path.join(ROOT, "build", "bin", "hematite"))
    ap.add_argument("--nvcc", default=shutil.which("nvcc") or "/usr/local/cuda/bin/nvcc")
    ap.add_argument("--clang", default="clang++-22")
    ap.add_argument("--cuda-path", default="/usr/local/cuda")
    ap.add_argument("--glslang", default="glslangValidator")
    ap.add_argument("--kernels", nargs="*", help="default: every NAME.rs in bench/kernels")
    ap.add_argument("--json", help="write raw times and medians here")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    names = args.kernels or sorted(f[:-3] for f in os.listdir(KERNELS) if f.endswith(".rs"))
    out = tempfile.mkdtemp(prefix="hm-compile-bench-")
    rng = random.Random(args.seed)
    tool_names = list(tools(args, names[0], out).keys())
    times = {n: {t: [] for t in tool_names} for n in names}

    # One warm-up of everything (page cache, nvcc's and clang's headers), not counted.
    for n in names:
        for cmd in tools(args, n, out).values():
            run_once(cmd)
    for _ in range(args.n):
        jobs = [(n, t, cmd) for n in names for t, cmd in tools(args, n, out).items()]
        rng.shuffle(jobs)
        for n, t, cmd in jobs:
            times[n][t].append(run_once(cmd))
    shutil.rmtree(out, ignore_errors=True)

    med = {n: {t: statistics.median(v) * 1e3 for t, v in times[n].items()} for n in names}
    info = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "host": platform.node(), "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "repetitions": args.n,
        "hematite": version([args.hematite, "--version"]),
        "nvcc": version([args.nvcc, "--version"]),
        "clang": first_line([args.clang, "--version"]),
        "glslang": first_line([args.glslang, "--version"]),
    }

    print("compile time, whole process, median of %d interleaved runs (ms); %s; %d CPUs, load %.2f %.2f %.2f"
          % (args.n, info["date"], info["cpus"], *info["loadavg"]))
    print("hematite: %s | nvcc: %s | clang: %s | glslang: %s" % (info["hematite"], info["nvcc"], info["clang"],
                                                                  info["glslang"]))
    print()
    hdr = ("| kernel | hematite→PTX | hematite→SPIR-V | nvcc -ptx | clang CUDA | glslang | "
           "hm PTX / nvcc | hm PTX / clang | hm SPIR-V / glslang |")
    print(hdr)
    print("|" + " --- |" * 9)
    ratios = {"nvcc": [], "clang": [], "glslang": []}
    for n in names:
        m = med[n]
        r_nv = m["hematite-ptx"] / m["nvcc"]
        r_cl = m["hematite-ptx"] / m["clang"]
        r_gl = m["hematite-spv"] / m["glslang"]
        ratios["nvcc"].append(r_nv)
        ratios["clang"].append(r_cl)
        ratios["glslang"].append(r_gl)
        print("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f (1/%.1f) | %.3f | %.2f |"
              % (n, m["hematite-ptx"], m["hematite-spv"], m["nvcc"], m["clang"], m["glslang"],
                 r_nv, 1 / r_nv, r_cl, r_gl))
    gm = {k: statistics.geometric_mean(v) for k, v in ratios.items()}
    print("| geomean | | | | | | %.3f (1/%.1f) | %.3f | %.2f |"
          % (gm["nvcc"], 1 / gm["nvcc"], gm["clang"], gm["glslang"]))
    if "saxpy" in med:
        r = med["saxpy"]["hematite-ptx"] / med["saxpy"]["nvcc"]
        print()
        print("goal (issue 5): hematite→PTX ≤ 1/20 of nvcc -ptx on saxpy: %.3f = 1/%.1f: %s"
              % (r, 1 / r, "met" if r <= 0.05 else "NOT met"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "median_ms": med,
                       "raw_s": times}, f, indent=1)


if __name__ == "__main__":
    main()
