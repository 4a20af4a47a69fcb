// A training batch norm with the ReLU after it, and in a residual block the shortcut added before that ReLU, as one
// autograd function on CPU float32 channels-last activations.
//
// Unfused, the ResNet's batch norms, ReLUs and residual sums each read and write the whole activation, forward and
// backward: 14.7 of a 55.2 ms training step (bench/README.md, "Profile"). Here forward takes the per-channel moments
// in one read (sums of x - s and its square, s the channel's value in the batch's first position: the variance keeps
// its digits unless that value lies many deviations from the mean, where PyTorch's two passes would keep more), then writes
// ReLU(x * scale + offset + residual) in a second; backward takes the two per-channel gradient sums in one read of the
// gradient, the output (for the ReLU's mask) and the input, and writes the input gradient in a second. The sums run
// over a fixed number of parts of the batch added in order, so results do not depend on the thread count.
//
// Results are those of nn.BatchNorm2d (batch statistics, biased variance for normalizing, unbiased for the running
// variance, the momentum's update of the running statistics), + and ReLU, up to the order of the sums
// (tests/reference/golden_train_steps.py, cases `residual` and `batch-norm-relu-lanes`). Used where batch_norm_relu_applies says so,
// else the layers run one after another.
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "blocks.h"
#include "kernel_tables.h"

namespace mlcnn {

namespace {

constexpr int64_t kParts = 8;       // per-channel sums: over this many parts of the rows, then added in part order
constexpr int64_t kRowGrain = 256;  // rows per task of the passes that only write

// Per channel, two sums over all rows: body(first_row, row_count, sum1, sum2, scratch) adds one part's rows into its
// own double sums (scratch: the kernels' 2 x channels floats); the parts are then added in order. Returns [sum1 of
// every channel, then sum2 of every channel].
template <typename Body>
std::vector<double> part_sums(int64_t rows, int64_t channels, const Body& body) {
  const auto parts = std::min(kParts, rows);
  std::vector<double> partial(parts * 2 * channels, 0.0);
  at::parallel_for(0, parts, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> scratch(2 * channels);
    for (int64_t p = begin; p < end; ++p) {
      const auto first = p * rows / parts, last = (p + 1) * rows / parts;
      double* sums = partial.data() + p * 2 * channels;
      body(first, last - first, sums, sums + channels, scratch.data());
    }
  });
  std::vector<double> total(2 * channels, 0.0);
  for (int64_t p = 0; p < parts; ++p)
    for (int64_t i = 0; i < 2 * channels; ++i) total[i] += partial[p * 2 * channels + i];
  return total;
}

// A [channels] float tensor of the values.
torch::Tensor per_channel(const std::vector<double>& values, const torch::TensorOptions& options) {
  auto t = torch::empty({static_cast<int64_t>(values.size())}, options);
  float* out = t.data_ptr<float>();
  for (size_t i = 0; i < values.size(); ++i) out[i] = static_cast<float>(values[i]);
  return t;
}

struct BatchNormReluFunction : torch::autograd::Function<BatchNormReluFunction> {
  // residual: empty when none (a custom function takes no undefined tensor). running_mean and running_var are updated
  // with momentum as nn.BatchNorm2d does.
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight,
                               const torch::Tensor& bias, const torch::Tensor& residual, torch::Tensor running_mean,
                               torch::Tensor running_var, double momentum, double eps) {
    const auto channels = x.size(1), rows = x.numel() / channels;
    const auto& k = batch_norm_kernels();
    const float* px = x.data_ptr<float>();  // channels-last contiguous: rows x channels
    const std::vector<float> shift(px, px + channels);
    auto sums = part_sums(rows, channels, [&](int64_t first, int64_t count, double* s1, double* s2, float* scratch) {
      k.moments(px + first * channels, count, channels, shift.data(), s1, s2, scratch);
    });
    std::vector<double> mean(channels), invstd(channels), scale(channels), offset(channels);
    auto w = weight.contiguous(), b = bias.contiguous();
    const float* pw = w.data_ptr<float>();
    const float* pb = b.data_ptr<float>();
    float* rm = running_mean.data_ptr<float>();
    float* rv = running_var.data_ptr<float>();
    for (int64_t c = 0; c < channels; ++c) {
      const double shifted_mean = sums[c] / rows;
      const double var = std::max(sums[channels + c] / rows - shifted_mean * shifted_mean, 0.0);
      mean[c] = shift[c] + shifted_mean;
      invstd[c] = 1.0 / std::sqrt(var + eps);
      scale[c] = pw[c] * invstd[c];
      offset[c] = pb[c] - mean[c] * scale[c];
      rm[c] = static_cast<float>(momentum * mean[c] + (1 - momentum) * rm[c]);
      rv[c] = static_cast<float>(momentum * var * rows / (rows - 1) + (1 - momentum) * rv[c]);
    }
    const auto options = x.options();
    auto scale_t = per_channel(scale, options), offset_t = per_channel(offset, options);
    const float* ps = scale_t.data_ptr<float>();
    const float* po = offset_t.data_ptr<float>();
    const float* pr = residual.numel() > 0 ? residual.data_ptr<float>() : nullptr;
    auto y = torch::empty_like(x);
    float* py = y.data_ptr<float>();
    at::parallel_for(0, rows, kRowGrain, [&](int64_t begin, int64_t end) {
      k.normalize(px + begin * channels, pr == nullptr ? nullptr : pr + begin * channels, end - begin, channels, ps, po,
                  py + begin * channels);
    });
    ctx->save_for_backward({x, w, y, per_channel(mean, options), per_channel(invstd, options)});
    ctx->saved_data["residual"] = pr != nullptr;
    return y;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &weight = saved[1], &y = saved[2];
    const auto channels = x.size(1), rows = x.numel() / channels;
    const auto& k = batch_norm_kernels();
    auto gy = grads[0].contiguous(torch::MemoryFormat::ChannelsLast);
    const bool residual = ctx->saved_data["residual"].toBool() && ctx->needs_input_grad(3);
    auto g_residual = residual ? torch::empty_like(x) : torch::Tensor();
    const float *px = x.data_ptr<float>(), *py = y.data_ptr<float>(), *pg = gy.data_ptr<float>();
    const float* mean = saved[3].data_ptr<float>();
    const float* invstd = saved[4].data_ptr<float>();
    float* pgr = residual ? g_residual.data_ptr<float>() : nullptr;
    auto sums = part_sums(rows, channels, [&](int64_t first, int64_t count, double* s1, double* s2, float* scratch) {
      const auto at = first * channels;
      k.grad_sums(pg + at, py + at, px + at, count, channels, mean, s1, s2, pgr == nullptr ? nullptr : pgr + at, scratch);
    });
    const std::vector<double> sum_g(sums.begin(), sums.begin() + channels);
    std::vector<double> dweight(channels);
    for (int64_t c = 0; c < channels; ++c) dweight[c] = sums[channels + c] * invstd[c];
    torch::Tensor dx;
    if (ctx->needs_input_grad(0)) {
      // PyTorch's batch-norm backward: dx = (g - mean(g) - (x - mean) * sum(g (x - mean)) / (rows var)) * weight invstd.
      const float* pw = weight.data_ptr<float>();
      std::vector<double> a(channels), b(channels), c0(channels);
      for (int64_t c = 0; c < channels; ++c) {
        const double proj = sums[channels + c] * invstd[c] * invstd[c] / rows;
        a[c] = pw[c] * invstd[c];
        b[c] = -proj * a[c];
        c0[c] = -sum_g[c] / rows * a[c];
      }
      const auto options = x.options();
      auto a_t = per_channel(a, options), b_t = per_channel(b, options), c_t = per_channel(c0, options);
      const float *pa = a_t.data_ptr<float>(), *pb = b_t.data_ptr<float>(), *pc = c_t.data_ptr<float>();
      dx = torch::empty_like(x);
      float* pdx = dx.data_ptr<float>();
      at::parallel_for(0, rows, kRowGrain, [&](int64_t begin, int64_t end) {
        const auto at = begin * channels;
        k.grad_input(pg + at, py + at, px + at, end - begin, channels, mean, pa, pb, pc, pdx + at);
      });
    }
    const auto options = x.options();
    return {dx,
            ctx->needs_input_grad(1) ? per_channel(dweight, options) : torch::Tensor(),
            ctx->needs_input_grad(2) ? per_channel(sum_g, options) : torch::Tensor(),
            g_residual,
            torch::Tensor(),
            torch::Tensor(),
            torch::Tensor(),
            torch::Tensor()};
  }
};

