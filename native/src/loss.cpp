// The loss spec, its reductions and the loss C ABI.
#include <cmath>
#include <limits>

#include "internal.h"
#include "loss.h"
#include "spec_line.h"

namespace mlcnn {

namespace {

constexpr double kHuge = 1e30;

torch::Tensor list_tensor(const std::vector<double>& values) {
  if (values.empty()) return {};
  std::vector<float> f(values.begin(), values.end());
  return torch::tensor(f, torch::kFloat32);
}

LossTerm parse_term(const SpecLine& l) {
  LossTerm t;
  t.kind = l.kind();
  t.scale = l.real("scale", 1.0, 0.0, kHuge);
  const auto& k = t.kind;
  if (k == "ce") {
    t.smoothing = l.real("smoothing", 0.0, 0.0, 0.999999);
  } else if (k == "focal") {
    t.gamma = l.real("gamma", 2.0, 0.0, kHuge);
    t.alpha = list_tensor(l.reals("alpha", 0.0, kHuge));
  } else if (k == "hinge") {
    t.p = l.integer("p", 1, 1);
    if (t.p > 2) l.fail("'p' must be 1 or 2");
    t.margin = l.real("margin", 1.0, 1e-12, kHuge);
  } else if (k == "bce") {
    t.smoothing = l.real("smoothing", 0.0, 0.0, 0.999999);
    t.pos_weight = list_tensor(l.reals("pos_weight", 0.0, kHuge));
  } else if (k == "sigmoid_focal") {
    t.gamma = l.real("gamma", 2.0, 0.0, kHuge);
    t.sigmoid_alpha = l.real("alpha", 0.25, -1.0, 1.0);
  } else if (k == "binary_hinge") {
    t.margin = l.real("margin", 1.0, 1e-12, kHuge);
  } else if (k == "mse" || k == "mae") {
  } else if (k == "huber") {
    t.delta = l.real("delta", 1.0, 1e-12, kHuge);
  } else if (k == "smoothl1") {
    t.beta = l.real("beta", 1.0, 0.0, kHuge);
  } else if (k == "triplet") {
    t.margin = l.real("margin", 1.0, 1e-12, kHuge);
    t.p = l.integer("p", 2, 1);
    t.swap = l.integer("swap", 0, 0) != 0;
  } else {
    l.fail("unknown loss kind (ce, focal, hinge, bce, sigmoid_focal, binary_hinge, mse, mae, huber, smoothl1, triplet)");
  }
  l.check_all_used();
  return t;
}

}  // namespace

LossFunction::LossFunction(const std::string& spec, std::vector<float> class_weights, Reduction reduction)
    : reduction_(reduction) {
  if (reduction != Reduction::Mean && reduction != Reduction::SumOverBatch && reduction != Reduction::Sum)
    throw std::invalid_argument("unknown reduction " + std::to_string(static_cast<int>(reduction)));
  for (auto w : class_weights)
    if (!(w >= 0 && std::isfinite(w))) throw std::invalid_argument("class weights must be finite and >= 0");
  if (!class_weights.empty()) class_weights_ = torch::tensor(class_weights, torch::kFloat32);
  for_each_spec_line(spec, "loss spec", [this](const SpecLine& line) { terms_.push_back(parse_term(line)); });
  if (terms_.empty()) throw std::invalid_argument("loss spec holds no loss");
}

torch::Tensor LossFunction::operator()(const torch::Tensor& output, const torch::Tensor& target,
                                       const torch::Tensor& example_weights) const {
  torch::Tensor total;
  for (const auto& term : terms_) {
    auto parts = example_losses(term, output, target, class_weights_);
    auto e = example_weights.defined() ? example_weights : torch::ones_like(parts.loss);
    auto num = (e * parts.loss).sum();
    torch::Tensor value;
    if (reduction_ == Reduction::Sum) {
      value = num;
    } else if (reduction_ == Reduction::SumOverBatch) {
      value = num / static_cast<double>(output.size(0) * parts.elements);
    } else {
      // Weighted mean; a batch whose weights sum to 0 gives 0 (no update) instead of 0/0.
      auto den = (e * parts.norm).sum();
      auto positive = den > 0;
      value = torch::where(positive, num / torch::where(positive, den, torch::ones_like(den)), num * 0);
    }
    value = value * term.scale;
    total = total.defined() ? total + value : value;
  }
  return total;
}

}  // namespace mlcnn

extern "C" int mlcnn_loss_create(const char* spec, const float* class_weights, int64_t class_weight_count, int reduction,
                                 mlcnn_loss** out) noexcept {
  MLCNN_TRY
  mlcnn::require(spec, "spec");
  mlcnn::require(out, "out");
  if (class_weight_count < 0 || (class_weight_count > 0 && class_weights == nullptr))
    throw std::invalid_argument("class_weights is NULL or its count is negative");
  std::vector<float> weights(class_weights, class_weights + class_weight_count);
  auto fn = std::make_shared<mlcnn::LossFunction>(spec, std::move(weights), static_cast<mlcnn::Reduction>(reduction));
  *out = mlcnn::make_handle<mlcnn_loss>(mlcnn::Handle::Loss, std::move(fn));
  MLCNN_CATCH
}

extern "C" int mlcnn_loss_free(mlcnn_loss* l) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Loss, l);
  MLCNN_CATCH
}

extern "C" int mlcnn_loss_compute(const mlcnn_loss* l, const mlcnn_tensor* output, const float* target, int64_t target_columns,
                                  const float* weights, float* out_loss, mlcnn_tensor** out_grad) noexcept {
  MLCNN_TRY
  mlcnn::require(l, "loss");
  mlcnn::require(output, "output");
  mlcnn::require(target, "target");
  mlcnn::require(out_loss, "out_loss");
  if (output->value.dim() != 2) throw std::invalid_argument("output must be [rows, values]");
  auto n = output->value.size(0);
  auto y = mlcnn::host_floats(target, {n, target_columns}, output->value.device());
  auto w = weights != nullptr ? mlcnn::host_floats(weights, {n}, output->value.device()) : torch::Tensor();
  auto x = output->value.detach().clone().requires_grad_(out_grad != nullptr);
  auto loss = (*l->fn)(x, y, w);
  *out_loss = loss.item<float>();
  if (out_grad != nullptr) {
    loss.backward();
    *out_grad = mlcnn::make_handle<mlcnn_tensor>(mlcnn::Handle::Tensor, x.grad().detach());
  }
  MLCNN_CATCH
}
