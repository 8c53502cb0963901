// copy: GLSL twin of copy.rs (layout as our SPIR-V, docs/abi.md).
#version 450
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer Src { float src[]; };
layout(set = 0, binding = 1) buffer Dst { float dst[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint src_len;
  layout(offset = 8) uint dst_len;
};

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < dst_len) dst[i] = src[i];
}
