// Hematite rejects this (H0323: `#[kernel]` on a non-function); so must rustc.
// rustc-expect-error: can only be applied to functions
use gpu::*;

#[kernel]
pub struct S {
    x: u32,
}
