// Devices, threads and the libtorch version.
#include "internal.h"

namespace mlcnn {

torch::Device to_device(int device) {
  if (device == MLCNN_DEVICE_CPU) return torch::Device(torch::kCPU);
  if (device == MLCNN_DEVICE_CUDA) {
    if (!torch::cuda::is_available())
      throw std::runtime_error("CUDA was requested but this libtorch has no CUDA device; use device cpu or auto");
    return torch::Device(torch::kCUDA, 0);
  }
  throw std::invalid_argument("unknown device code " + std::to_string(device));
}

}  // namespace mlcnn

extern "C" int mlcnn_cpu_has_bf16(int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(out, "out");
#if defined(__x86_64__) || defined(__i386__)
  // AVX-512 BF16 (dot products and conversions of bfloat16): oneDNN's bfloat16 convolutions and matrix products run
  // at about twice float32's speed with it and far slower than float32 without it (or without oneDNN). The check
  // includes the operating system's support of the AVX-512 registers.
  *out = at::hasMKLDNN() && __builtin_cpu_supports("avx512bf16") ? 1 : 0;
#else
  *out = 0;
#endif
  MLCNN_CATCH
}

extern "C" int mlcnn_torch_version(int* major, int* minor, int* patch) noexcept {
  MLCNN_TRY
  mlcnn::require(major, "major");
  mlcnn::require(minor, "minor");
  mlcnn::require(patch, "patch");
  *major = TORCH_VERSION_MAJOR;
  *minor = TORCH_VERSION_MINOR;
  *patch = TORCH_VERSION_PATCH;
  MLCNN_CATCH
}

extern "C" int mlcnn_device_cuda_count(int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(out, "out");
  *out = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
  MLCNN_CATCH
}

extern "C" int mlcnn_device_set_threads(int threads) noexcept {
  MLCNN_TRY
  if (threads < 1) throw std::invalid_argument("threads must be at least 1, got " + std::to_string(threads));
  torch::set_num_threads(threads);
  MLCNN_CATCH
}

extern "C" int mlcnn_device_get_threads(int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(out, "out");
  *out = torch::get_num_threads();
  MLCNN_CATCH
}

extern "C" int mlcnn_device_synchronize(int device) noexcept {
  MLCNN_TRY
  if (device == MLCNN_DEVICE_CUDA) torch::cuda::synchronize();
  MLCNN_CATCH
}
