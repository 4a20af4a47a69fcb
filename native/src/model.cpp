// Networks: creation from a spec, forward, prediction, parameter counts and named state.
#include "internal.h"

namespace {

torch::Tensor find_state(const mlcnn_model& m, const std::string& name) {
  for (const auto& p : m.net->named_parameters()) {
    if (p.key() == name) return p.value();
  }
  for (const auto& b : m.net->named_buffers()) {
    if (b.key() == name) return b.value();
  }
  throw std::invalid_argument("the model has no parameter or buffer named '" + name + "'");
}

std::string shape_text(const torch::Tensor& t) {
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); i++) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

}  // namespace

namespace mlcnn {

torch::Tensor to_device(const void* data, torch::IntArrayRef shape, torch::ScalarType type, const torch::Device& device) {
  auto host = torch::from_blob(const_cast<void*>(data), shape, type);
  if (!device.is_cuda()) return host.clone();
  auto pinned = torch::empty(shape, torch::TensorOptions().dtype(type).pinned_memory(true));
  pinned.copy_(host);
  return pinned.to(device, /*non_blocking=*/true);
}

torch::Tensor scale_input(const mlcnn_model& m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w) {
  require(x, "input pixels");
  if (!m.device.is_cuda()) return torch::from_blob(const_cast<uint8_t*>(x), {n, c, h, w}, torch::kUInt8).to(torch::kFloat32).mul_(m.scale);
  // Bytes cross to the GPU (a quarter of the floats), then convert there.
  return to_device(x, {n, c, h, w}, torch::kUInt8, m.device).to(torch::kFloat32).mul_(m.scale);
}

torch::Tensor normalize_input(const mlcnn_model& m, torch::Tensor input) {
  auto c = input.size(1);
  if (m.mean.defined()) {
    if (m.mean.size(1) != c)
      throw std::invalid_argument("the batch has " + std::to_string(c) + " channels but normalization has " +
                                  std::to_string(m.mean.size(1)));
    input.sub_(m.mean).div_(m.std);
  }
  return input.dim() == 4 ? channels_last(input) : input;
}

torch::Tensor prepare_input(const mlcnn_model& m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w) {
  return normalize_input(m, scale_input(m, x, n, c, h, w));
}

torch::Tensor host_floats(const float* data, torch::IntArrayRef shape, const torch::Device& device) {
  require(data, "float buffer");
  return to_device(data, shape, torch::kFloat32, device);
}

void use_channels_last(torch::nn::Module& net) {
  torch::NoGradGuard no_grad;
  for (auto& p : net.parameters())
    if (p.dim() == 4) p.set_data(channels_last(p.data()));
}

torch::Tensor channels_last(const torch::Tensor& t) {
  return t.to(t.options(), /*non_blocking=*/false, /*copy=*/false, torch::MemoryFormat::ChannelsLast);
}

torch::Tensor apply_head(const torch::Tensor& output, int head) {
  switch (head) {
    case MLCNN_HEAD_IDENTITY: return output;
    case MLCNN_HEAD_SOFTMAX: return torch::softmax(output, 1);
    case MLCNN_HEAD_SIGMOID: return torch::sigmoid(output);
    case MLCNN_HEAD_L2: return torch::nn::functional::normalize(output, torch::nn::functional::NormalizeFuncOptions().dim(1));
    default: throw std::invalid_argument("unknown head " + std::to_string(head));
  }
}

}  // namespace mlcnn

extern "C" int mlcnn_model_create(const char* spec, int device, uint64_t seed, mlcnn_model** out) noexcept {
  MLCNN_TRY
  mlcnn::require(spec, "spec");
  mlcnn::require(out, "out");
  auto dev = mlcnn::to_device(device);
  mlcnn::install_cpu_cache();
  // cuDNN tries the algorithms for each new input shape once and keeps the fastest (training shapes repeat).
  if (dev.is_cuda()) at::globalContext().setBenchmarkCuDNN(true);
  auto generator = mlcnn::make_generator(seed);
  auto net = mlcnn::build_seeded_network(spec, seed, generator);
  net->to(dev);
  mlcnn::use_channels_last(*net);
  std::vector<std::string> names;
  for (const auto& p : net->named_parameters()) names.push_back(p.key());
  for (const auto& b : net->named_buffers()) names.push_back(b.key());
  auto* model = mlcnn::make_handle<mlcnn_model>(mlcnn::Handle::Model, net, dev, names);
  model->generator = generator;
  *out = model;
  MLCNN_CATCH
}

