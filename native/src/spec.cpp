// Parses the layer spec written by the managed layer builder: one layer per line, "kind key=value ...".
#include <map>
#include <set>
#include <sstream>

#include "blocks.h"

namespace mlcnn {

namespace {

class LayerLine {
 public:
  LayerLine(const std::string& text, int number) : number_(number) {
    std::istringstream in(text);
    in >> kind_;
    std::string token;
    while (in >> token) {
      auto eq = token.find('=');
      if (eq == std::string::npos) fail("expected key=value, got '" + token + "'");
      args_[token.substr(0, eq)] = token.substr(eq + 1);
    }
  }

  const std::string& kind() const { return kind_; }

  // A whole-token integer >= minimum.
  int64_t integer(const std::string& key, int64_t minimum = 1) const {
    auto value = whole<int64_t>(key, "an integer", [](const std::string& t, size_t* used) { return std::stoll(t, used); });
    if (value < minimum) fail("'" + key + "' must be at least " + std::to_string(minimum) + ", got " + std::to_string(value));
    return value;
  }
  int64_t integer(const std::string& key, int64_t fallback, int64_t minimum) const {
    return args_.count(key) ? integer(key, minimum) : fallback;
  }
  // A whole-token real in [low, high].
  double real(const std::string& key, double fallback, double low, double high) const {
    if (!args_.count(key)) return fallback;
    const auto& text = raw(key);
    auto value = whole<double>(key, "a number", [](const std::string& t, size_t* used) { return std::stod(t, used); });
    if (!(value >= low && value <= high))
      fail("'" + key + "' must lie in [" + std::to_string(low) + ", " + std::to_string(high) + "], got " + text);
    return value;
  }

  // Rejects keys no reader asked for (typos such as 'strde').
  void check_all_used() const {
    for (const auto& kv : args_)
      if (!used_.count(kv.first)) fail("unknown key '" + kv.first + "'");
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("layer spec line " + std::to_string(number_) + " (" + kind_ + "): " + why);
  }

 private:
  // Parses the whole value of key; a partial parse ("2x", "2.7" as an integer) or an out-of-range number fails.
  template <typename T, typename Parse>
  T whole(const std::string& key, const char* what, Parse parse) const {
    const auto& text = raw(key);
    size_t used = 0;
    T value{};
    try {
      value = parse(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != text.size()) fail("'" + key + "=" + text + "' is not " + what);
    return value;
  }

  const std::string& raw(const std::string& key) const {
    auto it = args_.find(key);
    if (it == args_.end()) fail("missing '" + key + "'");
    used_.insert(key);
    return it->second;
  }

  std::string kind_;
  std::map<std::string, std::string> args_;
  mutable std::set<std::string> used_;
  int number_;
};

void append_layer(torch::nn::Sequential& net, const LayerLine& l) {
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
    net->push_back(torch::nn::Linear(torch::nn::LinearOptions(l.integer("in"), l.integer("out")).bias(l.integer("bias", 1, 0) != 0)));
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
  std::istringstream lines(spec);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    number++;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    LayerLine parsed(line, number);
    try {
      append_layer(net, parsed);
      parsed.check_all_used();
    } catch (const c10::Error& e) {
      parsed.fail(e.what_without_backtrace());
    } catch (const std::invalid_argument& e) {
      if (std::string(e.what()).rfind("layer spec", 0) == 0) throw;
      parsed.fail(e.what());
    } catch (const std::exception& e) {
      parsed.fail(e.what());
    }
  }
  if (net->is_empty()) throw std::invalid_argument("layer spec holds no layers");
  return net;
}

}  // namespace mlcnn
