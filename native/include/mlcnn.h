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

/* Output activations ("heads") applied by mlcnn_model_predict_u8. */
/* Precision of training steps (mlcnn_model_set_precision). */
#define MLCNN_PRECISION_FP32 0
#define MLCNN_PRECISION_BF16 1 /* autocast to bfloat16 (CUDA or CPU) */
#define MLCNN_PRECISION_FP16 2 /* autocast to float16 with dynamic loss scaling (CUDA only) */

#define MLCNN_HEAD_IDENTITY 0
#define MLCNN_HEAD_SOFTMAX 1
#define MLCNN_HEAD_SIGMOID 2
#define MLCNN_HEAD_L2 3

/* Loss reductions. With per-example losses l_i, normalizers m_i, example weights e_i (1 when not given), N rows and
   K elements per example (the output count for element-wise losses, else 1):
     MEAN            sum(e*l) / sum(e*m)  (PyTorch's weighted mean; 0 when sum(e*m) is 0)
     SUM_OVER_BATCH  sum(e*l) / (N*K)     (Keras' default)
     SUM             sum(e*l)                                                                                */
#define MLCNN_REDUCTION_MEAN 0
#define MLCNN_REDUCTION_SUM_OVER_BATCH 1
#define MLCNN_REDUCTION_SUM 2

typedef struct mlcnn_tensor mlcnn_tensor;
typedef struct mlcnn_model mlcnn_model;
typedef struct mlcnn_optim mlcnn_optim;
typedef struct mlcnn_loss mlcnn_loss;
typedef struct mlcnn_augment mlcnn_augment;
typedef struct mlcnn_group mlcnn_group;

/* Backends of process groups (mlcnn_group_create). */
#define MLCNN_BACKEND_GLOO 0 /* CPU tensors, TCP */
#define MLCNN_BACKEND_NCCL 1 /* CUDA tensors; needs a CUDA libtorch build of the shim */

/* ---- error (error.cpp) ---- */
/* The message of the last failed call on this thread; never NULL. */
const char* mlcnn_last_error(void) MLCNN_NOEXCEPT;
/* Live handle counts, for leak tests. */
int mlcnn_live_handles(int64_t* tensors, int64_t* models, int64_t* optims, int64_t* losses, int64_t* augments,
                       int64_t* groups) MLCNN_NOEXCEPT;

/* ---- device (device.cpp) ---- */
int mlcnn_torch_version(int* major, int* minor, int* patch) MLCNN_NOEXCEPT;
int mlcnn_device_cuda_count(int* out) MLCNN_NOEXCEPT;
/* 1 when this CPU (and the operating system) runs AVX-512 BF16 instructions and libtorch has oneDNN to use them, else 0. */
int mlcnn_cpu_has_bf16(int* out) MLCNN_NOEXCEPT;
int mlcnn_device_set_threads(int threads) MLCNN_NOEXCEPT;
int mlcnn_device_get_threads(int* out) MLCNN_NOEXCEPT;
int mlcnn_device_synchronize(int device) MLCNN_NOEXCEPT;

/* ---- CPU tensor cache (cpu_cache.cpp) ----
   From the first model on, CPU tensors of 256 KiB and more are allocated through a cache that keeps freed blocks for
   reuse (no page faults on every training step). Idle blocks are bounded by a limit (default 1 GiB); a limit of 0
   releases every idle block and stops keeping them. */
int mlcnn_cpu_cache_set_limit(int64_t bytes) MLCNN_NOEXCEPT;
int mlcnn_cpu_cache_stats(int64_t* idle_bytes, int64_t* limit_bytes) MLCNN_NOEXCEPT;

/* ---- tensor (tensor.cpp) ---- */
int mlcnn_tensor_from_f32(const float* data, const int64_t* shape, int ndim, mlcnn_tensor** out) MLCNN_NOEXCEPT;
int mlcnn_tensor_ndim(const mlcnn_tensor* t, int* out) MLCNN_NOEXCEPT;
int mlcnn_tensor_shape(const mlcnn_tensor* t, int64_t* out, int capacity) MLCNN_NOEXCEPT;
int mlcnn_tensor_copy_f32(const mlcnn_tensor* t, float* out, int64_t count) MLCNN_NOEXCEPT;
int mlcnn_tensor_free(mlcnn_tensor* t) MLCNN_NOEXCEPT;

/* ---- model (model.cpp) ---- */
/* spec: one layer per line, "kind key=value ...", as written by the managed layer builder. The weights are initialized
   as libtorch's modules do after torch::manual_seed(seed), and the model's own generator (dropout) starts from seed:
   models never share random state, so trainings running side by side stay reproducible. */
