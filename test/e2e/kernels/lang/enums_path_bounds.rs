// e2e family 5b: `match` range patterns whose bounds are paths: associated constants
// (`i32::MIN..=-1`, `1001..=u32::MAX`) and `const` items (`0..=SMALL`).
use gpu::*;

const SMALL: u32 = 10;

fn signed_class(v: i32) -> u32 {
    match v {
        i32::MIN..=-1 => 0,
        0..=9 => 1,
        10..=i32::MAX => 2,
    }
}

fn unsigned_class(v: u32) -> u32 {
    match v {
        0..=SMALL => 10,
        11..=1000 => 20,
        1001..=u32::MAX => 30,
    }
}

// out[2i..2i+2]
#[kernel]
pub fn enums_path_bounds(a: &[u32], b: &[i32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        out[2 * i] = signed_class(b[i]);
        out[2 * i + 1] = unsigned_class(a[i]);
    }
}
