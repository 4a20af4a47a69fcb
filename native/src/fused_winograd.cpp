// 3x3 convolutions of 16, 32 or 64 input channels into as many output channels (stride 1, padding 1) in CPU float32
// training, as this library's fused Winograd convolution F(4x4, 3x3) (kernels/fused_winograd_kernels.cpp): the
// `resnet` preset's stride-1 convolutions (and the CIFAR ResNets'). oneDNN's own Winograd (winograd_conv.cpp) runs each
// transformed point's product as a matrix product through memory, on its blocked layout with reorders around each
// call, and at 16 channels is slower than its direct convolution; this one takes a group of tiles from input patch to
// output in the caches, on the channels-last tensors themselves (bench/README.md, "Winograd"). The input gradient is
// the same convolution of the output gradient with the weight flipped in space and its channels swapped; the weight
// gradient is libtorch's (oneDNN's direct convolution), or oneDNN's Winograd where winograd_conv.cpp runs it (64+
// channels). Results equal nn.Conv2d's to float rounding (tests/reference/golden_train_steps.py, cases
// "fused-winograd-*"). MLCNN_WINOGRAD=0 in the environment keeps libtorch's convolutions here too.
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include "blocks.h"
#include "kernel_tables.h"

namespace mlcnn {

namespace {

constexpr int64_t kP = kWinogradPoints;

// G of F(4x4, 3x3): a kernel row or column of 3 values to the 6 transformed points.
constexpr float kG[6][3] = {{1 / 4.0f, 0, 0},
                            {-1 / 6.0f, -1 / 6.0f, -1 / 6.0f},
                            {-1 / 6.0f, 1 / 6.0f, -1 / 6.0f},
                            {1 / 24.0f, 1 / 12.0f, 1 / 6.0f},
                            {1 / 24.0f, -1 / 12.0f, 1 / 6.0f},
                            {0, 0, 1}};

// The kernels' transformed weight u[p][in][out] = (G g G^T)[p] of a [out][in][3][3] weight (as many in as out), or with
// flipped set, of the input gradient's weight: in and out swapped, the kernel turned by 180 degrees. The loops run over
// the output channels, contiguous in both the rearranged weight h[in][i][j][out] and u, so they vectorize.
torch::Tensor transformed(const torch::Tensor& weight, bool flipped) {
  const auto w = weight.detach();
  const auto h = (flipped ? w.flip({2, 3}).permute({0, 2, 3, 1}) : w.permute({1, 2, 3, 0})).contiguous();
  const auto channels = w.size(0);
  const float* ph = h.data_ptr<float>();
  auto u = torch::empty({kP, channels, channels}, torch::kFloat32);
  auto rows = torch::empty({6, 3, channels}, torch::kFloat32);  // G g of one input channel: [a][j][out]
  float* pu = u.data_ptr<float>();
  float* pr = rows.data_ptr<float>();
  for (int64_t in = 0; in < channels; ++in) {
    const float* g = ph + in * 9 * channels;
    for (int a = 0; a < 6; ++a)
      for (int j = 0; j < 3; ++j) {
        float* r = pr + (a * 3 + j) * channels;
        const float g0 = kG[a][0], g1 = kG[a][1], g2 = kG[a][2];
        for (int64_t out = 0; out < channels; ++out)
          r[out] = g0 * g[j * channels + out] + g1 * g[(3 + j) * channels + out] + g2 * g[(6 + j) * channels + out];
      }
    for (int a = 0; a < 6; ++a)
      for (int b = 0; b < 6; ++b) {
        float* into = pu + ((a * 6 + b) * channels + in) * channels;
        const float* r = pr + a * 3 * channels;
        const float g0 = kG[b][0], g1 = kG[b][1], g2 = kG[b][2];
        for (int64_t out = 0; out < channels; ++out)
          into[out] = g0 * r[out] + g1 * r[channels + out] + g2 * r[2 * channels + out];
      }
  }
  return u;
}

// The convolution of x (channels-last, dense) with the transformed weight u, channels-last.
torch::Tensor run(const torch::Tensor& x, const torch::Tensor& u) {
  const FusedWinogradShape shape{x.size(2), x.size(3), x.size(1)};
  const auto tiles = x.size(0) * ((shape.height + kWinogradTile - 1) / kWinogradTile) *
                     ((shape.width + kWinogradTile - 1) / kWinogradTile);
  const auto group = fused_winograd_group(shape.channels);
  auto y = torch::empty_like(x, x.options().memory_format(torch::MemoryFormat::ChannelsLast));
  const float* px = x.data_ptr<float>();
  const float* pu = u.data_ptr<float>();
  float* py = y.data_ptr<float>();
  const auto& kernels = fused_winograd_kernels();
  at::parallel_for(0, (tiles + group - 1) / group, 1, [&](int64_t begin, int64_t end) {
    const auto first = begin * group, last = std::min(end * group, tiles);
    kernels.tiles(shape, px, pu, py, first, last - first);
  });
  return y;
}

struct FusedWinogradFunction : torch::autograd::Function<FusedWinogradFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight) {
    ctx->save_for_backward({x, weight});
    return run(x, transformed(weight, false));
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &weight = saved[1];
    // Dense NHWC memory (a gradient may arrive expanded, e.g. from a mean over the positions).
    auto gy = grads[0].contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor gx, gw;
    if (ctx->needs_input_grad(0)) gx = run(gy, transformed(weight, true));
    if (ctx->needs_input_grad(1)) gw = winograd_weight_gradient(x, gy, weight);
    return {gx, gw};
  }
};

}  // namespace

bool fused_winograd_applies(const ConvImpl& conv, const torch::Tensor& x) {
  const auto& o = conv.options;
  const auto& w = conv.weight;
  if (!x.is_cpu() || x.scalar_type() != torch::kFloat32 || !torch::GradMode::is_enabled() || cpu_autocast_bf16() ||
      x.dim() != 4 || conv.bias.defined() || !kernels_use_avx512() || !winograd_enabled())
    return false;
  const auto channels = x.size(1);
  return (channels == 16 || channels == 32 || channels == 64) && w.size(0) == channels && w.size(1) == channels &&
         w.size(2) == 3 && w.size(3) == 3 && conv.padding_value == 1 && o.groups() == 1 && (*o.stride())[0] == 1 &&
         (*o.stride())[1] == 1 && (*o.dilation())[0] == 1 && (*o.dilation())[1] == 1 &&
         x.is_contiguous(torch::MemoryFormat::ChannelsLast) && w.scalar_type() == torch::kFloat32;
}

torch::Tensor fused_winograd(const ConvImpl& conv, const torch::Tensor& x) {
  RECORD_FUNCTION("mlcnn::fused_winograd", std::vector<c10::IValue>({x}));
  return FusedWinogradFunction::apply(x, conv.weight);
}

}  // namespace mlcnn
