// What keeps models independent of each other in one process: each has its own generator (weight initialization and
// dropout) and its own CPU thread count, so trainings that run side by side neither share random state nor change each
// other's threads.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <dlfcn.h>

#include <mutex>

#include "blocks.h"

namespace mlcnn {

namespace {

// The calling thread's thread count in the OpenMP runtime libtorch's CPU kernels run on, found among the loaded
// libraries (Debian's libgomp, or the copy a pip wheel bundles under another file name). at::set_num_threads sets the
// same count but also clears oneDNN's primitive cache and resizes MKL's pool, which made setting and restoring it
// around every training step halve the throughput; this is the part that matters per call.
void set_thread_count(int threads) {
  using SetThreads = void (*)(int);
  static const auto runtime = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  if (runtime != nullptr) {
    runtime(threads);
  } else {
    at::set_num_threads(threads);
  }
}

}  // namespace

at::Generator make_generator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

torch::nn::Sequential build_seeded_network(const std::string& spec, uint64_t seed, const at::Generator& generator) {
  // libtorch's modules initialize from the default CPU generator. It is seeded for this network and given its previous
  // state back afterwards, one network at a time; nothing else in the shim draws from it.
  static std::mutex building;
  std::lock_guard<std::mutex> one_at_a_time(building);
  auto global = at::detail::getDefaultCPUGenerator();
  at::Tensor saved;
  {
    std::lock_guard<std::mutex> lock(global.mutex());
    saved = global.get_state();
    global.set_current_seed(seed);
  }
  struct Restore {
    at::Generator& global;
    const at::Tensor& saved;
    ~Restore() {
      std::lock_guard<std::mutex> lock(global.mutex());
      global.set_state(saved);
    }
  } restore{global, saved};
  return build_network(spec, generator);
}

ThreadScope::ThreadScope(const mlcnn_model& m) {
  if (m.threads <= 0) return;
  at::internal::lazy_init_num_threads();
  auto current = at::get_num_threads();
  if (current == m.threads) return;
  previous_ = current;
  set_thread_count(m.threads);
}

ThreadScope::~ThreadScope() {
  if (previous_ > 0) set_thread_count(previous_);
}

}  // namespace mlcnn

extern "C" int mlcnn_model_seed(mlcnn_model* m, uint64_t seed) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  std::lock_guard<std::mutex> lock(m->generator.mutex());
  m->generator.set_current_seed(seed);
  MLCNN_CATCH
}

extern "C" int mlcnn_model_set_threads(mlcnn_model* m, int threads) noexcept {
  MLCNN_TRY
  mlcnn::require(m, "model");
  if (threads < 0) throw std::invalid_argument("threads must be at least 0 (0: the calling thread's setting), got " + std::to_string(threads));
  m->threads = threads;
  MLCNN_CATCH
}
