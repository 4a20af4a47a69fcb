namespace Ml.Cnn.Transforms;

/// <summary>One class of a fitted <see cref="ClassWeightMap"/>.</summary>
/// <param name="Name">The class name (see <see cref="ClassLabelKind"/>).</param>
/// <param name="Index">The key number of a key class, 0 or 1 for <c>false</c> or <c>true</c>, 0 for text.</param>
/// <param name="Weight">The weight of the class's rows.</param>
internal readonly record struct WeightedClass(string Name, ulong Index, float Weight);
