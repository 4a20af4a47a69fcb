// The fused batch norm + ReLU loops (batch_norm_kernels.h), compiled once per x86-64 level with MLCNN_ISA naming the
// table (native/CMakeLists.txt). As in conv_pool_kernels.cpp, everything but the table sits in an anonymous namespace
// and nothing comes from headers: one copy of a shared inline function could be one built for a level the CPU lacks.
// The loops run over the contiguous channels of a row, which the compiler vectorizes for the level.
#include "batch_norm_kernels.h"
#include "isa.h"

namespace mlcnn {

namespace {

constexpr int64_t kBlockRows = 32;  // rows summed in float before the block's sums are added in double

constexpr int64_t kLanes = 16;     // channels per vector (one AVX-512 register, two AVX2 ones)
constexpr int kMaxBlocks = 4;       // vectors of channels held in registers per pass over the rows
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

Lanes load(const float* p) {
  Lanes v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

void store(float* p, const Lanes& v) { __builtin_memcpy(p, &v, sizeof v); }

// Adds a vector of float block sums to 16 double totals.
void add_to(double* __restrict total, const Lanes& v) {
  for (int64_t l = 0; l < kLanes; ++l) total[l] += v[l];
}

// The gradient that passes the ReLU: none where the output is at or below 0 (PyTorch's threshold_backward).
Lanes passed(const Lanes& gy, const Lanes& y) { return y <= 0.0f ? Lanes{} : gy; }
float passed(float gy, float y) { return y <= 0.0f ? 0.0f : gy; }

// Each kernel comes twice: over B vectors of channels starting at c0, kept in registers while the rows stream by
// (channel counts that are multiples of 16: a per-row loop over a few channels costs more in overhead than in work),
// and over any channel count, a row at a time.

// Two per-channel sums over the rows for B vectors of channels from c0: add(r, b, s1, s2) adds row r's terms of vector
// b to the float sums of the current block of kBlockRows rows, whose sums then go to the double totals.
template <int B, typename Add>
void lane_sums(int64_t rows, int64_t c0, double* __restrict total1, double* __restrict total2, const Add& add) {
  for (int64_t r0 = 0; r0 < rows; r0 += kBlockRows) {
    const int64_t r1 = r0 + kBlockRows < rows ? r0 + kBlockRows : rows;
    Lanes s1[B] = {}, s2[B] = {};
    for (int64_t r = r0; r < r1; ++r)
      for (int b = 0; b < B; ++b) add(r, b, s1[b], s2[b]);
    for (int b = 0; b < B; ++b) {
      add_to(total1 + c0 + b * kLanes, s1[b]);
      add_to(total2 + c0 + b * kLanes, s2[b]);
    }
  }
}

// The same over any channel count: add(r, c, s1, s2) adds row r's terms of channel c; the block sums live in scratch
// (2 x channels floats).
template <typename Add>
void row_sums(int64_t rows, int64_t channels, double* __restrict total1, double* __restrict total2, float* __restrict scratch,
              const Add& add) {
  float* __restrict s1 = scratch;
  float* __restrict s2 = scratch + channels;
  for (int64_t r0 = 0; r0 < rows; r0 += kBlockRows) {
    const int64_t r1 = r0 + kBlockRows < rows ? r0 + kBlockRows : rows;
    for (int64_t c = 0; c < channels; ++c) s1[c] = s2[c] = 0.0f;
    for (int64_t r = r0; r < r1; ++r)
      for (int64_t c = 0; c < channels; ++c) add(r, c, s1[c], s2[c]);
    for (int64_t c = 0; c < channels; ++c) {
      total1[c] += s1[c];
      total2[c] += s2[c];
    }
  }
}

template <int B>
void moments_lanes(const float* __restrict x, int64_t rows, int64_t channels, int64_t c0, const float* __restrict shift,
                   double* __restrict sum, double* __restrict squares) {
  Lanes sh[B];
  for (int b = 0; b < B; ++b) sh[b] = load(shift + c0 + b * kLanes);
  lane_sums<B>(rows, c0, sum, squares, [&](int64_t r, int b, Lanes& s1, Lanes& s2) {
    const Lanes d = load(x + r * channels + c0 + b * kLanes) - sh[b];
    s1 += d;
    s2 += d * d;
  });
}

void moments_any(const float* __restrict x, int64_t rows, int64_t channels, const float* __restrict shift,
                 double* __restrict sum, double* __restrict squares, float* __restrict scratch) {
  row_sums(rows, channels, sum, squares, scratch, [&](int64_t r, int64_t c, float& s1, float& s2) {
    const float d = x[r * channels + c] - shift[c];
    s1 += d;
    s2 += d * d;
  });
}

template <int B>
void normalize_lanes(const float* __restrict x, const float* __restrict residual, int64_t rows, int64_t channels, int64_t c0,
                     const float* __restrict scale, const float* __restrict offset, float* __restrict y) {
  Lanes sc[B], of[B];
  for (int b = 0; b < B; ++b) {
    sc[b] = load(scale + c0 + b * kLanes);
    of[b] = load(offset + c0 + b * kLanes);
  }
  for (int64_t r = 0; r < rows; ++r)
    for (int b = 0; b < B; ++b) {
      const int64_t at = r * channels + c0 + b * kLanes;
      Lanes v = load(x + at) * sc[b] + of[b];
      if (residual != nullptr) v += load(residual + at);
      store(y + at, v < 0.0f ? Lanes{} : v);
    }
}

void normalize_any(const float* __restrict x, const float* __restrict residual, int64_t rows, int64_t channels,
                   const float* __restrict scale, const float* __restrict offset, float* __restrict y) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t at = r * channels + c;
      const float v = x[at] * scale[c] + offset[c] + (residual != nullptr ? residual[at] : 0.0f);
      y[at] = v < 0.0f ? 0.0f : v;
    }
}

template <int B>
void grad_sums_lanes(const float* __restrict gy, const float* __restrict y, const float* __restrict x, int64_t rows,
                     int64_t channels, int64_t c0, const float* __restrict mean, double* __restrict sum_g,
                     double* __restrict sum_gx, float* __restrict g_out) {
  Lanes mu[B];
  for (int b = 0; b < B; ++b) mu[b] = load(mean + c0 + b * kLanes);
  lane_sums<B>(rows, c0, sum_g, sum_gx, [&](int64_t r, int b, Lanes& s1, Lanes& s2) {
    const int64_t at = r * channels + c0 + b * kLanes;
    const Lanes g = passed(load(gy + at), load(y + at));
    s1 += g;
    s2 += g * (load(x + at) - mu[b]);
    if (g_out != nullptr) store(g_out + at, g);
  });
}

void grad_sums_any(const float* __restrict gy, const float* __restrict y, const float* __restrict x, int64_t rows,
                   int64_t channels, const float* __restrict mean, double* __restrict sum_g, double* __restrict sum_gx,
                   float* __restrict g_out, float* __restrict scratch) {
  row_sums(rows, channels, sum_g, sum_gx, scratch, [&](int64_t r, int64_t c, float& s1, float& s2) {
    const int64_t at = r * channels + c;
    const float g = passed(gy[at], y[at]);
    s1 += g;
    s2 += g * (x[at] - mean[c]);
    if (g_out != nullptr) g_out[at] = g;
  });
}

template <int B>
void grad_input_lanes(const float* __restrict gy, const float* __restrict y, const float* __restrict x, int64_t rows,
                      int64_t channels, int64_t c0, const float* __restrict mean, const float* __restrict a,
                      const float* __restrict b, const float* __restrict c_add, float* __restrict dx) {
  Lanes mu[B], va[B], vb[B], vc[B];
  for (int k = 0; k < B; ++k) {
    mu[k] = load(mean + c0 + k * kLanes);
    va[k] = load(a + c0 + k * kLanes);
    vb[k] = load(b + c0 + k * kLanes);
    vc[k] = load(c_add + c0 + k * kLanes);
  }
  for (int64_t r = 0; r < rows; ++r)
    for (int k = 0; k < B; ++k) {
      const int64_t at = r * channels + c0 + k * kLanes;
      store(dx + at, passed(load(gy + at), load(y + at)) * va[k] + (load(x + at) - mu[k]) * vb[k] + vc[k]);
    }
}

void grad_input_any(const float* __restrict gy, const float* __restrict y, const float* __restrict x, int64_t rows,
                    int64_t channels, const float* __restrict mean, const float* __restrict a, const float* __restrict b,
                    const float* __restrict c_add, float* __restrict dx) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t at = r * channels + c;
      dx[at] = passed(gy[at], y[at]) * a[c] + (x[at] - mean[c]) * b[c] + c_add[c];
    }
}

