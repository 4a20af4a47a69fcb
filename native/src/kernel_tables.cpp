#include "kernel_tables.h"

namespace mlcnn {

#if defined(MLCNN_X86_LEVELS)
namespace {

enum class Level { Base, V3, V4 };

// The widest x86-64 level this CPU runs, decided once by the level's main features, asked one by one (older compilers
// do not know the level names).
Level level() {
  static const Level found = [] {
    const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
                    __builtin_cpu_supports("bmi2");
    const bool v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                    __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    return v4 ? Level::V4 : v3 ? Level::V3 : Level::Base;
  }();
  return found;
}

}  // namespace
#endif

const ConvPoolKernels& conv_pool_kernels() {
#if defined(MLCNN_X86_LEVELS)
  if (level() == Level::V4) return conv_pool_kernels_v4;
  if (level() == Level::V3) return conv_pool_kernels_v3;
#endif
  return conv_pool_kernels_base;
}

const BatchNormKernels& batch_norm_kernels() {
#if defined(MLCNN_X86_LEVELS)
  if (level() == Level::V4) return batch_norm_kernels_v4;
  if (level() == Level::V3) return batch_norm_kernels_v3;
#endif
  return batch_norm_kernels_base;
}

const AdamKernels& adam_kernels() {
#if defined(MLCNN_X86_LEVELS)
  if (level() == Level::V4) return adam_kernels_v4;
  if (level() == Level::V3) return adam_kernels_v3;
#endif
  return adam_kernels_base;
}

}  // namespace mlcnn
