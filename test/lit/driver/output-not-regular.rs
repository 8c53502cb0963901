// An output that exists and is not a regular file (/dev/null, a pipe) is
// written in place, not replaced by a temporary renamed over it.
// RUN: %python %S/Inputs/write_to_fifo.py %hematite --target=sm_90 %examples/saxpy.rs | FileCheck %s
// CHECK: .visible .entry saxpy(
