// The loops of the fused Winograd convolution F(4x4, 3x3) (fused_winograd_kernels.h), compiled once per x86-64 level
// with MLCNN_ISA naming the table (native/CMakeLists.txt). As in conv_pool_kernels.cpp, everything but the table sits
// in an anonymous namespace and nothing comes from headers but builtins. Tiles are done in groups, all in the L1 and L2
// caches: (1) each tile's 6x6 input patch, one register per position and 16 channels, becomes V = B^T d B; (2) per
// transformed point, M = V U for the group's tiles, each loaded weight vector multiplied by broadcast channels of every
// tile of the group, whose accumulators stay in registers; (3) each tile's 4x4 outputs are A^T M A. The matrices are
// Lavin and Gray's (points 0, +-1, +-2 and infinity).
#include "fused_winograd_kernels.h"
#include "isa.h"

namespace mlcnn {

namespace {

constexpr int64_t kL = kWinogradLanes;
constexpr int64_t kT = kWinogradTile;
constexpr int64_t kP = kWinogradPoints;
constexpr int kSide = 6;  // input patch side: tile + kernel - 1
typedef float Lanes __attribute__((vector_size(kL * sizeof(float))));

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

// Where a tile lies: its image's first value and its tile row and column.
struct TileAt {
  int64_t image, i, j;
};

TileAt tile_at(const FusedWinogradShape& s, int64_t tile) {
  const auto columns = (s.width + kT - 1) / kT, per_image = ((s.height + kT - 1) / kT) * columns;
  const auto in_image = tile % per_image;
  return {tile / per_image * s.height * s.width * s.channels, in_image / columns, in_image % columns};
}

// V of a tile into v ([36][channels]).
template <int N>
void transform_patch(const FusedWinogradShape& s, const float* x, const TileAt& at, float* v) {
  constexpr int64_t kC = N * kL;
  for (int lane = 0; lane < N; ++lane) {
    Lanes columns[kSide][kSide];  // columns[col][a]: B^T applied down input column col
    for (int col = 0; col < kSide; ++col) {
      const auto xc = at.j * kT - 1 + col;
      Lanes d[kSide];
      for (int r = 0; r < kSide; ++r) {
        const auto xr = at.i * kT - 1 + r;
        d[r] = xr >= 0 && xr < s.height && xc >= 0 && xc < s.width ? load(x + at.image + (xr * s.width + xc) * kC + lane * kL)
                                                                     : Lanes{};
      }
      input_transform(d, columns[col]);
    }
    for (int a = 0; a < kSide; ++a) {
      Lanes d[kSide], o[kSide];
      for (int col = 0; col < kSide; ++col) d[col] = columns[col][a];
      input_transform(d, o);
      for (int b = 0; b < kSide; ++b) store(v + (a * kSide + b) * kC + lane * kL, o[b]);
    }
  }
}

// Writes a tile from its products m ([36][channels]), cut at the image's edge.
template <int N>
void write_tile(const FusedWinogradShape& s, const float* m, const TileAt& at, float* y) {
  constexpr int64_t kC = N * kL;
  for (int lane = 0; lane < N; ++lane) {
    Lanes columns[kSide][kT];  // columns[b][r]: A^T applied down product column b
    for (int b = 0; b < kSide; ++b) {
      Lanes d[kSide];
      for (int a = 0; a < kSide; ++a) d[a] = load(m + (a * kSide + b) * kC + lane * kL);
      output_transform(d, columns[b]);
    }
    for (int r = 0; r < kT; ++r) {
      const auto yr = at.i * kT + r;
      if (yr >= s.height) break;
      Lanes d[kSide], o[kT];
      for (int b = 0; b < kSide; ++b) d[b] = columns[b][r];
      output_transform(d, o);
      for (int q = 0; q < kT; ++q) {
        const auto yc = at.j * kT + q;
        if (yc < s.width) store(y + at.image + (yr * s.width + yc) * kC + lane * kL, o[q]);
      }
    }
  }
}

// M = V U for the tiles of a group: m[t][p][k] = sum over c of v[t][p][c] * u[p][c][k].
template <int N, int G>
void multiply(const float* v, const float* u, float* m) {
  constexpr int64_t kC = N * kL;
  for (int64_t p = 0; p < kP; ++p) {
    Lanes acc[G][N];
    for (int t = 0; t < G; ++t)
      for (int k = 0; k < N; ++k) acc[t][k] = Lanes{};
    const float* up = u + p * kC * kC;
    for (int64_t c = 0; c < kC; ++c) {
      Lanes w[N];
      for (int k = 0; k < N; ++k) w[k] = load(up + c * kC + k * kL);
#pragma GCC unroll 8
      for (int t = 0; t < G; ++t) {
        const float in = v[(t * kP + p) * kC + c];
        for (int k = 0; k < N; ++k) acc[t][k] += in * w[k];
      }
    }
    for (int t = 0; t < G; ++t)
      for (int k = 0; k < N; ++k) store(m + (t * kP + p) * kC + k * kL, acc[t][k]);
  }
}

template <int N>
void tiles_of(const FusedWinogradShape& s, const float* x, const float* u, float* y, int64_t first, int64_t count) {
  constexpr int64_t kC = N * kL;
  constexpr int G = fused_winograd_group(kC);
  alignas(64) float v[G * kP * kC];
  alignas(64) float m[G * kP * kC];
  for (int64_t t0 = first; t0 < first + count; t0 += G) {
    const auto tiles = first + count - t0 < G ? first + count - t0 : G;
    for (int64_t t = 0; t < G; ++t)
      if (t < tiles) transform_patch<N>(s, x, tile_at(s, t0 + t), v + t * kP * kC);
      else __builtin_memset(v + t * kP * kC, 0, kP * kC * sizeof(float));
    multiply<N, G>(v, u, m);
    for (int64_t t = 0; t < tiles; ++t) write_tile<N>(s, m + t * kP * kC, tile_at(s, t0 + t), y);
  }
}

void tiles(const FusedWinogradShape& s, const float* x, const float* u, float* y, int64_t first, int64_t count) {
  if (s.channels == 16) tiles_of<1>(s, x, u, y, first, count);
  else if (s.channels == 32) tiles_of<2>(s, x, u, y, first, count);
  else tiles_of<4>(s, x, u, y, first, count);
}

}  // namespace

const FusedWinogradKernels MLCNN_JOIN(fused_winograd_kernels_, MLCNN_ISA) = {tiles};

}  // namespace mlcnn
