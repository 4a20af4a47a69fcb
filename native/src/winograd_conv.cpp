// 3x3 convolutions of 32 or more channels in CPU float32 training, run as oneDNN's Winograd convolution F(4x4, 3x3):
// about 2.25x fewer multiplications than the direct convolution libtorch asks oneDNN for. Those of 16, 32 or 64
// channels into as many run as the shim's fused Winograd instead (fused_winograd.cpp, checked first: faster, no
// reorders); this path takes the other shapes (e.g. 32 into 48 channels). Measured on the `resnet` preset's shapes
// (batch 128, 2 threads, bench/README.md "Winograd"): forward and input gradient 13-48% faster than the direct
// convolution at 32 and 64 channels, 40-45% slower at 16 (where this path does not apply); the weight gradient
// (winograd_weight_gradient, also the fused path's) runs as Winograd from 64 input and output channels and stays
// libtorch's (direct, faster at 32 channels) below. oneDNN's Winograd runs on blocked layouts (nChw16c), so the
// channels-last activations are reordered in and out around each call. Results equal the direct convolution's to
// float rounding (tests/reference/golden_train_steps.py, cases "winograd-*"). MLCNN_WINOGRAD=0 in the environment
// keeps libtorch's direct convolutions (bench/winograd/run.sh compares the two in one build); 1 is the default.
#include <ATen/record_function.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "blocks.h"

#ifdef MLCNN_HAVE_DNNL
#include <dnnl.hpp>
#include <omp.h>

#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>
#endif

