// Shared declarations of the shim's translation units. Not part of the C ABI.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "mlcnn.h"

namespace torch::autograd::profiler {
struct RecordProfile;
}

struct mlcnn_tensor {
  torch::Tensor value;
};

struct mlcnn_group_state;

struct mlcnn_model {
  torch::nn::Sequential net;
  torch::Device device;
  std::vector<std::string> state_names;
  float scale = 1.0f;
  torch::Tensor mean;  // [1, C, 1, 1] on device, undefined when not set
  torch::Tensor std;
  int precision = MLCNN_PRECISION_FP32;  // of training steps (precision.cpp)
  at::Generator generator;               // the model's own CPU generator: dropout masks (isolation.cpp)
  int threads = 0;                       // CPU threads of the model's calls; 0: the calling thread's setting
  std::shared_ptr<mlcnn_group_state> group;  // set: training steps average gradients over it (distributed.cpp)
  bool sync_batchnorm = false;               // with a group: batch norm layers use every rank's batch (distributed.cpp)
};

namespace mlcnn {
enum class OptimKind { Sgd = 0, Adam = 1, AdamW = 2, Adagrad = 3, RmsProp = 4 };
}

struct mlcnn_optim {
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  mlcnn::OptimKind kind = mlcnn::OptimKind::Sgd;
  std::vector<torch::Tensor> params;     // every parameter (clipping)
  std::vector<torch::Tensor> l1_params;  // weights only (dim > 1), or all with l1_all=1
  double l1 = 0;
  double clip_norm = 0;
  double clip_value = 0;
  double loss_scale = 0;   // float16 dynamic loss scale; 0 until the first float16 step (precision.cpp)
  int64_t good_steps = 0;  // steps since the scale last changed
};

namespace mlcnn {
class LossFunction;

// One op of an augmentation plan (augment.cpp); see MLCNN_AUG_* in mlcnn.h.
struct AugmentOp {
  int kind;
  torch::Tensor params;  // [n, k] float32, CPU
  int fill;
  int interpolation;
  float value;
};
}

struct mlcnn_augment {
  std::vector<mlcnn::AugmentOp> ops;
};

struct mlcnn_loss {
  std::shared_ptr<mlcnn::LossFunction> fn;
};

