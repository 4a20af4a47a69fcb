using Microsoft.ML;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>
/// What --data names: a folder of IDX files (train-* and t10k-*), a folder with train/ and test/ class-folder trees, one
/// class-folder tree, or a TSV/CSV table of image paths and labels. One tree or table is split (stratified) into train and
/// test by --test-fraction.
/// </summary>
internal static class DataSource
{
    public static LoadedData Load(MLContext ml, string data, CnnTask task, Func<ImageLoadOptions> loading, double testFraction,
        Func<string, string, IDataView> idx, string? positive)
    {
        if (task is CnnTask.Regression or CnnTask.Multilabel || HasIdx(data, "train"))
            return new LoadedData(idx(data, "train"), idx(data, "t10k"), $"IDX files in {data}", null, LabelWarning(data, "train", task));
        var (train, test, description, files) = LoadImages(ml, data, loading, testFraction);
        return task == CnnTask.Binary
            ? new LoadedData(TaskData.Binary(ml, train, positive, data), TaskData.Binary(ml, test, positive, data), description, files, null)
            : new LoadedData(train, test, description, files, null);
    }

    /// <summary>The labeled test images of a source for `mlcnn evaluate`: IDX t10k-*, the test/ tree, or every image of a tree or table.</summary>
    public static (IDataView Test, ImageFileDataView? Files, string? LabelWarning) LoadTest(MLContext ml, string data, CnnTask task, Func<ImageLoadOptions> loading, Func<string, string, IDataView> idx,
        string? positive)
    {
        if (task is CnnTask.Regression or CnnTask.Multilabel || HasIdx(data, "t10k"))
            return (idx(data, "t10k"), null, LabelWarning(data, "t10k", task));
        var testDir = Path.Combine(data, "test");
        var files = File.Exists(data) ? ml.Data.LoadImagesFromTable(data, loading())
            : Directory.Exists(testDir) ? ml.Data.LoadImagesFromFolder(testDir, loading())
            : ml.Data.LoadImagesFromFolder(data, loading());
        return (task == CnnTask.Binary ? TaskData.Binary(ml, files, positive, data) : files, files, null);
    }

    private static bool HasIdx(string data, string split) => Directory.Exists(data) && Directory.EnumerateFiles(data, $"{split}-images-idx3-ubyte*").Any();

    /// <summary>The warning about the IDX class labels of a split (multiclass and embedding: each label value becomes a class).</summary>
    private static string? LabelWarning(string data, string split, CnnTask task) =>
        task is CnnTask.Multiclass or CnnTask.Embedding && Directory.Exists(data)
            ? IdxReader.LabelWarning(IdxReader.ReadLabels(IdxReader.FindFile(data, $"{split}-labels-idx1-ubyte")))
            : null;

    private static (IDataView Train, IDataView Test, string Description, ImageFileDataView Files) LoadImages(MLContext ml, string data,
        Func<ImageLoadOptions> loading, double fraction)
    {
        if (File.Exists(data))
        {
            var table = ml.Data.LoadImagesFromTable(data, loading());
            return Split(ml, table, fraction, $"table {data}");
        }
        if (!Directory.Exists(data))
            throw new DirectoryNotFoundException($"Data folder '{data}' does not exist. Run 'bash scripts/fetch-fashion-mnist.sh {data}' for Fashion-MNIST, or give an image folder or table.");
        var (trainDir, testDir) = (Path.Combine(data, "train"), Path.Combine(data, "test"));
        if (Directory.Exists(trainDir) && Directory.Exists(testDir))
        {
            var train = ml.Data.LoadImagesFromFolder(trainDir, loading());
            return (train, ml.Data.LoadImagesFromFolder(testDir, loading()), $"image folders {trainDir} and {testDir}", train);
        }
        var tree = ml.Data.LoadImagesFromFolder(data, loading());
        return Split(ml, tree, fraction, $"image folder {data}");
    }

    private static (IDataView, IDataView, string, ImageFileDataView) Split(MLContext ml, ImageFileDataView all, double fraction, string what)
    {
        var split = ml.Data.StratifiedTrainTestSplit(all, fraction);
        return (split.TrainSet, split.TestSet, $"{what}, split {1 - fraction:P0} / {fraction:P0} (stratified)", all);
    }
}
