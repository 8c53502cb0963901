#!/usr/bin/env python3
"""Run 30 experiment: prefetch into L2 the centre line of a block R rows of blocks ahead.

Writes diagnostic variants stencil.hm-TAG.ptx into a prepared folder. Each is our own
PTX with, where the kernel has computed the address of its centre point src[i], a
guarded `prefetch.global.L2 [&src[i] + R * 8 * nx * 4]`: the centre point of the same
thread in the block R rows of blocks further on (8 = the bench's block_dim_y). Blocks
start in launch order, x first; one row of blocks is ceil(nx / 32) = 724 blocks and
about 1056 are resident, so R = 2 is the first row that has not started.

Run 29b's compiler version (which moved block_idx_y this way) left stencil's time flat
at every distance; this checks by hand whether a prefetch there can help at all.

  stencil_prefetch.py PREPARED_DIR OUT_DIR
"""
import shutil, sys, pathlib

src, out = map(pathlib.Path, sys.argv[1:3])
out.mkdir(parents=True, exist_ok=True)
for f in src.iterdir():
    if f.name.startswith(("stencil.", "copy.")) and "-" not in f.name.split(".")[1]:
        shutil.copy(f, out / f.name)

ptx = (src / "stencil.hm.ptx").read_text()
# Registers as our compiler names them today (checked): %rd4 = i, %rd2 = nx (64-bit),
# %rd11 = src, %rd12 = src.len; %rd10 = &src[i] on the versioned (no-check) path.
anchor = "\tadd.s64 \t%rd10, %rd11, %rd36;\n"
assert ptx.count(anchor) == 1 and "cvt.u64.u32 \t%rd2, %r3;" in ptx
assert "ld.param.b64 \t%rd12, [stencil_param_3];" in ptx

def variant(rows):
    code = ("\t{\n\t.reg .b64 \t%pfa<4>;\n\t.reg .pred \t%pfq;\n"
            f"\tmul.lo.s64 \t%pfa0, %rd2, {rows * 8};\n"
            "\tadd.s64 \t%pfa1, %rd4, %pfa0;\n"
            "\tsetp.lt.u64 \t%pfq, %pfa1, %rd12;\n"
            "\tshl.b64 \t%pfa2, %pfa0, 2;\n"
            "\tadd.s64 \t%pfa3, %rd10, %pfa2;\n"
            "\t@%pfq prefetch.global.L2 \t[%pfa3];\n\t}\n")
    return ptx.replace(anchor, anchor + code, 1)

for rows in (1, 2, 3, 4, 6):
    (out / f"stencil.hm-pfrow{rows}.ptx").write_text(variant(rows))
