// Optimizer state to and from an archive, parameter by parameter in registration order, so a checkpoint restores the
// exact moment buffers and step counts (libtorch's own optimizer serialization keys state by tensor address).
#include "internal.h"

namespace mlcnn {

namespace {

torch::Tensor scalar(int64_t v) { return torch::tensor(v, torch::kInt64); }

// Writes t under name when defined.
void put(torch::serialize::OutputArchive& a, const std::string& name, const torch::Tensor& t) {
  if (t.defined() && t.numel() > 0) a.write(name, t.detach().to(torch::kCPU));
}

torch::Tensor get(torch::serialize::InputArchive& a, const std::string& name, const torch::Tensor& like) {
  torch::Tensor t;
  if (!a.try_read(name, t)) return {};
  return t.to(like.device()).contiguous(like.suggest_memory_format());
}

template <typename State>
State* state_of(mlcnn_optim& o, const torch::Tensor& p) {
  auto& states = o.optimizer->state();
  auto it = states.find(optim_state_key(p));
  if (it == states.end()) {
    states[optim_state_key(p)] = std::make_unique<State>();
    it = states.find(optim_state_key(p));
  }
  return static_cast<State*>(it->second.get());
}

}  // namespace

std::string optim_state_key(const torch::Tensor& p) { return c10::guts::to_string(p.unsafeGetTensorImpl()); }

void save_state(const mlcnn_optim& o, torch::serialize::OutputArchive& a) {
  auto& states = o.optimizer->state();
  a.write("kind", torch::tensor(static_cast<int64_t>(o.kind)));
  for (size_t i = 0; i < o.params.size(); i++) {
    auto it = states.find(optim_state_key(o.params[i]));
    if (it == states.end()) continue;
    auto n = "p" + std::to_string(i) + ".";
    auto* s = it->second.get();
    switch (o.kind) {
      case OptimKind::Sgd: put(a, n + "momentum", static_cast<torch::optim::SGDParamState*>(s)->momentum_buffer()); break;
      case OptimKind::Adam: {
        auto* st = static_cast<torch::optim::AdamParamState*>(s);
        a.write(n + "step", scalar(st->step()));
        put(a, n + "exp_avg", st->exp_avg());
        put(a, n + "exp_avg_sq", st->exp_avg_sq());
        put(a, n + "max_exp_avg_sq", st->max_exp_avg_sq());
        break;
      }
      case OptimKind::AdamW: {
        auto* st = static_cast<torch::optim::AdamWParamState*>(s);
        a.write(n + "step", scalar(st->step()));
        put(a, n + "exp_avg", st->exp_avg());
        put(a, n + "exp_avg_sq", st->exp_avg_sq());
        put(a, n + "max_exp_avg_sq", st->max_exp_avg_sq());
        break;
      }
      case OptimKind::Adagrad: {
        auto* st = static_cast<torch::optim::AdagradParamState*>(s);
        a.write(n + "step", scalar(st->step()));
        put(a, n + "sum", st->sum());
        break;
      }
      case OptimKind::RmsProp: {
        auto* st = static_cast<torch::optim::RMSpropParamState*>(s);
        a.write(n + "step", scalar(st->step()));
        put(a, n + "square_avg", st->square_avg());
        put(a, n + "momentum", st->momentum_buffer());
        put(a, n + "grad_avg", st->grad_avg());
        break;
      }
    }
  }
}

void load_state(mlcnn_optim& o, torch::serialize::InputArchive& a) {
  torch::Tensor kind;
  a.read("kind", kind);
  if (kind.item<int64_t>() != static_cast<int64_t>(o.kind))
    throw std::invalid_argument("the saved optimizer state belongs to another optimizer kind");
  for (size_t i = 0; i < o.params.size(); i++) {
    const auto& p = o.params[i];
    auto n = "p" + std::to_string(i) + ".";
    torch::Tensor step;
    auto has_step = a.try_read(n + "step", step);
    switch (o.kind) {
      case OptimKind::Sgd: {
        auto m = get(a, n + "momentum", p);
        if (m.defined()) state_of<torch::optim::SGDParamState>(o, p)->momentum_buffer(m);
        break;
      }
      case OptimKind::Adam:
      case OptimKind::AdamW: {
        if (!has_step) break;
        auto fill = [&](auto* st) {
          st->step(step.item<int64_t>());
          st->exp_avg(get(a, n + "exp_avg", p));
          st->exp_avg_sq(get(a, n + "exp_avg_sq", p));
          auto max = get(a, n + "max_exp_avg_sq", p);
          if (max.defined()) st->max_exp_avg_sq(max);
        };
        if (o.kind == OptimKind::Adam) fill(state_of<torch::optim::AdamParamState>(o, p));
        else fill(state_of<torch::optim::AdamWParamState>(o, p));
        break;
      }
      case OptimKind::Adagrad: {
        if (!has_step) break;
        auto* st = state_of<torch::optim::AdagradParamState>(o, p);
        st->step(step.item<int64_t>());
        st->sum(get(a, n + "sum", p));
        break;
      }
      case OptimKind::RmsProp: {
        if (!has_step) break;
        auto* st = state_of<torch::optim::RMSpropParamState>(o, p);
        st->step(step.item<int64_t>());
        st->square_avg(get(a, n + "square_avg", p));
        auto m = get(a, n + "momentum", p);
        if (m.defined()) st->momentum_buffer(m);
        auto g = get(a, n + "grad_avg", p);
        if (g.defined()) st->grad_avg(g);
        break;
      }
    }
  }
}

}  // namespace mlcnn
