// The language e2e tests: one kernel file per construct family
// (test/e2e/kernels/lang/<family>.rs, compiled to lang_<family>.spv / .ptx), each kernel
// run on random inputs and compared with the same algorithm written here in C++.
// Integer arithmetic here goes through unsigned types where Rust wraps, so the
// references have no undefined behaviour.
#include "lang_test.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "lang_harness.h"

namespace e2e {
namespace {

using namespace e2e::lang;
using I32 = std::vector<int32_t>;
using U32 = std::vector<uint32_t>;
using I64 = std::vector<int64_t>;
using F32 = std::vector<float>;

constexpr int32_t kI32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kI32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kI64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max();
constexpr uint32_t kU32Max = std::numeric_limits<uint32_t>::max();
const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

// C++17 has no <bit>: the bit counts written out.
uint32_t popcount32(uint32_t x) {
  uint32_t n = 0;
  for (; x; x &= x - 1) ++n;
  return n;
}
uint32_t clz32(uint32_t x) {
  uint32_t n = 0;
  for (uint32_t bit = 0x80000000u; bit && !(x & bit); bit >>= 1) ++n;
  return n;
}
uint32_t ctz32(uint32_t x) {
  uint32_t n = 0;
  for (uint32_t bit = 1; bit && !(x & bit); bit <<= 1) ++n;
  return n;
}

uint32_t rotl32(uint32_t x, uint32_t n) {
  n &= 31;
  return n == 0 ? x : (x << n) | (x >> (32 - n));
}

// Rust's `f as I` for an integer type I: saturating, NaN -> 0.
template <typename I>
I sat_cast(float f) {
  if (std::isnan(f)) return 0;
  const double d = std::trunc(static_cast<double>(f));
  if (d <= static_cast<double>(std::numeric_limits<I>::min())) return std::numeric_limits<I>::min();
  // 2^bits (unsigned) or 2^(bits-1) (signed) is exactly representable as a double.
  const double limit = std::ldexp(1.0, std::numeric_limits<I>::digits);
  if (d >= limit) return std::numeric_limits<I>::max();
  return static_cast<I>(d);
}

// ---- 1. structs ----------------------------------------------------------------------

void structs(Family& f) {
  f.map<int32_t, int32_t, int32_t>(
      "struct_points", 6,
      [&](size_t n) {
        return std::make_tuple(uniform<int32_t>(f.rng(), n, -1000, 1000),
                               uniform<int32_t>(f.rng(), n, -1000, 1000));
      },
      [](const I32& xs, const I32& ys, I32& out) {
        for (size_t i = 0; i < xs.size(); ++i) {
          int32_t px = xs[i], py = ys[i];
          const int32_t qx = ys[i], qy = 7;
          const int32_t d = px * qx + py * qy;
          px += 3;
          py -= 5;
          const int32_t sx = py, sy = px;
          int32_t lox = std::min(px, qx), loy = std::min(py, qy);
          int32_t hix = std::max(px, qx), hiy = std::max(py, qy);
          out[6 * i] = d;
          out[6 * i + 1] = sx - 2 * sy;
          out[6 * i + 2] = (hix - lox) * (hiy - loy);
          out[6 * i + 3] = (0 >= lox && 0 <= hix && 0 >= loy && 0 <= hiy) ? 1 : 0;
          lox -= 2, loy -= 2, hix += 2, hiy += 2;
          out[6 * i + 4] = (hix - lox) * (hiy - loy);
          out[6 * i + 5] = (hix + hiy) - (lox + loy);
        }
      });
  f.map<uint32_t, uint32_t>(
      "struct_accumulate", 3,
      [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1u << 20)); },
      [](const U32& vals, U32& out) {
        const size_t n = vals.size();
        for (size_t i = 0; i < n; ++i) {
          uint32_t sum = 0, count = 0, max = 0;
          for (size_t k = 0; k < 8; ++k) {
            const uint32_t v = vals[(i + k) % n];
            sum += v;
            ++count;
            max = std::max(max, v);
          }
          out[3 * i] = sum;
          out[3 * i + 1] = sum / count;
          out[3 * i + 2] = max;
        }
      });
}

// ---- 2. traits and generics --------------------------------------------------------

void traits(Family& f) {
  f.map<uint32_t, uint32_t, uint32_t>(
      "trait_generic", 5,
      [&](size_t n) {
        return std::make_tuple(uniform<uint32_t>(f.rng(), n, 1, 1000),
                               uniform<uint32_t>(f.rng(), n, 1, 1000));
      },
      [](const U32& a, const U32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t x = a[i], y = b[i];
          // Square: weight 1 (default); Rect: weight 3 (override); score = m * w + 5.
          out[5 * i] = (x * x + 5) + (y * y + 5);
          out[5 * i + 1] = (x * y * 3 + 5) + (y * 3 * 3 + 5);
          out[5 * i + 2] = (x * x >= y * y ? x : y) + (x * y >= y * 3 ? x : y);
          out[5 * i + 3] = (y * 3 * 3 + 5) * 2 + (x * x + 5) * 2;
          out[5 * i + 4] = x / 2 / 2;
        }
      });
  f.map<float, float>(
      "trait_generic_f32", 1,
      [&](size_t n) { return std::make_tuple(uniform<float>(f.rng(), n, -100.0f, 100.0f)); },
      [](const F32& x, F32& out) {
        for (size_t i = 0; i < x.size(); ++i) out[i] = x[i] * 0.5f * 0.5f;
      });
}

// ---- 3. const generics and local arrays ----------------------------------------------

void arrays(Family& f) {
  auto gen = [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1000000)); };
  f.map<uint32_t, uint32_t>("arrays_const_generic", 3, gen, [](const U32& x, U32& out) {
    const size_t n = x.size();
    for (size_t i = 0; i < n; ++i) {
      uint32_t s4 = 0, s8 = 0, m8 = 0;
      for (size_t k = 0; k < 8; ++k) {
        const uint32_t v = x[(i + k) % n];
        if (k < 4) s4 += v;
        s8 += v;
        m8 = k == 0 ? v : std::max(m8, v);
      }
      out[3 * i] = s4;
      out[3 * i + 1] = s8 - m8;
      out[3 * i + 2] = std::max({x[i], 700u, x[(i + 1) % n]});
    }
  });
  f.map<uint32_t, uint32_t>("arrays_local", 7, gen, [](const U32& x, U32& out) {
    const size_t n = x.size();
    const uint32_t table[8] = {3, 1, 4, 1, 5, 9, 2, 6};
    for (size_t i = 0; i < n; ++i) {
      const uint32_t v = x[i];
      uint32_t hist[16] = {};
      for (size_t k = 0; k < 12; ++k) hist[x[(i + k) % n] % 16] += 1;
      uint32_t m[3][3];
      for (size_t r = 0; r < 3; ++r)
        for (size_t c = 0; c < 3; ++c) m[r][c] = x[(i + r * 3 + c) % n] % 1000;
      const size_t idx = v % 3, j = v % 4;
      out[7 * i] = hist[v % 16];
      out[7 * i + 1] = table[v % 8];
      out[7 * i + 2] = m[0][0] + m[1][1] + m[2][2];
      out[7 * i + 3] = m[0][idx] + m[1][idx] + m[2][idx];
      out[7 * i + 4] = x[(i + j) % n] % 1000 + static_cast<uint32_t>(j) + 100 +
                       static_cast<uint32_t>(3 - j);
      out[7 * i + 5] = 24 + m[idx][2 - idx];
      out[7 * i + 6] = m[idx][2 - idx];
    }
  });
}

// ---- 4. tuples -----------------------------------------------------------------------

void tuples(Family& f) {
  f.map<uint32_t, uint32_t, uint32_t>(
      "tuples", 8,
      [&](size_t n) {
        return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1000000),
                               uniform<uint32_t>(f.rng(), n, 1, 1000));
      },
      [](const U32& a, const U32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t q = a[i] / b[i], r = a[i] % b[i];
          const uint32_t m = r + 5, n = 5;
          const int32_t x = static_cast<int32_t>(a[i]) - 500000, y = static_cast<int32_t>(b[i]);
          const int32_t lo = std::min(x, y), hi = std::max(x, y);
          const uint32_t c = q > r ? q : r, d = q > r ? r : q;
          // rotate((c, d, m)) = (d, m, c); then (u, v) = (m, d), y = c.
          out[8 * i] = q;
          out[8 * i + 1] = r;
          out[8 * i + 2] = a[i] + b[i] + q;
          out[8 * i + 3] = a[i] - q + q + (2 + r);
          out[8 * i + 4] = m * n;
          out[8 * i + 5] = static_cast<uint32_t>(hi - lo);
          out[8 * i + 6] = c * 3 + d;
          out[8 * i + 7] = m * 100 + d * 10 + c;
        }
      });
}

// ---- 5. enums and match ----------------------------------------------------------------

