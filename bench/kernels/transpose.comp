// transpose: GLSL twin of transpose.rs (layout as our SPIR-V, docs/abi.md).
// 32 x 33 shared tile, 32 x 8 workgroups.
#version 450
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer Src { float src[]; };
layout(set = 0, binding = 1) buffer Dst { float dst[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint w;
  layout(offset = 4) uint h;
  layout(offset = 8) uint src_len;
  layout(offset = 16) uint dst_len;
};

#define TILE 32
#define ROWS 8
shared float tile[TILE][TILE + 1];

void main() {
  uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
  uint bx = gl_WorkGroupID.x * TILE, by = gl_WorkGroupID.y * TILE;
  uint x = bx + tx;
  for (uint k = 0; k < TILE; k += ROWS) {
    uint y = by + ty + k;
    if (x < w && y < h) tile[ty + k][tx] = src[y * w + x];
  }
  barrier();
  x = by + tx;
  for (uint k = 0; k < TILE; k += ROWS) {
    uint y = bx + ty + k;
    if (x < h && y < w) dst[y * h + x] = tile[tx][ty + k];
  }
}