int mlcnn_model_create(const char* spec, int device, uint64_t seed, mlcnn_model** out) MLCNN_NOEXCEPT;
/* Restarts the model's own generator (dropout masks) from seed. */
int mlcnn_model_seed(mlcnn_model* m, uint64_t seed) MLCNN_NOEXCEPT;
/* CPU threads of the model's forward passes, predictions and training steps, set for the calling thread during each
   call and restored after it; 0 (the default) uses the calling thread's libtorch setting (mlcnn_device_set_threads). */
int mlcnn_model_set_threads(mlcnn_model* m, int threads) MLCNN_NOEXCEPT;
int mlcnn_model_free(mlcnn_model* m) MLCNN_NOEXCEPT;
int mlcnn_model_device(const mlcnn_model* m, int* out) MLCNN_NOEXCEPT;
/* Input preprocessing applied to uint8 batches: x * scale, then (x - mean[c]) / std[c]. */
int mlcnn_model_set_input(mlcnn_model* m, float scale, const float* mean, const float* std, int channels) MLCNN_NOEXCEPT;
/* Precision of the model's training steps (MLCNN_PRECISION_*): the forward pass runs under autocast, the loss in
   float32; weights, gradients and optimizer state stay float32. Predictions stay float32. Default MLCNN_PRECISION_FP32. */
int mlcnn_model_set_precision(mlcnn_model* m, int precision) MLCNN_NOEXCEPT;
int mlcnn_model_forward(mlcnn_model* m, const mlcnn_tensor* x, int train, mlcnn_tensor** out) MLCNN_NOEXCEPT;
/* Outputs mapped by head (MLCNN_HEAD_*) for a uint8 NCHW batch, evaluation mode, no autograd.
   out has n * outputs floats. */
int mlcnn_model_predict_u8(mlcnn_model* m, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w,
                           int head, float* out, int64_t out_count) MLCNN_NOEXCEPT;
int mlcnn_model_param_count(const mlcnn_model* m, int64_t* trainable, int64_t* buffers) MLCNN_NOEXCEPT;
/* Named state: parameters then buffers, in registration order. Names stay valid until the model is freed. */
int mlcnn_model_state_count(const mlcnn_model* m, int* out) MLCNN_NOEXCEPT;
int mlcnn_model_state_name(const mlcnn_model* m, int index, const char** out) MLCNN_NOEXCEPT;
int mlcnn_model_state_get(const mlcnn_model* m, const char* name, mlcnn_tensor** out) MLCNN_NOEXCEPT;
int mlcnn_model_state_set(mlcnn_model* m, const char* name, const mlcnn_tensor* value) MLCNN_NOEXCEPT;

/* ---- loss (loss.cpp, loss_terms.cpp) ---- */
/* spec: one loss per line, "kind key=value ...", several lines = a weighted sum (key scale, default 1) of the reduced
   terms. Kinds: ce (smoothing), focal (gamma, alpha: one value or one per class), hinge (p 1|2, margin), bce (smoothing,
   pos_weight: one value or one per output), sigmoid_focal (gamma, alpha; < 0 disables), binary_hinge (margin),
   mse, mae, huber (delta), smoothl1 (beta), triplet (margin, p, swap; batch-hard mining on L2-normalized outputs).
   class_weights (may be NULL with count 0): one per class for ce, focal, hinge and triplet (PyTorch's `weight`);
   [negative, positive] for single-output binary losses; one per output for multi-output element-wise losses.
   reduction: MLCNN_REDUCTION_*. */
int mlcnn_loss_create(const char* spec, const float* class_weights, int64_t class_weight_count, int reduction,
                      mlcnn_loss** out) MLCNN_NOEXCEPT;
int mlcnn_loss_free(mlcnn_loss* l) MLCNN_NOEXCEPT;
/* The loss of outputs [n, k] against a row-major float target [n, target_columns] (class indices as floats in one column,
   or soft / binary / regression targets, one per output) with optional example weights (n floats, may be NULL).
   out_grad (may be NULL) receives d loss / d output, a new tensor [n, k]. */
int mlcnn_loss_compute(const mlcnn_loss* l, const mlcnn_tensor* output, const float* target, int64_t target_columns,
                       const float* weights, float* out_loss, mlcnn_tensor** out_grad) MLCNN_NOEXCEPT;

/* ---- optim (optim.cpp) ---- */
/* spec: one line "kind key=value ...": sgd (lr, momentum, dampening, nesterov, weight_decay), adam / adamw (lr, beta1,
   beta2, eps, weight_decay (adamw: decoupled, default 0.01), amsgrad), adagrad (lr, lr_decay, weight_decay,
   initial_accumulator, eps), rmsprop (lr, alpha, eps, weight_decay, momentum, centered); PyTorch's defaults. Every kind
   also takes l1 (lambda of lambda*sum|w| added to the loss by the training step), l1_all (1: all parameters; default
   weights only, i.e. parameters of rank > 1), clip_value and clip_norm (gradient clipping by value, then by global norm,
   between backward and step; 0 = off). */
