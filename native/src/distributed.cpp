// Data-parallel training on libtorch's c10d: a process group (Gloo on CPU; NCCL where libtorch has it) joined through a
// TCP store, the model's weights broadcast from rank 0, and gradients averaged by all-reduce inside the training step.
#include <chrono>
#include <cstring>

#include "blocks.h"
#include "internal.h"

#ifdef MLCNN_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

// A joined process group; shared by its handle and the models it is attached to.
struct mlcnn_group_state {
  c10::intrusive_ptr<c10d::ProcessGroup> group;
  int rank = 0;
  int world = 1;
  int64_t timeout_ms = 0;
  double allreduce_seconds = 0;  // spent averaging gradients (waits included), for the cost of communication
};
#else
struct mlcnn_group_state {};
#endif

struct mlcnn_group {
  std::shared_ptr<mlcnn_group_state> state;
};

namespace {
// Points every batch norm layer of the model at its group when synchronized batch norm is on, else at none.
void apply_sync_batchnorm(mlcnn_model& m) {
  for (const auto& module : m.net->modules(/*include_self=*/false))
    if (auto* bn = dynamic_cast<mlcnn::BatchNormImpl*>(module.get())) bn->sync = m.sync_batchnorm ? m.group : nullptr;
}
}  // namespace

extern "C" int mlcnn_model_set_sync_batchnorm(mlcnn_model* m, int enabled) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  m->sync_batchnorm = enabled != 0;
  apply_sync_batchnorm(*m);
  MLCNN_CATCH
}

#ifdef MLCNN_HAVE_GLOO

namespace {

// Gradients are all-reduced in buckets of about this many bytes (DistributedDataParallel's default bucket is 25 MB).
constexpr int64_t kBucketBytes = 25 * 1024 * 1024;

// A libtorch error's message without its C++ backtrace.
std::string brief(const std::exception& e) {
  if (const auto* error = dynamic_cast<const c10::Error*>(&e)) return error->what_without_backtrace();
  return e.what();
}

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

// The Gloo device: loopback for a master on this machine, GLOO_SOCKET_IFNAME's interface when set, else the interface
// of this machine's host name (as torch.distributed).
std::shared_ptr<gloo::transport::Device> gloo_device(const std::string& host) {
  if (is_loopback(host)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  if (const char* name = std::getenv("GLOO_SOCKET_IFNAME"); name != nullptr && *name != '\0')
    return c10d::ProcessGroupGloo::createDeviceForInterface(name);
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

void wait(const c10::intrusive_ptr<c10d::Work>& work, const mlcnn_group_state& g, const char* what) {
  try {
    work->wait();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(what) + " across " + std::to_string(g.world) + " ranks failed on rank " + std::to_string(g.rank) +
                             " (another rank stopped, or did not answer within " + std::to_string(g.timeout_ms / 1000) + " s): " + brief(e));
  }
}

}  // namespace

namespace {

// A sum over the ranks whose gradient is the sum over the ranks of the gradients (each rank's loss depends on every
// rank's contribution to the sum).
struct SumOverRanks : torch::autograd::Function<SumOverRanks> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& local, int64_t state) {
    ctx->saved_data["state"] = state;
    return sum(local, *reinterpret_cast<mlcnn_group_state*>(state));
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    return {sum(grads[0], *reinterpret_cast<mlcnn_group_state*>(ctx->saved_data["state"].toInt())), torch::Tensor()};
  }

  static torch::Tensor sum(const torch::Tensor& local, mlcnn_group_state& g) {
    auto started = std::chrono::steady_clock::now();
    std::vector<torch::Tensor> one{local.detach().contiguous().clone()};
    wait(g.group->allreduce(one), g, "synchronizing batch norm");
    g.allreduce_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return one[0];
  }
};

}  // namespace

