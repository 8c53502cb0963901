// e2e family 13: `for` over arrays and slices: by value, `&arr`, `.iter()`,
// `.iter_mut()`, a slice directly, and `.enumerate()`.
use gpu::*;

// out[4i..4i+4]
#[kernel]
pub fn iterators(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() && 4 * i + 3 < out.len() {
        let w = [x[i], x[i] * 2.0, x[i] - 1.0];
        let mut by_value = 0.0;
        for v in w {
            by_value += v;
        }
        let mut by_ref = 0.0;
        for v in &w {
            by_ref += *v * 0.5;
        }
        let mut weighted = 0.0;
        for (k, v) in w.iter().enumerate() {
            weighted += *v * k as f32;
        }
        // A window of the input slice (up to 3 elements from i).
        let end = if i + 3 < x.len() { i + 3 } else { x.len() };
        let mut window = 0.0;
        for v in &x[i..end] {
            window += *v;
        }
        let o = &mut out[4 * i..4 * i + 4];
        for v in o.iter_mut() {
            *v = 1.0;
        }
        for (k, v) in o.iter_mut().enumerate() {
            *v *= match k {
                0 => by_value,
                1 => by_ref,
                2 => weighted,
                _ => window,
            };
        }
    }
}
