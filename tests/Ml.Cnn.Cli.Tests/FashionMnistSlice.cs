using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli.Tests;

/// <summary>Small IDX copies of Fashion-MNIST for CLI runs, and a runner that captures stdout and stderr.</summary>
internal static class FashionMnistSlice
{
    /// <summary>Writes the first rows of Fashion-MNIST's train and t10k splits as IDX files into a new folder; returns it.</summary>
    public static string Write(TempFolder temp, int train, int test)
    {
        var source = RepoPaths.FashionMnist;
        var target = Directory.CreateDirectory(temp.File("data")).FullName;
        foreach (var (split, count) in new[] { ("train", train), ("t10k", test) })
        {
            var (shape, pixels) = IdxReader.ReadImages(IdxReader.FindFile(source, $"{split}-images-idx3-ubyte"));
            var labels = IdxReader.ReadLabels(IdxReader.FindFile(source, $"{split}-labels-idx1-ubyte"));
            IdxFiles.WriteImages(Path.Combine(target, $"{split}-images-idx3-ubyte"), count, shape.Height, shape.Width, pixels[..(count * shape.Size)]);
            IdxFiles.WriteLabels(Path.Combine(target, $"{split}-labels-idx1-ubyte"), labels[..count]);
        }
        return target;
    }

    /// <summary>Runs the CLI in-process.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = MlCnnCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
