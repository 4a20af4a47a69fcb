using Ml.Cnn.Legacy;
// Imbalanced classes on Fashion-MNIST: shirts (class 6) cut to 10%, then four ways to train the same network, compared by
// the shirt recall on the full test set. Run: dotnet run --project examples/Imbalance -c Release [data/fashion-mnist]
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Losses;
using Ml.Cnn.Progress;
using Ml.Cnn.Training;

var folder = args.Length > 0 ? args[0] : "data/fashion-mnist";
var context = new CnnContext(seed: 1);
var all = context.Data.LoadIdx(folder, "train").Take(20000);
var test = context.Data.LoadIdx(folder, "t10k");
var labels = all.GetColumn<ScalarColumn<string>>("Label").Values;
var train = all.Select(Enumerable.Range(0, all.RowCount).Where(i => labels[i] != "6" || i % 10 == 0).ToArray());
Console.WriteLine($"{train.RowCount} training images, {train.GetColumn<ScalarColumn<string>>("Label").Values.Count(l => l == "6")} of them shirts");

var weighted = context.Transforms.ClassWeights().Fit(train).Transform(train);
var runs = new (string Name, DataView Data, Action<CnnTrainerOptions> Configure)[]
{
    ("cross-entropy", train, _ => { }),
    ("focal loss (gamma 2)", train, o => o.Loss = Loss.Focal(gamma: 2)),
    ("balanced class weights", weighted, o => { o.ExampleWeightColumnName = "Weight"; o.LossReduction = LossReduction.SumOverBatchSize; }),
    ("balanced sampling", train, o => o.BalancedSampling = true),
};
foreach (var (name, data, configure) in runs)
{
    var options = new CnnTrainerOptions { Architecture = Architectures.Basic, Epochs = 3, BatchSize = 64 };
    configure(options);
    var trainer = context.MulticlassClassification.Trainers.Cnn(options);
    ProgressBar.Attach(trainer, Console.Error);
    using var model = trainer.Fit(data);
    var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
    var shirt = metrics.ConfusionMatrix.Labels.ToList().IndexOf("6");
    Console.WriteLine($"{name,-24} shirt recall {metrics.PerClassRecall[shirt]:F3}  macro accuracy {metrics.MacroAccuracy:F4}");
}
