using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
// A folder of images (one subfolder per class, as Keras' flow_from_directory): load at 64x64 RGB, hold out a stratified
// test set, augment, preview the augmentation, train with early stopping and a cosine schedule, write an HTML report.
// Run: dotnet run --project examples/ImageFolder -c Release -- PATH/TO/FOLDER
using Ml.Cnn;
using Ml.Cnn.Layers;
using Ml.Cnn.Metrics;
using Ml.Cnn.Progress;
using Ml.Cnn.Reports;
using Ml.Cnn.Schedules;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ImageFolder PATH/TO/FOLDER (one subfolder of images per class)");
    return 2;
}
var context = new CnnContext(seed: 1);
var images = context.Data.LoadImagesFromFolder(args[0], new ImageLoadOptions { Width = 64, Height = 64, ColorMode = ColorMode.Rgb, SkipUnreadable = true });
Console.WriteLine(((ImageFileColumn)images.GetColumn<ImageColumn>("Image")).Summary);
var (train, test) = context.Data.StratifiedSplit(images, testFraction: 0.2);

var augmentation = context.Transforms.KerasImageDataGenerator(rotationRange: 15, widthShiftRange: 0.1, heightShiftRange: 0.1,
        zoomRange: 0.1, horizontalFlip: true)
    .Append(context.Transforms.ColorJitter(brightness: 0.2, contrast: 0.2, saturation: 0.2));
var augmented = augmentation.Fit(train).Transform(train);
AugmentationPreview.Write(augmented, "augmentation-preview.png");

var trainer = context.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
{
    Architecture = Architectures.ResNet, Epochs = 30, BatchSize = 32, ValidationFraction = 0.1, ComputePixelStatistics = true,
    Schedule = LearningRateSchedule.Cosine(warmupEpochs: 2), EarlyStopping = new EarlyStopping { Monitor = "ValidationLoss", Patience = 5 },
});
ProgressBar.Attach(trainer, Console.Error);
using var model = trainer.Fit(augmented);
var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy:F4}  MacroAccuracy {metrics.MacroAccuracy:F4}");
model.Save("image-folder.mlcnn");
TrainingReport.Save(TrainingReportContent.FromMulticlass("Image folder", model.Summary(), [new("folder", args[0])], model.History!, metrics),
    "image-folder-report.html");
return 0;
