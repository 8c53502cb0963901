//! The `gpu` module of Hematite's Rust subset, as a crate that rustc understands.
//!
//! Hematite compiles `gpu::*` calls to device intrinsics. This crate exists so
//! that every kernel file Hematite accepts also type-checks with rustc, against
//! the exact signatures of docs/../DESIGN.md's `gpu` module list, and so that
//! rustc rejects what the signatures forbid (`atomic_and` on `f32`, a `shuffle`
//! of a struct, ...). See docs/rust-fidelity.md.
//!
//! Bodies: each intrinsic has the meaning it has in a launch of ONE block of ONE
//! thread, whose warp has ONE lane (block_dim = grid_dim = 1, every index 0,
//! warp_size() = 1, a shuffle returns its own value, an atomic is a plain
//! read-modify-write). That is exact for such a launch, so device functions can
//! be unit-tested on the host. The one exception is `shared`, which panics
//! (`unimplemented!`): safe Rust cannot hand out one block-shared allocation per
//! call site as a `&'static mut T`.
//!
//! Built with plain rustc (no cargo, no registry), against the proc-macro crate
//! in ../gpu-macros:
//!     rustc --edition 2021 --crate-type proc-macro --crate-name gpu_macros \
//!           ../gpu-macros/src/lib.rs --out-dir OUT
//!     rustc --edition 2021 --crate-type rlib --crate-name gpu src/lib.rs \
//!           --extern gpu_macros=OUT/libgpu_macros.so --out-dir OUT
//! Keep it compiling with rustc 1.63 (Debian 12's): no newer language features.

/// `#[kernel]` and `#[kernel(max_threads = N)]`: a kernel entry point.
/// Re-exported here so that `use gpu::*;` brings it into scope.
pub use gpu_macros::kernel;

// ------------------------------------------------------------------ indices

/// `threadIdx.x`: this thread's index in its block.
#[inline]
pub fn thread_idx_x() -> u32 { 0 }
/// `threadIdx.y`.
#[inline]
pub fn thread_idx_y() -> u32 { 0 }
/// `threadIdx.z`.
#[inline]
pub fn thread_idx_z() -> u32 { 0 }

/// `blockIdx.x`: this block's index in the grid.
#[inline]
pub fn block_idx_x() -> u32 { 0 }
/// `blockIdx.y`.
#[inline]
pub fn block_idx_y() -> u32 { 0 }
/// `blockIdx.z`.
#[inline]
pub fn block_idx_z() -> u32 { 0 }

/// `blockDim.x`: threads per block.
#[inline]
pub fn block_dim_x() -> u32 { 1 }
/// `blockDim.y`.
#[inline]
pub fn block_dim_y() -> u32 { 1 }
/// `blockDim.z`.
#[inline]
pub fn block_dim_z() -> u32 { 1 }

/// `gridDim.x`: blocks per grid.
#[inline]
pub fn grid_dim_x() -> u32 { 1 }
/// `gridDim.y`.
#[inline]
pub fn grid_dim_y() -> u32 { 1 }
/// `gridDim.z`.
#[inline]
pub fn grid_dim_z() -> u32 { 1 }

/// `block_idx_x * block_dim_x + thread_idx_x`, computed in `usize` (no overflow).
#[inline]
pub fn global_idx_x() -> usize {
    block_idx_x() as usize * block_dim_x() as usize + thread_idx_x() as usize
}
/// `block_idx_y * block_dim_y + thread_idx_y`, computed in `usize`.
#[inline]
pub fn global_idx_y() -> usize {
    block_idx_y() as usize * block_dim_y() as usize + thread_idx_y() as usize
}
/// `block_idx_z * block_dim_z + thread_idx_z`, computed in `usize`.
#[inline]
pub fn global_idx_z() -> usize {
    block_idx_z() as usize * block_dim_z() as usize + thread_idx_z() as usize
}

// ------------------------------------------------------------------ barriers, fences

/// Block-wide barrier; also orders shared memory. (One thread: nothing to wait for.)
#[inline]
pub fn sync_threads() {}

