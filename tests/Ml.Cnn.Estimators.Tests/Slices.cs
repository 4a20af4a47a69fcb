using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests;

/// <summary>Fashion-MNIST slices ready for the multiclass CNN trainer, and small, quick options for it.</summary>
internal static class Slices
{
    /// <summary>
    /// The rows as ML.NET data with <c>Label</c> made a key in value order ("0" is key 1), so slices of different rows share
    /// one key mapping and their scores compare slot by slot.
    /// </summary>
    public static IDataView Keyed(MLContext ml, FashionRow[] rows) => Keyed(ml, ml.Data.LoadFromEnumerable(rows));

    /// <summary>The rows with a <c>Weight</c> column of <paramref name="weight"/>(row index), keyed as <see cref="Keyed(MLContext, FashionRow[])"/>.</summary>
    public static IDataView Weighted(MLContext ml, FashionRow[] rows, Func<int, float> weight) =>
        Keyed(ml, ml.Data.LoadFromEnumerable(rows.Select((r, i) => new WeightedRow { Image = r.Image, Label = r.Label, Weight = weight(i) })));

    private static IDataView Keyed(MLContext ml, IDataView view) =>
        ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(view).Transform(view);

    /// <summary>The simple network for 2 epochs of batches of 64 on the CPU, seeded, reading <c>Image</c> and <c>Label</c>.</summary>
    public static CnnTrainerOptions Small(int seed = 7) => new()
    {
        Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64, Seed = seed, Device = ComputeDevice.Cpu, ImageColumnName = "Image",
    };

    /// <summary>The score vectors of the first <paramref name="rows"/> rows.</summary>
    public static float[][] Scores(IDataView scored, int rows = int.MaxValue) => [.. scored.GetColumn<float[]>("Score").Take(rows)];
}
