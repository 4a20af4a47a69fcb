// Augmentation plans: per-sample parameters filled by the managed side, applied batched on the batch's device.
#include <cmath>
#include <cstring>
#include <sstream>

#include "internal.h"

namespace mlcnn {

namespace {

namespace F = torch::nn::functional;

const char* kind_name(int kind) {
  switch (kind) {
    case MLCNN_AUG_AFFINE: return "AFFINE";
    case MLCNN_AUG_COLOR: return "COLOR";
    case MLCNN_AUG_CHANNEL: return "CHANNEL";
    case MLCNN_AUG_ERASE: return "ERASE";
    case MLCNN_AUG_MIX: return "MIX";
    default: return "unknown";
  }
}

// "augment op 2 (COLOR): " — the prefix of every message about one op.
std::string where(size_t index, int kind) {
  return "augment op " + std::to_string(index) + " (" + kind_name(kind) + "): ";
}

// The parameter count per row of a kind with a fixed count; 0 for CHANNEL (one per image channel).
int64_t fixed_columns(int kind) {
  switch (kind) {
    case MLCNN_AUG_AFFINE: return 6;
    case MLCNN_AUG_COLOR: return 4;
    case MLCNN_AUG_CHANNEL: return 0;
    case MLCNN_AUG_ERASE: return 5;
    case MLCNN_AUG_MIX: return 6;
    default: throw std::invalid_argument("unknown augment kind " + std::to_string(kind) +
                                         " (AFFINE 1, COLOR 2, CHANNEL 3, ERASE 4, MIX 5)");
  }
}

std::string shape_text(const torch::Tensor& t) {
  std::ostringstream s;
  s << t.sizes();
  return s.str();
}

// Column j of params as [n, 1, 1, 1] (broadcast over C, H, W).
torch::Tensor per_sample(const torch::Tensor& params, int64_t j) {
  return params.select(1, j).view({-1, 1, 1, 1});
}

// [n, 1, H, W] true inside the half-open box [x0, x1) x [y0, y1) given by columns first..first+3 (pixels).
torch::Tensor box_mask(const torch::Tensor& params, int64_t first, int64_t h, int64_t w) {
  auto opts = params.options();
  auto cols = torch::arange(w, opts).view({1, 1, 1, w});
  auto rows = torch::arange(h, opts).view({1, 1, h, 1});
  auto x0 = per_sample(params, first), y0 = per_sample(params, first + 1);
  auto x1 = per_sample(params, first + 2), y1 = per_sample(params, first + 3);
  return (cols >= x0).logical_and(cols < x1).logical_and(rows >= y0).logical_and(rows < y1);
}

torch::Tensor affine(const AugmentOp& op, const torch::Tensor& p, const torch::Tensor& x) {
  auto theta = p.view({-1, 2, 3});
  auto grid = F::affine_grid(theta, x.sizes(), /*align_corners=*/false);
  auto options = F::GridSampleFuncOptions().align_corners(false);
  if (op.interpolation == MLCNN_INTERP_NEAREST)
    options.mode(torch::kNearest);
  else
    options.mode(torch::kBilinear);
  switch (op.fill) {
    case MLCNN_FILL_CONSTANT:
      options.padding_mode(torch::kZeros);
      return F::grid_sample(x - op.value, grid, options) + op.value;
    case MLCNN_FILL_NEAREST:
      options.padding_mode(torch::kBorder);
      return F::grid_sample(x, grid, options);
    case MLCNN_FILL_REFLECT:
      options.padding_mode(torch::kReflection);
      return F::grid_sample(x, grid, options);
    default:  // MLCNN_FILL_WRAP: the image tiles the plane with period 2 in normalized coordinates.
      options.padding_mode(torch::kBorder);
      return F::grid_sample(x, torch::remainder(grid + 1.0, 2.0) - 1.0, options);
  }
}

torch::Tensor grayscale(const torch::Tensor& x) {
  if (x.size(1) == 1) return x;
  return 0.299 * x.select(1, 0).unsqueeze(1) + 0.587 * x.select(1, 1).unsqueeze(1) + 0.114 * x.select(1, 2).unsqueeze(1);
}

torch::Tensor blend(const torch::Tensor& x, const torch::Tensor& other, const torch::Tensor& factor) {
  return (factor * x + (1.0 - factor) * other).clamp(0.0, 1.0);
}

// Rotates the hue of an RGB batch by shift (turns, [n, 1, 1, 1]) through HSV.
torch::Tensor shift_hue(const torch::Tensor& x, const torch::Tensor& shift) {
  auto r = x.select(1, 0).unsqueeze(1), g = x.select(1, 1).unsqueeze(1), b = x.select(1, 2).unsqueeze(1);
  auto v = std::get<0>(x.max(1, /*keepdim=*/true));
  auto chroma = v - std::get<0>(x.min(1, /*keepdim=*/true));
  auto gray = chroma <= 0;
  auto s = torch::where(gray, torch::zeros_like(v), chroma / torch::where(gray, torch::ones_like(v), v));
  auto c = torch::where(gray, torch::ones_like(chroma), chroma);
  // Hue in sextants [0, 6): the sector of the largest channel plus the offset of the other two.
  auto h = torch::where(v == r, (g - b) / c, torch::where(v == g, 2.0 + (b - r) / c, 4.0 + (r - g) / c));
  h = torch::where(gray, torch::zeros_like(h), h);
  h = torch::remainder(h + 6.0 * shift, 6.0);
  // HSV -> RGB: channel n (R 5, G 3, B 1) is v - v s clamp(min(k, 4 - k), 0, 1) with k = (n + h) mod 6.
  auto channel = [&](double n) {
    auto k = torch::remainder(h + n, 6.0);
    return v - v * s * torch::minimum(k, 4.0 - k).clamp(0.0, 1.0);
  };
  return torch::cat({channel(5), channel(3), channel(1)}, 1).clamp(0.0, 1.0);
}

torch::Tensor color(size_t index, const AugmentOp& op, const torch::Tensor& p, const torch::Tensor& x) {
  const auto channels = x.size(1);
  if (channels != 1 && channels != 3)
    throw std::invalid_argument(where(index, op.kind) + "needs 1 or 3 channels but the batch has " + std::to_string(channels));
  auto cpu = op.params;
  if (channels == 1 && (cpu.select(1, 2).ne(1).any().item<bool>() || cpu.select(1, 3).ne(0).any().item<bool>()))
    throw std::invalid_argument(where(index, op.kind) +
                                "saturation must be 1 and hue 0 on 1-channel images (they need 3 channels)");
  auto y = (x * per_sample(p, 0)).clamp(0.0, 1.0);
  auto contrast = per_sample(p, 1);
  y = blend(y, grayscale(y).mean({1, 2, 3}, /*keepdim=*/true), contrast);
  if (channels == 1) return y;
  y = blend(y, grayscale(y), per_sample(p, 2));
  if (cpu.select(1, 3).ne(0).any().item<bool>()) y = shift_hue(y, per_sample(p, 3));
  return y;
}

torch::Tensor mix(const AugmentOp& op, const torch::Tensor& p, const torch::Tensor& x, torch::Tensor* targets) {
  const auto h = x.size(2), w = x.size(3);
  auto partner = p.select(1, 0).to(torch::kLong);
  auto other = x.index_select(0, partner);
  auto lambda = per_sample(p, 1);
  auto x0 = p.select(1, 2), y0 = p.select(1, 3), x1 = p.select(1, 4), y1 = p.select(1, 5);
  auto has_box = (x1 > x0).logical_and(y1 > y0);
  auto mask = box_mask(p, 2, h, w);
  auto pasted = torch::where(mask, other, x);
  auto mixed = lambda * x + (1.0 - lambda) * other;
  auto out = torch::where(has_box.view({-1, 1, 1, 1}), pasted, mixed);
  if (targets != nullptr && targets->defined()) {
    auto area = mask.to(x.scalar_type()).sum({1, 2, 3}) / static_cast<double>(h * w);
    auto t_lambda = torch::where(has_box, 1.0 - area, p.select(1, 1)).view({-1, 1}).to(targets->scalar_type());
    auto t = *targets;
    auto t_other = t.index_select(0, partner.to(t.device()));
    t_lambda = t_lambda.to(t.device());
    *targets = t_lambda * t + (1.0 - t_lambda) * t_other;
  }
  return out;
}

// Checks that op's parameters fit the batch x (and targets); throws naming the op.
void validate(size_t index, const AugmentOp& op, const torch::Tensor& x, const torch::Tensor* targets) {
  const auto n = x.size(0);
  const auto rows = op.params.size(0), k = op.params.size(1);
  auto expected_k = op.kind == MLCNN_AUG_CHANNEL ? x.size(1) : fixed_columns(op.kind);
  if (k != expected_k)
    throw std::invalid_argument(where(index, op.kind) + "params must be [n, " + std::to_string(expected_k) + "] but are " +
                                shape_text(op.params) + (op.kind == MLCNN_AUG_CHANNEL ? " (one value per channel)" : ""));
  if (rows != n)
    throw std::invalid_argument(where(index, op.kind) + "params hold " + std::to_string(rows) + " rows but the batch has " +
                                std::to_string(n));
  if (op.kind == MLCNN_AUG_MIX) {
    auto partner = op.params.select(1, 0);
    auto bad = (partner < 0).logical_or(partner >= static_cast<double>(n)).logical_or(partner != partner.round());
    if (bad.any().item<bool>()) {
      auto row = bad.nonzero()[0][0].item<int64_t>();
      std::ostringstream message;
      message << where(index, op.kind) << "row " << row << " names partner " << partner[row].item<float>()
              << ", not a row of the batch [0, " << n << ")";
      throw std::invalid_argument(message.str());
    }
    if (targets != nullptr && targets->defined() && (targets->dim() != 2 || targets->size(0) != n))
      throw std::invalid_argument(where(index, op.kind) + "targets must be [" + std::to_string(n) + ", t] but are " +
                                  shape_text(*targets));
  }
}

}  // namespace

torch::Tensor apply_augment(const std::vector<AugmentOp>& ops, torch::Tensor x, torch::Tensor* targets) {
  if (ops.empty()) return x;
  if (x.dim() != 4 || !x.is_floating_point())
    throw std::invalid_argument("augment: the batch must be a float NCHW tensor but is " + shape_text(x));
  torch::NoGradGuard no_grad;
  for (size_t i = 0; i < ops.size(); i++) {
    const auto& op = ops[i];
    validate(i, op, x, targets);
    auto p = op.params.to(x.device(), x.scalar_type());
    switch (op.kind) {
      case MLCNN_AUG_AFFINE: x = affine(op, p, x); break;
      case MLCNN_AUG_COLOR: x = color(i, op, p, x); break;
      case MLCNN_AUG_CHANNEL: x = (x + p.view({p.size(0), p.size(1), 1, 1})).clamp(0.0, 1.0); break;
      case MLCNN_AUG_ERASE: x = torch::where(box_mask(p, 0, x.size(2), x.size(3)), per_sample(p, 4), x); break;
      default: x = mix(op, p, x, targets); break;
    }
  }
  return x;
}

}  // namespace mlcnn