// A count of vectors as a type, for the generic lambdas below.
template <int B>
struct Blocks {
  static constexpr int value = B;
};

// Calls run(Blocks<B>{}, c0) over the channels in groups of at most kMaxBlocks vectors; false when the channel count
// is not a multiple of kLanes.
template <typename Run>
bool by_lanes(int64_t channels, const Run& run) {
  static_assert(kMaxBlocks == 4, "the cases below");
  if (channels % kLanes != 0) return false;
  for (int64_t c0 = 0; c0 < channels; c0 += kMaxBlocks * kLanes) {
    const int64_t blocks = (channels - c0) / kLanes;
    if (blocks >= 4) run(Blocks<4>{}, c0);
    else if (blocks == 3) run(Blocks<3>{}, c0);
    else if (blocks == 2) run(Blocks<2>{}, c0);
    else run(Blocks<1>{}, c0);
  }
  return true;
}

void moments(const float* x, int64_t rows, int64_t channels, const float* shift, double* sum, double* squares, float* scratch) {
  if (!by_lanes(channels, [&](auto blocks, int64_t c0) { moments_lanes<decltype(blocks)::value>(x, rows, channels, c0, shift, sum, squares); }))
    moments_any(x, rows, channels, shift, sum, squares, scratch);
}

void normalize(const float* x, const float* residual, int64_t rows, int64_t channels, const float* scale, const float* offset,
               float* y) {
  if (!by_lanes(channels, [&](auto blocks, int64_t c0) { normalize_lanes<decltype(blocks)::value>(x, residual, rows, channels, c0, scale, offset, y); }))
    normalize_any(x, residual, rows, channels, scale, offset, y);
}

void grad_sums(const float* gy, const float* y, const float* x, int64_t rows, int64_t channels, const float* mean,
               double* sum_g, double* sum_gx, float* g_out, float* scratch) {
  if (!by_lanes(channels, [&](auto blocks, int64_t c0) { grad_sums_lanes<decltype(blocks)::value>(gy, y, x, rows, channels, c0, mean, sum_g, sum_gx, g_out); }))
    grad_sums_any(gy, y, x, rows, channels, mean, sum_g, sum_gx, g_out, scratch);
}

void grad_input(const float* gy, const float* y, const float* x, int64_t rows, int64_t channels, const float* mean, const float* a,
                const float* b, const float* c_add, float* dx) {
  if (!by_lanes(channels, [&](auto blocks, int64_t c0) {
        grad_input_lanes<decltype(blocks)::value>(gy, y, x, rows, channels, c0, mean, a, b, c_add, dx);
      }))
    grad_input_any(gy, y, x, rows, channels, mean, a, b, c_add, dx);
}

}  // namespace

extern const BatchNormKernels MLCNN_JOIN(batch_norm_kernels_, MLCNN_ISA) = {moments, normalize, grad_sums, grad_input};

}  // namespace mlcnn
