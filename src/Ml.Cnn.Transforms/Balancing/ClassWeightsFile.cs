using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>The JSON form of a <see cref="ClassWeightsTransformer"/>.</summary>
/// <param name="Format">Always <c>mlcnn-class-weights</c>.</param>
/// <param name="Version">The format version (1).</param>
/// <param name="LabelColumnName">The label column read.</param>
/// <param name="OutputColumnName">The weight column written.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Weights">The weight per label, in ordinal order.</param>
internal sealed record ClassWeightsFile(string Format, int Version, string LabelColumnName, string OutputColumnName, string Method,
    IDictionary<string, float> Weights);
