// A folder of images (one subfolder per class, as Keras' flow_from_directory) in an ML.NET pipeline: load the files, hold
// out a stratified test set, augment (while training only), preview the augmentation, train a ResNet on 64x64 RGB with
// early stopping and a cosine schedule, evaluate with ML.NET's evaluator, save the model as an ML.NET zip and write an
// HTML report.
// Run: dotnet run --project examples/ImageFolder -c Release -- PATH/TO/FOLDER [EPOCHS]   (default 30 epochs)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Progress;
using Ml.Cnn.Reports;
using Ml.Cnn.Schedules;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

if (args.Length is < 1 or > 2 || (args.Length == 2 && !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
{
    Console.Error.WriteLine("usage: ImageFolder PATH/TO/FOLDER [EPOCHS] (one subfolder of images per class; default 30 epochs)");
    return 2;
}
var epochs = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var ml = new MLContext(seed: 1);
var images = ml.Data.LoadImagesFromFolder(args[0], new ImageLoadOptions { SkipUnreadable = true });
Console.WriteLine(images.Summary);
var split = ml.Data.StratifiedTrainTestSplit(images, testFraction: 0.2);

// Augmentations act only while the CNN trains: Transform passes the images through, and they are part of the saved model.
var augmentation = ml.Transforms.KerasImageDataGenerator("Image", new KerasImageDataGeneratorOptions
    {
        RotationRange = 15, WidthShiftRange = 0.1, HeightShiftRange = 0.1, ZoomRange = 0.1, HorizontalFlip = true,
    })
    .Append(ml.Transforms.ColorJitter("Image", new ColorJitterOptions { Brightness = 0.2, Contrast = 0.2, Saturation = 0.2 }));
augmentation.Fit(split.TrainSet).Transform(split.TrainSet)
    .SaveAugmentationPreview("augmentation-preview.png", imageHeight: 64, imageWidth: 64, colorMode: ColorMode.Rgb);

var options = new CnnTrainerOptions
{
    ImageColumnName = "Image", ImageHeight = 64, ImageWidth = 64, ColorMode = ColorMode.Rgb,
    Architecture = Architectures.ResNet, Epochs = epochs, BatchSize = 32, ValidationFraction = 0.1, ComputePixelStatistics = true,
    Schedule = LearningRateSchedule.Cosine(warmupEpochs: Math.Min(2, epochs - 1)),
    EarlyStopping = new EarlyStopping { Monitor = "ValidationLoss", Patience = 5 },
};
var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
ProgressBar.Attach(trainer, Console.Error);
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(augmentation)
    .Append(trainer)
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var model = pipeline.Fit(split.TrainSet);
var scored = model.Transform(split.TestSet);
var metrics = ml.MulticlassClassification.Evaluate(scored);
Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy:F4}  MacroAccuracy {metrics.MacroAccuracy:F4}");
ml.Model.Save(model, images.Schema, "image-folder.zip");

var cnn = model.OfType<CnnTransformer>().Single();
TrainingReport.Save(Report(cnn, metrics, KeyValues(scored.Schema["Label"]), args[0]), "image-folder-report.html");
Console.WriteLine("wrote image-folder.zip, image-folder-report.html and augmentation-preview.png");
cnn.Dispose();
return 0;

// The report of a multiclass model from ML.NET's metrics; the classes are the label's key values, in key order.
static TrainingReportContent Report(CnnTransformer cnn, MulticlassClassificationMetrics metrics, string[] classes, string folder)
{
    var confusion = metrics.ConfusionMatrix;
    KeyValuePair<string, double>[] values =
    [
        new("MicroAccuracy", metrics.MicroAccuracy),
        new("MacroAccuracy", metrics.MacroAccuracy),
        new("LogLoss", metrics.LogLoss),
        new("LogLossReduction", metrics.LogLossReduction),
    ];
    var counts = confusion.Counts.Select(row => (IReadOnlyList<long>)[.. row.Select(c => (long)c)]).ToArray();
    var perClass = classes.Select((label, k) => new PerClassRow(label, confusion.PerClassPrecision[k], confusion.PerClassRecall[k],
        F1(confusion.PerClassPrecision[k], confusion.PerClassRecall[k]))).ToArray();
    return new TrainingReportContent("Image folder", cnn.Summary(), [new("folder", folder)], cnn.History!, values, classes, counts, perClass);
}

static double F1(double precision, double recall) => precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

// The values of a key column, in key order.
static string[] KeyValues(DataViewSchema.Column key)
{
    VBuffer<ReadOnlyMemory<char>> values = default;
    key.GetKeyValues(ref values);
    return [.. values.DenseValues().Select(v => v.ToString())];
}
