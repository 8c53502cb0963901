#!/usr/bin/env python3
"""Plot (PNG) of a compile_bench.py --json file: median whole-process compile time per
kernel and tool.   bench/compile/plot.py RESULTS.json OUT.png   (needs matplotlib)"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

d = json.load(open(sys.argv[1]))
med = d["median_ms"]
names = list(med)
tools = [("hematite-ptx", "hematite → PTX", "tab:blue"), ("hematite-spv", "hematite → SPIR-V", "tab:orange"),
         ("nvcc", "nvcc -ptx -O3", "tab:green"), ("clang", "clang++-22 CUDA -O3", "tab:red"),
         ("glslang", "glslangValidator -V", "tab:purple")]
fig, ax = plt.subplots(figsize=(10, 4.5))
w = 0.16
for i, (key, label, color) in enumerate(tools):
    ax.bar([x + (i - 2) * w for x in range(len(names))], [med[n][key] for n in names], w, label=label,
           color=color)
nv = med["saxpy"]["nvcc"] if "saxpy" in med else None
if nv:
    ax.axhline(nv / 20, color="black", ls="--", lw=0.8, label="goal: 1/20 of nvcc on saxpy (%.0f ms)" % (nv / 20))
ax.set_xticks(list(range(len(names))))
ax.set_xticklabels(names)
ax.set_ylabel("ms, whole process (median of %d)" % d["info"]["repetitions"])
ax.set_title("Compile time per kernel (%s, %d CPUs)" % (d["info"]["date"], d["info"]["cpus"]))
ax.legend(fontsize=8, ncol=3)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