void enums(Family& f) {
  f.map<uint32_t, uint32_t, int32_t>(
      "enums_match", 5,
      [&](size_t n) {
        return std::make_tuple(
            with_specials<uint32_t>(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max),
                                    {0, 5, 9, 10, 99, 100, 999, 1000, 1999, 2000, 2999, 3009,
                                     4010, 3999, 6005, kU32Max}),
            with_specials<int32_t>(f.rng(), uniform<int32_t>(f.rng(), n, -20, 1200),
                                   {kI32Min, -6, -5, -1, 0, 1, 2, 3, 4, 5, 6, 98, 99, 100, 700,
                                    701, 994, 999, 1000, kI32Max}));
      },
      [](const U32& a, const I32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t op = a[i] % 4;  // Add, Max, Mul, Xor
          const uint32_t x = a[i] % 1000, y = (a[i] >> 12) % 1000;
          const uint32_t applied = op == 0 ? x + y : op == 1 ? std::max(x, y)
                                 : op == 2 ? x * y : x ^ y;
          const uint32_t c = a[i] % 3000;
          const uint32_t level = c <= 9 ? 1 : (c <= 99 || (c >= 1000 && c <= 1999)) ? 5 : 10;
          const int32_t v = b[i];
          uint32_t bucket;
          if (v <= -1) bucket = 0;
          else if (v == 0) bucket = 1;
          else if (v <= 3) bucket = 2;
          else if (v % 2 == 0 && v < 100) bucket = 3;
          else if (v <= 99) bucket = 4;
          else if (v <= 999 && v % 7 == 0) bucket = 5;
          else bucket = 6;
          const uint32_t weight = (op == 0 || op == 3) ? 10 : op == 2 ? 20 : 30;
          out[5 * i] = applied;
          out[5 * i + 1] = level;
          out[5 * i + 2] = bucket;
          out[5 * i + 3] = weight + 2;
          out[5 * i + 4] = level == 1 ? 100 : (v >= -5 && v <= 5) ? 200 : 300;
        }
      });
}

void enums_path_bounds(Family& f) {
  f.map<uint32_t, uint32_t, int32_t>(
      "enums_path_bounds", 2,
      [&](size_t n) {
        return std::make_tuple(
            with_specials<uint32_t>(f.rng(), uniform<uint32_t>(f.rng(), n, 0, 2000),
                                    {0, 10, 11, 1000, 1001, kU32Max}),
            with_specials<int32_t>(f.rng(), uniform<int32_t>(f.rng(), n, -20, 20),
                                   {kI32Min, -1, 0, 9, 10, kI32Max}));
      },
      [](const U32& a, const I32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          out[2 * i] = b[i] < 0 ? 0 : b[i] <= 9 ? 1 : 2;
          out[2 * i + 1] = a[i] <= 10 ? 10 : a[i] <= 1000 ? 20 : 30;
        }
      });
}

// ---- 6. loops ------------------------------------------------------------------------

void loops(Family& f) {
  f.map<uint32_t, uint32_t>(
      "labeled_blocks", 1,
      [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, kU32Max)); },
      [](const U32& a, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t v = a[i] % 16;
          const uint32_t r = v > 10 ? v * 2 : v == 3 ? 0 : v + 1;
          out[i] = r == 0 ? 7 : r;
        }
      });
  f.map<uint32_t, uint32_t>(
      "loops", 8,
      [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, kU32Max)); },
      [](const U32& a, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t v = a[i] % 64;

          uint32_t count = 0;
          bool stop = false;
          for (uint32_t p = 0; p < 10 && !stop; ++p) {
            for (uint32_t q = 0; q < 10; ++q) {
              if (q > p) break;  // continue 'outer
              if (p * q > v) {
                stop = true;  // break 'outer
                break;
              }
              count += p + q;
            }
          }

          uint32_t root = 0;
          while (!(root * root > v)) ++root;

          uint32_t r = 0;
          for (uint32_t j = v % 10; j-- > 0;) r = r * 3 + j;

          uint32_t s = 0;
          for (uint32_t j = 1; j < v + 1; j += 3) s += j;

          uint32_t t = 0;
          for (uint32_t j = 1; j <= v % 10; ++j) t += j * j;

          uint32_t x = v + 1, steps = 0;
          while (x != 1) {
            x = x % 2 == 0 ? x / 2 : 3 * x + 1;
            ++steps;
          }

          uint32_t found = 0;
          for (uint32_t p = 1; p <= 20 && found == 0; ++p)
            for (uint32_t q = p; q <= 40; ++q)
              if (p * q == v + 7) {
                found = p * 100 + q;
                break;
              }

          uint32_t u = 0;
          for (int32_t j = static_cast<int32_t>(v % 13); j >= 2; --j) {
            if (j == 6 || j % 3 == 0) continue;
            u = u * 2 + static_cast<uint32_t>(j);
          }

          const uint32_t row[8] = {count, root, r, s, t, steps, found, u};
          std::copy(row, row + 8, out.begin() + 8 * i);
        }
      });
  f.map<uint32_t, uint32_t>(
      "streaming", 4,
      [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, kU32Max)); },
      [](const U32& a, U32& out) {
        const size_t len = a.size();
        for (size_t i = 0; i < len; ++i) {
          const uint32_t v = a[i];
          uint32_t s = 0;
          for (size_t j = i; j < len; j += 1 + v % 7) s += a[j];
          uint32_t t = 0;
          for (uint32_t c = v % 16; c < 500; c += 3) t += a[c % len];
          uint32_t w = 0;
          for (uint32_t d = 0xFFFFFF00u + v % 16; d < 0xFFFFFFE0u; d += 0x20) w += a[d % 64 % len] ^ d;
          uint32_t x = 0;
          for (uint32_t e = 0xFFFFFE00u + (v >> 8) % 16; e < 0xFFFFFEE0u + v % 256; e += 1 + (v >> 12) % 32)
            x += a[e % 64 % len] ^ e;
          out[4 * i] = s;
          out[4 * i + 1] = t;
          out[4 * i + 2] = w;
          out[4 * i + 3] = x;
        }
      });
}

// ---- 7. modules ----------------------------------------------------------------------

void modules(Family& f) {
  f.map<uint32_t, uint32_t, uint32_t>(
      "modules", 6,
      [&](size_t n) {
        return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1000000),
                               uniform<uint32_t>(f.rng(), n, 0, 1000000));
      },
      [](const U32& a, const U32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t x = a[i], y = b[i];
          out[6 * i] = x * 3 + y + 3;
          out[6 * i + 1] = 2 * x + 2 * y;
          out[6 * i + 2] = (x > y ? x - y : y - x) + 3;
          out[6 * i + 3] = x + 11;
          out[6 * i + 4] = (kU32Max - x) ^ kU32Max;
          out[6 * i + 5] = 0x7fffffffu - x + 255;
        }
      });
  // PI * r + E may be contracted to one fma: 1e-6 relative.
  f.map<float, float>(
      "modules_f32", 2,
      [&](size_t n) { return std::make_tuple(uniform<float>(f.rng(), n, 0.1f, 10.0f)); },
      [](const F32& r, F32& out) {
        const float pi = 3.14159265358979323846f, e = 2.71828182845904523536f;
        for (size_t i = 0; i < r.size(); ++i) {
          out[2 * i] = pi * r[i] * r[i];
          out[2 * i + 1] = pi * r[i] + e;
        }
      },
      Tolerance{1e-6, 0});
}

// ---- 8. integer semantics and casts ------------------------------------------------------

