// The fused convolution + 2x2 max pool loops (conv_pool_kernels.h), compiled once per x86-64 level with MLCNN_ISA
// naming the table (native/CMakeLists.txt). Everything but the table sits in an anonymous namespace, and nothing comes
// from headers but builtins: an inline function or template shared with other files would leave the linker one copy,
// maybe one built for a level the CPU lacks. Vectors are GCC vector extensions, mapped to the level's registers.
#include <cstring>

#include "conv_pool_kernels.h"
#include "isa.h"

namespace mlcnn {

namespace {

constexpr int64_t kLanes = kConvPoolLanes;
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));
typedef int32_t Marks __attribute__((vector_size(kLanes * sizeof(int32_t))));
typedef uint8_t Bytes __attribute__((vector_size(kLanes)));

Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void store(float* p, const Lanes& v) { std::memcpy(p, &v, sizeof v); }

// Lane by lane: yes where mask is set (all ones, as comparisons give), else no.
Lanes pick(const Marks& mask, const Lanes& yes, const Lanes& no) {
  return reinterpret_cast<Lanes>((reinterpret_cast<Marks>(yes) & mask) | (reinterpret_cast<Marks>(no) & ~mask));
}

Marks pick(const Marks& mask, const Marks& yes, const Marks& no) { return (yes & mask) | (no & ~mask); }

// Output channels of block c0 that exist (the last block may be partial).
int64_t valid_lanes(const ConvPoolShape& s, int64_t c0) { return s.out - c0 < kLanes ? s.out - c0 : kLanes; }

// Calls visit(xs, cell, c0) for every pooled cell of one image and every block of kLanes output channels: xs holds the
// first input value of each of the cell's four convolution windows (row-major in the 2x2 window), cell the offset of
// the cell's outputs, c0 the block's first channel.
template <typename Visit>
void for_each_block(const ConvPoolShape& s, const float* x, Visit&& visit) {
  for (int64_t ph = 0; ph < s.pooled_h; ++ph) {
    for (int64_t pw = 0; pw < s.pooled_w; ++pw) {
      const float* first = x + (2 * ph * s.width + 2 * pw) * s.in;
      const float* xs[4] = {first, first + s.in, first + s.width * s.in, first + s.width * s.in + s.in};
      const auto cell = (ph * s.pooled_w + pw) * s.out;
      for (int64_t c0 = 0; c0 < s.lanes_out; c0 += kLanes) visit(xs, cell, c0);
    }
  }
}

void forward(const ConvPoolShape& s, const float* x, const float* wt, const float* bias, bool relu, float* out, uint8_t* winner) {
  const Marks none = {}, cut = none + kConvPoolCut;
  const Lanes zero = {};
  for_each_block(s, x, [&](const float* const xs[4], int64_t cell, int64_t c0) {
    Lanes a0 = load(bias + c0), a1 = a0, a2 = a0, a3 = a0;
    for (int64_t t = 0; t < s.taps; ++t) {
      const Lanes w = load(wt + t * s.lanes_out + c0);
      const auto o = s.offsets[t];
      a0 += xs[0][o] * w;
      a1 += xs[1][o] * w;
      a2 += xs[2][o] * w;
      a3 += xs[3][o] * w;
    }
    Lanes best = a0;
    Marks at = none;
    const Lanes later[3] = {a1, a2, a3};
    for (int32_t d = 1; d < 4; ++d) {
      const Lanes& a = later[d - 1];
      const Marks take = (a > best) | (a != a);
      best = pick(take, a, best);
      at = pick(take, none + d, at);
    }
    if (relu) {
      at = pick(best <= zero, cut, at);
      best = pick(best < zero, zero, best);
    }
    const auto valid = valid_lanes(s, c0);
    std::memcpy(out + cell + c0, &best, valid * sizeof(float));
    if (winner != nullptr) {
      const Bytes bytes = __builtin_convertvector(at, Bytes);
      std::memcpy(winner + cell + c0, &bytes, valid);
    }
  });
}

void backward(const ConvPoolShape& s, const float* x, const float* grad, const uint8_t* winner, float* dw, float* db) {
  const Marks none = {}, cut = none + kConvPoolCut;
  const Lanes zero = {};
  for_each_block(s, x, [&](const float* const xs[4], int64_t cell, int64_t c0) {
    // The block's gradients and winners (lanes past the last channel: cut), split by window position.
    Lanes g = zero;
    Bytes bytes = {};
    bytes += static_cast<uint8_t>(kConvPoolCut);
    const auto valid = valid_lanes(s, c0);
    std::memcpy(&g, grad + cell + c0, valid * sizeof(float));
    std::memcpy(&bytes, winner + cell + c0, valid);
    const Marks at = __builtin_convertvector(bytes, Marks);
    const Lanes m0 = pick(at == none, g, zero), m1 = pick(at == none + 1, g, zero), m2 = pick(at == none + 2, g, zero),
                m3 = pick(at == none + 3, g, zero);
    store(db + c0, load(db + c0) + pick(at == cut, zero, g));
    for (int64_t t = 0; t < s.taps; ++t) {
      float* w = dw + t * s.lanes_out + c0;
      const auto o = s.offsets[t];
      store(w, load(w) + m0 * xs[0][o] + m1 * xs[1][o] + m2 * xs[2][o] + m3 * xs[3][o]);
    }
  });
}

}  // namespace

extern const ConvPoolKernels MLCNN_JOIN(conv_pool_kernels_, MLCNN_ISA) = {forward, backward};

}  // namespace mlcnn