extern "C" int mlcnn_augment_create(mlcnn_augment** out) noexcept {
  MLCNN_TRY
  mlcnn::require(out, "out");
  *out = mlcnn::make_handle<mlcnn_augment>(mlcnn::Handle::Augment);
  MLCNN_CATCH
}

extern "C" int mlcnn_augment_free(mlcnn_augment* a) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Augment, a);
  MLCNN_CATCH
}

extern "C" int mlcnn_augment_clear(mlcnn_augment* a) noexcept {
  MLCNN_TRY
  mlcnn::require(a, "augment");
  a->ops.clear();
  MLCNN_CATCH
}

extern "C" int mlcnn_augment_add(mlcnn_augment* a, int kind, const float* params, int64_t n, int64_t k, int fill,
                                 int interpolation, float value) noexcept {
  MLCNN_TRY
  mlcnn::require(a, "augment");
  mlcnn::require(params, "params");
  const auto index = a->ops.size();
  const auto expected_k = mlcnn::fixed_columns(kind);
  const auto prefix = mlcnn::where(index, kind);
  if (n < 1 || k < 1) throw std::invalid_argument(prefix + "params must hold at least one row and one column");
  if (expected_k != 0 && k != expected_k)
    throw std::invalid_argument(prefix + "params must be [n, " + std::to_string(expected_k) + "] but are [" +
                                std::to_string(n) + ", " + std::to_string(k) + "]");
  if (kind == MLCNN_AUG_AFFINE) {
    if (fill < MLCNN_FILL_CONSTANT || fill > MLCNN_FILL_WRAP)
      throw std::invalid_argument(prefix + "unknown fill mode " + std::to_string(fill) +
                                  " (CONSTANT 0, NEAREST 1, REFLECT 2, WRAP 3)");
    if (interpolation != MLCNN_INTERP_BILINEAR && interpolation != MLCNN_INTERP_NEAREST)
      throw std::invalid_argument(prefix + "unknown interpolation " + std::to_string(interpolation) +
                                  " (BILINEAR 0, NEAREST 1)");
    if (!std::isfinite(value)) throw std::invalid_argument(prefix + "the fill value must be finite");
  }
  auto p = torch::from_blob(const_cast<float*>(params), {n, k}, torch::kFloat32).clone();
  if (!torch::isfinite(p).all().item<bool>()) throw std::invalid_argument(prefix + "params hold a NaN or infinite value");
  if (kind == MLCNN_AUG_MIX) {
    auto lambda = p.select(1, 1);
    if ((lambda < 0).logical_or(lambda > 1).any().item<bool>())
      throw std::invalid_argument(prefix + "lambda (column 1) must lie in [0, 1]");
  }
  a->ops.push_back(mlcnn::AugmentOp{kind, p, fill, interpolation, value});
  MLCNN_CATCH
}

