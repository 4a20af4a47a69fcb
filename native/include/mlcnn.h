/*
 * mlcnn.h - the one C header that the managed binding uses.
 *
 * Rules (see DESIGN.md): every function is extern "C" and noexcept, returns MLCNN_OK (0) or MLCNN_ERROR,
 * writes results through out-pointers, and on error leaves a message for mlcnn_last_error().
 * Every handle type has its *_free. Live handles are counted so tests can assert that nothing leaks.
 */
#ifndef MLCNN_H
#define MLCNN_H

#include <stdint.h>

#ifdef __cplusplus
#define MLCNN_NOEXCEPT noexcept
#else
#define MLCNN_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define MLCNN_OK 0
#define MLCNN_ERROR 1

#define MLCNN_DEVICE_CPU 0
#define MLCNN_DEVICE_CUDA 1

typedef struct mlcnn_tensor mlcnn_tensor;
typedef struct mlcnn_model mlcnn_model;
typedef struct mlcnn_optim mlcnn_optim;

/* ---- error (error.cpp) ---- */
/* The message of the last failed call on this thread; never NULL. */
const char* mlcnn_last_error(void) MLCNN_NOEXCEPT;
/* Live handle counts, for leak tests. */
int mlcnn_live_handles(int64_t* tensors, int64_t* models, int64_t* optims) MLCNN_NOEXCEPT;

/* ---- device (device.cpp) ---- */
int mlcnn_torch_version(int* major, int* minor, int* patch) MLCNN_NOEXCEPT;
int mlcnn_device_cuda_count(int* out) MLCNN_NOEXCEPT;
int mlcnn_device_set_threads(int threads) MLCNN_NOEXCEPT;
int mlcnn_device_get_threads(int* out) MLCNN_NOEXCEPT;
int mlcnn_device_manual_seed(uint64_t seed) MLCNN_NOEXCEPT;
int mlcnn_device_synchronize(int device) MLCNN_NOEXCEPT;

/* ---- tensor (tensor.cpp) ---- */
int mlcnn_tensor_from_f32(const float* data, const int64_t* shape, int ndim, mlcnn_tensor** out) MLCNN_NOEXCEPT;
int mlcnn_tensor_ndim(const mlcnn_tensor* t, int* out) MLCNN_NOEXCEPT;
int mlcnn_tensor_shape(const mlcnn_tensor* t, int64_t* out, int capacity) MLCNN_NOEXCEPT;
int mlcnn_tensor_copy_f32(const mlcnn_tensor* t, float* out, int64_t count) MLCNN_NOEXCEPT;
int mlcnn_tensor_free(mlcnn_tensor* t) MLCNN_NOEXCEPT;

/* ---- model (model.cpp) ---- */
/* spec: one layer per line, "kind key=value ...", as written by the managed layer builder. */
int mlcnn_model_create(const char* spec, int device, mlcnn_model** out) MLCNN_NOEXCEPT;
int mlcnn_model_free(mlcnn_model* m) MLCNN_NOEXCEPT;
int mlcnn_model_device(const mlcnn_model* m, int* out) MLCNN_NOEXCEPT;
/* Input preprocessing applied to uint8 batches: x * scale, then (x - mean[c]) / std[c]. */
int mlcnn_model_set_input(mlcnn_model* m, float scale, const float* mean, const float* std, int channels) MLCNN_NOEXCEPT;
int mlcnn_model_forward(mlcnn_model* m, const mlcnn_tensor* x, int train, mlcnn_tensor** out) MLCNN_NOEXCEPT;
/* Softmax probabilities for a uint8 NCHW batch, evaluation mode, no autograd. out has n * classes floats. */
int mlcnn_model_predict_u8(mlcnn_model* m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w,
                           float* out, int64_t out_count) MLCNN_NOEXCEPT;
int mlcnn_model_param_count(const mlcnn_model* m, int64_t* trainable, int64_t* buffers) MLCNN_NOEXCEPT;
/* Named state: parameters then buffers, in registration order. Names stay valid until the model is freed. */
int mlcnn_model_state_count(const mlcnn_model* m, int* out) MLCNN_NOEXCEPT;
int mlcnn_model_state_name(const mlcnn_model* m, int index, const char** out) MLCNN_NOEXCEPT;
int mlcnn_model_state_get(const mlcnn_model* m, const char* name, mlcnn_tensor** out) MLCNN_NOEXCEPT;
int mlcnn_model_state_set(mlcnn_model* m, const char* name, const mlcnn_tensor* value) MLCNN_NOEXCEPT;

/* ---- loss (loss.cpp) ---- */
/* Cross-entropy of logits [n, classes] against class indices; weights (n floats) may be NULL.
   Weighted mean = sum(w * l) / sum(w), as PyTorch; all-zero weights give 0. */
int mlcnn_loss_cross_entropy(const mlcnn_tensor* logits, const int64_t* labels, const float* weights, float* out) MLCNN_NOEXCEPT;

/* ---- optim (optim.cpp) ---- */
int mlcnn_optim_adam(mlcnn_model* m, double lr, double beta1, double beta2, double eps, double weight_decay,
                     mlcnn_optim** out) MLCNN_NOEXCEPT;
int mlcnn_optim_sgd(mlcnn_model* m, double lr, double momentum, double weight_decay, int nesterov,
                    mlcnn_optim** out) MLCNN_NOEXCEPT;
int mlcnn_optim_set_lr(mlcnn_optim* o, double lr) MLCNN_NOEXCEPT;
int mlcnn_optim_free(mlcnn_optim* o) MLCNN_NOEXCEPT;

/* ---- train (train.cpp) ---- */
/* One training step on a uint8 NCHW batch: preprocess, forward, cross-entropy (weights may be NULL), backward, step.
   Writes the batch loss and the number of correct argmax predictions. */
int mlcnn_train_step_u8(mlcnn_model* m, mlcnn_optim* o, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w,
                        const int64_t* labels, const float* weights, float* out_loss, int64_t* out_correct) MLCNN_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