void int_semantics(Family& f) {
  const std::vector<uint32_t> u_specials = {0, 1, 2, 31, 32, 33, 64, 255, 256, 65535, 65536,
                                            0x7fffffff, 0x80000000, kU32Max - 1, kU32Max};
  auto gen_u = [&](size_t n) {
    return std::make_tuple(
        with_specials(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max), u_specials),
        with_specials(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max), u_specials));
  };
  f.map<uint32_t, uint32_t, uint32_t>("int_u32", 10, gen_u, [](const U32& a, const U32& b, U32& out) {
    for (size_t i = 0; i < a.size(); ++i) {
      const uint32_t x = a[i], y = b[i];
      out[10 * i] = x + y;
      out[10 * i + 1] = x - y;
      out[10 * i + 2] = x * y;
      out[10 * i + 3] = x << (y & 31);
      out[10 * i + 4] = x >> (y & 31);
      out[10 * i + 5] = x / (y | 1) + x % (y | 1);
      out[10 * i + 6] = static_cast<uint8_t>(static_cast<uint8_t>(x) + static_cast<uint8_t>(y));
      out[10 * i + 7] = static_cast<uint16_t>(static_cast<uint32_t>(static_cast<uint16_t>(x)) *
                                              static_cast<uint16_t>(y));
      out[10 * i + 8] = static_cast<uint8_t>(static_cast<uint8_t>(x) << (y & 7));
      out[10 * i + 9] = (x > y ? 1u : 0u) + ((x & 1) == 1 ? 2u : 0u) + 4u;
    }
  });

  f.map<int32_t, int32_t, int32_t>(
      "int_i32", 10,
      [&](size_t n) {
        I32 c = with_specials<int32_t>(f.rng(), uniform<int32_t>(f.rng(), n, kI32Min, kI32Max),
                                       {kI32Min, kI32Max, 0, 1, -1, 7, -7, 127, 128, -129, 40000,
                                        -40000, kI32Min + 1});
        I32 d = with_specials<int32_t>(f.rng(), uniform<int32_t>(f.rng(), n, kI32Min, kI32Max),
                                       {-1, 1, 2, -2, 31, 32, 33, -31, -32, -33, kI32Max, kI32Min,
                                        7, -7, 255});
        // No division by zero and no i32::MIN / -1: both panic in Rust.
        for (size_t i = 0; i < n; ++i) {
          if (d[i] == 0) d[i] = 3;
          if (c[i] == kI32Min && d[i] == -1) d[i] = -2;
        }
        return std::make_tuple(c, d);
      },
      [](const I32& c, const I32& d, I32& out) {
        for (size_t i = 0; i < c.size(); ++i) {
          const int32_t x = c[i], y = d[i];
          const uint32_t ux = static_cast<uint32_t>(x), uy = static_cast<uint32_t>(y);
          out[10 * i] = static_cast<int32_t>(ux + uy);
          out[10 * i + 1] = static_cast<int32_t>(ux - uy);
          out[10 * i + 2] = static_cast<int32_t>(ux * uy);
          out[10 * i + 3] = x / y;
          out[10 * i + 4] = x % y;
          out[10 * i + 5] = static_cast<int32_t>(0u - ux);
          out[10 * i + 6] = x >> (uy & 31);
          out[10 * i + 7] = static_cast<int32_t>(ux << (uy & 31));
          out[10 * i + 8] = static_cast<int8_t>(static_cast<uint8_t>(ux + uy));
          const int32_t prod16 = static_cast<int16_t>(x) * static_cast<int16_t>(y);
          out[10 * i + 9] = static_cast<int16_t>(static_cast<uint16_t>(prod16)) +
                            static_cast<int8_t>(x);
        }
      });

  auto gen_f = [&](size_t n) {
    F32 v(n);
    std::uniform_real_distribution<float> small(-300.0f, 300.0f), big(-5e9f, 5e9f);
    for (size_t i = 0; i < n; ++i) v[i] = (i % 2) ? small(f.rng()) : big(f.rng());
    return std::make_tuple(with_specials<float>(
        f.rng(), v,
        {kNaN, kInf, -kInf, 0.0f, -0.0f, 0.5f, -0.5f, 0.99f, -0.99f, 1.5f, -1.5f, 127.9f, 128.0f,
         -128.5f, -129.0f, 255.5f, 256.0f, 32767.5f, 32768.0f, -32769.0f, 65535.9f, 65536.0f,
         2147483520.0f, 2147483648.0f, -2147483648.0f, -2147483904.0f, 4294967040.0f,
         4294967296.0f, 1e10f, -1e10f, 9.2233715e18f, 9.223372e18f, -9.223372e18f, -1e19f,
         1.8446743e19f, 1e20f, -1e20f}));
  };
  f.map<int32_t, float>("cast_f32_to_i32", 4, gen_f, [](const F32& v, I32& out) {
    for (size_t i = 0; i < v.size(); ++i) {
      const float x = v[i];
      out[4 * i] = sat_cast<int32_t>(x);
      out[4 * i + 1] = sat_cast<int8_t>(x);
      out[4 * i + 2] = sat_cast<int16_t>(x);
      out[4 * i + 3] = static_cast<int32_t>(static_cast<uint32_t>(
          static_cast<uint64_t>(sat_cast<int64_t>(x) / 65536)));
    }
  });
  f.map<uint32_t, float>("cast_f32_to_u32", 4, gen_f, [](const F32& v, U32& out) {
    for (size_t i = 0; i < v.size(); ++i) {
      const float x = v[i];
      out[4 * i] = sat_cast<uint32_t>(x);
      out[4 * i + 1] = sat_cast<uint8_t>(x);
      out[4 * i + 2] = sat_cast<uint16_t>(x);
      out[4 * i + 3] = static_cast<uint32_t>(sat_cast<uint64_t>(x) >> 16);
    }
  });

  f.map<float, int32_t, uint32_t>(
      "cast_int_to_f32", 3,
      [&](size_t n) {
        return std::make_tuple(
            with_specials<int32_t>(f.rng(), uniform<int32_t>(f.rng(), n, kI32Min, kI32Max),
                                   {kI32Min, kI32Max, 0, -1, 16777217, -16777217, 16777219}),
            with_specials<uint32_t>(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max),
                                    {0, kU32Max, 16777217, 0x80000001, 0xffffff7f, 0xffffff80}));
      },
      [](const I32& c, const U32& a, F32& out) {
        for (size_t i = 0; i < c.size(); ++i) {
          out[3 * i] = static_cast<float>(c[i]);
          out[3 * i + 1] = static_cast<float>(a[i]);
          out[3 * i + 2] = static_cast<float>(static_cast<uint64_t>(a[i]) * 1000003u);
        }
      });

  f.map<int64_t, int64_t, uint32_t, int32_t>(
      "cast_i64", 8,
      [&](size_t n) {
        return std::make_tuple(
            with_specials<int64_t>(f.rng(), uniform<int64_t>(f.rng(), n, kI64Min, kI64Max),
                                   {0, -1, 1, kI64Min, kI64Max, 0xffffffffll, 0x80000000ll,
                                    -0x80000000ll, -0x80000001ll, 1ll << 40, -(1ll << 40),
                                    0x123456789abcdefll}),
            with_specials<uint32_t>(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max),
                                    {0, kU32Max, 0x80000000}),
            with_specials<int32_t>(f.rng(), uniform<int32_t>(f.rng(), n, kI32Min, kI32Max),
                                   {0, -1, kI32Min, kI32Max}));
      },
      [](const I64& w, const U32& a, const I32& c, I64& out) {
        for (size_t i = 0; i < w.size(); ++i) {
          const int64_t v = w[i];
          const uint64_t uv = static_cast<uint64_t>(v);
          out[8 * i] = static_cast<uint32_t>(uv);
          out[8 * i + 1] = static_cast<int32_t>(static_cast<uint32_t>(uv));
          out[8 * i + 2] = a[i];
          out[8 * i + 3] = c[i];
          out[8 * i + 4] = static_cast<uint32_t>(c[i]);
          out[8 * i + 5] = static_cast<int32_t>(a[i]);
          out[8 * i + 6] = static_cast<int64_t>(c[i]) + (v < 0 ? 1 : 0);
          out[8 * i + 7] = static_cast<int64_t>(uv * 3 + static_cast<uint64_t>(v >> 40) + (uv >> 60));
        }
      });
}

// ---- 9. builtin methods ----------------------------------------------------------------

