// One line of a text spec ("kind key=value ..."), shared by the layer spec and the loss spec.
// Values are parsed whole (no "2x"), checked against ranges, and keys nobody read are rejected as typos.
#pragma once

#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlcnn {

class SpecLine {
 public:
  // what names the spec in messages ("layer spec", "loss spec").
  SpecLine(const std::string& text, int number, std::string what) : number_(number), what_(std::move(what)) {
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

  bool has(const std::string& key) const { return args_.count(key) != 0; }

  // A whole-token integer >= minimum.
  int64_t integer(const std::string& key, int64_t minimum = 1) const {
    auto value = whole<int64_t>(raw(key), key, "an integer", [](const std::string& t, size_t* used) { return std::stoll(t, used); });
    if (value < minimum) fail("'" + key + "' must be at least " + std::to_string(minimum) + ", got " + std::to_string(value));
    return value;
  }
  int64_t integer(const std::string& key, int64_t fallback, int64_t minimum) const {
    return has(key) ? integer(key, minimum) : fallback;
  }

  // A whole-token real in [low, high].
  double real(const std::string& key, double fallback, double low, double high) const {
    if (!has(key)) return fallback;
    return checked(raw(key), key, low, high);
  }

  // A comma-separated list of reals, each in [low, high]; empty when the key is absent.
  std::vector<double> reals(const std::string& key, double low, double high) const {
    std::vector<double> values;
    if (!has(key)) return values;
    std::istringstream in(raw(key));
    std::string item;
    while (std::getline(in, item, ',')) values.push_back(checked(item, key, low, high));
    if (values.empty()) fail("'" + key + "' holds no values");
    return values;
  }

  // Rejects keys no reader asked for (typos such as 'strde').
  void check_all_used() const {
    for (const auto& kv : args_)
      if (!used_.count(kv.first)) fail("unknown key '" + kv.first + "'");
  }

  // True when the exception was thrown by fail() of a line of this spec kind (so it already names the line).
  bool owns(const std::exception& e) const { return std::string(e.what()).rfind(what_ + " line", 0) == 0; }

  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument(what_ + " line " + std::to_string(number_) + " (" + kind_ + "): " + why);
  }

 private:
  double checked(const std::string& text, const std::string& key, double low, double high) const {
    auto value = whole<double>(text, key, "a number", [](const std::string& t, size_t* used) { return std::stod(t, used); });
    if (!(value >= low && value <= high))
      fail("'" + key + "' must lie in [" + std::to_string(low) + ", " + std::to_string(high) + "], got " + text);
    return value;
  }

  // Parses the whole text; a partial parse ("2x", "2.7" as an integer) or an out-of-range number fails.
  template <typename T, typename Parse>
  T whole(const std::string& text, const std::string& key, const char* what, Parse parse) const {
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
  std::string what_;
};

// Calls visit(line) with a SpecLine for every non-blank line of a multi-line spec, numbered from 1.
template <typename Visit>
void for_each_spec_line(const std::string& spec, const std::string& what, Visit visit) {
  std::istringstream lines(spec);
  std::string text;
  int number = 0;
  while (std::getline(lines, text)) {
    number++;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    visit(SpecLine(text, number, what));
  }
}

}  // namespace mlcnn
