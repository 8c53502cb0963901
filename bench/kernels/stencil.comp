// stencil: GLSL twin of stencil.rs (5-point Jacobi step; layout as our SPIR-V).
#version 450
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer Src { float src[]; };
layout(set = 0, binding = 1) buffer Dst { float dst[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint nx;
  layout(offset = 4) uint ny;
  layout(offset = 8) uint src_len;
  layout(offset = 16) uint dst_len;
};

void main() {
  uint x = gl_GlobalInvocationID.x, y = gl_GlobalInvocationID.y;
  if (x < nx && y < ny) {
    uint i = y * nx + x;
    if (x > 0 && y > 0 && x + 1 < nx && y + 1 < ny)
      dst[i] = 0.5 * src[i] + 0.125 * (src[i - 1] + src[i + 1] + src[i - nx] + src[i + nx]);
    else
      dst[i] = src[i];
  }
}