bool float_cpu(const torch::Tensor& t) { return t.is_cpu() && t.scalar_type() == torch::kFloat32; }

}  // namespace

bool batch_norm_relu_applies(const BatchNormImpl& bn, const torch::Tensor& x, const torch::Tensor& residual) {
  return bn.is_training() && bn.sync == nullptr && torch::GradMode::is_enabled() && float_cpu(x) && x.dim() == 4 &&
         x.is_contiguous(torch::MemoryFormat::ChannelsLast) && x.size(1) == bn.options.num_features() &&
         x.numel() / x.size(1) > 1 && float_cpu(bn.weight) && float_cpu(bn.bias) && float_cpu(bn.running_mean) &&
         float_cpu(bn.running_var) && bn.running_mean.is_contiguous() && bn.running_var.is_contiguous() &&
         (!residual.defined() || (float_cpu(residual) && residual.sizes() == x.sizes() &&
                                  residual.is_contiguous(torch::MemoryFormat::ChannelsLast)));
}

torch::Tensor batch_norm_relu(BatchNormImpl& bn, const torch::Tensor& x, const torch::Tensor& residual) {
  if (!batch_norm_relu_applies(bn, x, residual)) {
    auto y = bn.forward(x);
    // In place: no backward of batch norm needs its output.
    if (residual.defined()) y += residual;
    return y.relu_();
  }
  RECORD_FUNCTION("mlcnn::batch_norm_relu", std::vector<c10::IValue>({x}));
  const auto momentum = bn.count_batch();
  return BatchNormReluFunction::apply(x, bn.weight, bn.bias, residual.defined() ? residual : x.new_empty({0}), bn.running_mean,
                                      bn.running_var, momentum, bn.options.eps());
}

}  // namespace mlcnn
