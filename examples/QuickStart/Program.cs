using Microsoft.ML;
using Ml.Cnn;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

// The README's C# quick start: Fashion-MNIST from data/fashion-mnist (bash scripts/fetch-fashion-mnist.sh), the basic CNN
// appended to an ML.NET pipeline, ML.NET's evaluator, and the model saved as an ML.NET zip.
var ml = new MLContext(seed: 1);
var train = ml.Data.LoadIdx("data/fashion-mnist", "train");
var test = ml.Data.LoadIdx("data/fashion-mnist", "t10k");
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
    {
        ImageColumnName = "Image", Architecture = Architectures.Basic, Epochs = 5, Progress = Console.Out,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var model = pipeline.Fit(train);
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy:F4}\n{metrics.ConfusionMatrix.GetFormattedConfusionTable()}");
ml.Model.Save(model, train.Schema, "fashion-mnist.zip");
