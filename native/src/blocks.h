// Composite blocks that the layer spec can name: residual basic block, depthwise-separable conv, global average pool.
#pragma once

#include "internal.h"

namespace mlcnn {

// nn.Conv2d with integer padding, whose evaluation on CPU uses oneDNN (unless it runs fused with a following max pool:
// conv_pool_applies below). For a batch of one image with kernels of
// 3x3 or less, libtorch 1.13's heuristic picks its fallback convolution (im2col + GEMM on Debian's reference BLAS),
// about 5x slower than oneDNN for the same outputs (bench/README.md, "Inference"). Training and other devices keep
// libtorch's choice. Parameters ("weight", "bias") and their initialization are nn.Conv2d's.
struct ConvImpl : torch::nn::Conv2dImpl {
  ConvImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, int64_t dilation, int64_t groups, bool bias);
  torch::Tensor forward(const torch::Tensor& x);
  int64_t padding_value;
};
TORCH_MODULE(Conv);

// Whether a convolution and the 2x2 max pool after it run fused on x (conv_pool.cpp): CPU float32 (also under bf16
// autocast, computing in float32), an input that needs no gradient (the network's input), at most 4 input channels,
// stride and dilation 1, one group, a square kernel, zero padding; the pool of kernel 2, stride 2, no padding, floor
// mode.
bool conv_pool_applies(const ConvImpl& conv, const torch::nn::MaxPool2dImpl& pool, const torch::Tensor& x);

// The convolution, the 2x2 max pool and, with relu, a ReLU, fused (conv_pool.cpp); gradients reach the weight and bias.
torch::Tensor conv_pool(const ConvImpl& conv, const torch::Tensor& x, bool relu);

// Whether the convolution runs as oneDNN's Winograd convolution on x (winograd_conv.cpp): a build with oneDNN's headers
// (MLCNN_HAVE_DNNL), CPU float32 training with gradients on (not under bf16 autocast), a 3x3 kernel, stride and dilation
// 1, padding 1, one group, no bias, 32 or more input and output channels in multiples of 16, channels-last x and weight,
// a oneDNN that has the Winograd convolution for this CPU and shape, and no MLCNN_WINOGRAD=0 in the environment.
// ConvImpl::forward asks fused_winograd_applies first.
bool winograd_conv_applies(const ConvImpl& conv, const torch::Tensor& x);

// The convolution's output through oneDNN's Winograd convolution; gradients reach x (Winograd) and the weight (Winograd
// from 64 input and output channels, else libtorch's direct convolution).
torch::Tensor winograd_conv(const ConvImpl& conv, const torch::Tensor& x);

// MLCNN_WINOGRAD of the process's environment, read once: unset or 1 (the default) leaves the Winograd paths on
// (winograd_conv.cpp, fused_winograd.cpp), 0 turns them off (libtorch's direct convolutions); any other value throws
// std::invalid_argument naming the variable, which fails the first CPU float32 training step.
bool winograd_enabled();

// Whether the convolution runs as this library's fused Winograd convolution on x (fused_winograd.cpp): CPU float32
// training with gradients on (not under bf16 autocast), 16, 32 or 64 input channels and as many output channels, a 3x3
// kernel, stride and dilation 1, padding 1, one group, no bias, channels-last x, a CPU with AVX-512 (the kernels'
// x86-64-v4 table), and no MLCNN_WINOGRAD=0 in the environment.
bool fused_winograd_applies(const ConvImpl& conv, const torch::Tensor& x);

// The convolution's output through the fused Winograd convolution F(4x4, 3x3); the input gradient runs through the same
// kernel (the convolution of the output gradient with the flipped, transposed weight), the weight gradient through
// winograd_weight_gradient.
torch::Tensor fused_winograd(const ConvImpl& conv, const torch::Tensor& x);

// The weight gradient of a 3x3, stride 1, padding 1 convolution of x (channels-last) with output gradient gy (dense
// channels-last): oneDNN's Winograd where both channel counts are 64 or more (multiples of 16) and this oneDNN has it,
// else libtorch's (winograd_conv.cpp).
torch::Tensor winograd_weight_gradient(const torch::Tensor& x, const torch::Tensor& gy, const torch::Tensor& weight);

