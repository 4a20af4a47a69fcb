using System.Runtime.InteropServices;
using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>
/// A libtorch network built from a layer spec (one layer per line, as written by the layer builder in Ml.Cnn.Estimators).
/// Input batches are uint8 NCHW pixels; the network applies its input preprocessing (scale, then per-channel mean/std).
/// </summary>
public sealed unsafe class Network : IDisposable
{
    private TrainingPrecision _precision = TrainingPrecision.Float32;
    private int? _threads;
    private ProcessGroup? _group;
    private bool _syncBatchNorm;

    private Network(ModelHandle handle) => Handle = handle;

    internal ModelHandle Handle { get; }

    /// <summary>
    /// Builds a network with libtorch's default initialization drawn from <paramref name="seed"/>. Each network has its
    /// own random generator (weight initialization, dropout masks), so networks built or trained side by side on other
    /// threads never change each other's numbers.
    /// </summary>
    /// <param name="spec">The layer spec.</param>
    /// <param name="device">Cpu or Cuda (resolve Auto with <see cref="Torch.Resolve"/> first).</param>
    /// <param name="seed">Seed of the initial weights and of the network's generator. Default 0.</param>
    public static Network Create(string spec, ComputeDevice device, ulong seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var code = Torch.Resolve(device) == ComputeDevice.Cuda ? 1 : 0;
        NativeCheck.Check(NativeMethods.ModelCreate(spec, code, seed, out var handle), "building the network");
        return new Network(handle);
    }

    /// <summary>Restarts the network's own random generator (dropout masks) from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    public void Seed(ulong seed) => NativeCheck.Check(NativeMethods.ModelSeed(Handle, seed), "seeding the network");

    /// <summary>
    /// CPU threads of this network's forward passes, predictions and training steps, applied during each call on the
    /// calling thread only and restored after it.
    /// </summary>
    /// <value>Default null: the calling thread's <see cref="Torch.Threads"/>. At least 1 when set.</value>
    public int? Threads
    {
        get => _threads;
        set
        {
            if (value is < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "A network needs at least 1 CPU thread.");
            NativeCheck.Check(NativeMethods.ModelSetThreads(Handle, value ?? 0), "setting the network's CPU threads");
            _threads = value;
        }
    }

    /// <summary>
    /// The process group whose ranks this network trains with: each training step then averages the gradients over the
    /// ranks before clipping and the optimizer step (every rank must step together). Null trains alone.
    /// </summary>
    /// <value>Default null.</value>
    public ProcessGroup? Group
    {
        get => _group;
        set
        {
            // The native model shares the group's state, so it stays alive while attached even if the group is disposed.
            NativeCheck.Check(NativeMethods.ModelSetGroup(Handle, value?.Handle.DangerousGetHandle() ?? IntPtr.Zero), "attaching the process group");
            GC.KeepAlive(value);
            _group = value;
        }
    }

    /// <summary>
    /// Whether, while <see cref="Group"/> is set, the batch norm layers normalize each training batch with the mean and
    /// variance over every rank's batch (synchronized batch norm, as PyTorch's SyncBatchNorm: one all-reduce per layer
    /// forward and backward, running statistics from the whole batch) instead of the rank's own. Evaluation always uses
    /// the running statistics. A training forward then is collective too: every rank must run it.
    /// </summary>
    /// <value>Default false.</value>
    public bool SyncBatchNorm
    {
        get => _syncBatchNorm;
        set
        {
            NativeCheck.Check(NativeMethods.ModelSetSyncBatchNorm(Handle, value ? 1 : 0), "setting synchronized batch norm");
            _syncBatchNorm = value;
        }
    }

    /// <summary>The device holding the weights.</summary>
    public ComputeDevice Device
    {
        get
        {
            NativeCheck.Check(NativeMethods.ModelDevice(Handle, out var code), "reading the network device");
            return code == 1 ? ComputeDevice.Cuda : ComputeDevice.Cpu;
        }
    }

