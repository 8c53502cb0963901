#!/usr/bin/env python3
"""Regenerates the rendered output of every example in docs/diagnostics.md.

Usage: tools/hematite/gen_diagnostic_examples.py <path/to/hematite> [docs/diagnostics.md]

For each `### H0xxx: Name` section the example is run with the built compiler
and its stderr is written into the ```text block that follows the example
(added when missing). An example is
  - a ```rust block: compiled as `hematite --emit=hm kernel.rs`, or with the
    command of a ```console block (`$ hematite ...`) in the same section;
  - a ```mlir block: written to kernel.mlir, run with the ```console command;
  - a ```console block alone: run with kernel.rs = examples/saxpy.rs.
The commands run in a scratch directory, so paths print as `kernel.rs`. A line
`<!-- example files: a.rs, b/mod.rs, c.rs=@example -->` in the section creates
more files there (empty, or holding the example's text).
Sections without an example are listed on stdout. Re-run it after changing a
message or the renderer; it edits the file in place and touches nothing else.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\w*)\s*$")


def blocks(lines, start, end):
    """(lang, first_line, last_line) of each fenced block in lines[start:end]."""
    out, i = [], start
    while i < end:
        m = FENCE.match(lines[i])
        if m and m.group(1):
            j = i + 1
            while j < end and lines[j].rstrip() != "```":
                j += 1
            out.append((m.group(1), i, j))
            i = j + 1
        else:
            i += 1
    return out


def run_example(hematite, repo, rust, mlir, console, files):
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            name, _, content = name.partition("=")
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write((rust or "") if content == "@example" else "")
        kernel = os.path.join(tmp, "kernel.rs")
        if rust is not None:
            with open(kernel, "w") as f:
                f.write(rust)
        else:
            shutil.copy(os.path.join(repo, "examples", "saxpy.rs"), kernel)
        if mlir is not None:
            with open(os.path.join(tmp, "kernel.mlir"), "w") as f:
                f.write(mlir)
        argv = ["hematite", "--emit=hm", "kernel.rs"]
        if console is not None:
            argv = shlex.split(console)
        if argv[0] != "hematite":
            raise SystemExit("example command must start with `hematite`: " + console)
        argv[0] = hematite
        if "-o" not in argv:
            argv += ["-o", os.devnull]
        r = subprocess.run(argv, cwd=tmp, capture_output=True, text=True)
        return r.stderr.rstrip("\n")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    hematite = os.path.abspath(sys.argv[1])
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    doc = sys.argv[2] if len(sys.argv) > 2 else os.path.join(repo, "docs", "diagnostics.md")
    with open(doc) as f:
        lines = f.read().split("\n")
    heads, fenced = [], False  # markdown headings, not `#[attr]` lines in code
    for i, l in enumerate(lines):
        if l.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"^#{1,6} ", l):
            heads.append(i)
    sections = [i for i in heads if re.match(r"^### H\d{4}", lines[i])]
    edits = []  # (first, last, new_lines): replace lines[first:last]
    missing, empty = [], []
    for s in sections:
        end = next((h for h in heads if h > s), len(lines))
        bs = blocks(lines, s + 1, end)
        text = lambda b: "\n".join(lines[b[1] + 1:b[2]]) + "\n"
        rust = next((b for b in bs if b[0] == "rust"), None)
        mlir = next((b for b in bs if b[0] == "mlir"), None)
        console = next((b for b in bs if b[0] == "console"), None)
        if not (rust or mlir or console):
            missing.append(lines[s])
            continue
        cmd = None
        if console:
            cmd = next((l[2:] for l in lines[console[1] + 1:console[2]] if l.startswith("$ ")), None)
        files = []
        for l in lines[s:end]:
            m = re.match(r"^<!-- example files: (.*) -->$", l.strip())
            if m:
                files += [f.strip() for f in m.group(1).split(",") if f.strip()]
        output = run_example(hematite, repo, text(rust) if rust else None,
                             text(mlir) if mlir else None, cmd, files)
        if not output:
            empty.append(lines[s])
            continue
        anchor = max(b[2] for b in (rust, mlir, console) if b)
        new = ["```text"] + output.split("\n") + ["```"]
        old = next((b for b in bs if b[0] == "text" and b[1] > anchor), None)
        if old and all(not lines[k].strip() for k in range(anchor + 1, old[1])):
            edits.append((old[1], old[2] + 1, new))
        else:
            edits.append((anchor + 1, anchor + 1, [""] + new))
    for first, last, new in sorted(edits, reverse=True):
        lines[first:last] = new
    with open(doc, "w") as f:
        f.write("\n".join(lines))
    for m in missing:
        print("no example:", m)
    for m in empty:
        print("example produces no diagnostic:", m)


if __name__ == "__main__":
    main()
