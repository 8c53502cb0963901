#!/usr/bin/env python3
"""Run 30 experiment: prefetch the row of a later block into L2 at softmax's start.

Writes diagnostic variants softmax.hm-TAG.ptx into a prepared folder. Each is our own
PTX with, right after the kernel computes its row's start (`ctaid.x * cols`), one
guarded prefetch per thread of 64 bytes of the row D blocks later: 256 threads cover
its 16 KiB. The question: softmax's first pass over each row waits on DRAM (run 23c:
issue slots 84% busy, so 16% idle); does an L2 hit there instead raise the rate,
when one prefetch per thread costs about 10 instructions per 16 elements?

  tag pl2-D:  prefetch.global.L2 [a]               (PTX 7.8; two threads per line)
  tag bulk-D: cp.async.bulk.prefetch.L2.global [a], 64   (PTX 8.0, sm_90)
  tag bulk1-D: thread 0 alone, cp.async.bulk.prefetch.L2.global [row], cols*4

  softmax_prefetch.py PREPARED_DIR OUT_DIR
"""
import shutil, sys, pathlib

src, out = map(pathlib.Path, sys.argv[1:3])
out.mkdir(parents=True, exist_ok=True)
for f in src.iterdir():
    if f.name.startswith(("softmax.", "copy.")) and "-" not in f.name.split(".")[1]:
        shutil.copy(f, out / f.name)

ptx = (src / "softmax.hm.ptx").read_text()
# Registers as our compiler names them today (checked): %rd3 = ctaid.x * cols,
# %rd1 = cols, %rd200 = tid.x (64-bit), %rd26 = x, %rd27 = x.len.
anchor = "\tmul.wide.u32 \t%rd3, %r12, %r15;\n"
assert anchor in ptx and "cvt.u64.u32 \t%rd200, %r13;" in ptx
assert "ld.param.b64 \t%rd26, [softmax_param_1];" in ptx
assert "ld.param.b64 \t%rd27, [softmax_param_2];" in ptx

def variant(dist, kind):
    code = ("\t{\n\t.reg .b64 \t%pfa<6>;\n\t.reg .pred \t%pfq<2>;\n"
            f"\tmul.lo.s64 \t%pfa0, %rd1, {dist};\n"
            "\tadd.s64 \t%pfa0, %rd3, %pfa0;\n")
    if kind == "bulk1":
        code += ("\tadd.s64 \t%pfa2, %pfa0, %rd1;\n"
                 "\tsetp.le.u64 \t%pfq0, %pfa2, %rd27;\n"
                 "\tsetp.eq.u64 \t%pfq1, %rd200, 0;\n"
                 "\tand.pred \t%pfq0, %pfq0, %pfq1;\n"
                 "\tshl.b64 \t%pfa3, %pfa0, 2;\n"
                 "\tadd.s64 \t%pfa4, %rd26, %pfa3;\n"
                 "\t{\n\t.reg .b32 \t%pfs;\n\tshl.b32 \t%pfs, %r12, 2;\n"
                 "\t@%pfq0 cp.async.bulk.prefetch.L2.global \t[%pfa4], %pfs;\n\t}\n")
    else:
        instr = ("prefetch.global.L2 \t[%pfa4]" if kind == "pl2"
                 else "cp.async.bulk.prefetch.L2.global \t[%pfa4], 64")
        code += ("\tshl.b64 \t%pfa1, %rd200, 4;\n"
                 "\tadd.s64 \t%pfa0, %pfa0, %pfa1;\n"
                 "\tadd.s64 \t%pfa2, %pfa0, 16;\n"
                 "\tsetp.le.u64 \t%pfq0, %pfa2, %rd27;\n"
                 "\tshl.b64 \t%pfa3, %pfa0, 2;\n"
                 "\tadd.s64 \t%pfa4, %rd26, %pfa3;\n"
                 f"\t@%pfq0 {instr};\n")
    code += "\t}\n"
    text = ptx.replace(anchor, anchor + code, 1)
    if kind != "pl2":
        text = text.replace(".version 7.8", ".version 8.0", 1)
    return text

# 132 SMs x 6 resident blocks = 792: the block D later starts after about D/792 waves.
for dist in (264, 792, 1584, 3168):
    (out / f"softmax.hm-pl2-{dist}.ptx").write_text(variant(dist, "pl2"))
for dist in (792, 1584):
    (out / f"softmax.hm-bulk-{dist}.ptx").write_text(variant(dist, "bulk"))
    (out / f"softmax.hm-bulk1-{dist}.ptx").write_text(variant(dist, "bulk1"))
