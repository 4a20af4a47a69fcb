namespace Ml.Cnn.Training;

/// <summary>A reusable batch buffer: uint8 pixels, label keys and optional weights for up to a batch size of images.</summary>
internal sealed class Batch
{
    public Batch(int capacity, ImageShape shape, bool weighted)
    {
        Pixels = new byte[capacity * shape.Size];
        Labels = new long[capacity];
        Weights = weighted ? new float[capacity] : [];
    }

    public byte[] Pixels { get; }

    public long[] Labels { get; }

    public float[] Weights { get; }

    public int Count { get; set; }

    /// <summary>1-based position in the epoch.</summary>
    public int Number { get; set; }
}
