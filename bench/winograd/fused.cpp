// The shim's fused Winograd convolution F(4x4, 3x3) (native/src/kernels/fused_winograd_kernels.cpp, its x86-64-v4
// table) alone on the `resnet` preset's 3x3 stride-1 shapes (batch 128, channels-last): 5 warm-up calls then the mean of
// 30, as primitives.cpp times oneDNN's. The input gradient is the same kernel on the output gradient, so one time
// serves both; the weight gradient is oneDNN's (primitives.cpp).
// Built and run by bench/winograd/run.sh on AVX-512 CPUs (g++ -O3 -march=x86-64-v4 -fopenmp, the flags the shim's v4
// table gets); the threads are OpenMP's (OMP_NUM_THREADS), and the tiles are split among them in whole groups, as
// native/src/fused_winograd.cpp does.
#define MLCNN_ISA v4
#include "../../native/src/kernels/fused_winograd_kernels.cpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void convolve(const mlcnn::FusedWinogradShape& s, const float* x, const float* u, float* y, int64_t tiles) {
  const auto group = mlcnn::fused_winograd_group(s.channels), groups = (tiles + group - 1) / group;
#pragma omp parallel for schedule(static)
  for (int64_t g = 0; g < groups; ++g)
    mlcnn::fused_winograd_kernels_v4.tiles(s, x, u, y, g * group, std::min(group, tiles - g * group));
}

}  // namespace

int main() {
  std::printf("fused Winograd F(4x4, 3x3) alone, batch 128, 3x3, stride 1, padding 1: mean ms of 30 calls\n");
  const int shapes[][2] = {{16, 32}, {32, 16}, {64, 8}};
  std::mt19937 random(1);
  std::normal_distribution<float> normal;
  for (const auto& shape : shapes) {
    const int64_t channels = shape[0], size = shape[1], batch = 128;
    const mlcnn::FusedWinogradShape s{size, size, channels};
    std::vector<float> x(batch * size * size * channels), y(x.size()), u(36 * channels * channels);
    for (auto& v : x) v = normal(random);
    for (auto& v : u) v = 0.1f * normal(random);
    const auto tiles = batch * ((size + 3) / 4) * ((size + 3) / 4);
    for (int i = 0; i < 5; ++i) convolve(s, x.data(), u.data(), y.data(), tiles);
    const double start = now_ms();
    for (int i = 0; i < 30; ++i) convolve(s, x.data(), u.data(), y.data(), tiles);
    std::printf("%3lld->%-3lld %2lldx%-2lld  fused     forward and input gradient %6.3f\n", (long long)channels,
                (long long)channels, (long long)size, (long long)size, (now_ms() - start) / 30);
  }
  return 0;
}
