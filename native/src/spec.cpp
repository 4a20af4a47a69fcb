// Parses the layer spec written by the managed layer builder: one layer per line, "kind key=value ...", and builds the
// network with two rewrites that leave every output and gradient unchanged (tests/reference/golden_train_steps.py):
// - an activation that never decreases (ReLU, LeakyReLU with slope >= 0) directly before a max pool moves after it:
//   max(f(x)) = f(max(x)) and the gradient reaches the same element, while f runs on a tensor pool^2 times smaller;
// - a ReLU whose input no backward needs (the output of a convolution, batch norm, dense or max pool layer) runs in
//   place, saving one activation-sized buffer per layer.
// Both keep the Sequential's indices, so parameter names ("0.weight") are those of the spec's order.

#include "blocks.h"
#include "spec_line.h"

namespace mlcnn {

namespace {

// A parsed layer: its spec kind, whether it is an activation that never decreases, and the module.
struct Layer {
  std::string kind;
  bool monotone = false;
  torch::nn::AnyModule module;
};

torch::nn::AnyModule make_module(const SpecLine& l, const at::Generator& generator) {
  const auto& k = l.kind();
  if (k == "conv2d") {
    return torch::nn::AnyModule(Conv(l.integer("in"), l.integer("out"), l.integer("kernel"), l.integer("stride", 1, 1),
                                     l.integer("padding", 0, 0), l.integer("dilation", 1, 1), l.integer("groups", 1, 1),
                                     l.integer("bias", 1, 0) != 0));
  }
  if (k == "batchnorm2d") {
    return torch::nn::AnyModule(BatchNorm(
        torch::nn::BatchNorm2dOptions(l.integer("channels")).eps(l.real("eps", 1e-5, 1e-12, 1.0)).momentum(l.real("momentum", 0.1, 0.0, 1.0))));
  }
  if (k == "relu") {
    return torch::nn::AnyModule(torch::nn::ReLU());
  }
  if (k == "leakyrelu") {
    return torch::nn::AnyModule(torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(l.real("slope", 0.01, -1e6, 1e6))));
  }
  if (k == "gelu") {
    return torch::nn::AnyModule(torch::nn::GELU());
  }
  if (k == "silu") {
    return torch::nn::AnyModule(torch::nn::SiLU());
  }
  if (k == "maxpool2d" || k == "avgpool2d") {
    auto kernel = l.integer("kernel");
    auto stride = l.integer("stride", kernel, 1);
    auto padding = l.integer("padding", 0, 0);
    if (padding * 2 > kernel) l.fail("padding must be at most half the kernel size");
    if (k == "maxpool2d")
      return torch::nn::AnyModule(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(kernel).stride(stride).padding(padding)));
    return torch::nn::AnyModule(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(kernel).stride(stride).padding(padding)));
  }
  if (k == "gap") {
    return torch::nn::AnyModule(GlobalAvgPool());
  }
  if (k == "dropout") {
    return torch::nn::AnyModule(SeededDropout(l.real("p", 0.5, 0.0, 0.999999), generator));
  }
  if (k == "flatten") {
    return torch::nn::AnyModule(torch::nn::Flatten());
  }
  if (k == "dense") {
    return torch::nn::AnyModule(Dense(l.integer("in"), l.integer("out"), l.integer("bias", 1, 0) != 0));
  }
  if (k == "residual") {
    return torch::nn::AnyModule(ResidualBlock(l.integer("in"), l.integer("out"), l.integer("stride", 1, 1)));
  }
  if (k == "dwsep") {
    return torch::nn::AnyModule(DepthwiseSeparable(l.integer("in"), l.integer("out"), l.integer("kernel", 3, 1), l.integer("stride", 1, 1),
                                      l.integer("padding", 1, 0)));
  }
  l.fail("unknown layer kind");
}

Layer make_layer(const SpecLine& l, const at::Generator& generator) {
  auto monotone = l.kind() == "relu" || (l.kind() == "leakyrelu" && l.real("slope", 0.01, -1e6, 1e6) >= 0);
  return Layer{l.kind(), monotone, make_module(l, generator)};
}

}  // namespace

torch::nn::Sequential build_network(const std::string& spec, const at::Generator& generator) {
  std::vector<Layer> layers;
  for_each_spec_line(spec, "layer spec", [&layers, &generator](const SpecLine& parsed) {
    try {
      layers.push_back(make_layer(parsed, generator));
      parsed.check_all_used();
    } catch (const c10::Error& e) {
      parsed.fail(e.what_without_backtrace());
    } catch (const std::invalid_argument& e) {
      if (parsed.owns(e)) throw;
      parsed.fail(e.what());
    } catch (const std::exception& e) {
      parsed.fail(e.what());
    }
  });
  if (layers.empty()) throw std::invalid_argument("layer spec holds no layers");
  for (size_t i = 0; i + 1 < layers.size(); i++) {
    if (layers[i].monotone && layers[i + 1].kind == "maxpool2d") std::swap(layers[i], layers[i + 1]);
  }
  torch::nn::Sequential net;
  for (size_t i = 0; i < layers.size(); i++) {
    const auto& before = i > 0 ? layers[i - 1].kind : std::string();
    auto spares_input = before == "conv2d" || before == "batchnorm2d" || before == "dense" || before == "maxpool2d";
    if (layers[i].kind == "relu" && spares_input)
      net->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
    else
      net->push_back(layers[i].module);
  }
  return net;
}

}  // namespace mlcnn
