// softmax: GLSL twin of softmax.rs (layout as our SPIR-V, docs/abi.md). One 256-thread
// workgroup per row; subgroupMax/subgroupAdd, per-subgroup results through shared memory.
#version 450
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer X { float x[]; };
layout(set = 0, binding = 1) buffer Out { float out_[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint cols;
  layout(offset = 8) uint x_len;
  layout(offset = 16) uint out_len;
};

shared float red[32];

void main() {
  uint t = gl_LocalInvocationID.x, threads = gl_WorkGroupSize.x;
  uint ws = gl_SubgroupSize, lane = gl_SubgroupInvocationID;
  uint warp = t / ws, warps = threads / ws;
  uint base = gl_WorkGroupID.x * cols;

  float m = -1.0 / 0.0;
  for (uint c = t; c < cols; c += threads) m = max(m, x[base + c]);
  float w = subgroupMax(m);
  if (lane == 0) red[warp] = w;
  barrier();
  float mx = -1.0 / 0.0;
  for (uint j = 0; j < warps; ++j) mx = max(mx, red[j]);
  barrier();

  float s = 0.0;
  for (uint c = t; c < cols; c += threads) s += exp(x[base + c] - mx);
  w = subgroupAdd(s);
  if (lane == 0) red[warp] = w;
  barrier();
  float sum = 0.0;
  for (uint j = 0; j < warps; ++j) sum += red[j];

  for (uint c = t; c < cols; c += threads) out_[base + c] = exp(x[base + c] - mx) / sum;
}
