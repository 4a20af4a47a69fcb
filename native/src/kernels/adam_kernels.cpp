// The Adam step loop (adam_kernels.h), compiled once per x86-64 level with MLCNN_ISA naming the table
// (native/CMakeLists.txt; -fno-math-errno lets the square root vectorize). As in the other kernel files, everything but
// the table sits in an anonymous namespace and nothing comes from headers.
#include "adam_kernels.h"

#ifndef MLCNN_ISA
#error "MLCNN_ISA names the kernel table (v4, v3 or base); native/CMakeLists.txt sets it"
#endif
#define MLCNN_JOIN2(a, b) a##b
#define MLCNN_JOIN(a, b) MLCNN_JOIN2(a, b)

namespace mlcnn {

namespace {

void step(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, int64_t n,
          const AdamConstants& k) {
  const AdamConstants c = k;
  for (int64_t i = 0; i < n; ++i) {
    const float param = p[i] * c.decay;
    const float grad = g[i] + c.l2 * param;
    const float mi = m[i] * c.beta1 + c.one_minus_beta1 * grad;
    const float vi = v[i] * c.beta2 + c.one_minus_beta2 * grad * grad;
    m[i] = mi;
    v[i] = vi;
    p[i] = param + c.neg_step * (mi / (__builtin_sqrtf(vi) / c.sqrt_correction2 + c.eps));
  }
}

}  // namespace

extern const AdamKernels MLCNN_JOIN(adam_kernels_, MLCNN_ISA) = {step};

}  // namespace mlcnn