namespace mlcnn {

torch::Tensor synchronized_batch_norm(BatchNormImpl& bn, mlcnn_group_state& group, const torch::Tensor& input) {
  auto x = input.to(torch::kFloat32);
  const int64_t channels = x.size(1);
  std::vector<int64_t> reduced{0};
  for (int64_t d = 2; d < x.dim(); d++) reduced.push_back(d);
  std::vector<int64_t> shape(x.dim(), 1);
  shape[1] = channels;
  // Sums of x - K for a K every rank shares (the running mean: synchronized, it is the same everywhere), so that
  // E[d^2] - E[d]^2 does not cancel away a channel whose mean is large against its spread.
  auto shift = bn.running_mean.detach().to(torch::kFloat32);
  auto d = x - shift.view(shape);
  auto local = torch::cat({d.sum(reduced), (d * d).sum(reduced), torch::full({1}, static_cast<double>(x.numel() / channels), x.options())});
  auto total = SumOverRanks::apply(local, reinterpret_cast<int64_t>(&group));
  auto count = total.slice(0, 2 * channels, 2 * channels + 1);
  const auto n = count.item<double>();
  if (n <= 1)
    throw std::invalid_argument("Expected more than 1 value per channel when training, got " + std::to_string(static_cast<int64_t>(n)) +
                                " over every rank's batch");
  auto shifted_mean = total.slice(0, 0, channels) / count;
  auto var = (total.slice(0, channels, 2 * channels) / count - shifted_mean * shifted_mean).clamp_min(0);
  auto mean = shifted_mean + shift;
  auto y = (x - mean.view(shape)) * torch::rsqrt(var.view(shape) + bn.options.eps());
  y = y * bn.weight.view(shape) + bn.bias.view(shape);
  {
    torch::NoGradGuard no_grad;
    bn.num_batches_tracked.add_(1);
    double momentum = bn.options.momentum().has_value() ? *bn.options.momentum() : 1.0 / bn.num_batches_tracked.item<double>();
    bn.running_mean.mul_(1 - momentum).add_(mean.detach(), momentum);
    // The running variance is unbiased, as nn.BatchNorm2d's.
    bn.running_var.mul_(1 - momentum).add_(var.detach() * (n / (n - 1)), momentum);
  }
  return y.to(input.scalar_type());
}

void allreduce_gradients(mlcnn_model& m, const std::vector<torch::Tensor>& params) {
  if (!m.group) return;
  auto& g = *m.group;
  torch::NoGradGuard no_grad;
  auto started = std::chrono::steady_clock::now();
  std::vector<torch::Tensor> bucket;
  int64_t bytes = 0;
  auto flush = [&]() {
    if (bucket.empty()) return;
    std::vector<torch::Tensor> flat;
    flat.reserve(bucket.size());
    for (auto& grad : bucket) flat.push_back(grad.reshape({-1}));
    std::vector<torch::Tensor> buffer{torch::cat(flat)};
    wait(g.group->allreduce(buffer), g, "averaging gradients");
    buffer[0].div_(static_cast<double>(g.world));
    int64_t offset = 0;
    for (auto& grad : bucket) {
      grad.copy_(buffer[0].narrow(0, offset, grad.numel()).view_as(grad));
      offset += grad.numel();
    }
    bucket.clear();
    bytes = 0;
  };
  for (const auto& p : params) {
    // Every rank reduces the same tensors in the same order: a parameter without a gradient this step counts as zeros.
    if (!p.grad().defined()) const_cast<torch::Tensor&>(p).mutable_grad() = torch::zeros_like(p);
    bucket.push_back(p.grad());
    bytes += p.grad().numel() * static_cast<int64_t>(p.grad().element_size());
    if (bytes >= kBucketBytes) flush();
  }
  flush();
  g.allreduce_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace mlcnn

extern "C" int mlcnn_group_create(int backend, int rank, int world, const char* host, int port, int64_t timeout_ms, mlcnn_group** out) noexcept {
  MLCNN_TRY
  mlcnn::require(host, "host");
  mlcnn::require(out, "out");
  *out = nullptr;
  if (world < 1) throw std::invalid_argument("the world size must be at least 1, got " + std::to_string(world));
  if (rank < 0 || rank >= world) throw std::invalid_argument("the rank must be in [0, " + std::to_string(world) + "), got " + std::to_string(rank));
  if (port < 1 || port > 65535) throw std::invalid_argument("the port must be in [1, 65535], got " + std::to_string(port));
  if (timeout_ms < 1) throw std::invalid_argument("the timeout must be positive, got " + std::to_string(timeout_ms) + " ms");
  if (backend != MLCNN_BACKEND_GLOO)
    throw std::invalid_argument("this libmlcnn was built with the Gloo backend only (NCCL needs a CUDA libtorch build of the shim)");
  auto timeout = std::chrono::milliseconds(timeout_ms);
  c10d::TCPStoreOptions options;
  options.port = static_cast<std::uint16_t>(port);
  options.isServer = rank == 0;
  options.numWorkers = world;
  options.waitWorkers = true;
  options.timeout = timeout;
  // Both the store (rank 0 serves it, the others connect) and the group's own rendezvous through it wait for every rank.
  c10::intrusive_ptr<c10d::ProcessGroup> group;
  try {
    auto store = c10::make_intrusive<c10d::TCPStore>(host, options);
    auto gloo_options = c10d::ProcessGroupGloo::Options::create(timeout);
    gloo_options->devices.push_back(gloo_device(host));
    group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, world, gloo_options);
  } catch (const std::exception& e) {
    throw std::runtime_error("rank " + std::to_string(rank) + " of " + std::to_string(world) + " could not meet the others at " + host + ":" +
                             std::to_string(port) + " within " + std::to_string(timeout_ms / 1000) + " s (" +
                             (rank == 0 ? "is the port in use, or did a rank not start?" : "is the master running and reachable?") + "): " + brief(e));
  }
  auto state = std::make_shared<mlcnn_group_state>();
  state->group = group;
  state->rank = rank;
  state->world = world;
  state->timeout_ms = timeout_ms;
  *out = mlcnn::make_handle<mlcnn_group>(mlcnn::Handle::Group, state);
  MLCNN_CATCH
}

extern "C" int mlcnn_group_free(mlcnn_group* g) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Group, g);
  MLCNN_CATCH
}

