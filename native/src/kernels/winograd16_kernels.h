// The inner loops of the 16-channel Winograd convolution (winograd16.cpp), free of libtorch so that CMake can compile
// them once per x86-64 level (kernels/winograd16_kernels.cpp) and kernel_tables.cpp can pick the best the CPU runs.
#pragma once

#include <cstdint>

namespace mlcnn {

constexpr int64_t kWinograd16Channels = 16;  // input and output channels: one AVX-512 register of each
constexpr int64_t kWinograd16Tile = 4;       // output positions per tile side: F(4x4, 3x3)
constexpr int64_t kWinograd16Points = 36;    // transformed values per tile and channel (6 x 6)

// Images of height x width x 16 (channels last) into height x width x 16, a 3x3 convolution with zero padding 1.
struct Winograd16Shape {
  int64_t height, width;
};

struct Winograd16Kernels {
  // Tile rows first .. first + count - 1 (tile row r = image r / tile_rows, rows 4 * (r % tile_rows) + 0..3, tile_rows =
  // ceil(height / 4)) of y = the convolution of x with the weight whose Winograd transform is u ([36][16 in][16 out]:
  // G g G^T of each in/out pair's 3x3 kernel g); outputs past the image's edge are not written.
  void (*rows)(const Winograd16Shape& s, const float* x, const float* u, float* y, int64_t first, int64_t count);
};

// The same loops compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline; not exported.
extern const Winograd16Kernels winograd16_kernels_v4 __attribute__((visibility("hidden")));
extern const Winograd16Kernels winograd16_kernels_v3 __attribute__((visibility("hidden")));
extern const Winograd16Kernels winograd16_kernels_base __attribute__((visibility("hidden")));

}  // namespace mlcnn