extern "C" int mlcnn_model_free(mlcnn_model* m) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Model, m);
  MLCNN_CATCH
}

extern "C" int mlcnn_model_device(const mlcnn_model* m, int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(out, "out");
  *out = m->device.is_cuda() ? MLCNN_DEVICE_CUDA : MLCNN_DEVICE_CPU;
  MLCNN_CATCH
}

extern "C" int mlcnn_model_set_input(mlcnn_model* m, float scale, const float* mean, const float* std,
                                     int channels) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  m->scale = scale;
  if (channels == 0) {
    m->mean = torch::Tensor();
    m->std = torch::Tensor();
    return MLCNN_OK;
  }
  mlcnn::require(mean, "mean");
  mlcnn::require(std, "std");
  auto opts = torch::TensorOptions().dtype(torch::kFloat32);
  m->mean = torch::from_blob(const_cast<float*>(mean), {1, channels, 1, 1}, opts).clone().to(m->device);
  m->std = torch::from_blob(const_cast<float*>(std), {1, channels, 1, 1}, opts).clone().to(m->device);
  MLCNN_CATCH
}

extern "C" int mlcnn_model_forward(mlcnn_model* m, const mlcnn_tensor* x, int train, mlcnn_tensor** out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(x, "input");
  mlcnn::require(out, "out");
  mlcnn::ThreadScope threads(*m);
  m->net->train(train != 0);
  torch::NoGradGuard no_grad;
  auto input = x->value.to(m->device);
  auto y = mlcnn::forward_network(m->net, input.dim() == 4 ? mlcnn::channels_last(input) : input);
  *out = mlcnn::make_handle<mlcnn_tensor>(mlcnn::Handle::Tensor, y);
  MLCNN_CATCH
}

extern "C" int mlcnn_model_predict_u8(mlcnn_model* m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w,
                                      int head, float* out, int64_t out_count) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(out, "out");
  mlcnn::ThreadScope threads(*m);
  m->net->eval();
  c10::InferenceMode guard;
  auto probs = mlcnn::apply_head(mlcnn::forward_network(m->net, mlcnn::prepare_input(*m, x, n, c, h, w)), head).to(torch::kCPU).contiguous();
  if (probs.numel() != out_count)
    throw std::invalid_argument("prediction has " + std::to_string(probs.numel()) + " values but the buffer holds " +
                                std::to_string(out_count));
  std::memcpy(out, probs.data_ptr<float>(), sizeof(float) * out_count);
  MLCNN_CATCH
}

extern "C" int mlcnn_model_param_count(const mlcnn_model* m, int64_t* trainable, int64_t* buffers) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(trainable, "trainable");
  mlcnn::require(buffers, "buffers");
  *trainable = 0;
  *buffers = 0;
  for (const auto& p : m->net->parameters()) *trainable += p.numel();
  for (const auto& b : m->net->named_buffers()) {
    if (b.key().find("num_batches_tracked") == std::string::npos) *buffers += b.value().numel();
  }
  MLCNN_CATCH
}

extern "C" int mlcnn_model_state_count(const mlcnn_model* m, int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(out, "out");
  *out = static_cast<int>(m->state_names.size());
  MLCNN_CATCH
}

extern "C" int mlcnn_model_state_name(const mlcnn_model* m, int index, const char** out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(out, "out");
  if (index < 0 || index >= static_cast<int>(m->state_names.size()))
    throw std::out_of_range("state index " + std::to_string(index) + " is outside 0.." +
                            std::to_string(m->state_names.size() - 1));
  *out = m->state_names[index].c_str();
  MLCNN_CATCH
}

extern "C" int mlcnn_model_state_get(const mlcnn_model* m, const char* name, mlcnn_tensor** out) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(name, "name");
  mlcnn::require(out, "out");
  auto value = find_state(*m, name).detach().to(torch::kCPU, torch::kFloat32).clone();
  *out = mlcnn::make_handle<mlcnn_tensor>(mlcnn::Handle::Tensor, value);
  MLCNN_CATCH
}

extern "C" int mlcnn_model_state_set(mlcnn_model* m, const char* name, const mlcnn_tensor* value) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  mlcnn::require(name, "name");
  mlcnn::require(value, "value");
  auto target = find_state(*m, name);
  if (!target.sizes().equals(value->value.sizes()))
    throw std::invalid_argument("state '" + std::string(name) + "' has shape " + shape_text(target) +
                                " but the value has shape " + shape_text(value->value));
  torch::NoGradGuard no_grad;
  target.copy_(value->value.to(target.device(), target.scalar_type()));
  MLCNN_CATCH
}
