// A convolution with few input channels followed by 2x2 max pooling (and a ReLU), as one pass per image on CPU.
//
// The first layer of an image network (1 or 3 input channels) does little arithmetic per output value, so oneDNN's
// convolution, the pooling and the ReLU are bound by memory: each writes or reads the full-resolution activation
// (128 x 32 x 26 x 26 floats, 11 MB, for Fashion-MNIST's first layer) several times forward and backward, about a third
// of a `basic` training step (bench/README.md, "Profile"). Here each pooled output is computed from its four
// convolution outputs held in registers: forward writes only the pooled values and which of the four won (one byte
// each); backward routes each pooled gradient to its winner and accumulates the weight and bias gradients directly.
//
// Results are those of the unfused float32 layers up to the order of the sums: max pooling keeps the first of equal
// values in the window's row-major order and lets a NaN win, a ReLU after the pool gives what the ReLU before it gives
// (spec.cpp moves it) and passes gradients as PyTorch's does (tests/reference/golden_train_steps.py, "first-layer-pool"
// cases). Under bf16 autocast this layer still computes in float32 (the layers after
// it run in bf16). Used where conv_pool_applies says so, else the layers run as they are.
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include <algorithm>

#include "blocks.h"
#include "kernel_tables.h"

namespace mlcnn {

namespace {

constexpr int64_t kMaxInputChannels = 4;  // above this the convolution has enough arithmetic for oneDNN
constexpr int64_t kParts = 8;             // backward's partial sums: a fixed count, so results do not depend on threads

// Outputs of a stride-1 convolution along a side of `size` values.
int64_t conv_side(int64_t size, int64_t padding, int64_t kernel) { return size + 2 * padding - kernel + 1; }

// Sizes of one fused layer from the padded input [N, H, W, C] (channels last) and the kernel.
struct Geometry {
  int64_t images, kernel;
  std::vector<int64_t> offsets;
  ConvPoolShape shape;  // points into offsets: not copyable

  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;

  Geometry(const torch::Tensor& padded, int64_t out_channels, int64_t kernel_size) : images(padded.size(0)), kernel(kernel_size) {
    const auto height = padded.size(1), width = padded.size(2), in = padded.size(3);
    for (int64_t kh = 0; kh < kernel; ++kh)
      for (int64_t kw = 0; kw < kernel; ++kw)
        for (int64_t ci = 0; ci < in; ++ci) offsets.push_back((kh * width + kw) * in + ci);
    shape = ConvPoolShape{height, width, in, out_channels, (out_channels + kConvPoolLanes - 1) / kConvPoolLanes * kConvPoolLanes,
                          conv_side(height, 0, kernel) / 2, conv_side(width, 0, kernel) / 2, static_cast<int64_t>(offsets.size()),
                          offsets.data()};
  }

