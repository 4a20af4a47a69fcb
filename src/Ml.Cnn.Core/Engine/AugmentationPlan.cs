using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>
/// A list of augmentation ops with per-sample parameters, applied batched by libtorch on the batch's device. The managed
/// side draws the parameters (from its seeded random generator), fills the plan for a batch, applies it, and clears it for
/// the next batch. Ops run in the order they were added on the batch as floats in [0, 1] (pixels / 255), before mean/std
/// normalization. Each <c>Add*</c> takes one row of parameters per image of the batch the plan is applied to.
/// </summary>
/// <remarks>
/// Coordinates of affine ops are normalized: x runs from -1 (left edge of the left column) to 1 (right edge of the right
/// column), y from -1 (top edge) to 1 (bottom edge), as PyTorch's <c>affine_grid</c> with <c>align_corners = false</c>.
/// </remarks>
public sealed unsafe class AugmentationPlan : IDisposable
{
    private const int KindAffine = 1;
    private const int KindColor = 2;
    private const int KindChannel = 3;
    private const int KindErase = 4;
    private const int KindMix = 5;

    /// <summary>Creates an empty plan (the identity).</summary>
    public AugmentationPlan()
    {
        NativeCheck.Check(NativeMethods.AugmentCreate(out var handle), "creating the augmentation plan");
        Handle = handle;
    }

    /// <summary>The number of ops added since the plan was created or last cleared.</summary>
    public int Count { get; private set; }

    internal AugmentHandle Handle { get; }

    /// <summary>
    /// Adds an affine warp: per image the 2×3 matrix theta = [a, b, tx; c, d, ty] that maps each output pixel's normalized
    /// coordinates (x, y) to the input point (a·x + b·y + tx, c·x + d·y + ty) it is read from (PyTorch's
    /// <c>affine_grid</c> + <c>grid_sample</c>, <c>align_corners = false</c>).
    /// </summary>
    /// <remarks>
    /// Because theta maps output to input, it is the inverse of the motion seen in the picture:
    /// <list type="bullet">
    /// <item>identity: [1, 0, 0; 0, 1, 0];</item>
    /// <item>horizontal flip: [-1, 0, 0; 0, 1, 0]; vertical flip: [1, 0, 0; 0, -1, 0];</item>
    /// <item>rotation: [cos t, -sin t, 0; sin t, cos t, 0] turns the content counter-clockwise by t on screen (row 0 at
    /// the top), so t = 90° equals numpy's <c>rot90</c>; on a non-square image scale the off-diagonal terms by the aspect
    /// ratio (b by H/W, c by W/H) to keep it a rigid rotation;</item>
    /// <item>shift: tx = -2k / W moves the content k pixels right, ty = -2k / H moves it k pixels down;</item>
    /// <item>zoom: a = d = s &lt; 1 enlarges the content by 1/s about the center, s &gt; 1 shrinks it.</item>
    /// </list>
    /// </remarks>
    /// <param name="thetas">rows × 6 values, theta row-major (a, b, tx, c, d, ty) per image.</param>
    /// <param name="rows">Images in the batch.</param>
    /// <param name="fill">What outside pixels become.</param>
    /// <param name="interpolation">How the input is read between pixel centers.</param>
    /// <param name="fillValue">The value (in [0, 1]) of outside pixels with <see cref="FillMode.Constant"/>.</param>
    public void AddAffine(ReadOnlySpan<float> thetas, int rows, FillMode fill, Interpolation interpolation, float fillValue) =>
        Add(KindAffine, thetas, nameof(thetas), rows, 6, "an affine op", (int)fill, (int)interpolation, fillValue);

    /// <summary>
    /// Adds color jitter with torchvision's <c>adjust_*</c> semantics, in this order, clamping to [0, 1] after each:
    /// brightness x·b; contrast: blend c·x + (1 - c)·m with m the mean of the image's grayscale; saturation: blend with the
    /// grayscale image by s; hue: shift the HSV hue by h turns (0.5 turns red into cyan). Grayscale is
    /// 0.299 R + 0.587 G + 0.114 B. (1, 1, 1, 0) is the identity.
    /// </summary>
    /// <param name="factors">rows × 4 values per image: brightness, contrast, saturation, hue shift in [-0.5, 0.5].</param>
    /// <param name="rows">Images in the batch.</param>
    /// <remarks>Needs 1 or 3 channels; on 1-channel images saturation must be 1 and hue 0.</remarks>
    public void AddColor(ReadOnlySpan<float> factors, int rows) => Add(KindColor, factors, nameof(factors), rows, 4, "a color op", 0, 0, 0f);

