namespace Ml.Cnn.Layers;

/// <summary>
/// One layer of a network definition. Layers are written without their input size (as in Keras): the trainer
/// resolves every layer against the shape coming out of the previous one, starting from the data's image shape.
/// </summary>
public abstract class Layer
{
    /// <summary>The layer type, e.g. <c>Conv2d</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Resolves the layer for an input shape: its output shape, parameter counts and native spec line.</summary>
    /// <param name="input">The shape coming in.</param>
    /// <param name="classes">The number of classes (used by an output <see cref="Dense"/> layer without units).</param>
    public abstract ResolvedLayer Resolve(FeatureShape input, int classes);

    /// <summary>Throws when the input is not C×H×W feature maps.</summary>
    /// <param name="input">The shape coming in.</param>
    protected void RequireMaps(FeatureShape input)
    {
        if (input.IsFlat)
            throw new ArgumentException($"{TypeName} needs C×H×W feature maps but gets the flat shape {input}; move it before Flatten/GlobalAveragePool.");
    }

    /// <summary>Output size of a convolution or pooling window along one axis (PyTorch's formula).</summary>
    /// <param name="size">Input size.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on each side.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="input">The input shape, for the error message.</param>
    protected int WindowOutput(int size, int kernel, int stride, int padding, int dilation, FeatureShape input)
    {
        var output = (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        if (output <= 0 || size + 2 * padding < dilation * (kernel - 1) + 1)
            throw new ArgumentException(
                $"{TypeName} (kernel {kernel}, stride {stride}, padding {padding}) does not fit its input {input}: the output would be empty. Use a larger image or fewer downsampling layers.");
        return output;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is at least <paramref name="minimum"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="minimum">Smallest allowed value.</param>
    /// <param name="name">The parameter name.</param>
    protected static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
}

/// <summary>A layer resolved against its input: what Summary() prints and what the native side builds.</summary>
/// <param name="TypeName">The layer type.</param>
/// <param name="Output">Output shape.</param>
/// <param name="TrainableParameters">Trainable parameter values.</param>
/// <param name="NonTrainableParameters">Buffer values (BatchNorm running mean and variance).</param>
/// <param name="Spec">The native spec line.</param>
public sealed record ResolvedLayer(string TypeName, FeatureShape Output, long TrainableParameters, long NonTrainableParameters, string Spec);
