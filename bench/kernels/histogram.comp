// histogram: GLSL twin of histogram.rs (layout as our SPIR-V, docs/abi.md).
#version 450
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer X { uint x[]; };
layout(set = 0, binding = 1) buffer Bins { uint bins[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint x_len;
  layout(offset = 8) uint bins_len;
};

shared uint local_bins[256];

void main() {
  uint t = gl_LocalInvocationID.x, threads = gl_WorkGroupSize.x;
  for (uint b = t; b < 256; b += threads) local_bins[b] = 0;
  barrier();
  uint stride = threads * gl_NumWorkGroups.x;
  for (uint i = gl_GlobalInvocationID.x; i < x_len; i += stride)
    atomicAdd(local_bins[x[i] % 256], 1u);
  barrier();
  for (uint b = t; b < 256; b += threads) {
    uint count = local_bins[b];
    if (count != 0) atomicAdd(bins[b], count);
  }
}
