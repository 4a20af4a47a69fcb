// The inner loops of the fused convolution + 2x2 max pool (conv_pool.cpp), free of libtorch so that CMake can compile
// them once per x86-64 level (kernels/conv_pool_kernels.cpp) and kernel_tables.cpp can pick the best the CPU runs.
#pragma once

#include <cstdint>

namespace mlcnn {

constexpr int64_t kConvPoolLanes = 16;  // output channels computed together (one AVX-512 register, two AVX2 ones)
constexpr int32_t kConvPoolCut = 4;     // a winner value: the ReLU cut this output, no gradient passes

// One fused layer for one image: the zero-padded input is height x width x in (channels last); the weight is
// [taps][lanes_out] (taps = kh, kw, ci; output channels last, zero from `out` to lanes_out, a multiple of
// kConvPoolLanes); offsets[t] is tap t's offset from a window's top-left input value; the output is
// pooled_h x pooled_w x out.
struct ConvPoolShape {
  int64_t height, width, in, out, lanes_out, pooled_h, pooled_w, taps;
  const int64_t* offsets;
};

struct ConvPoolKernels {
  // out[ph][pw][c] = max over the 2x2 window of (bias + convolution), the first largest in row-major order (a NaN wins,
  // as in PyTorch's max pool), then the ReLU when relu is set; winner (when not null) = the window position 0..3 that
  // gave it, or kConvPoolCut where the ReLU passes no gradient (PyTorch's rule: the value is at or below 0; a NaN passes).
  void (*forward)(const ConvPoolShape& s, const float* x, const float* wt, const float* bias, bool relu, float* out,
                  uint8_t* winner);
  // Adds this image's gradients: each pooled gradient to its winner's window (none when cut), gradient x input into
  // dw ([taps][lanes_out]) and the gradient into db ([lanes_out]).
  void (*backward)(const ConvPoolShape& s, const float* x, const float* grad, const uint8_t* winner, float* dw, float* db);
};

// The same loops compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline; not exported.
extern const ConvPoolKernels conv_pool_kernels_v4 __attribute__((visibility("hidden")));
extern const ConvPoolKernels conv_pool_kernels_v3 __attribute__((visibility("hidden")));
extern const ConvPoolKernels conv_pool_kernels_base __attribute__((visibility("hidden")));

}  // namespace mlcnn