namespace mlcnn {

#ifdef MLCNN_HAVE_DNNL
namespace {

using dnnl::memory;
using Tag = memory::format_tag;

dnnl::engine& cpu_engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// The primitives of one shape (batch, input channels, output channels, height, width) and thread count, created once:
// oneDNN fixes a primitive's thread count when it creates it, and each model runs its calls on its own count
// (isolation.cpp). Scratchpads are the caller's (user mode), so plans run from several threads at once.
struct Plan {
  dnnl::convolution_forward::primitive_desc forward_pd;
  dnnl::convolution_forward forward;
  dnnl::convolution_backward_data::primitive_desc backward_pd;
  dnnl::convolution_backward_data backward;
  // Winograd's weight gradient, at 64 or more input and output channels only (kWinogradWeightChannels); else null.
  std::unique_ptr<dnnl::convolution_backward_weights::primitive_desc> weights_pd;
  std::unique_ptr<dnnl::convolution_backward_weights> weights_backward;
  memory::desc input, output, weights;  // the tensors' own layouts: NHWC activations, OHWI weights
};

// Input and output channels from which the weight gradient runs as Winograd too: at 64 channels (8x8) it took 1.09-1.30 ms
// against the direct one's 1.39-1.63, at 32 (16x16) 1.59-1.95 against 1.49-1.50 (bench/winograd/run.sh, primitives alone).
constexpr int64_t kWinogradWeightChannels = 64;

using Shape = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int>;

// The plan of a shape, or null where this oneDNN has no Winograd convolution for it (an older ISA than AVX-512).
const Plan* plan_for(const Shape& shape) {
  static std::mutex lock;
  static std::map<Shape, std::unique_ptr<Plan>> plans;
  std::lock_guard<std::mutex> guard(lock);
  auto found = plans.find(shape);
  if (found != plans.end()) return found->second.get();
  auto [n, c, k, h, w, threads] = shape;
  const auto f32 = memory::data_type::f32;
  memory::dims strides{1, 1}, padding{1, 1};
  memory::desc any_input({n, c, h, w}, f32, Tag::any), any_weights({k, c, 3, 3}, f32, Tag::any),
      any_output({n, k, h, w}, f32, Tag::any);
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  std::unique_ptr<Plan> plan;
  try {
    auto& engine = cpu_engine();
    dnnl::convolution_forward::desc forward(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_winograd,
                                            any_input, any_weights, any_output, strides, padding, padding);
    dnnl::convolution_forward::primitive_desc forward_pd(forward, attr, engine);
    dnnl::convolution_backward_data::desc backward(dnnl::algorithm::convolution_winograd, any_input, any_weights, any_output,
                                                   strides, padding, padding);
    dnnl::convolution_backward_data::primitive_desc backward_pd(backward, attr, engine, forward_pd);
    plan.reset(new Plan{forward_pd, dnnl::convolution_forward(forward_pd), backward_pd,
                        dnnl::convolution_backward_data(backward_pd), nullptr, nullptr,
                        memory::desc({n, c, h, w}, f32, Tag::nhwc), memory::desc({n, k, h, w}, f32, Tag::nhwc),
                        memory::desc({k, c, 3, 3}, f32, Tag::ohwi)});
    if (c >= kWinogradWeightChannels && k >= kWinogradWeightChannels) {
      dnnl::convolution_backward_weights::desc weights(dnnl::algorithm::convolution_winograd, any_input, any_weights,
                                                       any_output, strides, padding, padding);
      plan->weights_pd.reset(new dnnl::convolution_backward_weights::primitive_desc(weights, attr, engine, forward_pd));
      plan->weights_backward.reset(new dnnl::convolution_backward_weights(*plan->weights_pd));
    }
  } catch (const dnnl::error&) {
    plan = nullptr;
  }
  return (plans[shape] = std::move(plan)).get();
}

// A float buffer for a oneDNN memory of this descriptor, from libtorch's allocator (the shim's CPU cache).
memory buffer(const memory::desc& desc, std::vector<torch::Tensor>& keep) {
  keep.push_back(torch::empty({static_cast<int64_t>((desc.get_size() + 3) / 4)}, torch::kFloat32));
  return memory(desc, cpu_engine(), keep.back().data_ptr());
}

// A oneDNN view of a tensor's storage in the given layout.
memory view(const memory::desc& desc, const torch::Tensor& t) { return memory(desc, cpu_engine(), t.data_ptr()); }

// Reorders `from` into a new memory of layout `to` (or returns it when the layouts agree).
memory reordered(dnnl::stream& stream, const memory& from, const memory::desc& to, std::vector<torch::Tensor>& keep) {
  if (from.get_desc() == to) return from;
  auto into = buffer(to, keep);
  dnnl::reorder(from, into).execute(stream, const_cast<memory&>(from), into);
  return into;
}

// One input of a primitive: its argument, its memory, and the layout the primitive wants it in.
struct Input {
  int arg;
  memory from;
  memory::desc layout;
};

// Runs a convolution primitive: its inputs reordered into the primitive's layouts, its result reordered into `result`.
template <class Primitive, class PrimitiveDesc>
void run(const Primitive& primitive, const PrimitiveDesc& pd, std::initializer_list<Input> inputs, memory& result,
         int result_arg, const memory::desc& result_layout) {
  dnnl::stream stream(cpu_engine());
  std::vector<torch::Tensor> keep;
  std::unordered_map<int, memory> args;
  for (const auto& input : inputs) args[input.arg] = reordered(stream, input.from, input.layout, keep);
  auto r = result.get_desc() == result_layout ? result : buffer(result_layout, keep);
  args[result_arg] = r;
  args[DNNL_ARG_SCRATCHPAD] = buffer(pd.scratchpad_desc(), keep);
  primitive.execute(stream, args);
  if (r != result) dnnl::reorder(r, result).execute(stream, r, result);
  stream.wait();
}

// The plan key of a call: the shapes and the calling thread's OpenMP thread count.
Shape shape_of(const torch::Tensor& x, const torch::Tensor& weight) {
  return {x.size(0), x.size(1), weight.size(0), x.size(2), x.size(3), omp_get_max_threads()};
}

// conv(x, weight) with Winograd forward and input gradient; the weight gradient Winograd's from 64 channels, else libtorch's.
struct WinogradConvFunction : torch::autograd::Function<WinogradConvFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight) {
    const auto* plan = plan_for(shape_of(x, weight));
    const auto layout = x.options().memory_format(torch::MemoryFormat::ChannelsLast);
    auto y = torch::empty({x.size(0), weight.size(0), x.size(2), x.size(3)}, layout);
    auto out = view(plan->output, y);
    const auto& pd = plan->forward_pd;
    run(plan->forward, pd,
        {{DNNL_ARG_SRC, view(plan->input, x), pd.src_desc()}, {DNNL_ARG_WEIGHTS, view(plan->weights, weight), pd.weights_desc()}},
        out, DNNL_ARG_DST, pd.dst_desc());
    ctx->save_for_backward({x, weight});
    return y;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &weight = saved[1];
    // Dense NHWC memory (a gradient may arrive expanded, e.g. from a mean over the positions).
    auto gy = grads[0].contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor gx, gw;
    const auto* plan = plan_for(shape_of(x, weight));
    if (ctx->needs_input_grad(0)) {
      gx = torch::empty_like(x);
      auto into = view(plan->input, gx);
      const auto& pd = plan->backward_pd;
      run(plan->backward, pd,
          {{DNNL_ARG_DIFF_DST, view(plan->output, gy), pd.diff_dst_desc()},
           {DNNL_ARG_WEIGHTS, view(plan->weights, weight), pd.weights_desc()}},
          into, DNNL_ARG_DIFF_SRC, pd.diff_src_desc());
    }
    if (ctx->needs_input_grad(1)) gw = winograd_weight_gradient(x, gy, weight);
    return {gx, gw};
  }
};

}  // namespace
#endif

