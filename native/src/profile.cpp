// An op-level profile of training steps for bench/profile/run.sh (Debian's libtorch is stripped, so perf names no operator):
// MLCNN_PROFILE=PREFIX[:FIRST[:COUNT]] records the process's training steps FIRST .. FIRST + COUNT - 1 (counted from 1;
// defaults 60 and 10) with libtorch's profiler, one Chrome trace per step at PREFIX<step>.json. Unset: nothing is done.

#include <atomic>
#include <cstdlib>
#include <string>

#include "internal.h"

namespace mlcnn {

namespace {

struct ProfileRequest {
  std::string prefix;
  long first = 60;
  long count = 10;
};

ProfileRequest parse_request() {
  ProfileRequest request;
  const char* value = std::getenv("MLCNN_PROFILE");
  if (value == nullptr || *value == '\0') return request;
  std::string text(value);
  auto colon = text.find(':');
  request.prefix = text.substr(0, colon);
  if (colon != std::string::npos) {
    auto rest = text.substr(colon + 1);
    auto second = rest.find(':');
    request.first = std::strtol(rest.substr(0, second).c_str(), nullptr, 10);
    if (second != std::string::npos) request.count = std::strtol(rest.substr(second + 1).c_str(), nullptr, 10);
  }
  return request;
}

}  // namespace

std::unique_ptr<torch::autograd::profiler::RecordProfile> profile_step() {
  static const ProfileRequest request = parse_request();
  static std::atomic<long> steps{0};
  if (request.prefix.empty()) return nullptr;
  auto step = ++steps;
  if (step < request.first || step >= request.first + request.count) return nullptr;
  return std::make_unique<torch::autograd::profiler::RecordProfile>(request.prefix + std::to_string(step) + ".json");
}

}  // namespace mlcnn
