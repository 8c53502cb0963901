// e2e family 5: C-like enums (with and without explicit discriminants, `as u32`),
// methods on enums, `match` on enums (exhaustive, or-patterns), on integers with
// inclusive ranges, or-patterns, bindings with guards, `_`, and `match` as an expression.
// Range bounds that are paths (`i32::MIN..=-1`) are in enums_path_bounds.rs.
use gpu::*;

#[derive(Clone, Copy)]
enum Op {
    Add,
    Max,
    Mul,
    Xor,
}

impl Op {
    fn from_code(c: u32) -> Op {
        match c % 4 {
            0 => Op::Add,
            1 => Op::Max,
            2 => Op::Mul,
            _ => Op::Xor,
        }
    }

    fn apply(self, a: u32, b: u32) -> u32 {
        match self {
            Op::Add => a + b,
            Op::Max => {
                if a > b {
                    a
                } else {
                    b
                }
            }
            Op::Mul => a * b,
            Op::Xor => a ^ b,
        }
    }
}

#[derive(Clone, Copy)]
enum Level {
    Low = 1,
    Mid = 5,
    High = 10,
}

fn classify(v: u32) -> Level {
    match v {
        0..=9 => Level::Low,
        10..=99 | 1000..=1999 => Level::Mid,
        _ => Level::High,
    }
}

fn bucket(v: i32) -> u32 {
    match v {
        -2147483648..=-1 => 0,
        0 => 1,
        1 | 2 | 3 => 2,
        x if x % 2 == 0 && x < 100 => 3,
        4..=99 => 4,
        100..=999 if v % 7 == 0 => 5,
        _ => 6,
    }
}

fn weight(op: Op) -> u32 {
    match op {
        Op::Add | Op::Xor => 10,
        Op::Mul => 20,
        Op::Max => 30,
    }
}

// out[5i..5i+5]
#[kernel]
pub fn enums_match(a: &[u32], b: &[i32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let op = Op::from_code(a[i]);
        let level = classify(a[i] % 3000);
        out[5 * i] = op.apply(a[i] % 1000, (a[i] >> 12) % 1000);
        out[5 * i + 1] = level as u32;
        out[5 * i + 2] = bucket(b[i]);
        out[5 * i + 3] = weight(op) + Op::Mul as u32;
        out[5 * i + 4] = match level {
            Level::Low => 100,
            Level::Mid | Level::High => match b[i] {
                -5..=5 => 200,
                _ => 300,
            },
        };
    }
}