void builtins(Family& f) {
  f.map<int32_t, int32_t, int32_t>(
      "euclid_ints", 6,
      [&](size_t n) {
        std::vector<int32_t> y = uniform<int32_t>(f.rng(), n, -100, 100);
        for (int32_t& v : y)
          if (v == 0) v = 3;
        return std::make_tuple(uniform<int32_t>(f.rng(), n, -100000, 100000), y);
      },
      [](const std::vector<int32_t>& a, const std::vector<int32_t>& b, std::vector<int32_t>& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const int32_t x = a[i], y = b[i];
          int32_t r = x % y, q = x / y;
          if (r < 0) {
            r += y < 0 ? -y : y;
            q += y > 0 ? -1 : 1;
          }
          const uint32_t diff = x > y ? uint32_t(x) - uint32_t(y) : uint32_t(y) - uint32_t(x);
          const uint32_t num = uint32_t(x) % 1000, den = uint32_t(y) % 50 + 1;
          out[6 * i] = r;
          out[6 * i + 1] = q;
          out[6 * i + 2] = int32_t(diff);
          out[6 * i + 3] = (x > 0) - (x < 0);
          out[6 * i + 4] = x < 0;
          out[6 * i + 5] = int32_t(num / den + (num % den != 0));
        }
      });
  f.map<float, float, float>(
      "euclid_floats", 2,
      // Quarters over halves: fmod is exact there on every target, and many
      // results are zeros whose sign must be the dividend's. (On Vulkan, float
      // `%` of arbitrary operands is only as exact as the driver's division
      // and fma: docs/language.md.)
      [&](size_t n) {
        std::vector<int32_t> ka = uniform<int32_t>(f.rng(), n, -4000, 4000);
        std::vector<int32_t> kb = uniform<int32_t>(f.rng(), n, -40, 40);
        std::vector<float> x(n), y(n);
        for (size_t i = 0; i < n; ++i) {
          x[i] = float(ka[i]) * 0.25f;
          y[i] = float(kb[i] == 0 ? 3 : kb[i]) * 0.5f;
        }
        return std::make_tuple(x, y);
      },
      [](const F32& a, const F32& b, F32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          float r = std::fmod(a[i], b[i]);
          if (r < 0) r += std::fabs(b[i]);
          out[2 * i] = r;
          out[2 * i + 1] = std::copysign(a[i], b[i]);
        }
      });
  const std::vector<uint32_t> u_specials = {0, 1, 999, 1000, 1001, 31, 32, 33, 1u << 30,
                                            (1u << 30) + 1, 0x80000000, kU32Max};
  f.map<uint32_t, uint32_t, uint32_t>(
      "int_methods_u32", 12,
      [&](size_t n) {
        return std::make_tuple(
            with_specials(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max), u_specials),
            with_specials(f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max), u_specials));
      },
      [](const U32& a, const U32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const uint32_t x = a[i], y = b[i];
          uint32_t pw = 1;
          for (uint32_t k = 0; k < y % 5; ++k) pw *= x % 100;
          const uint32_t row[12] = {std::min(x, y),
                                    std::max(x, y),
                                    std::clamp(x, 1000u, 1u << 30),
                                    x + y,
                                    x - y,
                                    x * y,
                                    popcount32(x),
                                    clz32(x),
                                    ctz32(x),
                                    rotl32(x, y),
                                    pw,
                                    std::min(x, 77u) + std::max(y % 50, 20u)};
          std::copy(row, row + 12, out.begin() + 12 * i);
        }
      });
  f.map<int32_t, int32_t, int32_t>(
      "int_methods_i32", 10,
      [&](size_t n) {
        const std::vector<int32_t> specials = {kI32Min, kI32Max, 0, -1, 1, -1000, 1000, -1001, 1001};
        return std::make_tuple(
            with_specials(f.rng(), uniform<int32_t>(f.rng(), n, kI32Min, kI32Max), specials),
            with_specials(f.rng(), uniform<int32_t>(f.rng(), n, kI32Min, kI32Max), specials));
      },
      [](const I32& c, const I32& d, I32& out) {
        for (size_t i = 0; i < c.size(); ++i) {
          const int32_t x = c[i], y = d[i];
          const uint32_t ux = static_cast<uint32_t>(x), uy = static_cast<uint32_t>(y);
          int32_t pw = 1;
          for (uint32_t k = 0; k < uy % 5; ++k) pw *= x % 50;
          const int32_t row[10] = {
              std::min(x, y),
              std::max(x, y),
              std::clamp(x, -1000, 1000),
              static_cast<int32_t>(x < 0 ? 0u - ux : ux),  // i32::MIN.abs() wraps
              static_cast<int32_t>(ux + uy),
              static_cast<int32_t>(ux * uy),
              static_cast<int32_t>(popcount32(ux)),
              static_cast<int32_t>(clz32(ux) + ctz32(ux)),
              pw,
              static_cast<int32_t>(rotl32(ux - uy, 7)),
          };
          std::copy(row, row + 10, out.begin() + 10 * i);
        }
      });

  const std::vector<float> f_specials = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 3.0f, -3.0f,
                                         kNaN, kInf, -kInf, 1e-30f, 2.4999998f, -0.25f};
  auto gen_f = [&](size_t n) {
    return std::make_tuple(
        with_specials(f.rng(), uniform<float>(f.rng(), n, -4.0f, 4.0f), f_specials),
        with_specials<float>(f.rng(), uniform<float>(f.rng(), n, -4.0f, 4.0f),
                             {0.25f, kNaN, -3.0f, 1.0f, kInf, 2.0f, 0.5f}));
  };
  // Rust's f32::min/max return the other operand when one is NaN (C's fmin/fmax);
  // clamp keeps a NaN; round rounds half away from zero (C's round).
  f.map<float, float, float>("float_methods_exact", 8, gen_f,
                             [](const F32& x, const F32& y, F32& out) {
    for (size_t i = 0; i < x.size(); ++i) {
      const float v = x[i], w = y[i];
      const float clamped = v < -1.5f ? -1.5f : v > 2.5f ? 2.5f : v;
      const float row[8] = {std::floor(v), std::ceil(v),    std::round(v),    std::trunc(v),
                            std::fabs(v),  std::fmin(v, w), std::fmax(v, w), clamped};
      std::copy(row, row + 8, out.begin() + 8 * i);
    }
  });
  // mul_add is fused in Rust; 1e-5 relative plus 1e-5 absolute leaves room for a
  // device that rounds the product (|v * w| <= 16 here).
  f.map<float, float, float>(
      "float_methods_approx", 3, gen_f,
      [](const F32& x, const F32& y, F32& out) {
        for (size_t i = 0; i < x.size(); ++i) {
          const float v = x[i], w = y[i];
          out[3 * i] = std::sqrt(std::fabs(v));
          out[3 * i + 1] = std::fma(v, w, 1.25f);
          out[3 * i + 2] = std::sqrt(w * w + 1.0f);
        }
      },
      Tolerance{1e-5, 1e-5});
  f.map<uint32_t, float>(
      "float_to_bits", 2,
      [&](size_t n) {
        return std::make_tuple(
            with_specials(f.rng(), uniform<float>(f.rng(), n, -1e6f, 1e6f), f_specials));
      },
      [](const F32& x, U32& out) {
        for (size_t i = 0; i < x.size(); ++i) {
          out[2 * i] = f32_bits(x[i]);
          out[2 * i + 1] = (f32_bits(x[i]) ^ 0x80000000u) ^ f32_bits(1.0f);  // -x flips the sign
        }
      });
  f.map<float, uint32_t>(
      "float_from_bits", 2,
      [&](size_t n) {
        return std::make_tuple(with_specials<uint32_t>(
            f.rng(), uniform<uint32_t>(f.rng(), n, 0, kU32Max),
            {0, 0x80000000, 0x7f800000, 0xff800000, 0x3f800000, 1, 0x007fffff}));
      },
      [](const U32& a, F32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          out[2 * i] = f32_from_bits(a[i]);
          out[2 * i + 1] = f32_from_bits((a[i] & 0x007fffffu) | 0x3f800000u) - 1.0f;
        }
      });
}

void transcendental(Family& f) {
  f.map<float, float>(
      "transcendental", 13,
      [&](size_t n) { return std::make_tuple(uniform<float>(f.rng(), n, 0.01f, 4.0f)); },
      [](const F32& x, F32& out) {
        for (size_t i = 0; i < x.size(); ++i) {
          const float v = x[i];
          const float row[13] = {std::sin(v),   std::cos(v),       std::tan(v * 0.375f),
                                 std::exp(v),   std::log(v),       std::log2(v),
                                 std::log10(v), std::exp2(v),      std::tanh(v),
                                 std::pow(v, 1.7f), v * v * v,     std::hypot(v, 1.5f),
                                 std::atan(v)};
          std::copy(row, row + 13, out.begin() + 13 * i);
        }
      },
      // 1e-5 relative; 1e-6 absolute for results that cross zero (sin, cos, ln near 1).
      Tolerance{1e-5, 1e-6});
  f.map<float, float, float>(
      "atan2_cbrt", 2,
      [&](size_t n) {
        const std::vector<float> specials = {0.0f, -0.0f, 1.0f, -1.0f, 8.0f, -27.0f, 1e-20f};
        return std::make_tuple(with_specials(f.rng(), uniform<float>(f.rng(), n, -50.0f, 50.0f), specials),
                               with_specials(f.rng(), uniform<float>(f.rng(), n, -50.0f, 50.0f), specials));
      },
      [](const F32& y, const F32& x, F32& out) {
        for (size_t i = 0; i < y.size(); ++i) {
          out[2 * i] = std::atan2(y[i], x[i]);
          out[2 * i + 1] = std::cbrt(y[i]);
        }
      },
      Tolerance{1e-5, 1e-6});
}

// ---- 10. sub-slices ------------------------------------------------------------------

void subslices(Family& f) {
  auto k = f.kernel("subslice_window", {hm::slice_ro<uint32_t>("x"), hm::scalar<uint32_t>("w"),
                                        hm::slice_rw<uint32_t>("out")});
  if (!k) return;
  for (const Size& s : f.sizes()) {
    const uint32_t w = std::uniform_int_distribution<uint32_t>(1, 20)(f.rng());
    const std::string name = f.case_name("subslice_window", s) + " w=" + std::to_string(w);
    const U32 x = uniform<uint32_t>(f.rng(), s.n, 0, 100000);
    const size_t n = s.n;
    auto sum = [&](size_t lo, size_t hi) {
      uint32_t acc = 0;
      for (size_t k = lo; k < hi; ++k) acc += x[k];
      return acc;
    };
    U32 want(4 * n);
    for (size_t i = 0; i < n; ++i) {
      const size_t end = std::min(i + w, n);
      uint32_t max = 0;
      for (size_t k = i; k < end; ++k) max = std::max(max, x[k]);
      const uint32_t start = x[i] % 100;
      want[4 * i] = start + sum(i, end);
      want[4 * i + 1] = start + 1 + max + static_cast<uint32_t>(end - i);
      want[4 * i + 2] = start + 2 + sum(0, i % 7 + 1) + sum(n - 1 - i % 5, n);
      want[4 * i + 3] = start + 3 + (end - i > 1 ? sum(i + 1, end) : 0);
    }
    std::string error;
    auto in = f.input(x, &error);
    auto out = in ? f.output<uint32_t>(want.size(), &error) : nullptr;
    if (!out) {
      f.results().fail(name, error);
      continue;
    }
    std::vector<hm_arg> args = {*in, hm_arg_scalar(&w, sizeof w),
                                hm_arg_slice(out->get(), 0, want.size(), sizeof(uint32_t))};
    hm::Status status = k->launch_args(hm::blocks_for(n, s.block), s.block, args);
    if (status) status = f.device().synchronize();
    if (!status) {
      f.results().fail(name, "launch: " + status.to_string());
      continue;
    }
    f.check<uint32_t>(name, *out, want, {}, [&](size_t e) {
      return "item " + std::to_string(e / 4) + " slot " + std::to_string(e % 4) + ", x " +
             show(x[e / 4]);
    });
  }
}

