// e2e family 9b: f32 transcendental methods that compile for vulkan1.2 (checked within
// 1e-5 relative against the C library). atan2 and cbrt have no exact GLSL.std.450
// instruction; the SPIR-V backend builds them (atan2_cbrt below checks every
// quadrant, the signed zeros and negative cube roots).
use gpu::*;

// out[13i..13i+13]; x in (0.01, 4).
#[kernel]
pub fn transcendental(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        out[13 * i] = v.sin();
        out[13 * i + 1] = v.cos();
        // Away from the pole at pi/2, where Vulkan's tan (derived from sin and cos) is
        // only accurate in absolute terms (7e-5 relative at 1.573 on the H100).
        out[13 * i + 2] = (v * 0.375).tan();
        out[13 * i + 3] = v.exp();
        out[13 * i + 4] = v.ln();
        out[13 * i + 5] = v.log2();
        out[13 * i + 6] = v.log10();
        out[13 * i + 7] = v.exp2();
        out[13 * i + 8] = v.tanh();
        out[13 * i + 9] = v.powf(1.7);
        out[13 * i + 10] = v.powi(3);
        out[13 * i + 11] = v.hypot(1.5);
        out[13 * i + 12] = v.atan();
    }
}

// out[2i..2i+2]: atan2 over all quadrants and signed zeros; cbrt of signed values.
#[kernel]
pub fn atan2_cbrt(y: &[f32], x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() && i < x.len() {
        out[2 * i] = y[i].atan2(x[i]);
        out[2 * i + 1] = y[i].cbrt();
    }
}
