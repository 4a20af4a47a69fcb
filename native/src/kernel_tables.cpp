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

// The table NAME_v4, NAME_v3 or NAME_base for this CPU.
#if defined(MLCNN_X86_LEVELS)
#define MLCNN_PICK(name) (level() == Level::V4 ? name##_v4 : level() == Level::V3 ? name##_v3 : name##_base)
#else
#define MLCNN_PICK(name) name##_base
#endif

const ConvPoolKernels& conv_pool_kernels() { return MLCNN_PICK(conv_pool_kernels); }

const BatchNormKernels& batch_norm_kernels() { return MLCNN_PICK(batch_norm_kernels); }

const AdamKernels& adam_kernels() { return MLCNN_PICK(adam_kernels); }

const FusedWinogradKernels& fused_winograd_kernels() { return MLCNN_PICK(fused_winograd_kernels); }

bool kernels_use_avx512() {
#if defined(MLCNN_X86_LEVELS)
  return level() == Level::V4;
#else
  return false;
#endif
}

}  // namespace mlcnn
