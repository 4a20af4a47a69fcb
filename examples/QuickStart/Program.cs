using Ml.Cnn.Legacy;
using Ml.Cnn;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

var context = new CnnContext(seed: 1);
var train = context.Data.LoadIdx("data/fashion-mnist", "train");
var test = context.Data.LoadIdx("data/fashion-mnist", "t10k");
var trainer = context.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
{
    Architecture = Architectures.Basic, Epochs = 5, Progress = Console.Out,
});
using var model = trainer.Fit(train);
var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy:F4}\n{metrics.ConfusionMatrix.GetFormattedConfusionTable()}");
model.Save("fashion-mnist.mlcnn");