// ---- 11. references ------------------------------------------------------------------

void references(Family& f) {
  f.map<uint32_t, uint32_t, uint32_t>(
      "references", 7,
      [&](size_t n) {
        return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1000000),
                               uniform<uint32_t>(f.rng(), n, 0, 1000000));
      },
      [](const U32& a, const U32& b, U32& out) {
        const size_t n = a.size();
        for (size_t i = 0; i < n; ++i) {
          uint32_t hits = 0, misses = 0;
          for (size_t k = 0; k < 6; ++k) {
            const uint32_t v = a[(i + k) % n];
            if (v % 2 == 0 || v % 3 == 0) hits += 1;
            else misses = misses * 2 + v % 5;
          }
          std::swap(hits, misses);
          const uint32_t x = a[i] + 12;
          uint32_t arr[4] = {5, 5, 5, 5};
          arr[a[i] % 4] += 1;
          arr[b[i] % 4] = arr[b[i] % 4] * 2 + 3;
          out[7 * i] = x;
          out[7 * i + 1] = hits * 1000 + misses;
          out[7 * i + 2] = b[i] - a[i] / 2;  // wraps when negative
          out[7 * i + 3] = x + 1;
          out[7 * i + 4] = arr[0] + arr[1] * 10 + arr[2] * 100 + arr[3] * 1000;
          out[7 * i + 5] = a[i] + 1;
          out[7 * i + 6] = (a[i] + 1) + (arr[3] + 1);
        }
      });
}

void references_disjoint(Family& f) {
  f.map<uint32_t, uint32_t, uint32_t>(
      "references_disjoint", 2,
      [&](size_t n) {
        return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1000000),
                               uniform<uint32_t>(f.rng(), n, 0, 1000000));
      },
      [](const U32& a, const U32& b, U32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          out[2 * i] = b[i] + a[i];
          out[2 * i + 1] = a[i];
        }
      });
}

// ---- 12. operator overloading ----------------------------------------------------

void operators(Family& f) {
  f.map<float, float, float>(
      "operators", 3,
      [&](size_t n) {
        return std::make_tuple(uniform<float>(f.rng(), n, -100.0f, 100.0f),
                               uniform<float>(f.rng(), n, -100.0f, 100.0f));
      },
      [](const F32& a, const F32& b, F32& out) {
        for (size_t i = 0; i < a.size(); ++i) {
          const float v[3] = {a[i], b[i], a[i] - b[i]};
          for (int c = 0; c < 3; ++c) {
            float w = (v[c] + v[c] * 3.0f) - v[c] * 0.5f;
            w += -v[c] * 0.25f;
            out[3 * i + c] = w;
          }
        }
      });
}

// ---- 13. iterating over arrays and slices -------------------------------------------

void iterators(Family& f) {
  f.map<float, float>(
      "iterators", 4,
      [&](size_t n) { return std::make_tuple(uniform<float>(f.rng(), n, -10.0f, 10.0f)); },
      [](const F32& x, F32& out) {
        for (size_t i = 0; i < x.size(); ++i) {
          const float w[3] = {x[i], x[i] * 2.0f, x[i] - 1.0f};
          float by_value = 0, by_ref = 0, weighted = 0, window = 0;
          for (float v : w) by_value += v;
          for (float v : w) by_ref += v * 0.5f;
          for (int k = 0; k < 3; ++k) weighted += w[k] * float(k);
          const size_t end = i + 3 < x.size() ? i + 3 : x.size();
          for (size_t j = i; j < end; ++j) window += x[j];
          out[4 * i] = by_value;
          out[4 * i + 1] = by_ref;
          out[4 * i + 2] = weighted;
          out[4 * i + 3] = window;
        }
      },
      Tolerance{1e-6, 1e-6});
}

// ---- 14. lane_id, warp_size, fences ----------------------------------------------------

void warp_basics(Family& f) {
  f.map<uint32_t, uint32_t>(
      "warp_basics", 2,
      [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 1000)); },
      [](const U32& x, U32& out) {
        for (size_t i = 0; i < x.size(); ++i) out[2 * i] = out[2 * i + 1] = 1;
      });
}

// ---- 15. shuffles, ballot, votes, warp reductions ---------------------------------------

void warp_ops(Family& f) {
  f.map<uint32_t, uint32_t>(
      "warp_ops", 8,
      [&](size_t n) { return std::make_tuple(uniform<uint32_t>(f.rng(), n, 0, 999)); },
      [](const U32& x, U32& out) {
        for (size_t i = 0; i < 8 * x.size(); ++i) out[i] = 1;
      });
}

// ---- 16. representative kernels: shared memory, barriers, warp ops, atomics ------------

// Inputs of a launch; on failure the case is reported and skipped.
#define GK_INPUT(var, vec)                 \
  auto var = f.input(vec, &error);         \
  if (!var) {                              \
    f.results().fail(name, error);         \
    continue;                              \
  }