torch::Tensor winograd_weight_gradient(const torch::Tensor& x, const torch::Tensor& gy, const torch::Tensor& weight) {
#ifdef MLCNN_HAVE_DNNL
  if (at::hasMKLDNN() && x.size(1) >= kWinogradWeightChannels && weight.size(0) >= kWinogradWeightChannels &&
      x.size(1) % 16 == 0 && weight.size(0) % 16 == 0 && weight.is_contiguous(torch::MemoryFormat::ChannelsLast)) {
    if (const auto* plan = plan_for(shape_of(x, weight)); plan != nullptr && plan->weights_backward) {
      auto gw = torch::empty_like(weight);
      auto into = view(plan->weights, gw);
      const auto& pd = *plan->weights_pd;
      run(*plan->weights_backward, pd,
          {{DNNL_ARG_SRC, view(plan->input, x), pd.src_desc()}, {DNNL_ARG_DIFF_DST, view(plan->output, gy), pd.diff_dst_desc()}},
          into, DNNL_ARG_DIFF_WEIGHTS, pd.diff_weights_desc());
      return gw;
    }
  }
#endif
  return std::get<1>(at::convolution_backward(gy, x, weight, c10::nullopt, {1, 1}, {1, 1}, {1, 1}, false, {0, 0}, 1,
                                              {false, true, false}));
}

bool winograd_enabled() {
  static const bool enabled = [] {
    const char* value = std::getenv("MLCNN_WINOGRAD");
    const std::string text = value == nullptr ? "1" : value;
    if (text != "0" && text != "1")
      throw std::invalid_argument("MLCNN_WINOGRAD must be 0 (libtorch's direct convolutions) or 1 (Winograd, the default), got '" +
                                  text + "'");
    return text == "1";
  }();
  return enabled;
}

bool winograd_conv_applies(const ConvImpl& conv, const torch::Tensor& x) {
#ifdef MLCNN_HAVE_DNNL
  const auto& o = conv.options;
  const auto& w = conv.weight;
  if (!x.is_cpu() || x.scalar_type() != torch::kFloat32 || !torch::GradMode::is_enabled() || cpu_autocast_bf16() ||
      !winograd_enabled() || x.dim() != 4 || conv.bias.defined() || !at::hasMKLDNN())
    return false;
  if (w.size(2) != 3 || w.size(3) != 3 || conv.padding_value != 1 || o.groups() != 1 || (*o.stride())[0] != 1 ||
      (*o.stride())[1] != 1 || (*o.dilation())[0] != 1 || (*o.dilation())[1] != 1)
    return false;
  if (x.size(1) < 32 || w.size(0) < 32 || x.size(1) % 16 != 0 || w.size(0) % 16 != 0) return false;
  if (!x.is_contiguous(torch::MemoryFormat::ChannelsLast) || !w.is_contiguous(torch::MemoryFormat::ChannelsLast) ||
      w.scalar_type() != torch::kFloat32)
    return false;
  return plan_for(shape_of(x, w)) != nullptr;
#else
  return false;
#endif
}

torch::Tensor winograd_conv(const ConvImpl& conv, const torch::Tensor& x) {
#ifdef MLCNN_HAVE_DNNL
  RECORD_FUNCTION("mlcnn::winograd_conv", std::vector<c10::IValue>({x}));
  return WinogradConvFunction::apply(x, conv.weight);
#else
  throw std::logic_error("winograd_conv: this build has no oneDNN headers (check winograd_conv_applies first)");
#endif
}

}  // namespace mlcnn
