using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms.Tests.Balancing;

/// <summary>An input row of the ClassWeights workout: a text label, a Boolean label, a number and two features.</summary>
public sealed class ClassWeightsRow
{
    public string Label { get; set; } = "";

    public bool Flag { get; set; }

    public float Number { get; set; }

    [VectorType(2)]
    public float[] Features { get; set; } = [0, 0];

    /// <summary>Rows with these text labels; Flag is true for "b", Number is the row index, Features place each class apart.</summary>
    public static ClassWeightsRow[] Of(params string[] labels) =>
    [
        .. labels.Select((label, i) => new ClassWeightsRow
        {
            Label = label, Flag = label == "b", Number = i,
            Features = label switch
            {
                "a" => [1 + 0.1f * (i % 3), 0],
                "b" => [0, 1 + 0.1f * (i % 2)],
                _ => [-1, -1 - 0.1f * (i % 4)],
            },
        }),
    ];
}
