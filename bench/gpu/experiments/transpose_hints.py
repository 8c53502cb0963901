#!/usr/bin/env python3
"""Run 30 experiment: cache hints and a one-per-thread row prefetch for transpose.

Writes diagnostic variants transpose.hm-TAG.ptx into a prepared folder (the runner
measures them beside our kernel):
  stcs     the stores to dst as st.global.cs (evict first)
  l1na     the loads from src as ld.global.nc.L1::no_allocate (the tile goes to shared
           memory; L1 gains nothing from keeping it)
  pfrowR   one guarded prefetch.global.L2 per thread, of its first load's address R rows
           of blocks (R * 32 rows of src) further on; run 29b prefetched all four
           loads of each thread and found no gain (1 row) or a loss (3 rows: 1.10x)

  transpose_hints.py PREPARED_DIR OUT_DIR
"""
import shutil, sys, pathlib

src, out = map(pathlib.Path, sys.argv[1:3])
out.mkdir(parents=True, exist_ok=True)
ptx = (src / "transpose.hm.ptx").read_text()
# Registers as our compiler names them today (checked): %rd1 = w, %rd39 = src.len,
# %rd12 = the thread's first row, %rd7 = its column, %rd14 = &src[row * w + col].
anchor = "\tld.global.nc.b32 \t%r17, [%rd14];\n"
assert ptx.count(anchor) == 1 and "ld.param.b32 \t%rd1, [transpose_param_0];" in ptx
assert "ld.param.b64 \t%rd39, [transpose_param_3];" in ptx
assert "add.s64 \t%rd14, %rd13, %rd49;" in ptx

(out / "transpose.hm-stcs.ptx").write_text(ptx.replace("st.global.b32", "st.global.cs.b32"))
(out / "transpose.hm-l1na.ptx").write_text(
    ptx.replace("ld.global.nc.b32", "ld.global.nc.L1::no_allocate.b32"))
for rows in (1, 2):
    code = ("\t{\n\t.reg .b64 \t%pfa<5>;\n\t.reg .pred \t%pfq;\n"
            f"\tmul.lo.s64 \t%pfa0, %rd1, {rows * 32};\n"
            "\tmad.lo.s64 \t%pfa1, %rd12, %rd1, %rd7;\n"
            "\tadd.s64 \t%pfa1, %pfa1, %pfa0;\n"
            "\tsetp.lt.u64 \t%pfq, %pfa1, %rd39;\n"
            "\tshl.b64 \t%pfa2, %pfa0, 2;\n"
            "\tadd.s64 \t%pfa3, %rd14, %pfa2;\n"
            "\t@%pfq prefetch.global.L2 \t[%pfa3];\n\t}\n")
    (out / f"transpose.hm-pfrow{rows}.ptx").write_text(ptx.replace(anchor, anchor + code, 1))
