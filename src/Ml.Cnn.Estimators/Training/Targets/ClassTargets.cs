namespace Ml.Cnn.Training.Targets;

/// <summary>Class keys as targets (multiclass: one output per class; embedding: <paramref name="outputs"/> embedding values).</summary>
internal sealed class ClassTargets(string column, LabelKeyMap keys, int outputs) : TargetReader(column)
{
    public LabelKeyMap Keys { get; } = keys;

    public override int Outputs => outputs;

    public override int Columns => 1;

    public override IReadOnlyList<string> OutputNames => outputs == Keys.Count ? Keys.Values : [];

    public override IReadOnlyList<string> WeightNames => Keys.Values;
}
