using System.Security.Cryptography;
using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Estimators.Tests.Scoring;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Fuzz;

/// <summary>
/// Seeded mutations (see <see cref="Fuzzer"/>) of what a user loads: the entry of the model zip <c>ml.Model.Save</c> wrote
/// that holds the CNN (ML.NET's header, our component and the CNN, in a valid zip), the CNN's bytes inside it, and
/// checkpoint files. A damaged model must be refused with an exception that says the file is damaged or load into a model
/// that predicts; for the CNN's bytes, half keep the damaged checksum and must be refused, half get a recomputed SHA-256
/// so the parser behind the checksum sees the damage. The zip's other entries are ML.NET's alone (a damaged <c>Schema</c>
/// entry can hang ML.NET's own reader), so they are not mutated here.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ModelFileFuzzTests : IDisposable
{
    private static readonly NetworkDefinition Tiny = new("tiny", [new Conv2d(2, 3), new Pool2d(max: true, 4), new Flatten(), new Dense()]);

    private static readonly MLContext Ml = new(seed: 3);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CnnTrainerOptions Options(string? checkpoints)
    {
        var options = Slices.Small();
        options.Architecture = Tiny;
        options.Epochs = 1;
        options.BatchSize = 50;
        options.CheckpointDirectory = checkpoints;
        return options;
    }

    /// <summary>A mutation; for odd inputs the SHA-256 trailer is recomputed over the mutated body.</summary>
    private static (byte[] Bytes, bool Signed) Mutate(byte[] original, int input, Random random)
    {
        if (input % 2 == 0) return (Fuzzer.Mutate(original, random), false);
        var body = Fuzzer.Mutate(original[..^32], random);
        return ([.. body, .. SHA256.HashData(body)], true);
    }

    /// <summary>A trained tiny model saved with ml.Model.Save.</summary>
    private string SavedModel()
    {
        var data = Slices.Keyed(Ml, FashionMnist.Train(100));
        var path = _temp.File("tiny.zip");
        using var model = Ml.MulticlassClassification.Trainers.Cnn(Options(null)).Fit(data);
        Ml.Model.Save(model, data.Schema, path);
        return path;
    }

    private static byte[] Fit(byte[] bytes, int length) =>
        bytes.Length >= length ? bytes[..length] : [.. bytes, .. new byte[length - bytes.Length]];

    /// <summary>Loads the zip at <paramref name="path"/> and scores one image: the outcome, or a refusal that names the damage.</summary>
    private static FuzzOutcome LoadAndPredict(string path)
    {
        ITransformer loaded;
        try
        {
            loaded = new MLContext().Model.Load(path, out _);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return FuzzOutcome.Refused;
        }
        using (loaded as IDisposable)
        {
            try
            {
                Slices.Scores(loaded.Transform(Slices.Keyed(Ml, FashionMnist.Test(1))));
            }
            catch (ArgumentException)
            {
                // A valid model of another input shape refuses the test image, naming the column: not a crash.
            }
        }
        return FuzzOutcome.Correct;
    }

    /// <summary>
    /// An error that says the file is damaged: ours (the CNN's reader; the component loader, which also names a component
    /// type this process cannot find) or ML.NET's format errors, including the assembly its header names not loading or
    /// naming a culture that does not exist; ML.NET calls the loader through reflection, which wraps its error.
    /// </summary>
    private static bool IsRefusal(Exception e) => e switch
    {
        System.Reflection.TargetInvocationException { InnerException: { } inner } => IsRefusal(inner),
        ModelFileException or InvalidDataException or FormatException or EndOfStreamException or FileLoadException or FileNotFoundException
            or System.Globalization.CultureNotFoundException => true,
        InvalidOperationException => e.Message.Contains("damaged", StringComparison.Ordinal) || e.Message.Contains("cannot find", StringComparison.Ordinal),
        _ => false,
    };

    [Fact]
    public void The_entry_of_a_model_zip_that_holds_the_cnn()
    {
        var path = SavedModel();
        var original = CnnModelEntry.ReadEntry(path);
        Fuzzer.Run("cnn entries of model zips", (i, random) =>
        {
            var file = _temp.File($"e{i}.zip");
            File.Copy(path, file);
            try
            {
                CnnModelEntry.WriteEntry(file, Fuzzer.Mutate(original, random));
                return LoadAndPredict(file);
            }
            finally
            {
                File.Delete(file);
            }
        });
    }

    [Fact]
    public void The_cnn_inside_a_model_zip()
    {
        var path = SavedModel();
        var original = CnnModelEntry.Read(path);
        Fuzzer.Run("cnn in model zips", (i, random) =>
        {
            // The CNN keeps its length inside the zip (cut or padded with zeros), so the records around it stay valid.
            var signed = i % 2 == 1;
            var blob = signed
                ? CnnModelEntry.Sign(Fit(Fuzzer.Mutate(original[..^32], random), original.Length))
                : Fit(Fuzzer.Mutate(original, random), original.Length);
            var file = _temp.File($"c{i}.zip");
            File.Copy(path, file);
            try
            {
                CnnModelEntry.Rewrite(file, _ => blob);
                var outcome = LoadAndPredict(file);
                if (outcome == FuzzOutcome.Correct && !signed && !blob.AsSpan().SequenceEqual(original))
                    throw new FuzzWrongResultException("a CNN with a damaged checksum loaded");
                return outcome;
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
        using (var model = Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Keyed(Ml, FashionMnist.Train(100))))
            spec = model.Model.Metadata.Spec;
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
