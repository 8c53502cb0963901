// saxpy: GLSL twin of saxpy.rs, laid out as hematite's SPIR-V (docs/abi.md): slices
// are storage buffers 0.. of set 0, scalars and slice lengths (u64) one push-constant
// block at natural alignment, the workgroup size from specialization constants 0-2.
// Lengths are read as their low 32 bits (a hand-written shader uses uint indices).
#version 450
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer X { float x[]; };
layout(set = 0, binding = 1) buffer Y { float y[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) float a;
  layout(offset = 8) uint x_len;
  layout(offset = 16) uint y_len;
};

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < y_len) y[i] = a * x[i] + y[i];
}
