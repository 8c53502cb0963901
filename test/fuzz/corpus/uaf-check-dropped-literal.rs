use gpu::*;

struct P {
    x: i32,
}

fn f(v: Nope) -> i32 {
    let a = (v + 300u8).x;
    let b = P { x: 1, y: 256u8 };
    let c = v[-129i8].x;
    let d = (-5).z;
    0
}
