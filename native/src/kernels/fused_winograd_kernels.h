// The inner loops of the fused Winograd convolution (fused_winograd.cpp), free of libtorch so that CMake can compile
// them once per x86-64 level (kernels/fused_winograd_kernels.cpp) and kernel_tables.cpp can pick the best the CPU runs.
#pragma once

#include <cstdint>

namespace mlcnn {

constexpr int64_t kWinogradLanes = 16;   // channels per vector (one AVX-512 register)
constexpr int64_t kWinogradTile = 4;     // output positions per tile side: F(4x4, 3x3)
constexpr int64_t kWinogradPoints = 36;  // transformed values per tile and channel (6 x 6)

// Images of height x width x channels (channels last) into height x width x channels, a 3x3 convolution with zero
// padding 1; channels is 16, 32 or 64.
struct FusedWinogradShape {
  int64_t height, width, channels;
};

struct FusedWinogradKernels {
  // The tiles of numbers first .. first + count - 1 (tiles numbered image by image, row by row: image n's tile (i, j)
  // is n * tile_rows * tile_columns + i * tile_columns + j, tile_rows = ceil(height / 4), tile_columns = ceil(width /
  // 4)) of y = the convolution of x with the weight whose Winograd transform is u ([36][channels in][channels out]:
  // G g G^T of each in/out pair's 3x3 kernel g); outputs past the image's edge are not written.
  void (*tiles)(const FusedWinogradShape& s, const float* x, const float* u, float* y, int64_t first, int64_t count);
};

// Tiles transformed and multiplied together (their products' accumulators held in registers): a kernel call's range
// should start at a multiple of this, so that its groups are whole.
constexpr int64_t fused_winograd_group(int64_t channels) { return channels >= 64 ? 4 : 8; }

// The same loops compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline; not exported.
extern const FusedWinogradKernels fused_winograd_kernels_v4 __attribute__((visibility("hidden")));
extern const FusedWinogradKernels fused_winograd_kernels_v3 __attribute__((visibility("hidden")));
extern const FusedWinogradKernels fused_winograd_kernels_base __attribute__((visibility("hidden")));

}  // namespace mlcnn