    /// <summary>The arithmetic of <see cref="TrainStep(Optimizer, LossFunction, ReadOnlySpan{byte}, int, ImageShape, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Span{float})"/>.</summary>
    /// <value>Default <see cref="TrainingPrecision.Float32"/>. <see cref="TrainingPrecision.Float16"/> needs a CUDA network.</value>
    public TrainingPrecision Precision
    {
        get => _precision;
        set
        {
            if (!Enum.IsDefined(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown training precision.");
            NativeCheck.Check(NativeMethods.ModelSetPrecision(Handle, (int)value), "setting the training precision");
            _precision = value;
        }
    }

    /// <summary>Sets input preprocessing: <c>x * scale</c>, then <c>(x - mean[c]) / std[c]</c> when mean and std are given.</summary>
    /// <param name="scale">Pixel scale, e.g. 1/255.</param>
    /// <param name="mean">Per-channel means (empty for none).</param>
    /// <param name="std">Per-channel standard deviations (same length as <paramref name="mean"/>).</param>
    public void SetInputPreprocessing(float scale, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length != std.Length) throw new ArgumentException($"{mean.Length} means but {std.Length} standard deviations.");
        fixed (float* m = mean)
        fixed (float* s = std)
            NativeCheck.Check(NativeMethods.ModelSetInput(Handle, scale, m, s, mean.Length), "setting input preprocessing");
    }

    /// <summary>Forward pass of a float tensor without autograd (preprocessing is not applied).</summary>
    /// <param name="input">An NCHW float tensor.</param>
    /// <param name="training">Training mode (batch statistics, dropout) when true; evaluation mode otherwise.</param>
    public Tensor Forward(Tensor input, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        NativeCheck.Check(NativeMethods.ModelForward(Handle, input.Handle, training ? 1 : 0, out var output), "forward pass");
        return new Tensor(output);
    }

    /// <summary>The outputs of a uint8 NCHW batch in evaluation mode, mapped by <paramref name="head"/>, written row-major into <paramref name="outputs"/>.</summary>
    /// <param name="pixels">n images of <paramref name="shape"/>.</param>
    /// <param name="count">Number of images.</param>
    /// <param name="shape">Image shape.</param>
    /// <param name="head">The output activation (softmax for class probabilities).</param>
    /// <param name="outputs">count × outputs floats.</param>
    public void Predict(ReadOnlySpan<byte> pixels, int count, ImageShape shape, OutputHead head, Span<float> outputs)
    {
        CheckBatch(pixels, count, shape);
        fixed (byte* x = pixels)
        fixed (float* p = outputs)
            NativeCheck.Check(NativeMethods.ModelPredictU8(Handle, x, count, shape.Channels, shape.Height, shape.Width, (int)head, p,
                outputs.Length), "prediction");
    }

    /// <summary>
    /// One training step (preprocess, forward, loss, backward, optimizer step) in a single native call. A non-finite loss
    /// throws <see cref="CnnNativeException"/> before the step, leaving the weights unchanged.
    /// </summary>
    /// <param name="optimizer">The optimizer bound to this network.</param>
    /// <param name="loss">The loss function.</param>
    /// <param name="pixels">n images of <paramref name="shape"/>.</param>
    /// <param name="count">Number of images.</param>
    /// <param name="shape">Image shape.</param>
    /// <param name="target">count × <paramref name="targetColumns"/> targets, row-major (class indices as floats, or one value per output).</param>
    /// <param name="targetColumns">Target values per image.</param>
    /// <param name="weights">count example weights, or empty for none.</param>
    /// <param name="outputs">Receives the raw outputs (count × outputs), or empty to skip.</param>
    /// <returns>The batch loss.</returns>
    public float TrainStep(Optimizer optimizer, LossFunction loss, ReadOnlySpan<byte> pixels, int count, ImageShape shape,
        ReadOnlySpan<float> target, int targetColumns, ReadOnlySpan<float> weights, Span<float> outputs) =>
        TrainStep(optimizer, loss, null, pixels, count, shape, target, targetColumns, weights, outputs);

    /// <summary>
    /// One training step with an augmentation plan applied to the scaled batch before normalization (see
    /// <see cref="AugmentationPlan"/>); mixing ops also mix the targets, which must then hold one column per output.
    /// </summary>
    /// <param name="optimizer">The optimizer bound to this network.</param>
    /// <param name="loss">The loss function.</param>
    /// <param name="augmentation">The plan for this batch, or null for none.</param>
    /// <param name="pixels">n images of <paramref name="shape"/>.</param>
    /// <param name="count">Number of images.</param>
    /// <param name="shape">Image shape.</param>
    /// <param name="target">count × <paramref name="targetColumns"/> targets, row-major.</param>
    /// <param name="targetColumns">Target values per image.</param>
    /// <param name="weights">count example weights, or empty for none.</param>
    /// <param name="outputs">Receives the raw outputs (count × outputs), or empty to skip.</param>
    /// <returns>The batch loss.</returns>
    public float TrainStep(Optimizer optimizer, LossFunction loss, AugmentationPlan? augmentation, ReadOnlySpan<byte> pixels, int count,
        ImageShape shape, ReadOnlySpan<float> target, int targetColumns, ReadOnlySpan<float> weights, Span<float> outputs)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        CheckBatch(pixels, count, shape);
        if (targetColumns < 1 || target.Length < (long)count * targetColumns)
            throw new ArgumentException($"{target.Length} target values for {count} images × {targetColumns} column(s).", nameof(target));
        if (!weights.IsEmpty && weights.Length < count) throw new ArgumentException($"{weights.Length} weights for {count} images.", nameof(weights));
        fixed (byte* x = pixels)
        fixed (float* y = target)
        fixed (float* w = weights)
        fixed (float* o = outputs)
        {
            float value;
            var status = augmentation is null || augmentation.Count == 0
                ? NativeMethods.TrainStepU8(Handle, optimizer.Handle, loss.Handle, IntPtr.Zero, x, count, shape.Channels, shape.Height,
                    shape.Width, y, targetColumns, weights.IsEmpty ? null : w, out value, outputs.IsEmpty ? null : o, outputs.Length)
                : NativeMethods.TrainStepU8Augmented(Handle, optimizer.Handle, loss.Handle, augmentation.Handle, x, count, shape.Channels,
                    shape.Height, shape.Width, y, targetColumns, weights.IsEmpty ? null : w, out value, outputs.IsEmpty ? null : o, outputs.Length);
            NativeCheck.Check(status, "training step");
            return value;
        }
    }

