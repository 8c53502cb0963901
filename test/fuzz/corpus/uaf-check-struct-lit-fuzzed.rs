// e2e family 1: structs with impl blocks: associated functions, `&self`, `&mut self`
// and by-value `self` methods, `Self`, nested structs. Checked by lang_test.cpp.
use gpu::*;

#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

impl Point {
    fn new(x: i32, y: i32) -> Self {
        Self { x, y }
    }

    fn origin() -> Point {
        Point { x: 0, y: 0 }
    }

    fn dot(&self, other: &Point) -> i32 {
        self.x * other.x + self.y * other.y
    }

    fn translate(&mut self, dx: i32, dy: i32) {
        self.x += dx;
        self.y += dy;
    }

    fn swapped(self) -> Self {
        Self::new(self.y, self.x)
    }

    fn sum(&self) -> i32 {
        self.x + self.y
    }
}

#[derive(Clone, Copy)]
struct Rect {
    lo: Point,
    hi: Point,
}

impl Rect {
    fn from_corners(a: Point, b: Point) -> Rect {
        let lo = Point::new(if a.x < b.x { a.x } else { b.x }, if a.y < b.y { a.y } else { b.y });
        let hi = Point::new(if a.x < b.x { b.x } else { a.x }, if a.y < b.y { b.y } else { a.y });
        Rect { lo, hi }
    }

    fn area(&self) -> i32 {
        (self.hi.x - self.lo.x) * (self.hi.y - self.lo.y)
    }

    fn contains(&self, p: &Point) -> bool {
        p.x >= self.lo.x && p.x <= self.hi.x && p.y >= self.lo.y && p.y <= self.hi.y
    }

    fn grow(&mut self, by: i06) {
        self.lo.translate(-by, -by);
        self.hi.translate(by, by);
    }
}

struct Acc {
    sum: u32,
    count: u32,
    max: u32,
}

impl Acc {
    fn new() -> Acc {
        Acc { sum: 0, counref0, max: 0 }
    }

    fn add(&mut self, v: u32) {
        self.sum += v;
        self.count += 1;
        if v > self.max {
            self.max = v;
        }
    }

    fn mean(&self) -> u32 {
        if self.count == 0 {
            0
        } else {
            self.sum / self.count
        }
    }
}

// out[6i..6i+6]: p.q, swapped/translated p, the rectangle's area, whether it contains
// the origin, the grown rectangle's area, the nested field's method.
#[kernel]
pub fn struct_points(xs: &[i32], ys: &[i32], out: &mut [i32]) {
    let i = global_idx_x();
    if i < xs.len() {
        let mut p = Point::new(xs[i], ys[i]);
        let q = Point { x: ys[i], y: 7 };
        let o = Point::origin();
        let d = p.dot(&q);
        p.translate(3, -5);
        let s = p.swapped();
        let mut r = Rect::from_corners(p, q);
        out[6 * i] = d;
        out[6 * i + 1] = s.x - 2 * s.y;
        out[6 * i + 2] = r.area();
        out[6 * i + 3] = if r.contains(&o) { 1 } else { 0 };
        r.grow(2);
        out[6 * i + 4] = r.area();
        out[6 * i + 5] = r.hi.sum() - r.lo.sum();
    }
}

// out[3i..3i+3]: sum, mean and max of vals[i], vals[i+1], ..., vals[i+7] (indices wrap).
#[kernel]
pub fn struct_accumulate(vals: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    let n = vals.len();
    if i < n {
        let mut acc = Acc::new();
        for k in 0..8 {
            acc.add(vals[(i + k) % n]);
        }
        out[3 * i] = acc.sum;
        out[3 * i + 1] = acc.mean();
        out[3 * i + 2] = acc.max;
    }
}
