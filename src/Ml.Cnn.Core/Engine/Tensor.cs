using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>A float32 libtorch tensor. Dispose it (or let a <c>using</c> do so); the native memory is freed at once.</summary>
public sealed unsafe class Tensor : IDisposable
{
    internal Tensor(TensorHandle handle) => Handle = handle;

    internal TensorHandle Handle { get; }

    /// <summary>Creates a CPU tensor holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Row-major values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions.</param>
    public static Tensor FromArray(ReadOnlySpan<float> values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} values but {values.Length} were given.", nameof(values));
        Span<long> buffer = stackalloc long[Math.Max(1, shape.Length)];
        shape.CopyTo(buffer);
        fixed (float* data = values)
        fixed (long* dims = buffer)
        {
            NativeCheck.Check(NativeMethods.TensorFromF32(data, dims, shape.Length, out var handle), "creating a tensor");
            return new Tensor(handle);
        }
    }

    /// <summary>The dimensions.</summary>
    public long[] Shape
    {
        get
        {
            NativeCheck.Check(NativeMethods.TensorNdim(Handle, out var ndim), "reading a tensor's rank");
            Span<long> buffer = stackalloc long[Math.Max(1, ndim)];
            fixed (long* dims = buffer) NativeCheck.Check(NativeMethods.TensorShape(Handle, dims, buffer.Length), "reading a tensor's shape");
            return buffer[..ndim].ToArray();
        }
    }

    /// <summary>Number of values.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>A copy of the values (moved to the CPU first when needed), row-major.</summary>
    public float[] ToArray()
    {
        var values = new float[Count];
        fixed (float* data = values) NativeCheck.Check(NativeMethods.TensorCopyF32(Handle, data, values.Length), "copying a tensor");
        return values;
    }

    /// <summary>Frees the native tensor.</summary>
    public void Dispose() => Handle.Dispose();
}
