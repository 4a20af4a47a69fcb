namespace Ml.Cnn.Training.Targets;

/// <summary>Bool labels as 0/1 targets of one output.</summary>
internal sealed class BinaryTargets(string column) : TargetReader(column)
{
    public override int Outputs => 1;

    public override int Columns => 1;

    public override IReadOnlyList<string> OutputNames => [];

    public override IReadOnlyList<string> WeightNames => ["false", "true"];
}