namespace mlcnn {

enum class Handle { Tensor = 0, Model = 1, Optim = 2, Loss = 3, Augment = 4, Group = 5 };

void set_last_error(const std::string& message);
void count_created(Handle kind);
void count_freed(Handle kind);

// Throws std::invalid_argument naming the argument when ptr is null.
void require(const void* ptr, const char* what);

torch::Device to_device(int device);

// uint8 NCHW host batch -> preprocessed float tensor on the model's device: scale_input, then normalize_input, which
// also hands 4-d batches on channels-last (the layout of the network's weights, see use_channels_last).
torch::Tensor prepare_input(const mlcnn_model& m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w);
torch::Tensor scale_input(const mlcnn_model& m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w);
torch::Tensor normalize_input(const mlcnn_model& m, torch::Tensor scaled);

// The network's forward, layer by layer, with these runs of layers fused where they apply (network.cpp): a convolution
// + 2x2 max pool (+ ReLU) (conv_pool.cpp), a batch norm + ReLU (batch_norm_relu.cpp).
torch::Tensor forward_network(torch::nn::Sequential& net, torch::Tensor x);

// Stores every 4-d parameter channels-last (NHWC): with NHWC inputs, oneDNN and cuDNN convolutions, pooling and batch
// norm then run without layout conversions (bench/README.md). Parameter names, shapes and values do not change.
void use_channels_last(torch::nn::Module& net);

// A 4-d tensor with channels-last strides. Unlike Tensor::contiguous(ChannelsLast), which keeps NCHW strides when they
// also read as channels-last (one channel: a grayscale batch, the first convolution's weight), these strides make
// libtorch pick channels-last kernels: with NCHW strides there, the first convolution's output and its max pool ran
// NCHW, 6x slower on Fashion-MNIST's basic network (bench/README.md, "Profile").
torch::Tensor channels_last(const torch::Tensor& t);

// Makes libtorch allocate CPU tensors through the shim's caching allocator (cpu_cache.cpp); idempotent.
void install_cpu_cache();

// A host buffer of the given shape and type on the device. To CUDA it goes through pinned memory without blocking (the
// pinned block returns to libtorch's caching host allocator once the copy is done); on CPU it is a copy.
torch::Tensor to_device(const void* data, torch::IntArrayRef shape, torch::ScalarType type, const torch::Device& device);

// A host float buffer of the given shape, copied onto the device.
torch::Tensor host_floats(const float* data, torch::IntArrayRef shape, const torch::Device& device);

// The network's output for an input batch, mapped by an MLCNN_HEAD_* activation.
torch::Tensor apply_head(const torch::Tensor& output, int head);

// A bound for "any positive number" in spec ranges.
constexpr double kHugeValue = 1e30;

// torch::optim::Adam / AdamW whose steps on CPU float32 parameters run fused, one loop per parameter (fused_adam.cpp).
std::unique_ptr<torch::optim::Optimizer> make_adam(std::vector<torch::Tensor> params, const torch::optim::AdamOptions& options);
std::unique_ptr<torch::optim::Optimizer> make_adamw(std::vector<torch::Tensor> params, const torch::optim::AdamWOptions& options);

// Gradient clipping of the optimizer's settings: by value, then by global norm (optim.cpp).
void apply_clipping(mlcnn_optim& o);

// lambda * sum |w| over the optimizer's L1 parameters (optim.cpp); call only when o.l1 > 0.
torch::Tensor l1_penalty(const mlcnn_optim& o);

// Applies the plan to a float NCHW batch in [0, 1] on any device; targets [n, t] (may be undefined) are mixed by MIX ops.
torch::Tensor apply_augment(const std::vector<AugmentOp>& ops, torch::Tensor x, torch::Tensor* targets);

// The key of a parameter's entry in a torch::optim optimizer's state map: libtorch keys it by the tensor's address
// (optim_state.cpp; fused_adam.cpp uses it too).
std::string optim_state_key(const torch::Tensor& p);

// Optimizer state by parameter index (optim_state.cpp).
void save_state(const mlcnn_optim& o, torch::serialize::OutputArchive& a);
void load_state(mlcnn_optim& o, torch::serialize::InputArchive& a);

// Mixed precision (precision.cpp). check_precision throws for an unknown code or float16 off CUDA.
void check_precision(int precision, const torch::Device& device);

// Autocast to the model's precision for the scope's lifetime on the model's device type; nothing for float32.
class AutocastScope {
 public:
  explicit AutocastScope(const mlcnn_model& m);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  c10::DeviceType device_;
  bool active_ = false;
  bool was_enabled_ = false;
  at::ScalarType was_type_ = at::kBFloat16;
};

// The profiler of this training step when MLCNN_PROFILE asks for it (profile.cpp), else null: keep it for the step
// (whoever holds it includes torch/csrc/autograd/profiler_legacy.h).
std::unique_ptr<torch::autograd::profiler::RecordProfile> profile_step();

// Whether this thread runs CPU operations under bfloat16 autocast (an AutocastScope of a bf16 model on CPU).
bool cpu_autocast_bf16();

// backward, clipping and the optimizer step; with float16, through dynamic loss scaling (a step whose gradients
// overflow is skipped and halves the scale; 2000 good steps double it).
void backward_and_step(mlcnn_model& m, mlcnn_optim& o, const torch::Tensor& loss);

// With a process group attached to the model: every parameter's gradient replaced by its mean over the ranks
// (all-reduce in buckets of about 25 MB; a missing gradient counts as zeros); nothing otherwise (distributed.cpp).
void allreduce_gradients(mlcnn_model& m, const std::vector<torch::Tensor>& params);

// Parses the layer spec into a network (spec.cpp); its dropout layers draw from generator.
torch::nn::Sequential build_network(const std::string& spec, const at::Generator& generator);

// A CPU generator started from seed (isolation.cpp).
at::Generator make_generator(uint64_t seed);

// Builds the network with libtorch's module initialization as after torch::manual_seed(seed), without changing the
// process's default generator for anyone else (isolation.cpp).
torch::nn::Sequential build_seeded_network(const std::string& spec, uint64_t seed, const at::Generator& generator);

// For its lifetime, runs the calling thread's libtorch CPU work on the model's thread count (when set), then restores
// the thread's previous count (isolation.cpp).
class ThreadScope {
 public:
  explicit ThreadScope(const mlcnn_model& m);
  ~ThreadScope();
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;

 private:
  int previous_ = 0;
};

template <typename T, typename... Args>
T* make_handle(Handle kind, Args&&... args) {
  T* h = new T{std::forward<Args>(args)...};
  count_created(kind);
  return h;
}

template <typename T>
void free_handle(Handle kind, T* h) {
  if (h == nullptr) return;
  delete h;
  count_freed(kind);
}

}  // namespace mlcnn

// One error path: every export body sits between these two macros.
#define MLCNN_TRY try {
#define MLCNN_CATCH                                              \
  }                                                              \
  catch (const c10::Error& e) {                                  \
    mlcnn::set_last_error(e.what_without_backtrace());           \
    return MLCNN_ERROR;                                          \
  }                                                              \
  catch (const std::exception& e) {                              \
    mlcnn::set_last_error(e.what());                             \
    return MLCNN_ERROR;                                          \
  }                                                              \
  catch (...) {                                                  \
    mlcnn::set_last_error("unknown native error in libmlcnn");   \
    return MLCNN_ERROR;                                          \
  }                                                              \
  return MLCNN_OK;
