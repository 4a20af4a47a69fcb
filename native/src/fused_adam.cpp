// Adam and AdamW whose step on CPU float32 parameters is one loop per parameter (kernels/adam_kernels.cpp) instead of
// libtorch's eight or so tensor operations per parameter, each with its own dispatch and temporaries: 1.3 ms of a 46 ms
// ResNet training step here went to them, 0.2 ms now (bench/README.md, "Profile"). State (step count, moment buffers),
// options, save and load are torch::optim::Adam's / AdamW's own, so checkpoints and the optimizer-state code
// (optim_state.cpp) see no difference; the results are theirs up to float rounding (golden_optimizers tests), and the
// parameters' version counters move as libtorch's in-place updates move them. A step where any parameter does not
// qualify (amsgrad, another device or type, a gradient or buffer stored in another order) is libtorch's, whole.
#include <ATen/Parallel.h>
#include <ATen/record_function.h>
#include <torch/csrc/autograd/variable.h>

#include <cmath>

#include "internal.h"
#include "kernel_tables.h"

namespace mlcnn {

namespace {

constexpr int64_t kGrain = 1 << 16;  // values per task: smaller parameters take one loop on the calling thread

// Whether t is a dense CPU float32 tensor of p's shape whose values lie in the same order in memory: equal strides
// wherever a dimension has more than one index (a stride of a size-1 dimension is never used; libtorch's gradients
// may carry another one there).
bool same_layout(const torch::Tensor& p, const torch::Tensor& t) {
  if (!t.defined() || !t.is_cpu() || t.scalar_type() != torch::kFloat32 || t.sizes() != p.sizes() || !t.is_non_overlapping_and_dense())
    return false;
  for (int64_t d = 0; d < p.dim(); ++d)
    if (p.size(d) > 1 && p.stride(d) != t.stride(d)) return false;
  return true;
}

bool dense_float_cpu(const torch::Tensor& p) {
  return p.is_cpu() && p.scalar_type() == torch::kFloat32 && p.is_non_overlapping_and_dense();
}

// Base: torch::optim::Adam or AdamW, with its Options and per-parameter State; kDecoupled: AdamW's weight decay.
template <typename Base, typename Options, typename State, bool kDecoupled>
class Fused : public Base {
 public:
  Fused(std::vector<torch::Tensor> params, Options options) : Base(std::move(params), std::move(options)) {}

  torch::Tensor step(torch::optim::Optimizer::LossClosure closure) override {
    if (!fusable()) return Base::step(std::move(closure));
    torch::NoGradGuard no_grad;
    torch::Tensor loss;
    if (closure != nullptr) {
      at::AutoGradMode enable_grad(true);
      loss = closure();
    }
    RECORD_FUNCTION("mlcnn::adam_step", std::vector<c10::IValue>());
    const auto& kernel = adam_kernels().step;
    for (torch::optim::OptimizerParamGroup& group : this->param_groups_) {
      const auto& o = static_cast<const Options&>(group.options());
      for (torch::Tensor& p : group.params()) {
        if (!p.grad().defined()) continue;
        auto& state = state_of(p);
        state.step(state.step() + 1);
        const auto beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas());
        const auto decay = kDecoupled && o.weight_decay() != 0 ? 1 - o.lr() * o.weight_decay() : 1.0;
        const AdamConstants k{static_cast<float>(decay),
                              static_cast<float>(kDecoupled ? 0.0 : o.weight_decay()),
                              static_cast<float>(beta1),
                              static_cast<float>(1 - beta1),
                              static_cast<float>(beta2),
                              static_cast<float>(1 - beta2),
                              static_cast<float>(std::sqrt(1 - std::pow(beta2, state.step()))),
                              static_cast<float>(o.eps()),
                              static_cast<float>(-o.lr() / (1 - std::pow(beta1, state.step())))};
        float* pp = p.data_ptr<float>();
        const float* pg = p.grad().data_ptr<float>();
        float* pm = state.exp_avg().template data_ptr<float>();
        float* pv = state.exp_avg_sq().template data_ptr<float>();
        at::parallel_for(0, p.numel(), kGrain, [&](int64_t begin, int64_t end) {
          kernel(pp + begin, pg + begin, pm + begin, pv + begin, end - begin, k);
        });
        torch::autograd::impl::bump_version(p);
      }
    }
    return loss;
  }

 private:
  // Every parameter with a gradient is dense CPU float32, its gradient and moment buffers (when it has them) laid out
  // alike, and no group uses amsgrad.
  bool fusable() {
    for (torch::optim::OptimizerParamGroup& group : this->param_groups_) {
      if (static_cast<const Options&>(group.options()).amsgrad()) return false;
      for (torch::Tensor& p : group.params()) {
        if (!p.grad().defined()) continue;
        if (!dense_float_cpu(p) || !same_layout(p, p.grad())) return false;
        auto it = this->state_.find(optim_state_key(p));
        if (it == this->state_.end()) continue;
        const auto& s = static_cast<const State&>(*it->second);
        if (!same_layout(p, s.exp_avg()) || !same_layout(p, s.exp_avg_sq())) return false;
      }
    }
    return true;
  }

  // The parameter's state, created as libtorch creates it (step 0, zero buffers laid out as the parameter).
  State& state_of(const torch::Tensor& p) {
    auto& slot = this->state_[optim_state_key(p)];
    if (slot == nullptr) {
      auto s = std::make_unique<State>();
      s->step(0);
      s->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
      s->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
      slot = std::move(s);
    }
    return static_cast<State&>(*slot);
  }
};

}  // namespace

std::unique_ptr<torch::optim::Optimizer> make_adam(std::vector<torch::Tensor> params, const torch::optim::AdamOptions& options) {
  return std::make_unique<Fused<torch::optim::Adam, torch::optim::AdamOptions, torch::optim::AdamParamState, false>>(
      std::move(params), options);
}

std::unique_ptr<torch::optim::Optimizer> make_adamw(std::vector<torch::Tensor> params, const torch::optim::AdamWOptions& options) {
  return std::make_unique<Fused<torch::optim::AdamW, torch::optim::AdamWOptions, torch::optim::AdamWParamState, true>>(
      std::move(params), options);
}

}  // namespace mlcnn
