#!/usr/bin/env python3
"""Writes one negative lit test per diagnostic from the registry snippets.

The snippets live in test/unit/frontend/diagnostic_registry_test.cpp (one
program per diagnostic kind). Each generated test runs the real compiler and
checks that it reports exactly that code. Run from the repository root after
adding a diagnostic and its snippet; review and commit the new files.
"""
import re

src = open("test/unit/frontend/diagnostic_registry_test.cpp").read()
defs = open("frontend/diagnostics/diagnostic_kinds.def").read()
codes = dict(re.findall(r'HM_DIAGNOSTIC\((\w+), "(H\d+)"', defs))
for name, lit in re.findall(r'\{DK::(\w+), ((?:"(?:[^"\\]|\\.)*"\s*)+)\}', src):
    code = codes.get(name)
    if not code:
        continue
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lit))
    body = bytes(text, "latin-1").decode("unicode_escape").encode("latin-1")
    header = (
        f"// {code} {name}: generated from the registry snippet; the compiler must reject\n"
        f"// this program with exactly this code.\n"
        f"// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s\n"
        f"// CHECK: error[{code}]\n// CHECK: aborting due to\n// rustc-check: skip\n\n"
    ).encode()
    with open(f"test/lit/errors/{code}-{name}.rs", "wb") as f:
        f.write(header + body + b"\n")
