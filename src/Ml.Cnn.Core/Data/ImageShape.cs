namespace Ml.Cnn;

/// <summary>The shape of one image: channels, height and width (CHW, as libtorch stores it).</summary>
/// <param name="Channels">Number of channels: 1 for grayscale, 3 for RGB.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Number of bytes (pixels times channels) of one image.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Throws <see cref="ArgumentException"/> unless every dimension is positive.</summary>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
            throw new ArgumentException($"Image shape {this} must have positive channels, height and width.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