    /// <summary>Adds a per-channel shift: each channel gets its value added, then the result is clamped to [0, 1].</summary>
    /// <param name="shifts">rows × <paramref name="channels"/> values (on the [0, 1] pixel scale).</param>
    /// <param name="rows">Images in the batch.</param>
    /// <param name="channels">The image's channel count.</param>
    public void AddChannelShift(ReadOnlySpan<float> shifts, int rows, int channels)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "A channel shift needs at least one channel.");
        Add(KindChannel, shifts, nameof(shifts), rows, channels, "a channel shift", 0, 0, 0f);
    }

    /// <summary>
    /// Adds random erasing: per image the half-open pixel box [x0, x1) × [y0, y1) is filled with a value (on every channel);
    /// pixel (column i, row j) is inside when x0 ≤ i &lt; x1 and y0 ≤ j &lt; y1. x1 ≤ x0 or y1 ≤ y0 erases nothing.
    /// </summary>
    /// <param name="boxes">rows × 5 values per image: x0, y0, x1, y1 (pixels) and the fill value (in [0, 1]).</param>
    /// <param name="rows">Images in the batch.</param>
    public void AddErase(ReadOnlySpan<float> boxes, int rows) => Add(KindErase, boxes, nameof(boxes), rows, 5, "an erase op", 0, 0, 0f);

    /// <summary>
    /// Adds mixup / cutmix between images of the batch (read as they were before this op). Per image i with partner j and
    /// lambda: an empty box (x1 ≤ x0 or y1 ≤ y0) gives mixup, x_i = lambda·x_i + (1 - lambda)·x_j; otherwise cutmix pastes
    /// the half-open box [x0, x1) × [y0, y1) from x_j and lambda becomes 1 - (pixels in the box) / (H·W). Targets, when
    /// given to <see cref="Apply"/>, mix with that lambda: t_i = lambda·t_i + (1 - lambda)·t_j.
    /// </summary>
    /// <param name="mix">rows × 6 values per image: partner row, lambda in [0, 1], x0, y0, x1, y1 (pixels).</param>
    /// <param name="rows">Images in the batch.</param>
    public void AddMix(ReadOnlySpan<float> mix, int rows) => Add(KindMix, mix, nameof(mix), rows, 6, "a mix op", 0, 0, 0f);

    /// <summary>Removes every op, so the plan can be filled for the next batch.</summary>
    public void Clear()
    {
        NativeCheck.Check(NativeMethods.AugmentClear(Handle), "clearing the augmentation plan");
        Count = 0;
    }

    /// <summary>
    /// Applies the plan to a batch of uint8 images (NCHW, row-major) and writes the result rounded and clamped to uint8:
    /// for previews and tests (training applies the plan to the batch on the device). An empty plan copies the input.
    /// </summary>
    /// <param name="pixels"><paramref name="count"/> images of <paramref name="shape"/>.</param>
    /// <param name="count">Images in the batch; every op must hold this many rows.</param>
    /// <param name="shape">The shape of one image.</param>
    /// <param name="output">Receives the augmented images (same length as <paramref name="pixels"/>).</param>
    /// <param name="targets">Optional targets, <paramref name="count"/> × <paramref name="targetColumns"/>, mixed in place by mix ops.</param>
    /// <param name="targetColumns">Target values per image (required when <paramref name="targets"/> is not empty).</param>
    /// <exception cref="CnnNativeException">An op's parameters do not fit the batch; the message names the op.</exception>
    public void Apply(ReadOnlySpan<byte> pixels, int count, ImageShape shape, Span<byte> output, Span<float> targets = default,
        int targetColumns = 0)
    {
        shape.Validate();
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A batch holds at least one image.");
        var size = (long)count * shape.Size;
        if (pixels.Length != size) throw new ArgumentException($"{pixels.Length} pixels for {count} image(s) of {shape}.", nameof(pixels));
        if (output.Length != size) throw new ArgumentException($"{output.Length} output bytes for {count} image(s) of {shape}.", nameof(output));
        if (!targets.IsEmpty && (targetColumns < 1 || targets.Length != (long)count * targetColumns))
            throw new ArgumentException($"{targets.Length} target values for {count} image(s) × {targetColumns} column(s).", nameof(targets));
        fixed (byte* x = pixels)
        fixed (byte* y = output)
        fixed (float* t = targets)
        {
            NativeCheck.Check(NativeMethods.AugmentApplyU8(Handle, x, count, shape.Channels, shape.Height, shape.Width, y,
                targets.IsEmpty ? null : t, targets.IsEmpty ? 0 : targetColumns), "applying the augmentation plan");
        }
    }

    /// <summary>Frees the native plan.</summary>
    public void Dispose() => Handle.Dispose();

    private void Add(int kind, ReadOnlySpan<float> values, string parameter, int rows, int columns, string what, int fill,
        int interpolation, float value)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"{what} needs at least one row.");
        if (values.Length != (long)rows * columns)
            throw new ArgumentException($"{values.Length} values for {what} of {rows} row(s) × {columns}.", parameter);
        fixed (float* p = values)
        {
            NativeCheck.Check(NativeMethods.AugmentAdd(Handle, kind, p, rows, columns, fill, interpolation, value),
                $"adding {what} to the augmentation plan");
        }
        Count++;
    }
}
