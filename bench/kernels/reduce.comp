// reduce: GLSL twin of reduce.rs (layout as our SPIR-V, docs/abi.md). Grid-stride sum,
// subgroupAdd, per-subgroup sums in shared memory, subgroup 0 reduces them, one float
// atomicAdd per workgroup (GL_EXT_shader_atomic_float).
#version 450
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_EXT_shader_atomic_float : require
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer X { float x[]; };
layout(set = 0, binding = 1) buffer Out { float out_[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint x_len;
  layout(offset = 8) uint out_len;
};

shared float partials[32];

void main() {
  uint t = gl_LocalInvocationID.x;
  uint ws = gl_SubgroupSize;
  uint lane = gl_SubgroupInvocationID;
  uint warp = t / ws;
  uint warps = gl_WorkGroupSize.x / ws;
  uint stride = gl_WorkGroupSize.x * gl_NumWorkGroups.x;
  float s = 0.0;
  for (uint i = gl_GlobalInvocationID.x; i < x_len; i += stride) s += x[i];
  float w = subgroupAdd(s);
  if (lane == 0) partials[warp] = w;
  barrier();
  if (warp == 0) {
    float p = 0.0;
    for (uint j = lane; j < warps; j += ws) p += partials[j];
    float total = subgroupAdd(p);
    if (lane == 0) atomicAdd(out_[0], total);
  }
}
