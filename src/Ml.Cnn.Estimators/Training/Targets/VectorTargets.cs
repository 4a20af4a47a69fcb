namespace Ml.Cnn.Training.Targets;

/// <summary>
/// Float targets, one per output: a 0/1 vector column (multilabel) or a float / float vector column (regression). Output
/// names are the label's slot names, else "0", "1", ...
/// </summary>
internal sealed class VectorTargets(string column, string[] names) : TargetReader(column)
{
    public override int Outputs => names.Length;

    public override int Columns => names.Length;

    public override IReadOnlyList<string> OutputNames => names;

    public override IReadOnlyList<string> WeightNames => names;
}
