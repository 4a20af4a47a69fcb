// The error channel and the live-handle counters.
#include <atomic>
#include <stdexcept>

#include "internal.h"

namespace {
thread_local std::string last_error = "no error";
std::atomic<int64_t> live[6] = {{0}, {0}, {0}, {0}, {0}, {0}};
}  // namespace

namespace mlcnn {

void set_last_error(const std::string& message) { last_error = message; }

void count_created(Handle kind) { live[static_cast<int>(kind)]++; }

void count_freed(Handle kind) { live[static_cast<int>(kind)]--; }

void require(const void* ptr, const char* what) {
  if (ptr == nullptr) throw std::invalid_argument(std::string("null pointer passed for ") + what);
}

}  // namespace mlcnn

extern "C" const char* mlcnn_last_error(void) noexcept { return last_error.c_str(); }

extern "C" int mlcnn_live_handles(int64_t* tensors, int64_t* models, int64_t* optims, int64_t* losses, int64_t* augments,
                                  int64_t* groups) noexcept {
  MLCNN_TRY
  mlcnn::require(tensors, "tensors");
  mlcnn::require(models, "models");
  mlcnn::require(optims, "optims");
  mlcnn::require(losses, "losses");
  mlcnn::require(augments, "augments");
  mlcnn::require(groups, "groups");
  *tensors = live[0].load();
  *models = live[1].load();
  *optims = live[2].load();
  *losses = live[3].load();
  *augments = live[4].load();
  *groups = live[5].load();
  MLCNN_CATCH
}