void gpu_kernels(Family& f) {
  const uint32_t max_block = std::min<uint32_t>(1024, f.device().limits().max_threads_per_block);
  const std::string spec = f.device().spec() + " lang.gpu_kernels ";

  // 1. Tiled matrix multiply, 16 x 16 blocks, sizes not multiples of the tile.
  if (auto k = f.kernel("matmul", {hm::scalar<uint32_t>(), hm::scalar<uint32_t>(),
                                   hm::scalar<uint32_t>(), hm::slice_ro<float>(),
                                   hm::slice_ro<float>(), hm::slice_rw<float>()})) {
    struct Mkn {
      uint32_t m, k, n;
    };
    for (const Mkn& s : {Mkn{1, 1, 1}, Mkn{37, 53, 29}, Mkn{64, 48, 80}, Mkn{100, 70, 33},
                         Mkn{17, 129, 16}, Mkn{5, 300, 3}}) {
      const std::string name = spec + "matmul " + std::to_string(s.m) + "x" +
                               std::to_string(s.k) + "x" + std::to_string(s.n);
      const F32 a = uniform<float>(f.rng(), size_t{s.m} * s.k, -1.0f, 1.0f);
      const F32 b = uniform<float>(f.rng(), size_t{s.k} * s.n, -1.0f, 1.0f);
      F32 want(size_t{s.m} * s.n);
      for (uint32_t r = 0; r < s.m; ++r) {
        for (uint32_t c = 0; c < s.n; ++c) {
          double acc = 0;
          for (uint32_t e = 0; e < s.k; ++e) {
            acc += static_cast<double>(a[size_t{r} * s.k + e]) * b[size_t{e} * s.n + c];
          }
          want[size_t{r} * s.n + c] = static_cast<float>(acc);
        }
      }
      std::string error;
      GK_INPUT(ain, a);
      GK_INPUT(bin, b);
      auto out = f.output<float>(want.size(), &error);
      if (!out) {
        f.results().fail(name, error);
        continue;
      }
      // float sums of k products of numbers in [-1, 1], in another order than the
      // double reference (and fused on some targets).
      const Tolerance tol{1e-4, 1e-6 * s.k};
      f.launch<float>(name, *k, hm::Dim3((s.n + 15) / 16, (s.m + 15) / 16), hm::Dim3(16, 16),
                      {f.scalar(s.m), f.scalar(s.k), f.scalar(s.n), *ain, *bin,
                       Family::slice(*out, want.size())},
                      *out, want, tol, [&](size_t i) {
                        return "row " + std::to_string(i / s.n) + " col " +
                               std::to_string(i % s.n);
                      });
    }
  }

  // Sizes of the grid-stride kernels: the usual ones and a larger one, on at most 8
  // blocks so that each thread loops.
  std::vector<Size> strided = f.sizes();
  strided.push_back({100003, 256});
  strided.push_back({5000, 96});
  auto strided_grid = [](const Size& s) { return std::min<uint32_t>(hm::blocks_for(s.n, s.block), 8); };

  // 2. Block reduction: out[0] (a random starting value) += the wrapping sum of x.
  if (auto k = f.kernel("block_sum", {hm::slice_ro<uint32_t>(), hm::slice_rw<uint32_t>()})) {
    for (const Size& s : strided) {
      const std::string name = f.case_name("block_sum", s);
      const U32 x = uniform<uint32_t>(f.rng(), s.n, 0, kU32Max);
      const U32 init = uniform<uint32_t>(f.rng(), 1, 0, kU32Max);
      U32 want = init;
      for (uint32_t v : x) want[0] += v;
      std::string error;
      GK_INPUT(xin, x);
      auto out = f.output_init(init, &error);
      if (!out) {
        f.results().fail(name, error);
        continue;
      }
      f.launch<uint32_t>(name, *k, strided_grid(s), s.block, {*xin, Family::slice(*out, 1)},
                         *out, want, {}, [&](size_t) {
                           return "starting value " + show(init[0]) + ", " +
                                  std::to_string(strided_grid(s)) + " blocks";
                         });
    }
  }

  // 3. 256-bin histogram of x % 256, into bins with random starting counts. A few
  // values are frequent, so some bins see many atomics at once.
  if (auto k = f.kernel("histogram", {hm::slice_ro<uint32_t>(), hm::slice_rw<uint32_t>()})) {
    for (const Size& s : strided) {
      const std::string name = f.case_name("histogram", s);
      const U32 x = with_specials<uint32_t>(f.rng(), uniform<uint32_t>(f.rng(), s.n, 0, kU32Max),
                                            {7, 7 + 256, 255, 0, 0xffffff07u});
      const U32 init = uniform<uint32_t>(f.rng(), 256, 0, 1000000);
      U32 want = init;
      for (uint32_t v : x) ++want[v % 256];
      std::string error;
      GK_INPUT(xin, x);
      auto out = f.output_init(init, &error);
      if (!out) {
        f.results().fail(name, error);
        continue;
      }
      f.launch<uint32_t>(name, *k, strided_grid(s), s.block, {*xin, Family::slice(*out, 256)},
                         *out, want, {}, [&](size_t b) {
                           return "bin " + std::to_string(b) + ", starting count " +
                                  show(init[b]);
                         });
    }
  }

  // 4. Inclusive scan (wrapping) of each block-size segment of x.
  if (auto k = f.kernel("block_scan", {hm::slice_ro<uint32_t>(), hm::slice_rw<uint32_t>()})) {
    std::vector<Size> sizes = f.sizes();
    sizes.push_back({5000, 96});
    sizes.push_back({3000, 1000});
    for (const Size& s : sizes) {
      const std::string name = f.case_name("block_scan", s);
      const U32 x = uniform<uint32_t>(f.rng(), s.n, 0, kU32Max);
      U32 want(s.n);
      for (size_t i = 0; i < s.n; ++i) {
        want[i] = (i % s.block == 0 ? 0 : want[i - 1]) + x[i];
      }
      std::string error;
      GK_INPUT(xin, x);
      auto out = f.output<uint32_t>(s.n, &error);
      if (!out) {
        f.results().fail(name, error);
        continue;
      }
      f.launch<uint32_t>(name, *k, hm::blocks_for(s.n, s.block), s.block,
                         {*xin, Family::slice(*out, s.n)}, *out, want, {}, [&](size_t i) {
                           return "block " + std::to_string(i / s.block) + " offset " +
                                  std::to_string(i % s.block) + ", x " + show(x[i]);
                         });
    }
  }

  // 5. Row softmax, one block per row. Each row is shifted by up to +-100, so that
  // exp without the max subtracted would overflow.
  if (auto k = f.kernel("softmax", {hm::scalar<uint32_t>(), hm::slice_ro<float>(),
                                    hm::slice_rw<float>()})) {
    struct Rcb {
      uint32_t rows, cols, block;
    };
    for (const Rcb& s : {Rcb{1, 1, 64}, Rcb{3, 1000, 256}, Rcb{5, 3001, max_block},
                         Rcb{17, 129, 64}, Rcb{4, 100, 100}, Rcb{2, 2500, 1},
                         Rcb{6, 50, 128}, Rcb{3, 4096, 96}}) {
      const std::string name = spec + "softmax rows=" + std::to_string(s.rows) + " cols=" +
                               std::to_string(s.cols) + " block=" + std::to_string(s.block);
      F32 x = uniform<float>(f.rng(), size_t{s.rows} * s.cols, -8.0f, 8.0f);
      for (uint32_t r = 0; r < s.rows; ++r) {
        const float shift = uniform<float>(f.rng(), 1, -100.0f, 100.0f)[0];
        for (uint32_t c = 0; c < s.cols; ++c) x[size_t{r} * s.cols + c] += shift;
      }
      F32 want(x.size());
      for (uint32_t r = 0; r < s.rows; ++r) {
        const float* row = &x[size_t{r} * s.cols];
        const float max = *std::max_element(row, row + s.cols);
        double sum = 0;
        for (uint32_t c = 0; c < s.cols; ++c) sum += std::exp(static_cast<double>(row[c]) - max);
        for (uint32_t c = 0; c < s.cols; ++c) {
          want[size_t{r} * s.cols + c] =
              static_cast<float>(std::exp(static_cast<double>(row[c]) - max) / sum);
        }
      }
      std::string error;
      GK_INPUT(xin, x);
      auto out = f.output<float>(want.size(), &error);
      if (!out) {
        f.results().fail(name, error);
        continue;
      }
      f.launch<float>(name, *k, s.rows, s.block,
                      {f.scalar(s.cols), *xin, Family::slice(*out, want.size())}, *out, want,
                      Tolerance{1e-5, 0}, [&](size_t i) {
                        return "row " + std::to_string(i / s.cols) + " col " +
                               std::to_string(i % s.cols) + ", x " + show(x[i]);
                      });
    }
  }
}

#undef GK_INPUT

// ---- atomics: every atomic on device and shared memory ---------------------------------

// Inputs of a launch; on failure the case is reported and skipped.
#define AT_INPUT(var, vec)                 \
  auto var = f.input(vec, &error);         \
  if (!var) {                              \
    f.results().fail(name, error);         \
    continue;                              \
  }
#define AT_OUTPUT(var, init)               \
  auto var = f.output_init(init, &error);  \
  if (!var) {                              \
    f.results().fail(name, error);         \
    continue;                              \
  }

// Wrapping arithmetic, through the unsigned type.
template <typename T>
T wrap_add(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
}
template <typename T>
T wrap_sub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
}
template <typename T>
T bit_not(T a) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(~static_cast<U>(a)));
}

// Masks for atomic_and (and, complemented, atomic_or): all ones but for bits cleared
// with probability p each, so that many of them ANDed together do not reach zero.
template <typename T>
std::vector<T> mostly_ones(std::mt19937& rng, size_t n, double p) {
  using U = std::make_unsigned_t<T>;
  std::bernoulli_distribution clear(p);
  std::vector<T> v(n);
  for (T& m : v) {
    U u = static_cast<U>(~U{0});
    for (unsigned b = 0; b < 8 * sizeof(T); ++b) {
      if (clear(rng)) u = static_cast<U>(u & ~(U{1} << b));
    }
    m = static_cast<T>(u);
  }
  return v;
}

// Launches `k` like Family::launch, but first hands what the kernel wrote to
// `settle`, which checks the elements whose values depend on the order in which the
// atomics landed and copies them into `want` when they are right (a non-empty
// return is the failure); then compares everything with `want`.
template <typename T>
void launch_settled(Family& f, const std::string& name, hm::Kernel& k, hm::Dim3 grid,
                    hm::Dim3 block, const std::vector<hm_arg>& args, const hm::Buffer<T>& out,
                    std::vector<T> want,
                    const std::function<std::string(const std::vector<T>&, std::vector<T>&)>& settle,
                    const std::function<std::string(size_t)>& describe) {
  hm::Status status = k.launch_args(grid, block, args);
  if (status) status = f.device().synchronize();
  if (!status) return f.results().fail(name, "launch: " + status.to_string());
  std::vector<T> got(want.size());
  status = out.read(got);
  if (!status) return f.results().fail(name, "read: " + status.to_string());
  const std::string why = settle(got, want);
  if (!why.empty()) return f.results().fail(name, why);
  f.check<T>(name, out, want, {}, describe);
}

// The claims of one slot: the owner element and, per contender, the element holding
// the old value its compare_exchange returned and its id. The owner must be one
// contender's id; that one must have seen the sentinel and all others its id.
template <typename T>
std::string settle_claim(const std::vector<T>& got, std::vector<T>& want, const std::string& slot,
                         size_t owner, T sentinel,
                         const std::vector<std::pair<size_t, T>>& contenders) {
  if (contenders.empty()) return "";  // want[owner] is the sentinel
  const T o = got[owner];
  size_t winner = contenders.size();
  for (size_t c = 0; c < contenders.size(); ++c) {
    if (contenders[c].second == o) winner = c;
  }
  if (winner == contenders.size()) {
    return slot + " ends as " + show(o) + ", which is not the id of any of its " +
           std::to_string(contenders.size()) + " contenders (the first is " +
           show(contenders[0].second) + ", the sentinel " + show(sentinel) + ")";
  }
  want[owner] = o;
  for (size_t c = 0; c < contenders.size(); ++c) {
    want[contenders[c].first] = c == winner ? sentinel : o;
  }
  return "";
}