extern "C" int mlcnn_group_broadcast_model(mlcnn_group* g, mlcnn_model* m) noexcept {
  MLCNN_TRY
  mlcnn::require(g, "group");
  mlcnn::require(m, "model");
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> tensors;
  for (auto& p : m->net->parameters()) tensors.push_back(p);
  for (auto& b : m->net->buffers()) tensors.push_back(b);
  for (auto& t : tensors) {
    // Gloo broadcasts contiguous tensors: a channels-last weight goes through a contiguous copy.
    std::vector<torch::Tensor> one{t.is_contiguous() ? t : t.contiguous()};
    wait(g->state->group->broadcast(one, c10d::BroadcastOptions{0}), *g->state, "broadcasting the initial weights");
    if (!t.is_contiguous()) t.copy_(one[0]);
  }
  MLCNN_CATCH
}

extern "C" int mlcnn_group_allreduce_sum(mlcnn_group* g, double* values, int64_t count) noexcept {
  MLCNN_TRY
  mlcnn::require(g, "group");
  mlcnn::require(values, "values");
  std::vector<torch::Tensor> one{torch::from_blob(values, {count}, torch::kFloat64).clone()};
  wait(g->state->group->allreduce(one), *g->state, "summing values");
  std::memcpy(values, one[0].data_ptr<double>(), sizeof(double) * count);
  MLCNN_CATCH
}

extern "C" int mlcnn_group_barrier(mlcnn_group* g) noexcept {
  MLCNN_TRY
  mlcnn::require(g, "group");
  std::vector<torch::Tensor> one{torch::zeros({1})};
  wait(g->state->group->allreduce(one), *g->state, "waiting for every rank");
  MLCNN_CATCH
}

extern "C" int mlcnn_model_set_group(mlcnn_model* m, mlcnn_group* g) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  m->group = g == nullptr ? nullptr : g->state;
  apply_sync_batchnorm(*m);
  MLCNN_CATCH
}

extern "C" int mlcnn_group_allreduce_seconds(const mlcnn_group* g, double* out) noexcept {
  MLCNN_TRY
  mlcnn::require(g, "group");
  mlcnn::require(out, "out");
  *out = g->state->allreduce_seconds;
  MLCNN_CATCH
}

#else

namespace {
[[noreturn]] void no_distributed() {
  throw std::runtime_error("this libmlcnn was built without distributed training (its libtorch build had no Gloo headers: install "
                           "libgloo-dev and run scripts/build-native.sh again)");
}
}  // namespace

namespace mlcnn {
void allreduce_gradients(mlcnn_model& m, const std::vector<torch::Tensor>& params) {}
torch::Tensor synchronized_batch_norm(BatchNormImpl&, mlcnn_group_state&, const torch::Tensor&) { no_distributed(); }
}  // namespace mlcnn

extern "C" int mlcnn_group_create(int, int, int, const char*, int, int64_t, mlcnn_group** out) noexcept {
  MLCNN_TRY
  if (out != nullptr) *out = nullptr;
  no_distributed();
  MLCNN_CATCH
}
extern "C" int mlcnn_group_free(mlcnn_group* g) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Group, g);
  MLCNN_CATCH
}
extern "C" int mlcnn_group_broadcast_model(mlcnn_group*, mlcnn_model*) noexcept {
  MLCNN_TRY
  no_distributed();
  MLCNN_CATCH
}
extern "C" int mlcnn_group_allreduce_sum(mlcnn_group*, double*, int64_t) noexcept {
  MLCNN_TRY
  no_distributed();
  MLCNN_CATCH
}
extern "C" int mlcnn_group_barrier(mlcnn_group*) noexcept {
  MLCNN_TRY
  no_distributed();
  MLCNN_CATCH
}
extern "C" int mlcnn_model_set_group(mlcnn_model* m, mlcnn_group* g) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  if (g != nullptr) no_distributed();
  m->group = nullptr;
  MLCNN_CATCH
}
extern "C" int mlcnn_group_allreduce_seconds(const mlcnn_group*, double*) noexcept {
  MLCNN_TRY
  no_distributed();
  MLCNN_CATCH
}

#endif
