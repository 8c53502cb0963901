// The header generated from structs.mlir: its struct mirrors and their static_asserts
// compile (CASE 0), and a struct of the wrong type is a compile error (CASE 1).
#include "structs.hpp"

void use(hm::Device& device, hm::Buffer<structs::Particle>& in,
         hm::Buffer<structs::Particle>& out, hm::Buffer<structs::Params>& params) {
  (void)device; (void)in; (void)out; (void)params;
  structs::Params p{};
  p.dt = 0.5f;
  p.count = 10;
  p.wrap = true;
  p.tag = -1;
  (void)p;
#if CASE == 0
  hm::Status s = structs::step(device, 1, 32, p, in, out);
  (void)s;
#elif CASE == 1
  structs::step(device, 1, 32, p, params, out);  // &[Particle] given Buffer<Params>
#elif CASE == 2
  structs::Particle q{};
  structs::step(device, 1, 32, q, in, out);  // Params given a Particle
#endif
}
