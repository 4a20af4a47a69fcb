using Ml.Cnn.Legacy;
namespace Ml.Cnn.Training.Targets;

/// <summary>Text labels as class keys (multiclass: one output per class; embedding: <paramref name="outputs"/> embedding values).</summary>
internal sealed class ClassTargets(string column, LabelKeyMap keys, int outputs) : TargetReader(column)
{
    public LabelKeyMap Keys { get; } = keys;

    public override int Outputs => outputs;

    public override int Columns => 1;

    public override IReadOnlyList<string> OutputNames => outputs == Keys.Count ? Keys.Values : [];

    public override IReadOnlyList<string> WeightNames => Keys.Values;

    /// <summary>Learns the label keys from the training view.</summary>
    public static ClassTargets Fit(DataView train, string column, int? outputs)
    {
        var keys = LabelKeyMap.FromLabels(Labels(train, column));
        return new ClassTargets(column, keys, outputs ?? keys.Count);
    }

    public override float[] Read(DataView view, string role)
    {
        long[] keyed;
        try
        {
            keyed = Keys.ToKeys(Labels(view, Column));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The {role} data, column '{Column}': {e.Message}", e);
        }
        return keyed.Select(k => (float)k).ToArray();
    }

    private static IReadOnlyList<string> Labels(DataView view, string column) => view.GetColumn<ScalarColumn<string>>(column).Values;
}