// nn.BatchNorm2d (affine, tracking running statistics: the kind the spec makes): its parameters and buffers (same
// names, values and order), options and forward; and, while `sync` is set, a training batch normalized with the
// statistics of every rank's batch instead of its own (synchronized batch norm, as PyTorch's SyncBatchNorm). Our own
// module: libtorch exports no BatchNormImplBase members to derive from.
struct BatchNormImpl : torch::nn::Cloneable<BatchNormImpl> {
  explicit BatchNormImpl(const torch::nn::BatchNorm2dOptions& options);
  void reset() override;
  torch::Tensor forward(const torch::Tensor& x);
  // Counts a training batch (num_batches_tracked) and returns the momentum of its running-statistics update: the
  // options' momentum, else the cumulative average's 1 / batches.
  double count_batch();
  void pretty_print(std::ostream& stream) const override;
  torch::nn::BatchNorm2dOptions options;
  torch::Tensor weight, bias, running_mean, running_var, num_batches_tracked;
  std::shared_ptr<mlcnn_group_state> sync;  // set (mlcnn_model_set_sync_batchnorm): training uses every rank's batch
};
TORCH_MODULE(BatchNorm);

// Whether batch_norm_relu below runs fused (batch_norm_relu.cpp): a training batch with gradients on (the running
// statistics of this batch norm, not synchronized), a CPU float32 4-d input with channels-last strides (the layout this
// library's convolutions give), the residual (when defined) of the same shape and layout.
bool batch_norm_relu_applies(const BatchNormImpl& bn, const torch::Tensor& x, const torch::Tensor& residual);

// ReLU(bn(x) + residual) (no residual when undefined), fused where batch_norm_relu_applies, else layer by layer;
// gradients reach x, the batch norm's weight and bias, and the residual.
torch::Tensor batch_norm_relu(BatchNormImpl& bn, const torch::Tensor& x, const torch::Tensor& residual = {});

// Batch norm of a training batch with the mean and variance over every rank's batch (one all-reduce of the per-channel
// sums, sums of squares and counts, whose backward all-reduces their gradients; its time counts in the group's
// all-reduce seconds), updating the running statistics with them as nn.BatchNorm2d does (distributed.cpp).
torch::Tensor synchronized_batch_norm(BatchNormImpl& bn, mlcnn_group_state& group, const torch::Tensor& x);

// conv3x3-bn-relu-conv3x3-bn + shortcut (1x1 conv + bn when stride or channels change), then relu.
struct ResidualBlockImpl : torch::nn::Module {
  ResidualBlockImpl(int64_t in, int64_t out, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);
  Conv conv1{nullptr}, conv2{nullptr};
  BatchNorm bn1{nullptr}, bn2{nullptr};
  torch::nn::Sequential shortcut{nullptr};
};
TORCH_MODULE(ResidualBlock);

// MobileNet-v1 unit: depthwise kxk conv-bn-relu, then pointwise 1x1 conv-bn-relu.
struct DepthwiseSeparableImpl : torch::nn::Module {
  DepthwiseSeparableImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding);
  torch::Tensor forward(const torch::Tensor& x);
  Conv depthwise{nullptr}, pointwise{nullptr};
  BatchNorm bn1{nullptr}, bn2{nullptr};
};
TORCH_MODULE(DepthwiseSeparable);

// A fully connected layer with nn.Linear's parameters ("weight" [out, in], "bias" [out]) and initialization. On CPU in
// float32 it runs as a 1x1 convolution, which libtorch hands to oneDNN (in training over the batch laid out as one image's
// positions; without gradients over one-pixel images, batch-invariant): Debian's libtorch has only the reference BLAS
// behind nn.Linear, about five times slower for these shapes (bench/README.md). Under bfloat16 autocast, and on other
// devices, it is F::linear: bf16 matrix products go to oneDNN, 6x faster than the 1x1 convolution (576 -> 64, batch 128).
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
