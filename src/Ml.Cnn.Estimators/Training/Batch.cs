namespace Ml.Cnn.Training;

/// <summary>A reusable batch buffer: uint8 pixels, float targets and optional weights for up to a batch size of images.</summary>
internal sealed class Batch
{
    public Batch(int capacity, ImageShape shape, int targetColumns, bool weighted)
    {
        Pixels = new byte[capacity * shape.Size];
        Targets = new float[capacity * targetColumns];
        Weights = weighted ? new float[capacity] : [];
    }

    public byte[] Pixels { get; }

    public float[] Targets { get; }

    public float[] Weights { get; }

    public int Count { get; set; }

    /// <summary>1-based position in the epoch.</summary>
    public int Number { get; set; }
}
