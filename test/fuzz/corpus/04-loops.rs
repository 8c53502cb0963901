use gpu::*;

fn collatz(mut n: u64) -> u32 {
    let mut steps = 0;
    while n != 1 {
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}

fn first_big(x: &[i32]) -> i32 {
    let r = loop {
        break 7i32;
    };
    'outer: for i in 0..x.len() {
        for j in 1..=3 {
            if x[i] > j { break 'outer; }
            if x[i] < 0 { continue 'outer; }
        }
    }
    r
}

#[kernel]
pub fn k(out: &mut [u32], v: &[i32]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = collatz(i as u64 + 1) + first_big(v) as u32;
    }
}
