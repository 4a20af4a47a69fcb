// The loop tables of src/kernels for this CPU: each is compiled once per x86-64 level (native/CMakeLists.txt), and these
// return the widest level the CPU runs (kernel_tables.cpp).
#pragma once

#include "kernels/adam_kernels.h"
#include "kernels/batch_norm_kernels.h"
#include "kernels/conv_pool_kernels.h"
#include "kernels/fused_winograd_kernels.h"

namespace mlcnn {

const ConvPoolKernels& conv_pool_kernels();
const BatchNormKernels& batch_norm_kernels();
const AdamKernels& adam_kernels();
const FusedWinogradKernels& fused_winograd_kernels();

// Whether the tables above are the x86-64-v4 (AVX-512) ones.
bool kernels_use_avx512();

}  // namespace mlcnn
