// Imbalanced classes on Fashion-MNIST: shirts (class 6) cut to 10%, then four ways to train the same network in an ML.NET
// pipeline, compared by the shirt recall on the full test set (ML.NET's evaluator).
// Run: dotnet run --project examples/Imbalance -c Release [-- DATA_FOLDER [TRAINING_IMAGES]]
//      defaults data/fashion-mnist and the first 20,000 training images (pass e.g. 2000 for a quick try)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Losses;
using Ml.Cnn.Progress;
using Ml.Cnn.Training;

var folder = args.Length > 0 ? args[0] : "data/fashion-mnist";
var take = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var ml = new MLContext(seed: 1);
var test = ml.Data.LoadIdx(folder, "t10k");

// Keep every image of the first `take` except nine shirts in ten: the rows as objects, filtered by their index.
var rows = ml.Data.CreateEnumerable<ImageRow>(ml.Data.TakeRows(ml.Data.LoadIdx(folder, "train"), take), reuseRowObject: false)
    .Where((row, i) => row.Label != "6" || i % 10 == 0).ToList();
var train = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
Console.WriteLine($"{rows.Count} training images, {rows.Count(r => r.Label == "6")} of them shirts");

var runs = new (string Name, bool Weighted, Action<CnnTrainerOptions> Configure)[]
{
    ("cross-entropy", false, _ => { }),
    ("focal loss (gamma 2)", false, o => o.Loss = Loss.Focal(gamma: 2)),
    ("balanced class weights", true, o => { o.ExampleWeightColumnName = "Weight"; o.LossReduction = LossReduction.SumOverBatchSize; }),
    ("balanced sampling", false, o => o.BalancedSampling = true),
};
foreach (var (name, weighted, configure) in runs)
{
    var options = new CnnTrainerOptions { ImageColumnName = "Image", Architecture = Architectures.Basic, Epochs = 3, BatchSize = 64 };
    configure(options);
    var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
    ProgressBar.Attach(trainer, Console.Error);
    var keys = ml.Transforms.Conversion.MapValueToKey("Label");
    var model = weighted
        ? keys.Append(ml.Transforms.ClassWeights(labelColumnName: "Label", outputColumnName: "Weight")).Append(trainer).Fit(train)
        : keys.Append(trainer).Fit(train);
    var scored = model.Transform(test);
    var metrics = ml.MulticlassClassification.Evaluate(scored);
    var shirt = KeyIndex(scored.Schema["Label"], "6");
    Console.WriteLine($"{name,-24} shirt recall {metrics.ConfusionMatrix.PerClassRecall[shirt]:F3}  macro accuracy {metrics.MacroAccuracy:F4}");
    model.LastTransformer.Dispose();
}

// The class index of a label value: its position among the key column's values.
static int KeyIndex(DataViewSchema.Column key, string value)
{
    VBuffer<ReadOnlyMemory<char>> values = default;
    key.GetKeyValues(ref values);
    return values.DenseValues().Select(v => v.ToString()).ToList().IndexOf(value);
}

/// <summary>A row of <c>ml.Data.LoadIdx</c>: the 1×28×28 pixels and the label text.</summary>
internal sealed class ImageRow
{
    /// <summary>The pixels, 0..255.</summary>
    [VectorType(1, 28, 28)]
    public byte[] Image { get; set; } = [];

    /// <summary>The class, "0".."9".</summary>
    public string Label { get; set; } = "";
}
