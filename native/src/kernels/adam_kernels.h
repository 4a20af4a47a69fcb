// The loop of an Adam or AdamW step (fused_adam.cpp), free of libtorch so that CMake can compile it once per x86-64
// level like the other kernels.
#pragma once

#include <cstdint>

namespace mlcnn {

// The step's constants, in float as libtorch applies them to float tensors.
struct AdamConstants {
  float decay;      // AdamW's decoupled weight decay: the parameter is first multiplied by this (1 for Adam)
  float l2;         // Adam's weight decay: l2 x parameter is added to the gradient (0: nothing added, as for AdamW)
  float beta1, one_minus_beta1, beta2, one_minus_beta2;
  float sqrt_correction2;  // sqrt(1 - beta2^step)
  float eps;
  float neg_step;  // -lr / (1 - beta1^step)
};

struct AdamKernels {
  // For each of the n values, as torch::optim::Adam / AdamW (without amsgrad) do it tensor by tensor: p *= decay;
  // g' = g + l2 p (g itself when l2 is 0); m = beta1 m + (1 - beta1) g'; v = beta2 v + (1 - beta2) g' g';
  // p += neg_step m / (sqrt(v) / sqrt_correction2 + eps).
  void (*step)(float* p, const float* g, float* m, float* v, int64_t n, const AdamConstants& k);
};

// The same loop compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline; not exported.
extern const AdamKernels adam_kernels_v4 __attribute__((visibility("hidden")));
extern const AdamKernels adam_kernels_v3 __attribute__((visibility("hidden")));
extern const AdamKernels adam_kernels_base __attribute__((visibility("hidden")));

}  // namespace mlcnn
