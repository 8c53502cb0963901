#!/usr/bin/env python3
"""Run 29 experiment: L2 prefetch ahead in one-element-per-thread kernels.

Writes diagnostic variants NAME.hm-TAG.ptx of copy and saxpy into a prepared folder.
Each variant is our own PTX with, after the global loads, a guarded
`prefetch.global.L2 [addr + D*4]` for every loaded slice: the data a block D elements
later will load. The question: do prefetches, which hold no register and return no data
to the SM, raise the bytes in flight that one 4-byte element per thread caps (run 23a)?
Also: L1 no-allocate on the read-only loads, and saxpy's y as streaming (.cs). Not part of the bench.

  l2_prefetch.py PREPARED_DIR OUT_DIR
"""
import re, shutil, sys, pathlib

src, out = map(pathlib.Path, sys.argv[1:3])
out.mkdir(parents=True, exist_ok=True)
for f in src.iterdir():
    if f.name.startswith(("copy.", "saxpy.")) and "-" not in f.name.split(".")[1]:
        shutil.copy(f, out / f.name)

def prefetch_variant(ptx, loads, dist, qualifier=""):
    """loads: [(address register, length register, index register)]."""
    decl = "\t.reg .b64 \t%pf<8>;\n\t.reg .pred \t%pq<4>;\n"
    ptx = ptx.replace("\t.reg .pred", decl + "\t.reg .pred", 1)
    # After the loads (every address register is defined there), before the first store.
    first = re.search(r"\n\tst\.global", ptx).start()
    code = ""
    for k, (addr, length, index) in enumerate(loads):
        code += (f"\n\tadd.s64 \t%pf{2*k}, {index}, {dist};"
                 f"\n\tsetp.lt.u64 \t%pq{k}, %pf{2*k}, {length};"
                 f"\n\tadd.s64 \t%pf{2*k+1}, {addr}, {dist * 4};"
                 f"\n\t@%pq{k} prefetch.global.L2{qualifier} \t[%pf{2*k+1}];")
    return ptx[:first] + code + ptx[first:]

copy = (src / "copy.hm.ptx").read_text()
saxpy = (src / "saxpy.hm.ptx").read_text()
# Registers as our compiler names them today (checked: the loads' address registers).
assert "ld.global.nc.b32 \t%r5, [%rd9]" in copy
assert "ld.global.nc.b32 \t%r6, [%rd9]" in saxpy and "ld.global.b32 \t%r7, [%rd10]" in saxpy
for dist in (65536, 262144, 1048576):
    tag = f"pf{dist // 1024}k"
    (out / f"copy.hm-{tag}.ptx").write_text(
        prefetch_variant(copy, [("%rd9", "%rd3", "%rd1")], dist))
    (out / f"saxpy.hm-{tag}.ptx").write_text(
        prefetch_variant(saxpy, [("%rd9", "%rd3", "%rd1"), ("%rd10", "%rd5", "%rd1")], dist))
(out / "saxpy.hm-pf256kel.ptx").write_text(prefetch_variant(
    saxpy, [("%rd9", "%rd3", "%rd1"), ("%rd10", "%rd5", "%rd1")], 262144, "::evict_last"))
# Cache hints on the loads themselves.
(out / "saxpy.hm-l1na.ptx").write_text(saxpy.replace("ld.global.nc.b32", "ld.global.nc.L1::no_allocate.b32"))
(out / "copy.hm-l1na.ptx").write_text(copy.replace("ld.global.nc.b32", "ld.global.nc.L1::no_allocate.b32"))
(out / "saxpy.hm-cs.ptx").write_text(saxpy.replace("ld.global.b32", "ld.global.cs.b32")
                                    .replace("st.global.b32 \t[%rd10]", "st.global.cs.b32 \t[%rd10]"))
