// The Adam step loop (adam_kernels.h), compiled once per x86-64 level with MLCNN_ISA naming the table
// (native/CMakeLists.txt; -fno-math-errno lets the square root vectorize). As in the other kernel files, everything but
// the table sits in an anonymous namespace and nothing comes from headers.
#include "adam_kernels.h"
#include "isa.h"

namespace mlcnn {

namespace {

// One value's step; kWithL2 says whether Adam's weight decay is added to the gradient (libtorch skips the add when
// the decay is 0, so an infinite parameter then gives no NaN).
template <bool kWithL2>
void step_values(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, int64_t n,
                 const AdamConstants& c) {
  for (int64_t i = 0; i < n; ++i) {
    const float param = p[i] * c.decay;
    const float grad = kWithL2 ? g[i] + c.l2 * param : g[i];
    const float mi = m[i] * c.beta1 + c.one_minus_beta1 * grad;
    const float vi = v[i] * c.beta2 + c.one_minus_beta2 * grad * grad;
    m[i] = mi;
    v[i] = vi;
    p[i] = param + c.neg_step * (mi / (__builtin_sqrtf(vi) / c.sqrt_correction2 + c.eps));
  }
}

void step(float* p, const float* g, float* m, float* v, int64_t n, const AdamConstants& k) {
  const AdamConstants c = k;
  if (c.l2 != 0.0f)
    step_values<true>(p, g, m, v, n, c);
  else
    step_values<false>(p, g, m, v, n, c);
}

}  // namespace

extern const AdamKernels MLCNN_JOIN(adam_kernels_, MLCNN_ISA) = {step};

}  // namespace mlcnn
