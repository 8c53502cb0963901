// The file module `mod util;` of modules.rs (e2e family 7).

pub const SCALE: u32 = 3;

pub fn mix(a: u32, b: u32) -> u32 {
    a * SCALE + b
}

#[derive(Clone, Copy)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

impl Pair {
    pub fn new(a: u32, b: u32) -> Pair {
        Pair { a, b }
    }

    pub fn spread(&self) -> u32 {
        if self.a > self.b {
            self.a - self.b
        } else {
            self.b - self.a
        }
    }
}

pub mod inner {
    pub fn twice(x: u32) -> u32 {
        x * 2
    }
}
