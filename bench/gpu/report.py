#!/usr/bin/env python3
"""Tables (markdown) and plots (PNG) from a hematite-bench-gpu JSON file, for
docs/benchmarks.md.

  bench/gpu/report.py RESULTS.json [--png-prefix docs/images/bench-gpu]

Times: CUDA rows use the event-timed median ("ms"); Vulkan rows use the host-timed
median of synchronized batches ("sync_ms"), see bench_gpu.cpp's header comment.
"""
import argparse
import json
import math


def load(path):
    with open(path) as f:
        d = json.load(f)
    res = {}
    for r in d["results"]:
        if r["error"] or r["bench"] == "launch-overhead":
            continue
        cuda = r["device"].startswith("cuda")
        t = r["ms"] if cuda else r["sync_ms"]
        res[(r["bench"], "cuda" if cuda else "vulkan", r["variant"])] = dict(r, t=t)
    return d, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("--png-prefix")
    args = ap.parse_args()
    d, res = load(args.json)
    benches = []
    for (b, _, _) in res:
        if b not in benches:
            benches.append(b)
    copy_bw = d["copy_bandwidth_gbs"]

    def get(b, dev, v):
        return res.get((b, dev, v))

    def rate(r):
        if r["flops"] > 0:
            return "%.0f GFLOP/s" % (r["flops"] / r["t"] * 1e-6)
        return "%.0f GB/s" % (r["bytes"] / r["t"] * 1e-6)

    def frac(r):
        if r["flops"] > 0:
            return "—"
        return "%.1f%%" % (100 * r["bytes"] / r["t"] * 1e-6 / copy_bw)

    print("| kernel | size | hematite (CUDA) | nvcc | hematite / nvcc | hematite rate | of copy BW | "
          "nvcc of copy BW | hematite (Vulkan) | glslang | hematite / glslang | hematite of copy BW | "
          "glslang of copy BW |")
    print("|" + " --- |" * 13)
    gm = {"cuda": [], "vulkan": []}
    # The goal is over its seven kernels; copy is the bandwidth yardstick.
    seven = {"cuda": [], "vulkan": []}
    for b in benches:
        ch, cn = get(b, "cuda", "hematite"), get(b, "cuda", "nvcc")
        vh, vg = get(b, "vulkan", "hematite"), get(b, "vulkan", "glslang")
        row = [b, (ch or vh)["size"]]
        if ch and cn:
            gm["cuda"].append(ch["t"] / cn["t"])
            if b != "copy":
                seven["cuda"].append(ch["t"] / cn["t"])
            row += ["%.3f ms" % ch["t"], "%.3f ms" % cn["t"], "**%.3f**" % (ch["t"] / cn["t"]), rate(ch),
                    frac(ch), frac(cn)]
        else:
            row += ["—"] * 6
        if vh and vg:
            gm["vulkan"].append(vh["t"] / vg["t"])
            if b != "copy":
                seven["vulkan"].append(vh["t"] / vg["t"])
            row += ["%.3f ms" % vh["t"], "%.3f ms" % vg["t"], "**%.3f**" % (vh["t"] / vg["t"]), frac(vh),
                    frac(vg)]
        else:
            row += ["—"] * 5
        print("| " + " | ".join(row) + " |")
    g = {k: math.exp(sum(map(math.log, v)) / len(v)) if v else float("nan") for k, v in gm.items()}
    print("| geomean | | | | **%.3f** | | | | | | **%.3f** | | |" % (g["cuda"], g["vulkan"]))
    g7 = {k: math.exp(sum(map(math.log, v)) / len(v)) if v else float("nan") for k, v in seven.items()}
    print("| geomean without copy (the issue's seven) | | | | **%.3f** | | | | | | **%.3f** | | |"
          % (g7["cuda"], g7["vulkan"]))
    print()
    print("copy bandwidth (fastest copy kernel, CUDA copy_vec4): %.0f GB/s" % copy_bw)
    print()
    print("| kernel | device | variant | time | / twin | / hematite |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (b, dev, v), r in res.items():
        if not v.startswith("hematite-"):
            continue
        twin = get(b, dev, "nvcc" if dev == "cuda" else "glslang")
        base = get(b, dev, "hematite")
        print("| %s | %s | %s | %.3f ms | %s | %s |" % (
            b, dev, v, r["t"], "%.3f" % (r["t"] / twin["t"]) if twin else "—",
            "%.3f" % (r["t"] / base["t"]) if base else "—"))

    if not args.png_prefix:
        return
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # 1. ratios to the twins, with the bounds-checks-off diagnostic beside them
    fig, ax = plt.subplots(figsize=(10, 4.5))
    w = 0.2
    xs = range(len(benches))
    series = [("cuda", "hematite", "nvcc", "CUDA: hematite / nvcc", "tab:blue", None),
              ("cuda", "hematite-nobc", "nvcc", "CUDA: -C bounds-checks=off / nvcc", "tab:blue", "//"),
              ("vulkan", "hematite", "glslang", "Vulkan: hematite / glslang", "tab:orange", None),
              ("vulkan", "hematite-nobc", "glslang", "Vulkan: -C bounds-checks=off / glslang", "tab:orange", "//")]
    for i, (dev, v, twin, label, color, hatch) in enumerate(series):
        ys = []
        for b in benches:
            a, t = get(b, dev, v), get(b, dev, twin)
            ys.append(a["t"] / t["t"] if a and t else float("nan"))
        bars = ax.bar([x + (i - 1.5) * w for x in xs], ys, w, label=label, color=color,
                      hatch=hatch, edgecolor="white" if hatch else color, alpha=0.9 if not hatch else 0.55)
        for x, y in zip(xs, ys):
            if y == y and y > 1.3:
                ax.text(x + (i - 1.5) * w, min(y, 4.2), "%.1f" % y, ha="center", va="bottom", fontsize=7)
    ax.axhline(1.0, color="black", lw=0.8)
    ax.axhline(1.05, color="red", lw=0.8, ls="--", label="goal: ≤ 1.05")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(benches)
    ax.set_ylim(0, 4.8)
    ax.set_ylabel("time ratio (lower is better)")
    ax.set_title("Kernel time, ours / twin, H100 (values above 4 clipped)")
    ax.legend(fontsize=8, ncol=3, loc="upper left")
    fig.tight_layout()
    fig.savefig(args.png_prefix + "-ratios.png", dpi=110)

    # 2. fraction of the measured copy bandwidth (memory-bound kernels)
    mem = [b for b in benches if get(b, "cuda", "hematite") and get(b, "cuda", "hematite")["flops"] == 0]
    fig, ax = plt.subplots(figsize=(10, 4.5))
    series = [("cuda", "hematite", "CUDA: hematite", "tab:blue"), ("cuda", "nvcc", "CUDA: nvcc", "tab:cyan"),
              ("vulkan", "hematite", "Vulkan: hematite", "tab:orange"),
              ("vulkan", "glslang", "Vulkan: glslang", "tab:olive")]
    for i, (dev, v, label, color) in enumerate(series):
        ys = []
        for b in mem:
            r = get(b, dev, v)
            ys.append(100 * r["bytes"] / r["t"] * 1e-6 / copy_bw if r else float("nan"))
        ax.bar([x + (i - 1.5) * w for x in range(len(mem))], ys, w, label=label, color=color)
    ax.axhline(92, color="red", lw=0.8, ls="--", label="goal: ≥ 92%")
    ax.set_xticks(list(range(len(mem))))
    ax.set_xticklabels(mem)
    ax.set_ylabel("%% of measured copy bandwidth (%.0f GB/s)" % copy_bw)
    ax.set_ylim(0, 118)
    ax.set_title("Memory-bound kernels: achieved bandwidth (fewest bytes) / copy bandwidth, H100")
    ax.legend(fontsize=8, ncol=5, loc="upper center")
    fig.tight_layout()
    fig.savefig(args.png_prefix + "-bandwidth.png", dpi=110)


if __name__ == "__main__":
    main()
