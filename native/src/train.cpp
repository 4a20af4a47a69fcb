// One training step per native call.
#include "internal.h"

extern "C" int mlcnn_train_step_u8(mlcnn_model* m, mlcnn_optim* o, const uint8_t* x, int64_t n, int64_t c, int64_t h,
                                   int64_t w, const int64_t* labels, const float* weights, float* out_loss,
                                   int64_t* out_correct) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(o, "optimizer");
  mlcnn::require(labels, "labels");
  mlcnn::require(out_loss, "out_loss");
  mlcnn::require(out_correct, "out_correct");
  auto input = mlcnn::prepare_input(*m, x, n, c, h, w);
  auto y = torch::from_blob(const_cast<int64_t*>(labels), {n}, torch::kInt64).to(m->device);
  torch::Tensor wt;
  if (weights != nullptr) wt = torch::from_blob(const_cast<float*>(weights), {n}, torch::kFloat32).to(m->device);
  m->net->train(true);
  o->optimizer->zero_grad();
  auto logits = m->net->forward(input);
  auto loss = mlcnn::cross_entropy(logits, y, wt);
  loss.backward();
  o->optimizer->step();
  *out_loss = loss.detach().item<float>();
  *out_correct = logits.detach().argmax(1).eq(y).sum().item<int64_t>();
  MLCNN_CATCH
}
