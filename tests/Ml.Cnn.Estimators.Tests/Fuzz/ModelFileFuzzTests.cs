using Ml.Cnn.Legacy;
using System.Security.Cryptography;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Fuzz;

/// <summary>
/// Seeded mutations of model and checkpoint files (see <see cref="Fuzzer"/>). Half keep the damaged checksum, and
/// must be refused with a <see cref="ModelFileException"/>; half get a recomputed SHA-256, so the parser behind the
/// checksum sees the damage: those must be refused with a <see cref="ModelFileException"/> or load into a model that
/// predicts (a valid file, just not the one that was saved).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ModelFileFuzzTests : IDisposable
{
    private static readonly NetworkDefinition Tiny = new("tiny", [new Conv2d(2, 3), new Pool2d(max: true, 4), new Flatten(), new Dense()]);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CnnTrainerOptions Options(string? checkpoints) => new()
    {
        Architecture = Tiny, Epochs = 1, BatchSize = 50, Device = ComputeDevice.Cpu, CheckpointDirectory = checkpoints,
    };

    /// <summary>A mutation; for odd inputs the SHA-256 trailer is recomputed over the mutated body.</summary>
    private static (byte[] Bytes, bool Signed) Mutate(byte[] original, int input, Random random)
    {
        if (input % 2 == 0) return (Fuzzer.Mutate(original, random), false);
        var body = Fuzzer.Mutate(original[..^32], random);
        return ([.. body, .. SHA256.HashData(body)], true);
    }

    [Fact]
    public void Model_files()
    {
        var path = _temp.File("tiny.mlcnn");
        using (var model = new CnnContext(3).MulticlassClassification.Trainers.Cnn(Options(null)).Fit(FashionMnist.Train(100))) model.Save(path);
        var original = File.ReadAllBytes(path);
        var image = FashionMnist.Test(1).GetColumn<ImageColumn>("Image").GetImage(0).ToArray();
        Fuzzer.Run("model files", (i, random) =>
        {
            var (bytes, signed) = Mutate(original, i, random);
            var file = _temp.File($"m{i}.mlcnn");
            File.WriteAllBytes(file, bytes);
            try
            {
                using var loaded = CnnModel.Load(file, ComputeDevice.Cpu);
                if (!signed) throw new FuzzWrongResultException("a file with a damaged checksum loaded");
                if (loaded is CnnMulticlassModel multiclass && loaded.Metadata.Input.Size == image.Length) multiclass.Predict(image);
                return FuzzOutcome.Correct;
            }
            catch (ModelFileException)
            {
                return FuzzOutcome.Refused;
            }
            finally
            {
                File.Delete(file);
            }
        });
    }

    [Fact]
    public void Checkpoint_files()
    {
        var folder = _temp.File("ckpt");
        var options = Options(folder);
        string spec;
        using (var model = new CnnContext(3).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(100))) spec = model.Metadata.Spec;
        var original = File.ReadAllBytes(Path.Combine(folder, CheckpointFile.Latest));
        Fuzzer.Run("checkpoint files", (i, random) =>
        {
            var (bytes, signed) = Mutate(original, i, random);
            var file = _temp.File($"c{i}.ckpt");
            File.WriteAllBytes(file, bytes);
            using var network = Network.Create(spec, ComputeDevice.Cpu);
            using var optimizer = Optimizer.Create(network, OptimizerSpec.From(options));
            try
            {
                CheckpointFile.ReadState(file);
                CheckpointFile.Read(file, network, optimizer);
                if (!signed) throw new FuzzWrongResultException("a checkpoint with a damaged checksum loaded");
                return FuzzOutcome.Correct;
            }
            catch (ModelFileException)
            {
                return FuzzOutcome.Refused;
            }
            finally
            {
                File.Delete(file);
            }
        });
    }
}
