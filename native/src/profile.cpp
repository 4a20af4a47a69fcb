// An op-level profile of training steps for bench/profile/run.sh (Debian's libtorch is stripped, so perf names no operator):
// MLCNN_PROFILE=PREFIX[:FIRST[:COUNT]] records the process's training steps FIRST .. FIRST + COUNT - 1 (counted from 1;
// defaults 60 and 10) with libtorch's profiler, one Chrome trace per step at PREFIX<step>.json. Unset: nothing is done.

#include <torch/csrc/autograd/profiler_legacy.h>

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

// A positive step number of MLCNN_PROFILE, or a clear error naming the variable.
long step_number(const std::string& text, const char* what) {
  char* end = nullptr;
  auto number = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || number < 1)
    throw std::invalid_argument(std::string("MLCNN_PROFILE: ") + what + " must be a positive whole number, got '" + text +
                                "' (expected PREFIX[:FIRST[:COUNT]], e.g. /tmp/step_:60:10)");
  return number;
}

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
    request.first = step_number(rest.substr(0, second), "FIRST");
    if (second != std::string::npos) request.count = step_number(rest.substr(second + 1), "COUNT");
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
