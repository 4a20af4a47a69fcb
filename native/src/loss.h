// Loss functions: the parsed loss spec and the per-example terms each kind computes. See include/mlcnn.h for the rules.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "mlcnn.h"

namespace mlcnn {

enum class Reduction { Mean = MLCNN_REDUCTION_MEAN, SumOverBatch = MLCNN_REDUCTION_SUM_OVER_BATCH, Sum = MLCNN_REDUCTION_SUM };

// One line of the loss spec.
struct LossTerm {
  std::string kind;
  double scale = 1.0;
  double smoothing = 0.0;      // ce, bce
  double gamma = 0.0;          // focal, sigmoid_focal
  torch::Tensor alpha;         // focal: one value or one per class; undefined = 1
  double sigmoid_alpha = 0.25; // sigmoid_focal; < 0 disables
  torch::Tensor pos_weight;    // bce: one value or one per output; undefined = 1
  double margin = 1.0;         // hinge, binary_hinge, triplet
  int64_t p = 1;               // hinge (1 or 2), triplet (norm degree)
  double delta = 1.0;          // huber
  double beta = 1.0;           // smoothl1
  bool swap = false;           // triplet
};

// Per-example losses l [n], their normalizers m [n] and the elements per example K (see the reductions in mlcnn.h).
struct ExampleLosses {
  torch::Tensor loss;
  torch::Tensor norm;
  int64_t elements;
};

// The terms of one loss kind. output [n, k] float, target [n, t] float, class_weights [w] or undefined.
ExampleLosses example_losses(const LossTerm& term, const torch::Tensor& output, const torch::Tensor& target,
                             const torch::Tensor& class_weights);

// A parsed loss spec with its class weights and reduction: a weighted sum of reduced terms.
class LossFunction {
 public:
  LossFunction(const std::string& spec, std::vector<float> class_weights, Reduction reduction);

  // The scalar loss; example_weights [n] or undefined.
  torch::Tensor operator()(const torch::Tensor& output, const torch::Tensor& target, const torch::Tensor& example_weights) const;

 private:
  std::vector<LossTerm> terms_;
  torch::Tensor class_weights_;
  Reduction reduction_;
};

}  // namespace mlcnn