template <typename T>
void atomics_int(Family& f, const std::string& type) {
  using Vec = std::vector<T>;
  using U = std::make_unsigned_t<T>;
  constexpr T kMin = std::numeric_limits<T>::min();
  constexpr T kMax = std::numeric_limits<T>::max();
  // The whole range: negative values for signed types, values >= 2^31 (2^63) for
  // unsigned ones, so that a signed/unsigned mix-up in min/max shows.
  auto full = [&](size_t n) { return uniform<T>(f.rng(), n, kMin, kMax); };
  static const char* const kOps[] = {"add", "sub", "min", "max", "and (m)", "or (!m)", "xor",
                                     "exchange", "compare_exchange"};

  // 1. Device memory, item i on slot i % 7 of each operation; the exchanges' old values
  // and final values must be a permutation of what went in.
  if (auto k = f.kernel("hits_" + type, {hm::slice_ro<T>(), hm::slice_ro<T>(), hm::slice_rw<T>()})) {
    for (const Size& s : f.sizes()) {
      const std::string name = f.case_name("hits_" + type, s);
      const Vec x = full(s.n);
      const Vec m = mostly_ones<T>(f.rng(), s.n, 1.0 / (2 + s.n / 7));
      Vec init = full(56);
      init.resize(56 + s.n, poison<T>());
      Vec want = init;
      for (size_t i = 0; i < s.n; ++i) {
        const size_t k = i % 7;
        want[k] = wrap_add(want[k], x[i]);
        want[7 + k] = wrap_sub(want[7 + k], x[i]);
        want[14 + k] = std::min(want[14 + k], x[i]);
        want[21 + k] = std::max(want[21 + k], x[i]);
        want[28 + k] = static_cast<T>(want[28 + k] & m[i]);
        want[35 + k] = static_cast<T>(want[35 + k] | bit_not(m[i]));
        want[42 + k] = static_cast<T>(want[42 + k] ^ x[i]);
      }
      auto settle = [&](const Vec& got, Vec& w) -> std::string {
        for (size_t k = 0; k < 7; ++k) {
          Vec in{init[49 + k]}, out{got[49 + k]};
          for (size_t i = k; i < s.n; i += 7) {
            in.push_back(x[i]);
            out.push_back(got[56 + i]);
          }
          std::sort(in.begin(), in.end());
          std::sort(out.begin(), out.end());
          if (in != out) {
            return "exchange slot " + std::to_string(k) + ": its final value " + show(got[49 + k]) +
                   " and the old values its " + std::to_string(in.size() - 1) +
                   " exchanges returned are not a permutation of its starting value " +
                   show(init[49 + k]) + " and the exchanged values";
          }
          w[49 + k] = got[49 + k];
          for (size_t i = k; i < s.n; i += 7) w[56 + i] = got[56 + i];
        }
        return "";
      };
      std::string error;
      AT_INPUT(xin, x);
      AT_INPUT(min, m);
      AT_OUTPUT(out, init);
      launch_settled<T>(f, name, *k, hm::blocks_for(s.n, s.block), s.block,
                        {*xin, *min, Family::slice(*out, init.size())}, *out, want, settle,
                        [&](size_t e) {
                          if (e >= 56) return "old value of item " + std::to_string(e - 56) + "'s exchange";
                          return std::string(kOps[e / 7]) + " slot " + std::to_string(e % 7) +
                                 ", starting value " + show(init[e]);
                        });
    }
  }

  // 2. Device memory, one slot per item: the final values and the returned old values.
  if (auto k = f.kernel("old_" + type, {hm::slice_ro<T>(), hm::slice_ro<T>(), hm::slice_rw<T>()})) {
    for (const Size& s : f.sizes()) {
      const std::string name = f.case_name("old_" + type, s);
      const size_t n = s.n;
      const Vec x = full(n);
      const Vec y = full(n);
      Vec init = full(9 * n);
      std::bernoulli_distribution coin(0.5);
      for (size_t i = 0; i < n; ++i) {
        if (coin(f.rng())) init[8 * n + i] = y[i];  // the compare_exchange succeeds
      }
      init.resize(18 * n, poison<T>());
      Vec want(18 * n);
      for (size_t i = 0; i < n; ++i) {
        const T v = x[i];
        const T a[9] = {wrap_add(init[i], v),
                        wrap_sub(init[n + i], v),
                        std::min(init[2 * n + i], v),
                        std::max(init[3 * n + i], v),
                        static_cast<T>(init[4 * n + i] & v),
                        static_cast<T>(init[5 * n + i] | v),
                        static_cast<T>(init[6 * n + i] ^ v),
                        v,
                        init[8 * n + i] == y[i] ? v : init[8 * n + i]};
        for (size_t j = 0; j < 9; ++j) {
          want[j * n + i] = a[j];
          want[(9 + j) * n + i] = init[j * n + i];
        }
      }
      std::string error;
      AT_INPUT(xin, x);
      AT_INPUT(yin, y);
      AT_OUTPUT(out, init);
      f.launch<T>(name, *k, hm::blocks_for(n, s.block), s.block,
                  {*xin, *yin, Family::slice(*out, init.size())}, *out, want, {}, [&](size_t e) {
                    const size_t i = e % n, j = e / n;
                    std::string d = std::string(j < 9 ? "" : "old value of ") + kOps[j % 9] +
                                    " item " + std::to_string(i) + ", starting value " +
                                    show(init[(j % 9) * n + i]) + ", v " + show(x[i]);
                    if (j % 9 == 8) d += ", current " + show(y[i]);
                    return d;
                  });
    }
  }

  // 3. Device memory claims: compare_exchange(sentinel -> base + i) on slot i % 7.
  if (auto k = f.kernel("claim_" + type, {hm::scalar<T>(), hm::scalar<T>(), hm::scalar<uint32_t>(),
                                          hm::slice_rw<T>()})) {
    for (const Size& s : f.sizes()) {
      const std::string name = f.case_name("claim_" + type, s);
      const size_t n = s.n;
      const T base = full(1)[0];
      auto id = [&](size_t i) { return wrap_add(base, static_cast<T>(i)); };
      // A sentinel that no id equals; for 64-bit types, with the low 32 bits of id 0,
      // so that a comparison of the low halves alone goes wrong.
      T sentinel;
      do {
        if constexpr (sizeof(T) == 8) {
          sentinel = static_cast<T>(static_cast<U>(base) ^
                                    (U{1} << uniform<unsigned>(f.rng(), 1, 32, 63)[0]));
        } else {
          sentinel = wrap_sub(base, static_cast<T>(1 + uniform<unsigned>(f.rng(), 1, 0, 1000)[0]));
        }
      } while (static_cast<U>(wrap_sub(sentinel, base)) < n);
      Vec init(7, sentinel);
      const Vec counters = full(7);
      init.insert(init.end(), counters.begin(), counters.end());
      init.resize(14 + n, poison<T>());
      Vec want = init;
      for (size_t k2 = 0; k2 < 7 && k2 < n; ++k2) want[7 + k2] = wrap_add(want[7 + k2], T{1});
      auto settle = [&](const Vec& got, Vec& w) -> std::string {
        for (size_t slot = 0; slot < 7; ++slot) {
          std::vector<std::pair<size_t, T>> contenders;
          for (size_t i = slot; i < n; i += 7) contenders.push_back({14 + i, id(i)});
          std::string why = settle_claim<T>(got, w, "owner " + std::to_string(slot), slot,
                                            sentinel, contenders);
          if (!why.empty()) return why;
        }
        return "";
      };
      std::string error;
      AT_OUTPUT(out, init);
      launch_settled<T>(f, name, *k, hm::blocks_for(n, s.block), s.block,
                        {f.scalar(sentinel), f.scalar(base), f.scalar(static_cast<uint32_t>(n)),
                         Family::slice(*out, init.size())},
                        *out, want, settle, [&](size_t e) {
                          if (e < 7) return "owner " + std::to_string(e) + ", sentinel " + show(sentinel);
                          if (e < 14) {
                            return "win counter " + std::to_string(e - 7) + ", starting value " +
                                   show(init[e]) + " (exactly one claim per slot must win)";
                          }
                          return "old value seen by item " + std::to_string(e - 14) + " (id " +
                                 show(id(e - 14)) + ") claiming owner " +
                                 std::to_string((e - 14) % 7) +
                                 ": the winner sees the sentinel, the others the winner's id";
                        });
    }
  }

  // 4. Shared memory: 64 slots (8 operations x 8 slots) and a counter per block, and
  // the exchanges into the next thread's slot.
  if (auto k = f.kernel("shared_" + type, {hm::scalar<T>(), hm::slice_ro<T>(), hm::slice_ro<T>(),
                                           hm::slice_ro<T>(), hm::slice_rw<T>()})) {
    for (const Size& s : f.sizes()) {
      const std::string name = f.case_name("shared_" + type, s);
      const size_t n = s.n, block = s.block;
      const size_t blocks = hm::blocks_for(n, s.block);
      const size_t per_block = blocks * 65;
      // Thread ids are below 1024: a negative sentinel, or one >= 2^31 (2^63).
      const T sentinel = std::is_signed_v<T>
                             ? uniform<T>(f.rng(), 1, kMin, static_cast<T>(-1))[0]
                             : uniform<T>(f.rng(), 1, static_cast<T>(U{1} << (8 * sizeof(T) - 1)), kMax)[0];
      const Vec x = full(n);
      const Vec m = mostly_ones<T>(f.rng(), n, 1.0 / (2 + std::min(n, block) / 8));
      Vec init = full(per_block);
      for (size_t b = 0; b < blocks; ++b) {
        for (size_t k2 = 0; k2 < 8; ++k2) init[b * 65 + 56 + k2] = sentinel;
      }
      Vec want = init;
      auto live = [&](size_t b, size_t t) { return b * block + t < n; };
      auto ex_start = [&](size_t b, size_t t) { return live(b, t) ? x[b * block + t] : T{0}; };
      for (size_t i = 0; i < n; ++i) {
        const size_t b = i / block, t = i % block, kk = t % 8;
        T* w = &want[b * 65];
        w[kk] = wrap_add(w[kk], x[i]);
        w[8 + kk] = wrap_sub(w[8 + kk], x[i]);
        w[16 + kk] = std::min(w[16 + kk], x[i]);
        w[24 + kk] = std::max(w[24 + kk], x[i]);
        w[32 + kk] = static_cast<T>(w[32 + kk] & m[i]);
        w[40 + kk] = static_cast<T>(w[40 + kk] | bit_not(m[i]));
        w[48 + kk] = static_cast<T>(w[48 + kk] ^ x[i]);
      }
      want.resize(per_block + 3 * n, poison<T>());
      init.resize(per_block + 3 * n, poison<T>());
      for (size_t b = 0; b < blocks; ++b) {
        const size_t lanes = std::min(block, n - b * block);
        want[b * 65 + 64] = wrap_add(want[b * 65 + 64], static_cast<T>(std::min<size_t>(lanes, 8)));
      }
      for (size_t i = 0; i < n; ++i) {
        const size_t b = i / block, t = i % block;
        const size_t prev = (t + block - 1) % block;
        want[per_block + n + i] = ex_start(b, (t + 1) % block);
        want[per_block + 2 * n + i] = live(b, prev) ? m[b * block + prev] : ex_start(b, t);
      }
      auto settle = [&](const Vec& got, Vec& w) -> std::string {
        for (size_t b = 0; b < blocks; ++b) {
          for (size_t slot = 0; slot < 8; ++slot) {
            std::vector<std::pair<size_t, T>> contenders;
            for (size_t t = slot; t < block && live(b, t); t += 8) {
              contenders.push_back({per_block + b * block + t, static_cast<T>(t)});
            }
            std::string why = settle_claim<T>(got, w,
                                              "block " + std::to_string(b) + " claim slot " +
                                                  std::to_string(slot),
                                              b * 65 + 56 + slot, sentinel, contenders);
            if (!why.empty()) return why;
          }
        }
        return "";
      };
      std::string error;
      AT_INPUT(xin, x);
      AT_INPUT(min, m);
      const Vec start(init.begin(), init.begin() + per_block);
      AT_INPUT(initin, start);
      AT_OUTPUT(out, Vec(want.size(), poison<T>()));
      static const char* const kShared[] = {"add", "sub", "min", "max", "and (m)", "or (!m)",
                                            "xor", "claim"};
      launch_settled<T>(
          f, name, *k, static_cast<uint32_t>(blocks), s.block,
          {f.scalar(sentinel), *xin, *min, *initin, Family::slice(*out, want.size())}, *out, want,
          settle, [&](size_t e) {
            if (e < per_block) {
              const size_t b = e / 65, j = e % 65;
              if (j == 64) {
                return "block " + std::to_string(b) + " shared claim counter, starting value " +
                       show(init[e]) + " (one win per claimed slot)";
              }
              return "block " + std::to_string(b) + " shared " + kShared[j / 8] + " slot " +
                     std::to_string(j % 8) + ", starting value " + show(init[e]);
            }
            const size_t r = (e - per_block) / n, i = (e - per_block) % n;
            static const char* const kRegion[] = {
                ("old value of its claim (the winner sees the sentinel, the others the winner's "
                 "thread index)"),
                "old value of its exchange into the next thread's slot",
                "final value of its own exchange slot"};
            return "item " + std::to_string(i) + " (thread " + std::to_string(i % block) + "): " +
                   kRegion[r];
          });
    }
  }
}

