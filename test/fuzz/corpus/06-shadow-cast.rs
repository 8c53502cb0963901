fn f(c: bool, y: &mut [f32], i: usize) -> u16 {
    let x = 1u8;
    let x = x as f32;
    { let x = true; }
    let v = if c { 1u16 } else { 2 };
    y[i] = x;
    let mut m = 3u32;
    m <<= 2; m >>= 1; m |= 8; m &= 0xF; m ^= 1; m -= 1; m %= 5; m /= 2;
    v + (m as u16)
}