int mlcnn_optim_create(mlcnn_model* m, const char* spec, mlcnn_optim** out) MLCNN_NOEXCEPT;
int mlcnn_optim_set_lr(mlcnn_optim* o, double lr) MLCNN_NOEXCEPT;
/* The float16 dynamic loss scale (0 before the model's first float16 step). */
int mlcnn_optim_loss_scale(const mlcnn_optim* o, double* out) MLCNN_NOEXCEPT;
/* The optimizer state as bytes: *size receives the length; out (may be NULL) of capacity bytes receives the bytes. */
int mlcnn_optim_save(const mlcnn_optim* o, uint8_t* out, int64_t capacity, int64_t* size) MLCNN_NOEXCEPT;
int mlcnn_optim_load(mlcnn_optim* o, const uint8_t* data, int64_t size) MLCNN_NOEXCEPT;
int mlcnn_optim_free(mlcnn_optim* o) MLCNN_NOEXCEPT;

/* ---- train (train.cpp) ---- */
/* One training step on a uint8 NCHW batch: scale, the augmentation plan (may be NULL; it may mix the targets), normalize,
   forward, loss (target and weights as mlcnn_loss_compute) plus the optimizer's L1 term, backward, the optimizer's
   clipping, step. Writes the batch loss and, when out_output is not NULL, the raw outputs (n * k floats).
   A non-finite loss fails the call before backward: the weights are left as they were. A batch whose weights are all
   zero takes no optimizer step. */
int mlcnn_train_step_u8(mlcnn_model* m, mlcnn_optim* o, const mlcnn_loss* l, const mlcnn_augment* aug, const uint8_t* x,
                        int64_t n, int64_t c, int64_t h, int64_t w, const float* target, int64_t target_columns,
                        const float* weights, float* out_loss, float* out_output, int64_t out_output_count) MLCNN_NOEXCEPT;

/* ---- io (io.cpp): image decoding, resizing and PNG writing with stb_image (Debian libstb-dev) ---- */
#define MLCNN_RESIZE_BILINEAR 0
#define MLCNN_RESIZE_NEAREST 1
#define MLCNN_RESIZE_CROP 2 /* bilinear resize of the short side to the target, then a center crop (aspect kept) */
/* 1 when the library was built with stb_image (decoding available), else 0. */
int mlcnn_io_available(int* out) MLCNN_NOEXCEPT;
/* Width, height and channels stored in an encoded image (PNG, JPEG, BMP, GIF), without decoding it. */
int mlcnn_io_info(const uint8_t* data, int64_t size, int* width, int* height, int* channels) MLCNN_NOEXCEPT;
/* Decodes PNG, JPEG, BMP or GIF (first frame) into CHW uint8 with `channels` channels (1 gray, 3 RGB, 4 RGBA; converted
   as stb_image converts), resized to height x width with `resize` (MLCNN_RESIZE_*); height = width = 0 keeps the image's
   size. out holds channels * height * width bytes (out_count); errors name what is wrong (corrupt, truncated, unsupported). */
int mlcnn_io_decode(const uint8_t* data, int64_t size, int channels, int height, int width, int resize, uint8_t* out,
                    int64_t out_count) MLCNN_NOEXCEPT;
/* Encodes a CHW uint8 image (1, 3 or 4 channels) as PNG: writes its length to *size, and the bytes to out when capacity
   holds them (otherwise out is untouched: call again with a buffer of *size bytes). Files are written by the managed
   side's one atomic writer. */
int mlcnn_io_encode_png(const uint8_t* chw, int channels, int height, int width, uint8_t* out, int64_t capacity,
                        int64_t* size) MLCNN_NOEXCEPT;

/* ---- file (file.cpp): file-system facts .NET does not give portably ---- */
#define MLCNN_FILE_MISSING 0   /* nothing at the path (or a component of it is not a folder) */
#define MLCNN_FILE_REGULAR 1
#define MLCNN_FILE_DIRECTORY 2
#define MLCNN_FILE_LINK 3      /* a symbolic link (only when follow_links is 0) */
#define MLCNN_FILE_OTHER 4     /* a device node, FIFO or socket */
/* The kind (MLCNN_FILE_*), device and inode numbers and permission bits (st_mode & 07777) of a path, through stat
   (follow_links = 1) or lstat (0). A missing path is MLCNN_FILE_MISSING with zeros, not an error; a link loop or an
   unreadable folder on the way is an error naming the path. */
int mlcnn_file_stat(const char* path, int follow_links, int* kind, uint64_t* device, uint64_t* inode,
                    int* mode) MLCNN_NOEXCEPT;

