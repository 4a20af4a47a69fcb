// 3x3 convolutions of 16 input and 16 output channels (stride 1, padding 1) in CPU float32 training, as this library's
// Winograd convolution F(4x4, 3x3) (kernels/winograd16_kernels.cpp) instead of oneDNN's direct one: the `resnet`
// preset's first stage (and the CIFAR ResNets') at 32x32. oneDNN's own Winograd is 40-45% slower than its direct
// convolution at 16 channels (it runs each transformed point's product as a matrix product through memory); this one
// keeps a group of tiles in the L1 cache from input patch to output, and took half the direct convolution's time
// (bench/README.md, "Winograd"). The input gradient is the same convolution of the output gradient with the weight
// flipped in space and its channels swapped; the weight gradient stays libtorch's (oneDNN's direct). Results equal
// nn.Conv2d's to float rounding (tests/reference/golden_train_steps.py, cases "winograd16-*"). MLCNN_WINOGRAD=0 in the
// environment keeps libtorch's convolutions here too.
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include "blocks.h"
#include "kernel_tables.h"

namespace mlcnn {

namespace {

constexpr int64_t kC = kWinograd16Channels;
constexpr int64_t kP = kWinograd16Points;

// G of F(4x4, 3x3): a kernel row or column of 3 values to the 6 transformed points.
constexpr double kG[6][3] = {{1 / 4.0, 0, 0},          {-1 / 6.0, -1 / 6.0, -1 / 6.0}, {-1 / 6.0, 1 / 6.0, -1 / 6.0},
                             {1 / 24.0, 1 / 12.0, 1 / 6.0}, {1 / 24.0, -1 / 12.0, 1 / 6.0}, {0, 0, 1}};

// The kernels' transformed weight u[p][in][out] = (G g G^T)[p] of a [16 out][16 in][3][3] weight, or with flipped set,
// of the input gradient's weight: in and out swapped, the kernel turned by 180 degrees.
torch::Tensor transformed(const torch::Tensor& weight, bool flipped) {
  const auto w = weight.detach().contiguous();
  const float* pw = w.data_ptr<float>();
  auto u = torch::empty({kP, kC, kC}, torch::kFloat32);
  float* pu = u.data_ptr<float>();
  for (int64_t k = 0; k < kC; ++k)
    for (int64_t c = 0; c < kC; ++c) {
      const float* g = pw + (k * kC + c) * 9;
      double rows[6][3];  // G g
      for (int a = 0; a < 6; ++a)
        for (int j = 0; j < 3; ++j) {
          double sum = 0;
          for (int i = 0; i < 3; ++i) sum += kG[a][i] * (flipped ? g[(2 - i) * 3 + (2 - j)] : g[i * 3 + j]);
          rows[a][j] = sum;
        }
      const auto in = flipped ? k : c, out = flipped ? c : k;
      for (int a = 0; a < 6; ++a)
        for (int b = 0; b < 6; ++b) {
          double sum = 0;
          for (int j = 0; j < 3; ++j) sum += rows[a][j] * kG[b][j];
          pu[((a * 6 + b) * kC + in) * kC + out] = static_cast<float>(sum);
        }
    }
  return u;
}

// The convolution of x (channels-last, dense, 16 channels) with the transformed weight u, channels-last.
torch::Tensor run(const torch::Tensor& x, const torch::Tensor& u) {
  const Winograd16Shape shape{x.size(2), x.size(3)};
  const auto tile_rows = (shape.height + kWinograd16Tile - 1) / kWinograd16Tile;
  auto y = torch::empty_like(x, x.options().memory_format(torch::MemoryFormat::ChannelsLast));
  const float* px = x.data_ptr<float>();
  const float* pu = u.data_ptr<float>();
  float* py = y.data_ptr<float>();
  const auto& kernels = winograd16_kernels();
  at::parallel_for(0, x.size(0) * tile_rows, 1, [&](int64_t begin, int64_t end) {
    kernels.rows(shape, px, pu, py, begin, end - begin);
  });
  return y;
}

struct Winograd16Function : torch::autograd::Function<Winograd16Function> {
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
    if (ctx->needs_input_grad(1))
      gw = std::get<1>(at::convolution_backward(gy, x, weight, c10::nullopt, {1, 1}, {1, 1}, {1, 1}, false, {0, 0}, 1,
                                                {false, true, false}));
    return {gx, gw};
  }
};

}  // namespace

bool winograd16_applies(const ConvImpl& conv, const torch::Tensor& x) {
  const auto& o = conv.options;
  const auto& w = conv.weight;
  if (!x.is_cpu() || x.scalar_type() != torch::kFloat32 || !torch::GradMode::is_enabled() || cpu_autocast_bf16() ||
      x.dim() != 4 || conv.bias.defined() || !kernels_use_avx512() || !winograd_enabled())
    return false;
  return x.size(1) == kC && w.size(0) == kC && w.size(1) == kC && w.size(2) == 3 && w.size(3) == 3 &&
         conv.padding_value == 1 && o.groups() == 1 && (*o.stride())[0] == 1 && (*o.stride())[1] == 1 &&
         (*o.dilation())[0] == 1 && (*o.dilation())[1] == 1 && x.is_contiguous(torch::MemoryFormat::ChannelsLast) &&
         w.scalar_type() == torch::kFloat32;
}

torch::Tensor winograd16(const ConvImpl& conv, const torch::Tensor& x) {
  RECORD_FUNCTION("mlcnn::winograd16", std::vector<c10::IValue>({x}));
  return Winograd16Function::apply(x, conv.weight);
}

}  // namespace mlcnn
