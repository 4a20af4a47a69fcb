// Mixed precision for training steps: autocast scopes (bf16 or fp16) and dynamic loss scaling for fp16, as PyTorch's
// torch.autocast and torch.cuda.amp.GradScaler do it.
#include <ATen/autocast_mode.h>

#include <cmath>

#include "internal.h"

namespace mlcnn {

namespace {

#if TORCH_VERSION_MAJOR * 100 + TORCH_VERSION_MINOR >= 204
bool autocast_enabled(c10::DeviceType d) { return at::autocast::is_autocast_enabled(d); }
at::ScalarType autocast_type(c10::DeviceType d) { return at::autocast::get_autocast_dtype(d); }
void set_autocast(c10::DeviceType d, bool on, at::ScalarType type) {
  at::autocast::set_autocast_dtype(d, type);
  at::autocast::set_autocast_enabled(d, on);
}
#else
bool autocast_enabled(c10::DeviceType d) { return d == c10::DeviceType::CUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled(); }
at::ScalarType autocast_type(c10::DeviceType d) {
  return d == c10::DeviceType::CUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
void set_autocast(c10::DeviceType d, bool on, at::ScalarType type) {
  if (d == c10::DeviceType::CUDA) {
    at::autocast::set_autocast_gpu_dtype(type);
    at::autocast::set_enabled(on);
  } else {
    at::autocast::set_autocast_cpu_dtype(type);
    at::autocast::set_cpu_enabled(on);
  }
}
#endif

constexpr double kInitialScale = 65536.0;  // GradScaler's defaults
constexpr double kGrowth = 2.0;
constexpr double kBackoff = 0.5;
constexpr int64_t kGrowthInterval = 2000;

}  // namespace

bool cpu_autocast_bf16() {
  return autocast_enabled(c10::DeviceType::CPU) && autocast_type(c10::DeviceType::CPU) == at::kBFloat16;
}

void check_precision(int precision, const torch::Device& device) {
  if (precision == MLCNN_PRECISION_FP32 || precision == MLCNN_PRECISION_BF16) return;
  if (precision == MLCNN_PRECISION_FP16) {
    if (!device.is_cuda())
      throw std::invalid_argument("float16 mixed precision needs a CUDA device; on CPU use bfloat16 or float32");
    return;
  }
  throw std::invalid_argument("unknown precision code " + std::to_string(precision) + " (0 float32, 1 bfloat16, 2 float16)");
}

AutocastScope::AutocastScope(const mlcnn_model& m) : device_(m.device.type()) {
  if (m.precision == MLCNN_PRECISION_FP32) return;
  active_ = true;
  was_enabled_ = autocast_enabled(device_);
  was_type_ = autocast_type(device_);
  set_autocast(device_, true, m.precision == MLCNN_PRECISION_FP16 ? at::kHalf : at::kBFloat16);
}

AutocastScope::~AutocastScope() {
  if (!active_) return;
  set_autocast(device_, was_enabled_, was_type_);
  at::autocast::clear_cache();
}

void backward_and_step(mlcnn_model& m, mlcnn_optim& o, const torch::Tensor& loss) {
  if (m.precision != MLCNN_PRECISION_FP16) {
    loss.backward();
    allreduce_gradients(m, o.params);
    apply_clipping(o);
    o.optimizer->step();
    return;
  }
  if (o.loss_scale <= 0) o.loss_scale = kInitialScale;
  (loss * o.loss_scale).backward();
  // Averaged before the overflow check, so every rank sees the same gradients and skips (or takes) the same step.
  allreduce_gradients(m, o.params);
  // Unscale, then skip the step (and halve the scale) when any gradient overflowed in float16.
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> finite;
  for (auto& p : o.params) {
    if (!p.grad().defined()) continue;
    p.mutable_grad().mul_(1.0 / o.loss_scale);
    finite.push_back(torch::isfinite(p.grad()).all());
  }
  auto ok = finite.empty() || torch::stack(finite).all().item<bool>();
  if (!ok) {
    o.loss_scale *= kBackoff;
    o.good_steps = 0;
    return;
  }
  apply_clipping(o);
  o.optimizer->step();
  if (++o.good_steps >= kGrowthInterval) {
    o.loss_scale *= kGrowth;
    o.good_steps = 0;
  }
}

}  // namespace mlcnn

extern "C" int mlcnn_model_set_precision(mlcnn_model* m, int precision) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::check_precision(precision, m->device);
  m->precision = precision;
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_loss_scale(const mlcnn_optim* o, double* out) noexcept {
  MLCNN_TRY
  mlcnn::require(o, "optimizer");
  mlcnn::require(out, "out");
  *out = o->loss_scale;
  MLCNN_CATCH
}
