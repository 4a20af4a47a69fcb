using Ml.Cnn.Legacy;
namespace Ml.Cnn.Training.Targets;

/// <summary>Bool labels as 0/1 targets of one output.</summary>
internal sealed class BinaryTargets(string column) : TargetReader(column)
{
    public override int Outputs => 1;

    public override int Columns => 1;

    public override IReadOnlyList<string> OutputNames => [];

    public override IReadOnlyList<string> WeightNames => ["false", "true"];

    public override float[] Read(DataView view, string role)
    {
        if (view.HasColumn(Column) && view.GetColumn<DataColumn>(Column) is ScalarColumn<string> text)
            throw new ArgumentException(
                $"The {role} data, column '{Column}' holds text ({text.Values.Distinct().Count()} distinct values); the binary task needs a bool label column. " +
                "Map the labels to true/false first, or use the multiclass trainer.");
        return view.GetColumn<ScalarColumn<bool>>(Column).Values.Select(b => b ? 1f : 0f).ToArray();
    }
}