/// Device-wide memory fence (`__threadfence`).
#[inline]
pub fn thread_fence() {
    std::sync::atomic::fence(std::sync::atomic::Ordering::SeqCst);
}

/// Block-wide memory fence (`__threadfence_block`).
#[inline]
pub fn thread_fence_block() {
    std::sync::atomic::fence(std::sync::atomic::Ordering::SeqCst);
}

// ------------------------------------------------------------------ shared memory

/// Block-shared memory: one allocation of a `T` per call site, shared by the
/// threads of a block, uninitialised at block start.
///
/// Stand-in body: panics. Safe Rust cannot return the same `&'static mut T` from
/// one call site twice, and a fresh allocation per call would not be the meaning.
pub fn shared<T>() -> &'static mut T {
    unimplemented!("gpu::shared has no host meaning; it is a type-check stand-in")
}

// ------------------------------------------------------------------ sealed element traits
// The public traits below name which types each intrinsic accepts. Their
// supertraits live in a private module, so no other crate can implement them, and
// the operations the stand-in bodies need are not methods that `use gpu::*;` would
// put in scope.

mod sealed {
    pub trait Sealed: Copy + 'static {}
    impl Sealed for i32 {}
    impl Sealed for u32 {}
    impl Sealed for i64 {}
    impl Sealed for u64 {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}

    pub trait IntOps: Sealed + Ord {
        fn wrapping_sub_(self, v: Self) -> Self;
        fn and_(self, v: Self) -> Self;
        fn or_(self, v: Self) -> Self;
        fn xor_(self, v: Self) -> Self;
    }

    pub trait AddOp: Sealed {
        fn add_(self, v: Self) -> Self;
    }

    macro_rules! int_ops {
        ($($t:ty)*) => {$(
            impl IntOps for $t {
                #[inline] fn wrapping_sub_(self, v: Self) -> Self { self.wrapping_sub(v) }
                #[inline] fn and_(self, v: Self) -> Self { self & v }
                #[inline] fn or_(self, v: Self) -> Self { self | v }
                #[inline] fn xor_(self, v: Self) -> Self { self ^ v }
            }
            impl AddOp for $t {
                #[inline] fn add_(self, v: Self) -> Self { self.wrapping_add(v) }
            }
        )*};
    }
    int_ops!(i32 u32 i64 u64);

    impl AddOp for f32 {
        #[inline]
        fn add_(self, v: Self) -> Self { self + v }
    }
}

/// Types every atomic accepts: `i32`, `u32`, `i64`, `u64`. Sealed.
pub trait AtomicInt: sealed::IntOps {}
impl AtomicInt for i32 {}
impl AtomicInt for u32 {}
impl AtomicInt for i64 {}
impl AtomicInt for u64 {}

/// Types `atomic_add` accepts: `i32`, `u32`, `i64`, `u64` and `f32`. Sealed.
pub trait AtomicAdd: sealed::AddOp {}
impl AtomicAdd for i32 {}
impl AtomicAdd for u32 {}
impl AtomicAdd for i64 {}
impl AtomicAdd for u64 {}
impl AtomicAdd for f32 {}

/// Types the warp shuffles and reductions accept: `i32`, `u32`, `i64`, `u64`,
/// `f32`, `f64`. Sealed.
pub trait WarpValue: sealed::Sealed {}
impl WarpValue for i32 {}
impl WarpValue for u32 {}
impl WarpValue for i64 {}
impl WarpValue for u64 {}
impl WarpValue for f32 {}
impl WarpValue for f64 {}

// ------------------------------------------------------------------ atomics
// Every atomic returns the old value. `p` may point into global or shared memory.
// Integer add/sub wrap, as the hardware does.

/// `*p += v` atomically (wrapping for integers); returns the old value.
/// `i32`, `u32`, `i64`, `u64`, `f32`.
#[inline]
pub fn atomic_add<T: AtomicAdd>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = old.add_(v);
    old
}

/// `*p -= v` atomically (wrapping); returns the old value.
#[inline]
pub fn atomic_sub<T: AtomicInt>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = old.wrapping_sub_(v);
    old
}

