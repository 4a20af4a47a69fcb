#include "blocks.h"

namespace mlcnn {

namespace {

template <typename Layer>
Layer* layer_at(torch::nn::Sequential& net, size_t i) {
  return i < net->size() ? net->ptr(i)->as<Layer>() : nullptr;
}

}  // namespace

torch::Tensor forward_network(torch::nn::Sequential& net, torch::Tensor x) {
  for (size_t i = 0; i < net->size();) {
    auto* conv = layer_at<ConvImpl>(net, i);
    auto* pool = layer_at<torch::nn::MaxPool2dImpl>(net, i + 1);
    if (conv != nullptr && pool != nullptr && conv_pool_applies(*conv, *pool, x)) {
      const bool relu = layer_at<torch::nn::ReLUImpl>(net, i + 2) != nullptr;
      x = conv_pool(*conv, x, relu);
      i += relu ? 3 : 2;
      continue;
    }
    auto* bn = layer_at<BatchNormImpl>(net, i);
    if (bn != nullptr && layer_at<torch::nn::ReLUImpl>(net, i + 1) != nullptr) {
      x = batch_norm_relu(*bn, x);
      i += 2;
      continue;
    }
    x = (net->begin() + static_cast<std::ptrdiff_t>(i))->forward(x);
    ++i;
  }
  return x;
}

}  // namespace mlcnn
