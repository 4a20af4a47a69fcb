// Composite blocks that the layer spec can name: residual basic block, depthwise-separable conv, global average pool.
#pragma once

#include "internal.h"

namespace mlcnn {

// nn.Conv2d with integer padding, whose evaluation on CPU always uses oneDNN. For a batch of one image with kernels of
// 3x3 or less, libtorch 1.13's heuristic picks its fallback convolution (im2col + GEMM on Debian's reference BLAS),
// about 5x slower than oneDNN for the same outputs (bench/README.md, "Inference"). Training and other devices keep
// libtorch's choice. Parameters ("weight", "bias") and their initialization are nn.Conv2d's.
struct ConvImpl : torch::nn::Conv2dImpl {
  ConvImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, int64_t dilation, int64_t groups, bool bias);
  torch::Tensor forward(const torch::Tensor& x);
  int64_t padding_value;
};
TORCH_MODULE(Conv);

// conv3x3-bn-relu-conv3x3-bn + shortcut (1x1 conv + bn when stride or channels change), then relu.
struct ResidualBlockImpl : torch::nn::Module {
  ResidualBlockImpl(int64_t in, int64_t out, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);
  Conv conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  torch::nn::Sequential shortcut{nullptr};
};
TORCH_MODULE(ResidualBlock);

// MobileNet-v1 unit: depthwise kxk conv-bn-relu, then pointwise 1x1 conv-bn-relu.
struct DepthwiseSeparableImpl : torch::nn::Module {
  DepthwiseSeparableImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding);
  torch::Tensor forward(const torch::Tensor& x);
  Conv depthwise{nullptr}, pointwise{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
};
TORCH_MODULE(DepthwiseSeparable);

// A fully connected layer with nn.Linear's parameters ("weight" [out, in], "bias" [out]) and initialization. On CPU it
// runs as a 1x1 convolution, which libtorch hands to oneDNN: Debian's libtorch has only the reference BLAS behind
// nn.Linear, about ten times slower for these shapes (bench/README.md). On other devices it is F::linear.
struct DenseImpl : torch::nn::Module {
  DenseImpl(int64_t in, int64_t out, bool bias);
  torch::Tensor forward(const torch::Tensor& x);
  torch::Tensor weight, bias;
};
TORCH_MODULE(Dense);

// nn.Dropout drawing its masks from a model's own generator instead of libtorch's default one: the same mask as
// nn.Dropout's from an equally seeded generator (masks are drawn on the CPU and moved to the input's device).
struct SeededDropoutImpl : torch::nn::Module {
  SeededDropoutImpl(double p, at::Generator generator);
  torch::Tensor forward(const torch::Tensor& x);
  double p;
  at::Generator generator;
};
TORCH_MODULE(SeededDropout);

// Mean over the spatial dimensions: [N, C, H, W] -> [N, C].
struct GlobalAvgPoolImpl : torch::nn::Module {
  torch::Tensor forward(const torch::Tensor& x);
};
TORCH_MODULE(GlobalAvgPool);

}  // namespace mlcnn
