// sgemm: GLSL twin of sgemm.rs (layout as our SPIR-V, docs/abi.md). 64 x 64 C tile per
// 16 x 16 workgroup, 4 x 4 outputs per invocation, shared 64 x 16 / 16 x 64 tiles.
#version 450
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(set = 0, binding = 0) readonly buffer A { float a[]; };
layout(set = 0, binding = 1) readonly buffer B { float b[]; };
layout(set = 0, binding = 2) buffer C { float c[]; };
layout(push_constant) uniform Params {
  layout(offset = 0) uint m;
  layout(offset = 4) uint n;
  layout(offset = 8) uint k;
  layout(offset = 16) uint a_len;
  layout(offset = 24) uint b_len;
  layout(offset = 32) uint c_len;
};

#define BM 64
#define BN 64
#define BK 16
#define T 16
#define TM 4
#define TN 4
shared float ta[BM][BK];
shared float tb[BK][BN];

void main() {
  uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y, tid = ty * T + tx;
  uint row0 = gl_WorkGroupID.y * BM, col0 = gl_WorkGroupID.x * BN;
  float acc[TM][TN];
  for (uint i = 0; i < TM; ++i)
    for (uint j = 0; j < TN; ++j) acc[i][j] = 0.0;
  for (uint kt = 0; kt < k; kt += BK) {
    for (uint l = 0; l < (BM * BK) / (T * T); ++l) {
      uint idx = tid + l * T * T, r = idx / BK, cc = idx % BK;
      ta[r][cc] = a[(row0 + r) * k + kt + cc];
    }
    for (uint l = 0; l < (BK * BN) / (T * T); ++l) {
      uint idx = tid + l * T * T, r = idx / BN, cc = idx % BN;
      tb[r][cc] = b[(kt + r) * n + col0 + cc];
    }
    barrier();
    for (uint kk = 0; kk < BK; ++kk) {
      float av[TM], bv[TN];
      for (uint i = 0; i < TM; ++i) av[i] = ta[ty + T * i][kk];
      for (uint j = 0; j < TN; ++j) bv[j] = tb[kk][tx + T * j];
      for (uint i = 0; i < TM; ++i)
        for (uint j = 0; j < TN; ++j) acc[i][j] += av[i] * bv[j];
    }
    barrier();
  }
  for (uint i = 0; i < TM; ++i)
    for (uint j = 0; j < TN; ++j) c[(row0 + ty + T * i) * n + col0 + tx + T * j] = acc[i][j];
}