/// `*p = min(*p, v)` atomically; returns the old value.
#[inline]
pub fn atomic_min<T: AtomicInt>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = if v < old { v } else { old };
    old
}

/// `*p = max(*p, v)` atomically; returns the old value.
#[inline]
pub fn atomic_max<T: AtomicInt>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = if v > old { v } else { old };
    old
}

/// `*p &= v` atomically; returns the old value.
#[inline]
pub fn atomic_and<T: AtomicInt>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = old.and_(v);
    old
}

/// `*p |= v` atomically; returns the old value.
#[inline]
pub fn atomic_or<T: AtomicInt>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = old.or_(v);
    old
}

/// `*p ^= v` atomically; returns the old value.
#[inline]
pub fn atomic_xor<T: AtomicInt>(p: &mut T, v: T) -> T {
    let old = *p;
    *p = old.xor_(v);
    old
}

/// `*p = v` atomically; returns the old value.
#[inline]
pub fn atomic_exchange<T: AtomicInt>(p: &mut T, v: T) -> T {
    std::mem::replace(p, v)
}

/// `if *p == current { *p = new }` atomically; returns the old value.
#[inline]
pub fn atomic_compare_exchange<T: AtomicInt>(p: &mut T, current: T, new: T) -> T {
    let old = *p;
    if old == current {
        *p = new;
    }
    old
}

// ------------------------------------------------------------------ warps

/// This thread's lane in its warp.
#[inline]
pub fn lane_id() -> u32 { 0 }

/// Lanes per warp: 32 on NVIDIA, 32 or 64 on AMD, any on Vulkan (1 here).
#[inline]
pub fn warp_size() -> u32 { 1 }

/// The value `v` of lane `src_lane` (`__shfl_sync`).
#[inline]
pub fn shuffle<T: WarpValue>(v: T, src_lane: u32) -> T {
    let _ = src_lane;
    v
}

/// The value `v` of lane `lane_id() ^ mask` (`__shfl_xor_sync`).
#[inline]
pub fn shuffle_xor<T: WarpValue>(v: T, mask: u32) -> T {
    let _ = mask;
    v
}

/// The value `v` of lane `lane_id() - delta`, or this lane's own `v` when that
/// lane does not exist (`__shfl_up_sync`).
#[inline]
pub fn shuffle_up<T: WarpValue>(v: T, delta: u32) -> T {
    let _ = delta;
    v
}

/// The value `v` of lane `lane_id() + delta`, or this lane's own `v` when that
/// lane does not exist (`__shfl_down_sync`).
#[inline]
pub fn shuffle_down<T: WarpValue>(v: T, delta: u32) -> T {
    let _ = delta;
    v
}

/// Bit `i` set when lane `i`'s `pred` is true.
#[inline]
pub fn ballot(pred: bool) -> u64 {
    pred as u64
}

/// True when `pred` is true on every active lane.
#[inline]
pub fn vote_all(pred: bool) -> bool {
    pred
}

/// True when `pred` is true on some active lane.
#[inline]
pub fn vote_any(pred: bool) -> bool {
    pred
}

/// The sum of `v` over the warp (wrapping for integers), on every lane.
#[inline]
pub fn warp_reduce_add<T: WarpValue>(v: T) -> T {
    v
}

/// The minimum of `v` over the warp, on every lane.
#[inline]
pub fn warp_reduce_min<T: WarpValue>(v: T) -> T {
    v
}

/// The maximum of `v` over the warp, on every lane.
#[inline]
pub fn warp_reduce_max<T: WarpValue>(v: T) -> T {
    v
}

// ------------------------------------------------------------------ math

/// `1.0 / x.sqrt()`, with the GPU's fast approximation (`rsqrt.approx.f32`).
///
/// `f32` only, on purpose: a generic `rsqrt` would make rustc infer `rsqrt(2.0)` as
/// `f64` where the signature in DESIGN.md says `f32`.
#[inline]
pub fn rsqrt(x: f32) -> f32 {
    1.0 / x.sqrt()
}
