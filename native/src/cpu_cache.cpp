// Host memory for training on CPU. Training allocates the same large activation and gradient buffers every step; glibc
// returns big freed blocks to the kernel (mmap above its threshold, trimming of the heap top), so every step
// page-faults and zero-fills them again. Two remedies, installed with the first model:
// - malloc keeps blocks up to 32 MiB (its ceiling for the mmap threshold) and does not trim: this serves oneDNN's own
//   buffers (reordered weights, scratchpads), which bypass libtorch's allocator;
// - libtorch's CPU tensors come from a cache: blocks of 256 KiB and more freed by tensors are kept by rounded size and
//   handed out again, of any size. Idle blocks are bounded (default 1 GiB, mlcnn_cpu_cache_set_limit); a block that
//   would pass the limit first releases every idle block.
// Measured (bench/README.md, "Host memory"): one `basic` Fashion-MNIST epoch through `mlcnn train` went from 2,700-2,900
// to 4,000-4,500 img/s (minor page faults 4.27 million -> 67 thousand); on 96x96 inputs, whose activations pass 32 MiB,
// the cache gives 460-471 ms per step against 745-773 ms with the malloc settings alone.
#include <c10/core/CPUAllocator.h>
#include <malloc.h>
#include <sys/mman.h>

#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "internal.h"

namespace {

constexpr size_t kAlignment = 64;             // c10's alignment for CPU tensors
constexpr size_t kHeader = 64;                // the block size lives in front of the data, keeping the alignment
constexpr size_t kLargeBlock = 256 * 1024;    // below this, malloc's own free lists do well
constexpr size_t kRounding = 64 * 1024;       // large sizes are rounded up so that near sizes share blocks
constexpr size_t kHugePage = 2 * 1024 * 1024;  // large blocks are huge-page aligned and advised (fewer TLB misses)
constexpr int64_t kDefaultLimit = int64_t{1} << 30;

size_t rounded(size_t n) { return n < kLargeBlock ? n : (n + kRounding - 1) / kRounding * kRounding; }

class Cache {
 public:
  void* take(size_t size) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = idle_.find(size);
      if (it != idle_.end() && !it->second.empty()) {
        auto* block = it->second.back();
        it->second.pop_back();
        idle_bytes_ -= static_cast<int64_t>(size);
        return block;
      }
    }
    return fresh(size);
  }

  void give(void* block, size_t size) {
    std::vector<void*> released;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_bytes_ + static_cast<int64_t>(size) > limit_) drain(released);
      if (static_cast<int64_t>(size) <= limit_) {
        idle_[size].push_back(block);
        idle_bytes_ += static_cast<int64_t>(size);
      } else {
        released.push_back(block);
      }
    }
    for (auto* b : released) std::free(b);
  }

  void set_limit(int64_t bytes) {
    std::vector<void*> released;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      limit_ = bytes;
      if (idle_bytes_ > limit_) drain(released);
    }
    for (auto* b : released) std::free(b);
  }

  void stats(int64_t* idle, int64_t* limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    *idle = idle_bytes_;
    *limit = limit_;
  }

 private:
  static void* fresh(size_t size) {
    void* block = nullptr;
    auto alignment = size >= kHugePage ? kHugePage : kAlignment;
    if (posix_memalign(&block, alignment, size) != 0 || block == nullptr)
      throw std::bad_alloc();
    if (size >= kHugePage) madvise(block, size, MADV_HUGEPAGE);
    return block;
  }

  // Moves every idle block to released (freed by the caller outside the lock). Caller holds mutex_.
  void drain(std::vector<void*>& released) {
    for (auto& entry : idle_) released.insert(released.end(), entry.second.begin(), entry.second.end());
    idle_.clear();
    idle_bytes_ = 0;
  }

  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void*>> idle_;
  int64_t idle_bytes_ = 0;
  int64_t limit_ = kDefaultLimit;
};

Cache& cache() {
  static auto* instance = new Cache();  // never destroyed: tensors may be freed during process exit
  return *instance;
}

void release(void* data) {
  if (data == nullptr) return;
  auto* base = static_cast<char*>(data) - kHeader;
  auto size = *reinterpret_cast<size_t*>(base);
  if (size >= kLargeBlock)
    cache().give(base, size);
  else
    std::free(base);
}

struct CachingCpuAllocator final : c10::Allocator {
#if TORCH_VERSION_MAJOR * 100 + TORCH_VERSION_MINOR >= 203
  c10::DataPtr allocate(size_t n) override { return make(n); }
  void copy_data(void* dest, const void* src, std::size_t count) const override { default_copy_data(dest, src, count); }
#else
  c10::DataPtr allocate(size_t n) const override { return make(n); }
#endif
  c10::DeleterFnPtr raw_deleter() const override { return &release; }

 private:
  static c10::DataPtr make(size_t n) {
    auto size = rounded(n + kHeader);
    void* base = nullptr;
    if (size >= kLargeBlock) {
      base = cache().take(size);
    } else if (posix_memalign(&base, kAlignment, size) != 0 || base == nullptr) {
      throw std::bad_alloc();
    }
    *static_cast<size_t*>(base) = size;
    auto* data = static_cast<char*>(base) + kHeader;
    return {data, data, &release, c10::Device(c10::DeviceType::CPU)};
  }
};

}  // namespace

namespace mlcnn {

void install_cpu_cache() {
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    static auto* allocator = new CachingCpuAllocator();
    c10::SetCPUAllocator(allocator, /*priority=*/100);
  });
}

}  // namespace mlcnn

extern "C" int mlcnn_cpu_cache_set_limit(int64_t bytes) noexcept {
  MLCNN_TRY
  if (bytes < 0) throw std::invalid_argument("the CPU cache limit must be at least 0 bytes, got " + std::to_string(bytes));
  mlcnn::install_cpu_cache();
  cache().set_limit(bytes);
  MLCNN_CATCH
}

extern "C" int mlcnn_cpu_cache_stats(int64_t* idle_bytes, int64_t* limit_bytes) noexcept {
  MLCNN_TRY
  mlcnn::require(idle_bytes, "idle_bytes");
  mlcnn::require(limit_bytes, "limit_bytes");
  cache().stats(idle_bytes, limit_bytes);
  MLCNN_CATCH
}
