// Host tensors crossing the boundary: float32 in, float32 out.
#include "internal.h"

extern "C" int mlcnn_tensor_from_f32(const float* data, const int64_t* shape, int ndim, mlcnn_tensor** out) noexcept {
  MLCNN_TRY
  mlcnn::require(data, "data");
  mlcnn::require(shape, "shape");
  mlcnn::require(out, "out");
  if (ndim < 0 || ndim > 8) throw std::invalid_argument("tensor rank must be 0..8, got " + std::to_string(ndim));
  std::vector<int64_t> dims(shape, shape + ndim);
  auto t = torch::from_blob(const_cast<float*>(data), dims, torch::kFloat32).clone();
  *out = mlcnn::make_handle<mlcnn_tensor>(mlcnn::Handle::Tensor, std::move(t));
  MLCNN_CATCH
}

extern "C" int mlcnn_tensor_ndim(const mlcnn_tensor* t, int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(t, "tensor");
  mlcnn::require(out, "out");
  *out = static_cast<int>(t->value.dim());
  MLCNN_CATCH
}

extern "C" int mlcnn_tensor_shape(const mlcnn_tensor* t, int64_t* out, int capacity) noexcept {
  MLCNN_TRY
  mlcnn::require(t, "tensor");
  mlcnn::require(out, "out");
  if (capacity < t->value.dim())
    throw std::invalid_argument("shape buffer holds " + std::to_string(capacity) + " dims, tensor has " +
                                std::to_string(t->value.dim()));
  for (int64_t i = 0; i < t->value.dim(); i++) out[i] = t->value.size(i);
  MLCNN_CATCH
}

extern "C" int mlcnn_tensor_copy_f32(const mlcnn_tensor* t, float* out, int64_t count) noexcept {
  MLCNN_TRY
  mlcnn::require(t, "tensor");
  mlcnn::require(out, "out");
  if (count != t->value.numel())
    throw std::invalid_argument("output buffer holds " + std::to_string(count) + " floats, tensor has " +
                                std::to_string(t->value.numel()));
  auto host = t->value.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  std::memcpy(out, host.data_ptr<float>(), sizeof(float) * count);
  MLCNN_CATCH
}

extern "C" int mlcnn_tensor_free(mlcnn_tensor* t) noexcept {
  MLCNN_TRY
  mlcnn::free_handle(mlcnn::Handle::Tensor, t);
  MLCNN_CATCH
}
