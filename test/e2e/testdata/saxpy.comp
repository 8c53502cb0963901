// HAND-WRITTEN STAND-IN, not compiler output: saxpy with exactly the interface
// docs/abi.md gives `saxpy(a: f32, x: &[f32], y: &mut [f32])` on Vulkan, so the runtime
// can be tested before (and independently of) the compiler. Rebuild with regenerate.sh.
#version 450
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require

// Block size from specialization constants 0, 1, 2.
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

// Slices in source order: binding 0 = x (&[f32], NonWritable), binding 1 = y.
layout(set = 0, binding = 0) readonly buffer X { float x[]; };
layout(set = 0, binding = 1) buffer Y { float y[]; };

// Scalars and slice lengths in source order at natural alignment: a @0, x_len @8,
// y_len @16; 24 bytes.
layout(push_constant) uniform Params {
  float a;
  uint64_t x_len;
  uint64_t y_len;
};

void main() {
  uint64_t i = uint64_t(gl_GlobalInvocationID.x);
  // Rust would panic on x[i] out of bounds; the stand-in just skips.
  if (i < y_len && i < x_len) {
    y[uint(i)] = a * x[uint(i)] + y[uint(i)];
  }
}