/* ---- augment (augment.cpp): per-sample augmentation applied batched on the batch's device ---- */
/* An augmentation plan is a list of ops filled per batch by the managed side (parameters drawn from its seeded RNG).
   Ops run in order on the float batch in [0, 1] (after pixel scaling, before mean/std normalization).
   MLCNN_AUG_AFFINE     k = 6: per sample the 2x3 matrix theta of affine_grid (output -> input, normalized coordinates,
                        align_corners = false); fill: MLCNN_FILL_*, interpolation: MLCNN_INTERP_*, value: the constant fill.
   MLCNN_AUG_COLOR      k = 4: brightness factor, contrast factor, saturation factor, hue shift (in turns, [-0.5, 0.5]);
                        1, 1, 1, 0 is the identity (torchvision's adjust_* semantics; saturation and hue need 3 channels).
   MLCNN_AUG_CHANNEL    k = channels: a value added to each channel (clamped to [0, 1]).
   MLCNN_AUG_ERASE      k = 5: x0, y0, x1, y1 (pixels, half-open; x1 <= x0 means none) and the fill value.
   MLCNN_AUG_MIX        k = 6: partner row, lambda, x0, y0, x1, y1: x = lambda * x + (1 - lambda) * x[partner] when the
                        box is empty (mixup), else the box is pasted from the partner (cutmix); targets (float, one column
                        per output or class) mix with the same lambda (for cutmix: 1 - box area / image area). */
#define MLCNN_AUG_AFFINE 1
#define MLCNN_AUG_COLOR 2
#define MLCNN_AUG_CHANNEL 3
#define MLCNN_AUG_ERASE 4
#define MLCNN_AUG_MIX 5
#define MLCNN_FILL_CONSTANT 0
#define MLCNN_FILL_NEAREST 1
#define MLCNN_FILL_REFLECT 2
#define MLCNN_FILL_WRAP 3
#define MLCNN_INTERP_BILINEAR 0
#define MLCNN_INTERP_NEAREST 1
int mlcnn_augment_create(mlcnn_augment** out) MLCNN_NOEXCEPT;
int mlcnn_augment_free(mlcnn_augment* a) MLCNN_NOEXCEPT;
/* Removes every op (the plan is refilled for the next batch). */
int mlcnn_augment_clear(mlcnn_augment* a) MLCNN_NOEXCEPT;
/* Appends an op with n * k parameters (copied). */
int mlcnn_augment_add(mlcnn_augment* a, int kind, const float* params, int64_t n, int64_t k, int fill, int interpolation,
                      float value) MLCNN_NOEXCEPT;
/* Applies the plan to a uint8 NCHW batch and writes uint8 NCHW (rounded, clamped): previews and tests. targets
   (n * target_columns floats, may be NULL) are mixed in place by MLCNN_AUG_MIX. */
int mlcnn_augment_apply_u8(const mlcnn_augment* a, const uint8_t* x, int64_t n, int64_t c, int64_t h, int64_t w, uint8_t* out,
                           float* targets, int64_t target_columns) MLCNN_NOEXCEPT;

/* ---- distributed (distributed.cpp) ---- */
/* Joins a process group of `world` ranks as `rank` through a TCP store at host:port (rank 0 serves it; every rank must
   join within timeout_ms, which also bounds every later collective). Fails naming the rank, the address and the likely
   cause (port in use, master unreachable). */
int mlcnn_group_create(int backend, int rank, int world, const char* host, int port, int64_t timeout_ms, mlcnn_group** out) MLCNN_NOEXCEPT;
int mlcnn_group_free(mlcnn_group* g) MLCNN_NOEXCEPT;
/* Rank 0's parameters and buffers copied into every rank's model. */
int mlcnn_group_broadcast_model(mlcnn_group* g, mlcnn_model* m) MLCNN_NOEXCEPT;
/* values[i] replaced by their sum over the ranks. */
int mlcnn_group_allreduce_sum(mlcnn_group* g, double* values, int64_t count) MLCNN_NOEXCEPT;
/* Returns when every rank has called it. */
int mlcnn_group_barrier(mlcnn_group* g) MLCNN_NOEXCEPT;
/* Training steps of the model average its gradients over the group (after backward, before clipping and the step);
   NULL detaches. The model keeps the group alive while attached. */
int mlcnn_model_set_group(mlcnn_model* m, mlcnn_group* g) MLCNN_NOEXCEPT;
/* enabled != 0: while a group is attached, the model's batch norm layers normalize training batches with the mean and
   variance over every rank's batch (synchronized batch norm); 0 (the default): each rank's own batch. */
int mlcnn_model_set_sync_batchnorm(mlcnn_model* m, int enabled) MLCNN_NOEXCEPT;
/* Seconds the training steps of attached models have spent averaging gradients (waiting for other ranks included). */
int mlcnn_group_allreduce_seconds(const mlcnn_group* g, double* out) MLCNN_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
