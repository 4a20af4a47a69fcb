// The loops of the 16-channel Winograd convolution F(4x4, 3x3) (winograd16_kernels.h), compiled once per x86-64 level
// with MLCNN_ISA naming the table (native/CMakeLists.txt). As in conv_pool_kernels.cpp, everything but the table sits
// in an anonymous namespace and nothing comes from headers but builtins. A tile row is done in groups of kGroup tiles,
// all in the L1 cache: (1) each tile's 6x6 input patch, one register of 16 channels per position, becomes V = B^T d B;
// (2) per transformed point, M = V U for the group's tiles, each point's 16 weight vectors loaded once and multiplied by
// broadcast channels of kGroup tiles held in registers; (3) each tile's 4x4 outputs are A^T M A. The matrices are
// Lavin and Gray's (points 0, +-1, +-2 and infinity).
#include "isa.h"
#include "winograd16_kernels.h"

namespace mlcnn {

namespace {

constexpr int64_t kC = kWinograd16Channels;
constexpr int64_t kT = kWinograd16Tile;
constexpr int64_t kP = kWinograd16Points;
constexpr int kSide = 6;    // input patch side: tile + kernel - 1
constexpr int kGroup = 8;   // tiles whose products share each loaded weight vector (accumulators in registers)
typedef float Lanes __attribute__((vector_size(kC * sizeof(float))));

Lanes load(const float* p) {
  Lanes v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

void store(float* p, const Lanes& v) { __builtin_memcpy(p, &v, sizeof v); }

// o = B^T d for one column of six values.
void input_transform(const Lanes d[kSide], Lanes o[kSide]) {
  o[0] = 4 * d[0] - 5 * d[2] + d[4];
  o[1] = -4 * (d[1] + d[2]) + d[3] + d[4];
  o[2] = 4 * (d[1] - d[2]) - d[3] + d[4];
  o[3] = 2 * (d[3] - d[1]) + d[4] - d[2];
  o[4] = 2 * (d[1] - d[3]) + d[4] - d[2];
  o[5] = 4 * d[1] - 5 * d[3] + d[5];
}

// o = A^T m for one column of six values.
void output_transform(const Lanes m[kSide], Lanes o[kT]) {
  const Lanes a = m[1] + m[2], b = m[1] - m[2], c = m[3] + m[4], d = m[3] - m[4];
  o[0] = m[0] + a + c;
  o[1] = b + 2 * d;
  o[2] = a + 4 * c;
  o[3] = b + 8 * d + m[5];
}

// V of the tile at tile column j of tile row i into v ([36][16]).
void transform_patch(const Winograd16Shape& s, const float* x, int64_t i, int64_t j, float* v) {
  Lanes columns[kSide][kSide];  // columns[col][a]: B^T applied down input column col
  for (int col = 0; col < kSide; ++col) {
    const auto xc = j * kT - 1 + col;
    Lanes d[kSide];
    for (int r = 0; r < kSide; ++r) {
      const auto xr = i * kT - 1 + r;
      d[r] = xr >= 0 && xr < s.height && xc >= 0 && xc < s.width ? load(x + (xr * s.width + xc) * kC) : Lanes{};
    }
    input_transform(d, columns[col]);
  }
  for (int a = 0; a < kSide; ++a) {
    Lanes d[kSide], o[kSide];
    for (int col = 0; col < kSide; ++col) d[col] = columns[col][a];
    input_transform(d, o);
    for (int b = 0; b < kSide; ++b) store(v + (a * kSide + b) * kC, o[b]);
  }
}

// Writes the tile at tile column j of tile row i from its products m ([36][16]), cut at the image's edge.
void write_tile(const Winograd16Shape& s, const float* m, int64_t i, int64_t j, float* y) {
  Lanes columns[kSide][kT];  // columns[b][r]: A^T applied down product column b
  for (int b = 0; b < kSide; ++b) {
    Lanes d[kSide];
    for (int a = 0; a < kSide; ++a) d[a] = load(m + (a * kSide + b) * kC);
    output_transform(d, columns[b]);
  }
  for (int r = 0; r < kT; ++r) {
    const auto yr = i * kT + r;
    if (yr >= s.height) break;
    Lanes d[kSide], o[kT];
    for (int b = 0; b < kSide; ++b) d[b] = columns[b][r];
    output_transform(d, o);
    for (int q = 0; q < kT; ++q) {
      const auto yc = j * kT + q;
      if (yc < s.width) store(y + (yr * s.width + yc) * kC, o[q]);
    }
  }
}

// M = V U for the tiles of a group: m[t][p] = sum over c of v[t][p][c] * u[p][c].
void multiply(const float* v, const float* u, float* m) {
  for (int64_t p = 0; p < kP; ++p) {
    Lanes acc[kGroup];
    for (int t = 0; t < kGroup; ++t) acc[t] = Lanes{};
    const float* up = u + p * kC * kC;
    for (int64_t c = 0; c < kC; ++c) {
      const Lanes w = load(up + c * kC);
#pragma GCC unroll 8
      for (int t = 0; t < kGroup; ++t) acc[t] += v[(t * kP + p) * kC + c] * w;
    }
    for (int t = 0; t < kGroup; ++t) store(m + (t * kP + p) * kC, acc[t]);
  }
}

void rows(const Winograd16Shape& s, const float* x, const float* u, float* y, int64_t first, int64_t count) {
  const auto tile_rows = (s.height + kT - 1) / kT, tile_columns = (s.width + kT - 1) / kT;
  const auto image_size = s.height * s.width * kC;
  alignas(64) float v[kGroup * kP * kC];
  alignas(64) float m[kGroup * kP * kC];
  for (int64_t r = first; r < first + count; ++r) {
    const auto image = r / tile_rows, i = r % tile_rows;
    const float* xi = x + image * image_size;
    float* yi = y + image * image_size;
    for (int64_t j0 = 0; j0 < tile_columns; j0 += kGroup) {
      const auto tiles = tile_columns - j0 < kGroup ? tile_columns - j0 : kGroup;
      for (int64_t t = 0; t < kGroup; ++t)
        if (t < tiles) transform_patch(s, xi, i, j0 + t, v + t * kP * kC);
        else __builtin_memset(v + t * kP * kC, 0, kP * kC * sizeof(float));
      multiply(v, u, m);
      for (int64_t t = 0; t < tiles; ++t) write_tile(s, m + t * kP * kC, i, j0 + t, yi);
    }
  }
}

}  // namespace

const Winograd16Kernels MLCNN_JOIN(winograd16_kernels_, MLCNN_ISA) = {rows};

}  // namespace mlcnn