void atomics_f32(Family& f) {
  // Integer-valued floats: sums of thousands of them are exact in any order.
  auto integral = [&](size_t n, int lo, int hi) {
    F32 v(n);
    std::uniform_int_distribution<int> d(lo, hi);
    for (float& e : v) e = static_cast<float>(d(f.rng()));
    return v;
  };

  // 1. Device memory: 7 slots hit by many items, and one slot per item (old values).
  if (auto k = f.kernel("fadd", {hm::slice_ro<float>(), hm::slice_ro<float>(), hm::slice_rw<float>()})) {
    for (const Size& s : f.sizes()) {
      const std::string name = f.case_name("fadd", s);
      const size_t n = s.n;
      const F32 x = integral(n, -1000, 1000);
      const F32 y = uniform<float>(f.rng(), n, -100.0f, 100.0f);
      F32 init = integral(7, -100000, 100000);
      const F32 slots = uniform<float>(f.rng(), n, -10000.0f, 10000.0f);
      init.insert(init.end(), slots.begin(), slots.end());
      init.resize(7 + 2 * n, poison<float>());
      F32 want = init;
      for (size_t i = 0; i < n; ++i) {
        want[i % 7] += x[i];
        want[7 + i] = init[7 + i] + y[i];
        want[7 + n + i] = init[7 + i];
      }
      std::string error;
      AT_INPUT(xin, x);
      AT_INPUT(yin, y);
      AT_OUTPUT(out, init);
      f.launch<float>(name, *k, hm::blocks_for(n, s.block), s.block,
                      {*xin, *yin, Family::slice(*out, init.size())}, *out, want, {},
                      [&](size_t e) {
                        if (e < 7) return "slot " + std::to_string(e) + ", starting value " + show(init[e]);
                        const size_t i = (e - 7) % n;
                        return std::string(e < 7 + n ? "" : "old value of ") + "item " +
                               std::to_string(i) + "'s slot, starting value " + show(init[7 + i]) +
                               ", y " + show(y[i]);
                      });
    }
  }

  // 2. Shared memory: 8 slots and a block total per block.
  if (auto k = f.kernel("shared_fadd", {hm::slice_ro<float>(), hm::slice_ro<float>(),
                                        hm::slice_rw<float>()})) {
    for (const Size& s : f.sizes()) {
      const std::string name = f.case_name("shared_fadd", s);
      const size_t n = s.n, blocks = hm::blocks_for(n, s.block);
      const F32 x = integral(n, -1000, 1000);
      const F32 init = integral(9 * blocks, -100000, 100000);
      F32 want = init;
      for (size_t i = 0; i < n; ++i) {
        const size_t b = i / s.block;
        want[b * 9 + (i % s.block) % 8] += x[i];
        want[b * 9 + 8] += x[i];
      }
      std::string error;
      AT_INPUT(xin, x);
      AT_INPUT(initin, init);
      AT_OUTPUT(out, F32(want.size(), poison<float>()));
      f.launch<float>(name, *k, static_cast<uint32_t>(blocks), s.block,
                      {*xin, *initin, Family::slice(*out, want.size())}, *out, want, {},
                      [&](size_t e) {
                        return "block " + std::to_string(e / 9) +
                               (e % 9 == 8 ? std::string(" total") : " slot " + std::to_string(e % 9)) +
                               ", starting value " + show(init[e]);
                      });
    }
  }
}

void atomics(Family& f) {
  atomics_int<int32_t>(f, "i32");
  atomics_int<uint32_t>(f, "u32");
  atomics_int<int64_t>(f, "i64");
  atomics_int<uint64_t>(f, "u64");
  atomics_f32(f);
}

#undef AT_INPUT
#undef AT_OUTPUT

struct FamilyEntry {
  const char* name;
  void (*run)(Family&);
};

const FamilyEntry kFamilies[] = {
    {"structs", structs},         {"traits", traits},
    {"arrays", arrays},           {"tuples", tuples},
    {"enums", enums},             {"enums_path_bounds", enums_path_bounds},
    {"loops", loops},
    {"modules", modules},         {"int_semantics", int_semantics},
    {"builtins", builtins},       {"transcendental", transcendental},
    {"subslices", subslices},     {"references", references},
    {"references_disjoint", references_disjoint},
    {"operators", operators},
    {"iterators", iterators},
    {"warp_basics", warp_basics},
    {"warp_ops", warp_ops},
    {"gpu_kernels", gpu_kernels},
    {"atomics", atomics},
};

}  // namespace

std::vector<std::string> lang_families() {
  std::vector<std::string> names;
  for (const FamilyEntry& e : kFamilies) names.push_back(e.name);
  return names;
}

void run_lang_family(hm::Device& device, const std::string& family,
                     const std::string& kernel_path, Results& results) {
  const std::string prefix = device.spec() + " lang." + family;
  const FamilyEntry* entry = nullptr;
  uint32_t seed = 20240601;
  for (const FamilyEntry& e : kFamilies) {
    ++seed;
    if (family == e.name) {
      entry = &e;
      break;
    }
  }
  if (!entry) return results.fail(prefix, "no such family");
  auto module = device.load_module(kernel_path);
  if (!module) return results.fail(prefix + " load " + kernel_path, module.error().to_string());
  Family f(device, *module, results, family, seed);  // fixed seed: a failure reproduces
  entry->run(f);
}

}  // namespace e2e
