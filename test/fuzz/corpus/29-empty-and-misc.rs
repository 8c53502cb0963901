use gpu::*;
use gpu::{thread_idx_x};
fn empty() {}
fn unit() -> () { () }
fn never() -> u32 { let mut i = 0; loop { i += 1; if i > 3 { break i; } } }
fn labels() { 'a: loop { 'b: while true { break 'b; } break 'a; } }
fn returns(x: u32) -> u32 { if x > 0 { return x; } x + 1 }
