using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CnnMulticlassModel Train(NetworkDefinition architecture) =>
        new CnnContext(2).MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
        {
            Architecture = architecture, Epochs = 1, BatchSize = 50, Device = ComputeDevice.Cpu,
        }).Fit(FashionMnist.Train(400));

    [Fact]
    public void Save_then_load_gives_identical_predictions_labels_and_summary()
    {
        var path = _temp.File("resnet.mlcnn");
        using var trained = Train(Architectures.ResNet);
        trained.Save(path);
        using var loaded = CnnMulticlassModel.Load(path, ComputeDevice.Cpu);
        var test = FashionMnist.Test(64);
        var a = trained.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray();
        var b = loaded.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray();
        Assert.Equal(a, b);
        Assert.Equal(trained.Labels, loaded.Labels);
        Assert.Equal(trained.Summary(), loaded.Summary());
        Assert.Equal("resnet", loaded.Metadata.Architecture);
        Assert.Null(loaded.History);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public void Predict_one_image_and_a_batch_agree_with_Transform()
    {
        using var model = Train(Architectures.Simple);
        var test = FashionMnist.Test(10);
        var images = test.GetColumn<ImageColumn>("Image");
        var scored = model.Transform(test);
        var batch = model.PredictBatch(images.Pixels, 10);
        var single = model.Predict(images.GetImage(7));
        Assert.Equal(scored.GetColumn<ScalarColumn<string>>("PredictedLabel").Values, batch.Select(p => p.PredictedLabel));
        Assert.All(batch[7].Score.Zip(single.Score), pair => Assert.Equal(pair.First, pair.Second, 5));
        Assert.Equal(1.0, single.Score.Sum(), 4);
        Assert.Throws<ArgumentException>(() => model.Predict(new byte[10]));
    }

    [Fact]
    public void A_corrupted_file_is_refused_and_names_the_file()
    {
        var path = _temp.File("corrupt.mlcnn");
        using (var model = Train(Architectures.Simple)) model.Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ModelFileException>(() => CnnMulticlassModel.Load(path, ComputeDevice.Cpu));
        Assert.Contains("corrupt.mlcnn", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void A_damaged_layer_spec_behind_a_valid_checksum_is_a_model_file_error()
    {
        var path = _temp.File("spec.mlcnn");
        using (var model = Train(Architectures.Simple)) model.Save(path);
        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf("conv2d"u8);
        "cnnv2d"u8.CopyTo(bytes.AsSpan(at)); // an unknown layer kind, re-signed so the checksum passes
        var body = bytes[..^32];
        File.WriteAllBytes(path, [.. body, .. System.Security.Cryptography.SHA256.HashData(body)]);

        var e = Assert.Throws<ModelFileException>(() => CnnModel.Load(path, ComputeDevice.Cpu));

        Assert.Contains("unreadable model content", e.Message);
        Assert.Contains("unknown layer kind", e.Message);
    }

    [Theory]
    [InlineData("\"Outputs\":10", "\"Outputs\":90")]
    [InlineData("\"Labels\":[", "\"Labels\":null,\"X\":[")]
    public void Metadata_that_disagrees_with_the_network_behind_a_valid_checksum_is_a_model_file_error(string from, string to)
    {
        var path = _temp.File("meta.mlcnn");
        using (var model = Train(Architectures.Simple)) model.Save(path);
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes[..^32]);
        Assert.Contains(from, text);
        var body = System.Text.Encoding.Latin1.GetBytes(text.Replace(from, to));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(12),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(12)) + to.Length - from.Length);
        File.WriteAllBytes(path, [.. body, .. System.Security.Cryptography.SHA256.HashData(body)]);

        var e = Assert.Throws<ModelFileException>(() => CnnModel.Load(path, ComputeDevice.Cpu));

        Assert.Contains("unreadable model content", e.Message);
    }

    [Fact]
    public void A_truncated_file_a_foreign_file_and_a_newer_format_are_refused()
    {
        var path = _temp.File("m.mlcnn");
        using (var model = Train(Architectures.Simple)) model.Save(path);
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Contains("checksum", Assert.Throws<ModelFileException>(() => CnnMulticlassModel.Load(path)).Message);

        File.WriteAllText(path, "hello, I am not a model");
        Assert.Contains("magic", Assert.Throws<ModelFileException>(() => CnnMulticlassModel.Load(path)).Message);

        var newer = (byte[])bytes.Clone();
        BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(newer, 8);
        File.WriteAllBytes(path, newer);
        Assert.Contains("newer", Assert.Throws<ModelFileException>(() => CnnMulticlassModel.Load(path)).Message);

        Assert.Contains("not found", Assert.Throws<ModelFileException>(() => CnnMulticlassModel.Load(_temp.File("none.mlcnn"))).Message);
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_without_touching_anything()
    {
        using var model = Train(Architectures.Simple);
        Assert.Throws<DirectoryNotFoundException>(() => model.Save(Path.Combine(_temp.Path, "no", "such", "m.mlcnn")));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Transform_refuses_images_of_another_shape()
    {
        using var model = Train(Architectures.Simple);
        var other = new DataView([new ImageColumn("Image", new ImageShape(3, 28, 28), new byte[3 * 28 * 28])]);
        var e = Assert.Throws<ArgumentException>(() => model.Transform(other));
        Assert.Contains("1x28x28", e.Message);
    }

    [Fact]
    public void A_format_1_file_still_loads_as_multiclass_and_predicts_what_it_predicted_then()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "reference", "models");
        using var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "v1-multiclass.json")));
        var bytes = File.ReadAllBytes(Path.Combine(folder, "v1-multiclass.mlcnn"));
        Assert.Equal(1u, BitConverter.ToUInt32(bytes, 8));

        using var model = CnnMulticlassModel.Load(Path.Combine(folder, "v1-multiclass.mlcnn"), ComputeDevice.Cpu);

        Assert.Equal(CnnTask.Multiclass, model.Task);
        Assert.Equal(10, model.Metadata.Outputs);
        var scored = model.Transform(FashionMnist.Test(8));
        var predicted = scored.GetColumn<ScalarColumn<string>>("PredictedLabel").Values;
        var scores = scored.GetColumn<VectorColumn>("Score");
        var root = expected.RootElement;
        for (var row = 0; row < 8; row++)
        {
            Assert.Equal(root.GetProperty("predictedLabels")[row].GetString(), predicted[row]);
            var want = root.GetProperty("scores")[row].EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            // Dense layers now run as oneDNN 1x1 convolutions on CPU: the same numbers to float rounding.
            var got = scores.GetRow(row).ToArray();
            for (var j = 0; j < want.Length; j++) Assert.Equal(want[j], got[j], 1e-6);
        }
    }
}
