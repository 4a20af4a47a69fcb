// oneDNN's direct and Winograd convolutions on the `resnet` preset's 3x3 stride-1 shapes (batch 128), timed alone:
// forward, input gradient and weight gradient (direct on NHWC activations, Winograd on nChw16c), 5 warm-up calls then
// the mean of 30.
// Built and run by bench/winograd/run.sh (g++ -O2 primitives.cpp -ldnnl; Debian libdnnl-dev); the threads are OpenMP's
// (OMP_NUM_THREADS). Prints one line per shape and algorithm, then the NHWC <-> nChw16c reorders the Winograd path adds.
#include <dnnl.hpp>

#include <chrono>
#include <cstdio>
#include <unordered_map>

using dnnl::memory;
using Tag = memory::format_tag;

namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class Primitive>
double mean_ms(const Primitive& primitive, dnnl::stream& stream, const std::unordered_map<int, memory>& args) {
  for (int i = 0; i < 5; ++i) primitive.execute(stream, args);
  stream.wait();
  const int calls = 30;
  const double start = now_ms();
  for (int i = 0; i < calls; ++i) primitive.execute(stream, args);
  stream.wait();
  return (now_ms() - start) / calls;
}

void convolutions(dnnl::engine& engine, dnnl::stream& stream, int channels, int size, dnnl::algorithm algorithm) {
  const auto f32 = memory::data_type::f32;
  memory::dims strides{1, 1}, padding{1, 1};
  const bool winograd = algorithm == dnnl::algorithm::convolution_winograd;
  // The direct convolution on NHWC activations, as libtorch runs it on channels-last tensors; Winograd on its own choice
  // (nChw16c).
  const auto activations = winograd ? Tag::any : Tag::nhwc;
  memory::desc input({128, channels, size, size}, f32, activations), weights({channels, channels, 3, 3}, f32, Tag::any),
      output({128, channels, size, size}, f32, activations);
  try {
    dnnl::convolution_forward::primitive_desc forward(
        {dnnl::prop_kind::forward_training, algorithm, input, weights, output, strides, padding, padding}, engine);
    dnnl::convolution_backward_data::primitive_desc data({algorithm, input, weights, output, strides, padding, padding},
                                                         engine, forward);
    dnnl::convolution_backward_weights::primitive_desc weight(
        {algorithm, input, weights, output, strides, padding, padding}, engine, forward);
    memory x(forward.src_desc(), engine), w(forward.weights_desc(), engine), y(forward.dst_desc(), engine);
    memory dx(data.diff_src_desc(), engine), wd(data.weights_desc(), engine), dy(data.diff_dst_desc(), engine);
    memory xw(weight.src_desc(), engine), dw(weight.diff_weights_desc(), engine), dyw(weight.diff_dst_desc(), engine);
    const double f = mean_ms(dnnl::convolution_forward(forward), stream,
                             {{DNNL_ARG_SRC, x}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DST, y}});
    const double d = mean_ms(dnnl::convolution_backward_data(data), stream,
                             {{DNNL_ARG_DIFF_SRC, dx}, {DNNL_ARG_WEIGHTS, wd}, {DNNL_ARG_DIFF_DST, dy}});
    const double g = mean_ms(dnnl::convolution_backward_weights(weight), stream,
                             {{DNNL_ARG_SRC, xw}, {DNNL_ARG_DIFF_WEIGHTS, dw}, {DNNL_ARG_DIFF_DST, dyw}});
    std::printf("%3d->%-3d %2dx%-2d  %-8s  forward %6.3f  input gradient %6.3f  weight gradient %6.3f  (%s)\n", channels,
                channels, size, size, winograd ? "Winograd" : "direct", f, d, g, forward.impl_info_str());
  } catch (const dnnl::error& e) {
    std::printf("%3d->%-3d %2dx%-2d  %-8s  not available: %s\n", channels, channels, size, size,
                winograd ? "Winograd" : "direct", e.what());
  }
}

void reorders(dnnl::engine& engine, dnnl::stream& stream, int channels, int size) {
  const auto f32 = memory::data_type::f32;
  memory nhwc({{128, channels, size, size}, f32, Tag::nhwc}, engine);
  memory blocked({{128, channels, size, size}, f32, Tag::nChw16c}, engine);
  const double in = mean_ms(dnnl::reorder(nhwc, blocked), stream, {{DNNL_ARG_FROM, nhwc}, {DNNL_ARG_TO, blocked}});
  const double out = mean_ms(dnnl::reorder(blocked, nhwc), stream, {{DNNL_ARG_FROM, blocked}, {DNNL_ARG_TO, nhwc}});
  std::printf("%3d ch  %2dx%-2d  reorder NHWC -> nChw16c %6.3f  back %6.3f\n", channels, size, size, in, out);
}

}  // namespace

int main() {
  dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  dnnl::stream stream(engine);
  std::printf("oneDNN convolutions alone, batch 128, 3x3, stride 1, padding 1: mean ms of 30 calls\n");
  const int shapes[][2] = {{16, 32}, {32, 16}, {64, 8}};
  for (const auto& shape : shapes)
    for (auto algorithm : {dnnl::algorithm::convolution_direct, dnnl::algorithm::convolution_winograd})
      convolutions(engine, stream, shape[0], shape[1], algorithm);
  for (const auto& shape : shapes) reorders(engine, stream, shape[0], shape[1]);
  return 0;
}
