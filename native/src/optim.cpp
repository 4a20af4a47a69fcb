// Optimizers over a model's parameters, built from a one-line spec, with L1 and gradient clipping applied by the
// training step, and their state saved to / loaded from bytes (for checkpoints).
#include <cstring>
#include <sstream>

#include "internal.h"
#include "spec_line.h"

namespace mlcnn {

namespace {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const SpecLine& l, std::vector<torch::Tensor> params) {
  const auto& k = l.kind();
  auto lr = l.real("lr", 1e-3, 0.0, kHugeValue);
  auto wd = l.real("weight_decay", k == "adamw" ? 1e-2 : 0.0, 0.0, kHugeValue);
  if (k == "sgd") {
    auto momentum = l.real("momentum", 0.0, 0.0, 1.0);
    auto dampening = l.real("dampening", 0.0, 0.0, 1.0);
    auto nesterov = l.integer("nesterov", 0, 0) != 0;
    if (nesterov && (momentum <= 0 || dampening != 0)) l.fail("Nesterov momentum needs momentum > 0 and dampening 0");
    return std::make_unique<torch::optim::SGD>(
        params, torch::optim::SGDOptions(lr).momentum(momentum).dampening(dampening).nesterov(nesterov).weight_decay(wd));
  }
  if (k == "adam" || k == "adamw") {
    auto b1 = l.real("beta1", 0.9, 0.0, 0.999999999);
    auto b2 = l.real("beta2", 0.999, 0.0, 0.999999999);
    auto eps = l.real("eps", 1e-8, 0.0, 1.0);
    auto amsgrad = l.integer("amsgrad", 0, 0) != 0;
    if (k == "adam") return make_adam(params, torch::optim::AdamOptions(lr).betas({b1, b2}).eps(eps).weight_decay(wd).amsgrad(amsgrad));
    return make_adamw(params, torch::optim::AdamWOptions(lr).betas({b1, b2}).eps(eps).weight_decay(wd).amsgrad(amsgrad));
  }
  if (k == "adagrad") {
    return std::make_unique<torch::optim::Adagrad>(params, torch::optim::AdagradOptions(lr)
                                                               .lr_decay(l.real("lr_decay", 0.0, 0.0, kHugeValue))
                                                               .weight_decay(wd)
                                                               .initial_accumulator_value(l.real("initial_accumulator", 0.0, 0.0, kHugeValue))
                                                               .eps(l.real("eps", 1e-10, 0.0, 1.0)));
  }
  if (k == "rmsprop") {
    return std::make_unique<torch::optim::RMSprop>(params, torch::optim::RMSpropOptions(lr)
                                                               .alpha(l.real("alpha", 0.99, 0.0, 1.0))
                                                               .eps(l.real("eps", 1e-8, 0.0, 1.0))
                                                               .weight_decay(wd)
                                                               .momentum(l.real("momentum", 0.0, 0.0, 1.0))
                                                               .centered(l.integer("centered", 0, 0) != 0));
  }
  l.fail("unknown optimizer (sgd, adam, adamw, adagrad, rmsprop)");
}

}  // namespace

void apply_clipping(mlcnn_optim& o) {
  if (o.clip_value > 0) torch::nn::utils::clip_grad_value_(o.params, o.clip_value);
  if (o.clip_norm > 0) torch::nn::utils::clip_grad_norm_(o.params, o.clip_norm);
}

torch::Tensor l1_penalty(const mlcnn_optim& o) {
  torch::Tensor sum;
  for (const auto& p : o.l1_params) sum = sum.defined() ? sum + p.abs().sum() : p.abs().sum();
  return sum * o.l1;
}

}  // namespace mlcnn

extern "C" int mlcnn_optim_create(mlcnn_model* m, const char* spec, mlcnn_optim** out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(spec, "spec");
  mlcnn::require(out, "out");
  std::string text(spec);
  if (text.find('\n') != std::string::npos) throw std::invalid_argument("optimizer spec must be one line");
  mlcnn::SpecLine line(text, 1, "optimizer spec");
  auto params = m->net->parameters();
  auto handle = std::make_unique<mlcnn_optim>();
  handle->l1 = line.real("l1", 0.0, 0.0, mlcnn::kHugeValue);
  auto l1_all = line.integer("l1_all", 0, 0) != 0;
  handle->clip_norm = line.real("clip_norm", 0.0, 0.0, mlcnn::kHugeValue);
  handle->clip_value = line.real("clip_value", 0.0, 0.0, mlcnn::kHugeValue);
  for (const auto& p : params)
    if (l1_all || p.dim() > 1) handle->l1_params.push_back(p);
  handle->params = params;
  try {
    handle->optimizer = mlcnn::make_optimizer(line, params);
    const auto& k = line.kind();
    handle->kind = k == "sgd" ? mlcnn::OptimKind::Sgd : k == "adam" ? mlcnn::OptimKind::Adam : k == "adamw" ? mlcnn::OptimKind::AdamW
                 : k == "adagrad" ? mlcnn::OptimKind::Adagrad : mlcnn::OptimKind::RmsProp;
    line.check_all_used();
  } catch (const c10::Error& e) {
    line.fail(e.what_without_backtrace());
  }
  *out = handle.release();
  mlcnn::count_created(mlcnn::Handle::Optim);
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_set_lr(mlcnn_optim* o, double lr) noexcept {
  MLCNN_TRY
  mlcnn::require(o, "optimizer");
  for (auto& group : o->optimizer->param_groups()) group.options().set_lr(lr);
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_save(const mlcnn_optim* o, uint8_t* out, int64_t capacity, int64_t* size) noexcept {
  MLCNN_TRY
  mlcnn::require(o, "optimizer");
  mlcnn::require(size, "size");
  torch::serialize::OutputArchive archive;
  mlcnn::save_state(*o, archive);
  std::ostringstream stream;
  archive.save_to(stream);
  auto bytes = stream.str();
  *size = static_cast<int64_t>(bytes.size());
  if (out != nullptr) {
    if (capacity < *size) throw std::invalid_argument("the buffer holds " + std::to_string(capacity) + " bytes, the state needs " + std::to_string(*size));
    std::memcpy(out, bytes.data(), bytes.size());
  }
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_load(mlcnn_optim* o, const uint8_t* data, int64_t size) noexcept {
  MLCNN_TRY
  mlcnn::require(o, "optimizer");
  mlcnn::require(data, "data");
  torch::serialize::InputArchive archive;
  archive.load_from(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
  mlcnn::load_state(*o, archive);
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_free(mlcnn_optim* o) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Optim, o);
  MLCNN_CATCH
}
