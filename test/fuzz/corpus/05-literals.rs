fn lits() -> f64 {
    let a = 0xFF_u8;
    let b = 0o777u16;
    let c = 0b1010_1010u32;
    let d = 1_000_000i64;
    let e = 1e10;
    let f = 2.5e-3f32;
    let g = b'a';
    let h = u32::MAX;
    let i = i8::MIN;
    let n: i8 = -128;
    let s = 300 as u64;
    let t = 3 as f32;
    let u = !c;
    let v = -(d as i32);
    let w = true && !false || a == 3;
    (a as f64) + (b as f64) + e + (f as f64) + (g as f64) + (h as f64) + (i as f64)
}
