fn f(a: i32, b: i32, c: bool) -> bool {
    let x = a + b * a - b / a % b << 2 >> 1 & a | b ^ a;
    let y = -a as u32 as i64 as f32;
    (a < b) == c && !c || a >= b && a != b
}
