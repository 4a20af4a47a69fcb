using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
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
    public static (DataView Train, DataView Test, string Description) Load(string data, CnnContext context, CnnTask task, ImageOptions images,
        System.CommandLine.ParseResult r, Func<string, string, DataView> idx, string? positive)
    {
        if (task is CnnTask.Regression or CnnTask.Multilabel || (Directory.Exists(data) && Directory.EnumerateFiles(data, "train-images-idx3-ubyte*").Any()))
            return (idx(data, "train"), idx(data, "t10k"), $"IDX files in {data}");
        var (train, test, description) = LoadImages(data, context, images, r);
        return task == CnnTask.Binary
            ? (TaskData.Binary(train, positive, data), TaskData.Binary(test, positive, data), description)
            : (train, test, description);
    }

    /// <summary>The labeled test images of a source for `mlcnn evaluate`: IDX t10k-*, the test/ tree, or every image of a tree or table.</summary>
    public static DataView LoadTest(string data, CnnContext context, CnnTask task, ImageShape input, ImageOptions images,
        System.CommandLine.ParseResult r, Func<string, string, DataView> idx, string? positive)
    {
        if (task is CnnTask.Regression or CnnTask.Multilabel || (Directory.Exists(data) && Directory.EnumerateFiles(data, "t10k-images-idx3-ubyte*").Any()))
            return idx(data, "t10k");
        var testDir = Path.Combine(data, "test");
        var loading = Like(images.Loading(r), input);
        var view = File.Exists(data) ? context.Data.LoadImagesFromTable(data, loading)
            : Directory.Exists(testDir) ? context.Data.LoadImagesFromFolder(testDir, loading)
            : context.Data.LoadImagesFromFolder(data, loading);
        return task == CnnTask.Binary ? TaskData.Binary(view, positive, data) : view;
    }

    private static (DataView Train, DataView Test, string Description) LoadImages(string data, CnnContext context, ImageOptions images,
        System.CommandLine.ParseResult r)
    {
        if (File.Exists(data))
        {
            var table = context.Data.LoadImagesFromTable(data, images.Loading(r));
            return Split(context, table, r.GetValue(images.TestFraction), $"table {data}");
        }
        if (!Directory.Exists(data))
            throw new DirectoryNotFoundException($"Data folder '{data}' does not exist. Run 'bash scripts/fetch-fashion-mnist.sh {data}' for Fashion-MNIST, or give an image folder or table.");
        var (trainDir, testDir) = (Path.Combine(data, "train"), Path.Combine(data, "test"));
        if (Directory.Exists(trainDir) && Directory.Exists(testDir))
        {
            var train = context.Data.LoadImagesFromFolder(trainDir, images.Loading(r));
            var test = context.Data.LoadImagesFromFolder(testDir, Like(images.Loading(r), train.GetColumn<ImageColumn>(DefaultColumnNames.Image).Shape));
            return (train, test, $"image folders {trainDir} and {testDir}");
        }
        var tree = context.Data.LoadImagesFromFolder(data, images.Loading(r));
        return Split(context, tree, r.GetValue(images.TestFraction), $"image folder {data}");
    }

    /// <summary>Loading options that decode to <paramref name="shape"/> (size and color mode).</summary>
    private static ImageLoadOptions Like(ImageLoadOptions options, ImageShape shape)
    {
        options.Width = shape.Width;
        options.Height = shape.Height;
        options.ColorMode = (ColorMode)shape.Channels;
        return options;
    }

    private static (DataView, DataView, string) Split(CnnContext context, DataView all, double fraction, string what)
    {
        var (train, test) = context.Data.StratifiedSplit(all, fraction);
        return (train, test, $"{what}, split {1 - fraction:P0} / {fraction:P0} (stratified)");
    }
}
