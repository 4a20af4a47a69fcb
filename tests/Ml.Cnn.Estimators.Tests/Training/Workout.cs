using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

/// <summary>The shared estimator workout: schema out, save/load round trip with identical outputs, bad column input.</summary>
internal static class Workout
{
    public static CnnTrainerOptions Small(int seed = 7) => new()
    {
        Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64, Seed = seed, Device = ComputeDevice.Cpu, Threads = 2,
    };

    /// <summary>Transform adds exactly <paramref name="added"/>, and a saved-then-loaded model gives bit-identical columns.</summary>
    public static void Run(CnnModel model, DataView test, params string[] added)
    {
        var scored = model.Transform(test);
        var names = scored.Columns.Select(c => c.Name).ToArray();
        Assert.Equal(test.Columns.Select(c => c.Name).Concat(added.Where(a => !test.HasColumn(a))).Order(), names.Order());

        using var folder = new TempFolder();
        var path = folder.File("model.mlcnn");
        model.Save(path);
        using var loaded = CnnModel.Load(path, ComputeDevice.Cpu);
        Assert.IsType(model.GetType(), loaded);
        Assert.Equal(model.Metadata.Task, loaded.Metadata.Task);
        var again = loaded.Transform(test);
        foreach (var column in added) Assert.Equal(Values(scored, column), Values(again, column));

        var missing = Assert.Throws<ArgumentException>(() => model.Transform(test.WithColumn(new ScalarColumn<string>("Image", new string[test.RowCount]))));
        Assert.Contains("Image", missing.Message);
    }

    private static object[] Values(DataView view, string column) => view.GetColumn<DataColumn>(column) switch
    {
        VectorColumn v => v.Values.ToArray().Cast<object>().ToArray(),
        ScalarColumn<float> f => f.Values.Cast<object>().ToArray(),
        ScalarColumn<bool> b => b.Values.Cast<object>().ToArray(),
        ScalarColumn<string> s => s.Values.Cast<object>().ToArray(),
        var other => throw new InvalidOperationException(other.TypeName),
    };
}
