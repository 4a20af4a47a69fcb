// One training step per native call.
#include <cmath>
#include <cstring>

#include <torch/csrc/autograd/profiler_legacy.h>

#include "internal.h"
#include "loss.h"

extern "C" int mlcnn_train_step_u8(mlcnn_model* m, mlcnn_optim* o, const mlcnn_loss* l, const mlcnn_augment* aug, const uint8_t* x,
                                   int64_t n, int64_t c, int64_t h, int64_t w, const float* target, int64_t target_columns,
                                   const float* weights, float* out_loss, float* out_output, int64_t out_output_count) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(o, "optimizer");
  mlcnn::require(l, "loss");
  mlcnn::require(out_loss, "out_loss");
  mlcnn::ThreadScope threads(*m);
  auto profile = mlcnn::profile_step();
  auto y = mlcnn::host_floats(target, {n, target_columns}, m->device);
  auto scaled = mlcnn::scale_input(*m, x, n, c, h, w);
  if (aug != nullptr && !aug->ops.empty()) scaled = mlcnn::apply_augment(aug->ops, scaled, &y);
  auto input = mlcnn::normalize_input(*m, scaled);
  auto wt = weights != nullptr ? mlcnn::host_floats(weights, {n}, m->device) : torch::Tensor();
  m->net->train(true);
  o->optimizer->zero_grad();
  torch::Tensor output;
  {
    mlcnn::AutocastScope autocast(*m);
    output = mlcnn::forward_network(m->net, input);
  }
  if (output.scalar_type() != torch::kFloat32) output = output.to(torch::kFloat32);
  auto loss = (*l->fn)(output, y, wt);
  if (o->l1 > 0) loss = loss + mlcnn::l1_penalty(*o);
  auto value = loss.detach().item<float>();
  // A non-finite loss stops here: no backward, no step, so the weights stay those of the last good step.
  if (!std::isfinite(value))
    throw std::runtime_error("the loss is " + std::string(std::isnan(value) ? "NaN" : "infinite") + "; the weights were not updated");
  // A batch whose example weights are all zero contributes nothing: no step, so momentum and weight decay do not move.
  // In a process group every rank steps (the gradient all-reduce needs them all).
  if (m->group || !wt.defined() || wt.sum().item<float>() > 0) {
    mlcnn::backward_and_step(*m, *o, loss);
  }
  *out_loss = value;
  if (out_output != nullptr) {
    auto host = output.detach().to(torch::kCPU).contiguous();
    if (host.numel() != out_output_count)
      throw std::invalid_argument("the output has " + std::to_string(host.numel()) + " values but the buffer holds " +
                                  std::to_string(out_output_count));
    std::memcpy(out_output, host.data_ptr<float>(), sizeof(float) * out_output_count);
  }
  MLCNN_CATCH
}
