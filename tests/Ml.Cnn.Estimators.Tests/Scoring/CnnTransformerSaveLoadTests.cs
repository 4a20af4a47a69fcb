using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Scoring;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Scoring;

/// <summary>
/// A CNN saved with <c>ml.Model.Save</c> loads in a fresh context with the same predictions and summary; a damaged CNN
/// inside the zip (checksum, layer spec, metadata, format version) is refused with a message saying what is wrong.
/// </summary>
public sealed class CnnTransformerSaveLoadTests : IDisposable
{
    private static readonly MLContext Ml = new(seed: 2);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A row whose image has three channels.</summary>
    public sealed class ColorRow
    {
        [VectorType(3, 28, 28)]
        public byte[] Image { get; set; } = new byte[3 * 28 * 28];
    }

    private static IDataView Train => Slices.Keyed(Ml, FashionMnist.Train(400));

    private static IDataView Test => Slices.Keyed(Ml, FashionMnist.Test(64));

    /// <summary>Trains one epoch of <paramref name="architecture"/> and saves the transformer alone to a zip.</summary>
    private string Save(NetworkDefinition architecture, out CnnTransformer trained)
    {
        var options = Slices.Small();
        options.Architecture = architecture;
        options.Epochs = 1;
        options.BatchSize = 50;
        trained = Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Train);
        var path = _temp.File($"{architecture.Name}-{Guid.NewGuid():N}.zip");
        Ml.Model.Save(trained, Train.Schema, path);
        return path;
    }

    private string SaveSimple()
    {
        var path = Save(Architectures.Simple, out var trained);
        trained.Dispose();
        return path;
    }

    /// <summary>
    /// The messages of the error <c>ml.Model.Load</c> raises and of its inner exceptions (ML.NET calls the CNN's loader
    /// through reflection, which wraps the loader's error).
    /// </summary>
    private static string LoadError(string path)
    {
        Exception? error = Assert.ThrowsAny<Exception>(() => new MLContext().Model.Load(path, out _));
        var messages = new List<string>();
        for (; error is not null; error = error.InnerException) messages.Add(error.Message);
        return string.Join(" | ", messages);
    }

    [Fact]
    public void Save_then_load_gives_identical_predictions_and_summary()
    {
        var path = Save(Architectures.ResNet, out var trained);
        using var saved = trained;
        using var loaded = Assert.IsType<CnnTransformer>(new MLContext().Model.Load(path, out var schema));
        Assert.Equal(Train.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        Assert.Equal(Slices.Scores(trained.Transform(Test)), Slices.Scores(loaded.Transform(Test)));
        Assert.Equal(trained.Transform(Test).GetColumn<uint>("PredictedLabel"), loaded.Transform(Test).GetColumn<uint>("PredictedLabel"));
        Assert.Equal(trained.Summary(), loaded.Summary());
        Assert.Contains("resnet", loaded.Summary());
        Assert.NotNull(trained.History);
        Assert.Null(loaded.History);
    }

    [Fact]
    public void A_damaged_cnn_is_refused_by_its_checksum()
    {
        var path = SaveSimple();
        CnnModelEntry.Rewrite(path, blob =>
        {
            blob[blob.Length / 2] ^= 0x40;
            return blob;
        });
        var error = LoadError(path);
        Assert.Contains("the CNN inside the ML.NET model", error);
        Assert.Contains("checksum", error);
    }

    [Fact]
    public void A_damaged_layer_spec_behind_a_valid_checksum_is_refused_naming_it()
    {
        var path = SaveSimple();
        CnnModelEntry.Rewrite(path, blob =>
        {
            "cnnv2d"u8.CopyTo(blob.AsSpan(blob.AsSpan().IndexOf("conv2d"u8))); // an unknown layer kind
            return CnnModelEntry.Sign(blob);
        });
        var error = LoadError(path);
        Assert.Contains("unreadable model content", error);
        Assert.Contains("unknown layer kind", error);
    }

    [Fact]
    public void Metadata_that_disagrees_with_the_network_behind_a_valid_checksum_is_refused()
    {
        var path = SaveSimple();
        CnnModelEntry.Rewrite(path, blob =>
        {
            var text = System.Text.Encoding.Latin1.GetString(blob);
            Assert.Contains("\"Outputs\":10", text);
            return CnnModelEntry.Sign(System.Text.Encoding.Latin1.GetBytes(text.Replace("\"Outputs\":10", "\"Outputs\":90")));
        });
        Assert.Contains("unreadable model content", LoadError(path));
    }

    [Fact]
    public void A_cnn_of_a_newer_format_is_refused_saying_so()
    {
        var path = SaveSimple();
        CnnModelEntry.Rewrite(path, blob =>
        {
            BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(blob, 8);
            return blob;
        });
        Assert.Contains("newer", LoadError(path));
    }

    [Fact]
    public void A_cnn_of_an_earlier_format_is_refused_saying_to_retrain()
    {
        var path = SaveSimple();
        CnnModelEntry.Rewrite(path, blob =>
        {
            BitConverter.GetBytes(ModelFile.FormatVersion - 1).CopyTo(blob, 8);
            return CnnModelEntry.Sign(blob);
        });
        var error = LoadError(path);
        Assert.Contains("earlier MlCnn", error);
        Assert.Contains("Retrain", error);
    }

    [Fact]
    public void Transform_refuses_images_of_another_shape_naming_the_one_it_takes()
    {
        var path = SaveSimple();
        var loaded = new MLContext().Model.Load(path, out _);
        var color = Ml.Data.LoadFromEnumerable(new[] { new ColorRow() });
        var e = Assert.Throws<InvalidDataException>(() => loaded.Transform(color).GetColumn<float[]>("Score").ToArray());
        Assert.Contains("Image column 'Image', row 0", e.Message);
        Assert.Contains("the model takes images of 1x28x28", e.Message);
    }
}
