// Loss functions. The training step and the C ABI share these definitions.
#include <limits>

#include "internal.h"

namespace mlcnn {

torch::Tensor cross_entropy(const torch::Tensor& logits, const torch::Tensor& labels, const torch::Tensor& weights) {
  namespace F = torch::nn::functional;
  if (!weights.defined()) return F::cross_entropy(logits, labels);
  auto per_example = F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().reduction(torch::kNone));
  // PyTorch's weighted mean; a batch whose weights are all zero gives 0 (no update) instead of 0/0.
  return (per_example * weights).sum() / weights.sum().clamp_min(std::numeric_limits<float>::min());
}

}  // namespace mlcnn

extern "C" int mlcnn_loss_cross_entropy(const mlcnn_tensor* logits, const int64_t* labels, const float* weights,
                                        float* out) noexcept {
  MLCNN_TRY
  mlcnn::require(logits, "logits");
  mlcnn::require(labels, "labels");
  mlcnn::require(out, "out");
  auto n = logits->value.size(0);
  auto y = torch::from_blob(const_cast<int64_t*>(labels), {n}, torch::kInt64).to(logits->value.device());
  torch::Tensor w;
  if (weights != nullptr)
    w = torch::from_blob(const_cast<float*>(weights), {n}, torch::kFloat32).to(logits->value.device());
  *out = mlcnn::cross_entropy(logits->value, y, w).item<float>();
  MLCNN_CATCH
}