  int64_t image_in() const { return shape.height * shape.width * shape.in; }
  int64_t image_out() const { return shape.pooled_h * shape.pooled_w * shape.out; }
};

// The input zero-padded and channels last: [N, H + 2p, W + 2p, C], contiguous.
torch::Tensor padded_nhwc(const torch::Tensor& x, int64_t padding) {
  auto p = padding > 0 ? at::constant_pad_nd(x, {padding, padding, padding, padding}) : x;
  return p.permute({0, 2, 3, 1}).contiguous();
}

// The weight as [kh * kw * ci, lanes_out] (output channels last, zero-filled to whole register blocks) and the bias as
// [lanes_out] (zeros for an empty bias: none).
std::pair<torch::Tensor, torch::Tensor> lane_weights(const torch::Tensor& weight, const torch::Tensor& bias, const ConvPoolShape& s) {
  const auto extra = s.lanes_out - s.out;
  auto wt = at::constant_pad_nd(weight.permute({2, 3, 1, 0}).reshape({-1, s.out}), {0, extra}).contiguous();
  auto b = bias.numel() > 0 ? at::constant_pad_nd(bias, {0, extra}).contiguous() : torch::zeros({s.lanes_out}, weight.options());
  return {wt, b};
}

// The pooled output [N, out, PH, PW] (channels-last strides) and, when asked, the winners [N, PH, PW, out].
std::pair<torch::Tensor, torch::Tensor> run_forward(const torch::Tensor& padded, const torch::Tensor& weight, const torch::Tensor& bias,
                                                    bool relu, bool winners) {
  const Geometry g(padded, weight.size(0), weight.size(2));
  const auto& s = g.shape;
  auto [wt, b] = lane_weights(weight, bias, s);
  auto out = torch::empty({g.images, s.pooled_h, s.pooled_w, s.out}, padded.options());
  auto winner = winners ? torch::empty({g.images, s.pooled_h, s.pooled_w, s.out}, padded.options().dtype(torch::kUInt8)) : torch::Tensor();
  const float* x = padded.data_ptr<float>();
  const float* w = wt.data_ptr<float>();
  const float* bias_lanes = b.data_ptr<float>();
  float* y = out.data_ptr<float>();
  uint8_t* won = winners ? winner.data_ptr<uint8_t>() : nullptr;
  const auto& forward = conv_pool_kernels().forward;
  at::parallel_for(0, g.images, 1, [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n)
      forward(s, x + n * g.image_in(), w, bias_lanes, relu, y + n * g.image_out(), won == nullptr ? nullptr : won + n * g.image_out());
  });
  return {out.permute({0, 3, 1, 2}), winner};
}

// Weight and bias gradients for `out` channels of a square kernel. The batch is cut into a fixed number of parts, each
// summed on its own, then the parts are summed: the result depends neither on the thread count nor on which thread ran
// which part.
std::pair<torch::Tensor, torch::Tensor> run_backward(const torch::Tensor& padded, const torch::Tensor& grad, const torch::Tensor& winner,
                                                     int64_t out, int64_t kernel) {
  const Geometry g(padded, out, kernel);
  const auto& s = g.shape;
  const auto parts = std::min(kParts, g.images);
  const auto part_size = (s.taps + 1) * s.lanes_out;
  auto sums = torch::zeros({parts, part_size}, padded.options());
  auto grad_nhwc = grad.permute({0, 2, 3, 1}).contiguous();
  const float* x = padded.data_ptr<float>();
  const float* gy = grad_nhwc.data_ptr<float>();
  const uint8_t* won = winner.data_ptr<uint8_t>();
  float* partial = sums.data_ptr<float>();
  const auto& backward = conv_pool_kernels().backward;
  at::parallel_for(0, parts, 1, [&](int64_t begin, int64_t end) {
    for (int64_t part = begin; part < end; ++part) {
      float* dw = partial + part * part_size;
      for (int64_t n = part * g.images / parts; n < (part + 1) * g.images / parts; ++n)
        backward(s, x + n * g.image_in(), gy + n * g.image_out(), won + n * g.image_out(), dw, dw + s.taps * s.lanes_out);
    }
  });
  auto total = sums.sum(0);
  auto dw = total.narrow(0, 0, s.taps * s.lanes_out).view({g.kernel, g.kernel, s.in, s.lanes_out});
  dw = dw.narrow(3, 0, s.out).permute({3, 2, 0, 1}).contiguous(torch::MemoryFormat::ChannelsLast);
  auto db = total.narrow(0, s.taps * s.lanes_out, s.out).clone();
  return {dw, db};
}

struct ConvPoolFunction : torch::autograd::Function<ConvPoolFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& input, const torch::Tensor& weight,
                               const torch::Tensor& bias, int64_t padding, bool relu) {
    auto padded = padded_nhwc(input, padding);
    auto [out, winner] = run_forward(padded, weight, bias, relu, /*winners=*/true);
    ctx->save_for_backward({padded, winner});
    ctx->saved_data["out"] = weight.size(0);
    ctx->saved_data["kernel"] = weight.size(2);
    ctx->saved_data["bias"] = bias.numel() > 0;
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    auto saved = ctx->get_saved_variables();
    auto [dw, db] = run_backward(saved[0], grads[0], saved[1], ctx->saved_data["out"].toInt(), ctx->saved_data["kernel"].toInt());
    return {torch::Tensor(), dw, ctx->saved_data["bias"].toBool() ? db : torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

bool conv_pool_applies(const ConvImpl& conv, const torch::nn::MaxPool2dImpl& pool, const torch::Tensor& x) {
  const auto& c = conv.options;
  const auto& p = pool.options;
  const auto kernel = c.kernel_size()->at(0);
  return x.is_cpu() && x.dim() == 4 && x.scalar_type() == torch::kFloat32 && !x.requires_grad() &&
         conv.weight.scalar_type() == torch::kFloat32 && conv.weight.is_cpu() && c.in_channels() <= kMaxInputChannels &&
         x.size(1) == c.in_channels() && c.kernel_size()->at(1) == kernel && *c.stride() == std::array<int64_t, 2>{1, 1} &&
         *c.dilation() == std::array<int64_t, 2>{1, 1} && c.groups() == 1 &&
         torch::enumtype::get_enum_name(c.padding_mode()) == "kZeros" && *p.kernel_size() == std::array<int64_t, 2>{2, 2} &&
         *p.stride() == std::array<int64_t, 2>{2, 2} && *p.padding() == std::array<int64_t, 2>{0, 0} &&
         *p.dilation() == std::array<int64_t, 2>{1, 1} && !p.ceil_mode() && conv_side(x.size(2), conv.padding_value, kernel) >= 2 &&
         conv_side(x.size(3), conv.padding_value, kernel) >= 2;
}

torch::Tensor conv_pool(const ConvImpl& conv, const torch::Tensor& x, bool relu) {
  // No bias is an empty tensor: a custom autograd function takes no undefined tensor.
  auto bias = conv.options.bias() ? conv.bias : conv.weight.new_empty({0});
  RECORD_FUNCTION("mlcnn::conv_pool", std::vector<c10::IValue>({x}));
  if (torch::GradMode::is_enabled() && (conv.weight.requires_grad() || bias.requires_grad()))
    return ConvPoolFunction::apply(x, conv.weight, bias, conv.padding_value, relu);
  return run_forward(padded_nhwc(x, conv.padding_value), conv.weight, bias, relu, /*winners=*/false).first;
}

}  // namespace mlcnn
