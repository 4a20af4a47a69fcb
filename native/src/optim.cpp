// Optimizers over a model's parameters.
#include "internal.h"

extern "C" int mlcnn_optim_adam(mlcnn_model* m, double lr, double beta1, double beta2, double eps,
                                double weight_decay, mlcnn_optim** out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(out, "out");
  auto opts = torch::optim::AdamOptions(lr).betas({beta1, beta2}).eps(eps).weight_decay(weight_decay);
  auto opt = std::make_unique<torch::optim::Adam>(m->net->parameters(), opts);
  *out = mlcnn::make_handle<mlcnn_optim>(mlcnn::Handle::Optim, std::move(opt));
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_sgd(mlcnn_model* m, double lr, double momentum, double weight_decay, int nesterov,
                               mlcnn_optim** out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(out, "out");
  auto opts = torch::optim::SGDOptions(lr).momentum(momentum).weight_decay(weight_decay).nesterov(nesterov != 0);
  auto opt = std::make_unique<torch::optim::SGD>(m->net->parameters(), opts);
  *out = mlcnn::make_handle<mlcnn_optim>(mlcnn::Handle::Optim, std::move(opt));
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_set_lr(mlcnn_optim* o, double lr) noexcept {
  MLCNN_TRY
  mlcnn::require(o, "optimizer");
  for (auto& group : o->optimizer->param_groups()) group.options().set_lr(lr);
  MLCNN_CATCH
}

extern "C" int mlcnn_optim_free(mlcnn_optim* o) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Optim, o);
  MLCNN_CATCH
}
