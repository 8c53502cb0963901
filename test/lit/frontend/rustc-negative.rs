// The programs of test/rustc/negative/ are rejected by rustc against the `gpu`
// stand-in crate (the rustc-fidelity test); Hematite must reject the
// language-level ones too, with the matching diagnostic. (The atomics and
// shuffle ones wait for the GPU-model issue.)
// RUN: not %hematite --target=sm_90 --emit=hm %S/../../rustc/negative/assign-immutable.rs -o %t 2>&1 | FileCheck %s --check-prefix=ASSIGN
// RUN: not %hematite --target=sm_90 --emit=hm %S/../../rustc/negative/kernel-bad-argument.rs -o %t 2>&1 | FileCheck %s --check-prefix=BADARG
// RUN: not %hematite --target=sm_90 --emit=hm %S/../../rustc/negative/kernel-not-imported.rs -o %t 2>&1 | FileCheck %s --check-prefix=IMPORT
// RUN: not %hematite --target=sm_90 --emit=hm %S/../../rustc/negative/kernel-on-struct.rs -o %t 2>&1 | FileCheck %s --check-prefix=STRUCT
// RUN: not %hematite --target=sm_90 --emit=hm %S/../../rustc/negative/kernel-zero-threads.rs -o %t 2>&1 | FileCheck %s --check-prefix=ZERO

// ASSIGN: error[H0308]: cannot assign twice to immutable variable
// BADARG: error[H0323]: malformed `kernel` attribute: unknown argument `threads`
// IMPORT: error[H0322]: cannot find attribute `kernel` in this scope
// STRUCT: error[H0323]: malformed `kernel` attribute: `#[kernel]` can only be applied to functions
// ZERO: error[H0323]: malformed `kernel` attribute: `max_threads` must be a positive integer literal
