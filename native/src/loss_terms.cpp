// The per-example terms of every loss kind, with the checks of the targets they read.
// Formulas follow PyTorch (cross_entropy, multi_margin_loss, binary_cross_entropy_with_logits, huber_loss,
// smooth_l1_loss, triplet_margin_loss) and torchvision's sigmoid_focal_loss; tests/reference/golden_losses.py
// is the executable statement of each.
#include "internal.h"
#include "loss.h"

namespace mlcnn {

namespace {

[[noreturn]] void bad_target(const LossTerm& t, const std::string& why) {
  throw std::invalid_argument("loss '" + t.kind + "': " + why);
}

// The first row where mask is true, as text; mask [n] or [n, k].
std::string first_row(const torch::Tensor& mask) {
  auto rows = mask.dim() == 2 ? mask.any(1) : mask;
  return std::to_string(rows.nonzero().select(1, 0)[0].item<int64_t>());
}

void require_columns(const LossTerm& t, const torch::Tensor& target, int64_t expected, const std::string& meaning) {
  if (target.size(1) != expected)
    bad_target(t, "the target has " + std::to_string(target.size(1)) + " column(s) but " + meaning + " needs " +
                      std::to_string(expected));
}

// Class indices from a one-column target: integers in [0, classes) (classes < 0: any integer >= 0).
torch::Tensor class_indices(const LossTerm& t, const torch::Tensor& target, int64_t classes) {
  auto y = target.select(1, 0);
  auto bad = (y != y.floor()) | (y < 0) | ~torch::isfinite(y);
  if (classes > 0) bad = bad | (y >= static_cast<double>(classes));
  if (bad.any().item<bool>()) {
    auto row = first_row(bad);
    auto range = classes > 0 ? "[0, " + std::to_string(classes) + ")" : "[0, inf)";
    bad_target(t, "target row " + row + " holds " + std::to_string(y[std::stoll(row)].item<double>()) +
                      ", which is not a class index in " + range);
  }
  return y.to(torch::kLong);
}

void require_unit_interval(const LossTerm& t, const torch::Tensor& target) {
  auto bad = (target < 0) | (target > 1) | ~torch::isfinite(target);
  if (bad.any().item<bool>())
    bad_target(t, "target row " + first_row(bad) + " holds a value outside [0, 1]; binary and multilabel targets are 0/1 or probabilities");
}

void require_weights(const LossTerm& t, const torch::Tensor& w, int64_t expected, const std::string& meaning) {
  if (w.defined() && w.size(0) != expected)
    bad_target(t, std::to_string(w.size(0)) + " class weights given but " + meaning + " needs " + std::to_string(expected));
}

torch::Tensor ones(int64_t n, const torch::Tensor& like) { return torch::ones({n}, like.options()); }

torch::Tensor on(const torch::Tensor& t, const torch::Tensor& like) { return t.defined() ? t.to(like.device()) : t; }

int64_t classes_of(const LossTerm& t, const torch::Tensor& x) {
  if (x.size(1) < 2) bad_target(t, "needs at least 2 outputs (one per class), the network has " + std::to_string(x.size(1)));
  return x.size(1);
}

ExampleLosses cross_entropy(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& cw) {
  auto c = classes_of(t, x);
  require_weights(t, cw, c, "one per class");
  auto w = cw.defined() ? cw : ones(c, x);
  auto logp = torch::log_softmax(x, 1);
  auto s = t.smoothing;
  if (target.size(1) == 1) {
    auto y = class_indices(t, target, c);
    auto wy = w.index_select(0, y);
    auto nll = -logp.gather(1, y.unsqueeze(1)).squeeze(1) * wy;
    auto smooth = -(logp * w).sum(1);
    return {(1 - s) * nll + (s / c) * smooth, wy, 1};
  }
  require_columns(t, target, c, "a soft (probability) target");
  auto q = target * (1 - s) + s / c;
  return {-(logp * w * q).sum(1), ones(x.size(0), x), 1};
}

ExampleLosses focal(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& cw) {
  auto c = classes_of(t, x);
  require_weights(t, cw, c, "one per class");
  if (t.alpha.defined() && t.alpha.numel() != 1 && t.alpha.numel() != c)
    bad_target(t, std::to_string(t.alpha.numel()) + " alpha values given for " + std::to_string(c) + " classes");
  auto w = cw.defined() ? cw : ones(c, x);
  auto a = t.alpha.defined() ? on(t.alpha, x).expand({c}) : ones(c, x);
  auto logp = torch::log_softmax(x, 1);
  auto mod = t.gamma != 0 ? (1 - logp.exp()).clamp_min(1e-12).pow(t.gamma) : torch::ones_like(logp);
  auto per_class = -w * a * mod * logp;
  if (target.size(1) == 1) {
    auto y = class_indices(t, target, c);
    return {per_class.gather(1, y.unsqueeze(1)).squeeze(1), w.index_select(0, y), 1};
  }
  require_columns(t, target, c, "a soft (probability) target");
  return {(per_class * target).sum(1), ones(x.size(0), x), 1};
}

ExampleLosses multi_margin(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& cw) {
  auto c = classes_of(t, x);
  require_weights(t, cw, c, "one per class");
  require_columns(t, target, 1, "the hinge loss (class indices)");
  auto y = class_indices(t, target, c);
  auto w = cw.defined() ? cw : ones(c, x);
  auto z = torch::relu(t.margin - x.gather(1, y.unsqueeze(1)) + x).pow(t.p);
  auto others = torch::ones_like(x).scatter(1, y.unsqueeze(1), 0);
  return {(z * others).sum(1) * w.index_select(0, y) / c, ones(x.size(0), x), 1};
}

// Element weights [n, k] and normalizers [n] of the element-wise losses: a single output takes [negative, positive]
// class weights (interpolated for soft targets); several outputs take one weight per output.
std::pair<torch::Tensor, torch::Tensor> element_weights(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target,
                                                        const torch::Tensor& cw) {
  auto n = x.size(0), k = x.size(1);
  if (!cw.defined()) return {torch::ones_like(x), torch::full({n}, static_cast<double>(k), x.options())};
  if (k == 1) {
    require_weights(t, cw, 2, "a single-output (binary) loss: [negative, positive]");
    auto we = cw[0] * (1 - target.select(1, 0)) + cw[1] * target.select(1, 0);
    return {we.unsqueeze(1), we};
  }
  require_weights(t, cw, k, "one per output");
  return {cw.expand({n, k}), torch::full({n}, static_cast<double>(k), x.options())};
}

ExampleLosses binary(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& cw) {
  require_columns(t, target, x.size(1), "one target per output");
  require_unit_interval(t, target);
  torch::Tensor el;
  if (t.kind == "bce") {
    auto pw = on(t.pos_weight, x);
    if (pw.defined() && pw.numel() != 1 && pw.numel() != x.size(1))
      bad_target(t, std::to_string(pw.numel()) + " pos_weight values given for " + std::to_string(x.size(1)) + " outputs");
    auto ts = target * (1 - t.smoothing) + 0.5 * t.smoothing;
    el = torch::binary_cross_entropy_with_logits(x, ts, {}, pw, at::Reduction::None);
  } else if (t.kind == "sigmoid_focal") {
    auto p = torch::sigmoid(x);
    auto ce = torch::binary_cross_entropy_with_logits(x, target, {}, {}, at::Reduction::None);
    auto p_t = p * target + (1 - p) * (1 - target);
    el = t.gamma != 0 ? ce * (1 - p_t).pow(t.gamma) : ce;
    if (t.sigmoid_alpha >= 0) el = (t.sigmoid_alpha * target + (1 - t.sigmoid_alpha) * (1 - target)) * el;
  } else {
    el = torch::relu(t.margin - (2 * target - 1) * x);
  }
  auto [we, m] = element_weights(t, x, target, cw);
  return {(el * we).sum(1), m, x.size(1)};
}

ExampleLosses regression(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& cw) {
  require_columns(t, target, x.size(1), "one target per output");
  if (!torch::isfinite(target).all().item<bool>())
    bad_target(t, "target row " + first_row(~torch::isfinite(target)) + " holds NaN or infinity");
  require_weights(t, cw, x.size(1), "one per output");
  torch::Tensor el;
  if (t.kind == "mse") el = (x - target).pow(2);
  else if (t.kind == "mae") el = (x - target).abs();
  else if (t.kind == "huber") el = torch::huber_loss(x, target, at::Reduction::None, t.delta);
  else el = torch::smooth_l1_loss(x, target, at::Reduction::None, t.beta);
  auto w = cw.defined() ? cw : ones(x.size(1), x);
  return {(el * w).sum(1), torch::full({x.size(0)}, static_cast<double>(x.size(1)), x.options()), x.size(1)};
}

// Batch-hard mining on L2-normalized embeddings: each anchor takes its farthest positive and nearest negative.
ExampleLosses triplet(const LossTerm& t, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& cw) {
  require_columns(t, target, 1, "the triplet loss (class indices)");
  auto y = class_indices(t, target, cw.defined() ? cw.size(0) : -1);
  auto n = x.size(0);
  auto e = torch::nn::functional::normalize(x, torch::nn::functional::NormalizeFuncOptions().dim(1));
  auto d = torch::cdist(e.detach(), e.detach(), static_cast<double>(t.p));
  auto same = y.unsqueeze(1) == y.unsqueeze(0);
  auto eye = torch::eye(n, torch::TensorOptions().dtype(torch::kBool).device(x.device()));
  auto pos_d = torch::where(same & ~eye, d, torch::full_like(d, -1.0));
  auto neg_d = torch::where(~same, d, torch::full_like(d, std::numeric_limits<double>::infinity()));
  auto valid = ((std::get<0>(pos_d.max(1)) >= 0) & (std::get<0>(neg_d.min(1)) < std::numeric_limits<double>::infinity())).to(x.scalar_type());
  auto pi = pos_d.argmax(1), ni = neg_d.argmin(1);
  auto l = torch::triplet_margin_loss(e, e.index_select(0, pi), e.index_select(0, ni), t.margin, static_cast<double>(t.p), 1e-6,
                                      t.swap, at::Reduction::None);
  auto w = cw.defined() ? cw : ones(y.max().item<int64_t>() + 1, x);
  auto wy = w.index_select(0, y) * valid;
  return {l * wy, wy, 1};
}

}  // namespace

ExampleLosses example_losses(const LossTerm& term, const torch::Tensor& output, const torch::Tensor& target,
                             const torch::Tensor& class_weights) {
  if (output.dim() != 2) bad_target(term, "expects outputs [rows, values], got " + std::to_string(output.dim()) + " dimensions");
  if (target.dim() != 2 || target.size(0) != output.size(0))
    bad_target(term, "has " + std::to_string(output.size(0)) + " output rows but " + std::to_string(target.size(0)) + " target rows");
  auto cw = on(class_weights, output);
  const auto& k = term.kind;
  if (k == "ce") return cross_entropy(term, output, target, cw);
  if (k == "focal") return focal(term, output, target, cw);
  if (k == "hinge") return multi_margin(term, output, target, cw);
  if (k == "bce" || k == "sigmoid_focal" || k == "binary_hinge") return binary(term, output, target, cw);
  if (k == "triplet") return triplet(term, output, target, cw);
  return regression(term, output, target, cw);
}

}  // namespace mlcnn
