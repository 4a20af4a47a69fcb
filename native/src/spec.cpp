// Parses the layer spec written by the managed layer builder: one layer per line, "kind key=value ...".

#include "blocks.h"
#include "spec_line.h"

namespace mlcnn {

namespace {

void append_layer(torch::nn::Sequential& net, const SpecLine& l) {
  const auto& k = l.kind();
  if (k == "conv2d") {
    net->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(l.integer("in"), l.integer("out"), l.integer("kernel"))
                                         .stride(l.integer("stride", 1, 1))
                                         .padding(l.integer("padding", 0, 0))
                                         .dilation(l.integer("dilation", 1, 1))
                                         .groups(l.integer("groups", 1, 1))
                                         .bias(l.integer("bias", 1, 0) != 0)));
  } else if (k == "batchnorm2d") {
    net->push_back(torch::nn::BatchNorm2d(
        torch::nn::BatchNorm2dOptions(l.integer("channels")).eps(l.real("eps", 1e-5, 1e-12, 1.0)).momentum(l.real("momentum", 0.1, 0.0, 1.0))));
  } else if (k == "relu") {
    net->push_back(torch::nn::ReLU());
  } else if (k == "leakyrelu") {
    net->push_back(torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(l.real("slope", 0.01, -1e6, 1e6))));
  } else if (k == "gelu") {
    net->push_back(torch::nn::GELU());
  } else if (k == "silu") {
    net->push_back(torch::nn::SiLU());
  } else if (k == "maxpool2d" || k == "avgpool2d") {
    auto kernel = l.integer("kernel");
    auto stride = l.integer("stride", kernel, 1);
    auto padding = l.integer("padding", 0, 0);
    if (padding * 2 > kernel) l.fail("padding must be at most half the kernel size");
    if (k == "maxpool2d")
      net->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(kernel).stride(stride).padding(padding)));
    else
      net->push_back(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(kernel).stride(stride).padding(padding)));
  } else if (k == "gap") {
    net->push_back(GlobalAvgPool());
  } else if (k == "dropout") {
    net->push_back(torch::nn::Dropout(l.real("p", 0.5, 0.0, 0.999999)));
  } else if (k == "flatten") {
    net->push_back(torch::nn::Flatten());
  } else if (k == "dense") {
    net->push_back(Dense(l.integer("in"), l.integer("out"), l.integer("bias", 1, 0) != 0));
  } else if (k == "residual") {
    net->push_back(ResidualBlock(l.integer("in"), l.integer("out"), l.integer("stride", 1, 1)));
  } else if (k == "dwsep") {
    net->push_back(DepthwiseSeparable(l.integer("in"), l.integer("out"), l.integer("kernel", 3, 1), l.integer("stride", 1, 1),
                                      l.integer("padding", 1, 0)));
  } else {
    l.fail("unknown layer kind");
  }
}

}  // namespace

torch::nn::Sequential build_network(const std::string& spec) {
  torch::nn::Sequential net;
  for_each_spec_line(spec, "layer spec", [&net](const SpecLine& parsed) {
    try {
      append_layer(net, parsed);
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
  if (net->is_empty()) throw std::invalid_argument("layer spec holds no layers");
  return net;
}

}  // namespace mlcnn