extern "C" int mlcnn_augment_apply_u8(const mlcnn_augment* a, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w,
                                      uint8_t* out, float* targets, int64_t target_columns) noexcept {
  MLCNN_TRY
  mlcnn::require(a, "augment");
  mlcnn::require(x, "x");
  mlcnn::require(out, "out");
  if (n < 1 || c < 1 || h < 1 || w < 1)
    throw std::invalid_argument("augment: batch shape [" + std::to_string(n) + ", " + std::to_string(c) + ", " +
                                std::to_string(h) + ", " + std::to_string(w) + "] must be positive");
  if (targets != nullptr && target_columns < 1)
    throw std::invalid_argument("augment: targets are given but target_columns is " + std::to_string(target_columns));
  auto input = torch::from_blob(const_cast<uint8_t*>(x), {n, c, h, w}, torch::kUInt8).to(torch::kFloat32) / 255.0;
  torch::Tensor t;
  if (targets != nullptr) t = torch::from_blob(targets, {n, target_columns}, torch::kFloat32).clone();
  auto result = mlcnn::apply_augment(a->ops, input, targets != nullptr ? &t : nullptr);
  auto bytes = (result * 255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
  std::memcpy(out, bytes.data_ptr<uint8_t>(), static_cast<size_t>(n * c * h * w));
  if (targets != nullptr) {
    auto mixed = t.contiguous();
    std::memcpy(targets, mixed.data_ptr<float>(), static_cast<size_t>(n * target_columns) * sizeof(float));
  }
  MLCNN_CATCH
}
