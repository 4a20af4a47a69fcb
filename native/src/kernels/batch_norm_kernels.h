// The loops of a training batch norm with the ReLU after it (and a residual sum before that ReLU) fused
// (batch_norm_relu.cpp), free of libtorch so that CMake can compile them once per x86-64 level like
// conv_pool_kernels.cpp. Activations are channels last: `rows` positions (image, row, column) of `channels` contiguous
// values each.
#pragma once

#include <cstdint>

namespace mlcnn {

struct BatchNormKernels {
  // Adds, per channel c, the sum over the rows of (x - shift[c]) to sum[c] and of its square to squares[c]. Rows are
  // summed in float in blocks of a few dozen, the blocks in double. scratch holds 2 x channels floats.
  void (*moments)(const float* x, int64_t rows, int64_t channels, const float* shift, double* sum, double* squares,
                  float* scratch);
  // y = ReLU(x * scale[c] + offset[c] + residual) (no residual when null; a NaN stays NaN).
  void (*normalize)(const float* x, const float* residual, int64_t rows, int64_t channels, const float* scale,
                    const float* offset, float* y);
  // g, the gradient reaching the batch norm and the residual, is gy where the ReLU passed it (PyTorch's rule: y is not
  // at or below 0). Adds, per channel, the sum of g to sum_g and of g * (x - mean[c]) to sum_gx (float blocks, double
  // totals, as in moments) and writes g to g_out when not null. scratch holds 2 x channels floats.
  void (*grad_sums)(const float* gy, const float* y, const float* x, int64_t rows, int64_t channels, const float* mean,
                    double* sum_g, double* sum_gx, float* g_out, float* scratch);
  // dx = g * a[c] + (x - mean[c]) * b[c] + c0[c], with g from gy and y as in grad_sums (the mean subtracted first, as
  // PyTorch does, so no digits cancel); dx shares no memory with the inputs.
  void (*grad_input)(const float* gy, const float* y, const float* x, int64_t rows, int64_t channels, const float* mean,
                     const float* a, const float* b, const float* c0, float* dx);
};

// The same loops compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline; not exported.
extern const BatchNormKernels batch_norm_kernels_v4 __attribute__((visibility("hidden")));
extern const BatchNormKernels batch_norm_kernels_v3 __attribute__((visibility("hidden")));
extern const BatchNormKernels batch_norm_kernels_base __attribute__((visibility("hidden")));

}  // namespace mlcnn