    /// <summary>Parameter counts: trainable values and buffer values (BatchNorm running statistics).</summary>
    public (long Trainable, long NonTrainable) ParameterCounts
    {
        get
        {
            NativeCheck.Check(NativeMethods.ModelParamCount(Handle, out var trainable, out var buffers), "counting parameters");
            return (trainable, buffers);
        }
    }

    /// <summary>Names of all parameters then buffers, in registration order (PyTorch's state_dict names).</summary>
    public IReadOnlyList<string> StateNames
    {
        get
        {
            NativeCheck.Check(NativeMethods.ModelStateCount(Handle, out var count), "counting state tensors");
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                NativeCheck.Check(NativeMethods.ModelStateName(Handle, i, out var name), "reading a state name");
                names[i] = Marshal.PtrToStringUTF8((IntPtr)name)!;
            }
            return names;
        }
    }

    /// <summary>A CPU float copy of a named parameter or buffer.</summary>
    /// <param name="name">The state name, e.g. <c>0.weight</c>.</param>
    public Tensor GetState(string name)
    {
        NativeCheck.Check(NativeMethods.ModelStateGet(Handle, name, out var value), $"reading state '{name}'");
        return new Tensor(value);
    }

    /// <summary>Copies <paramref name="value"/> into a named parameter or buffer; shapes must match.</summary>
    /// <param name="name">The state name.</param>
    /// <param name="value">The new value.</param>
    public void SetState(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        NativeCheck.Check(NativeMethods.ModelStateSet(Handle, name, value.Handle), $"writing state '{name}'");
    }

    /// <summary>Frees the native network.</summary>
    public void Dispose() => Handle.Dispose();

    private static void CheckBatch(ReadOnlySpan<byte> pixels, int count, ImageShape shape)
    {
        shape.Validate();
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A batch needs at least one image.");
        if (pixels.Length < (long)count * shape.Size)
            throw new ArgumentException($"{pixels.Length} bytes cannot hold {count} images of {shape}.", nameof(pixels));
    }
}
