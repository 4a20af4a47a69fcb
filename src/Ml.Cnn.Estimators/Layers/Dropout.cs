using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>Zeroes each value with probability p while training (scaling the rest by 1/(1-p)); the identity at inference.</summary>
public sealed class Dropout : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="probability">Drop probability in [0, 1). Default 0.5.</param>
    public Dropout(double probability = 0.5)
    {
        if (!(probability is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must lie in [0, 1).");
        Probability = probability;
    }

    /// <summary>Drop probability.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public override string TypeName => "Dropout";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes) =>
        new(TypeName, input, 0, 0, string.Create(CultureInfo.InvariantCulture, $"dropout p={Probability:R}"));
}
