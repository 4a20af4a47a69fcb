using Ml.Cnn.Legacy;
namespace Ml.Cnn.Training.Targets;

/// <summary>
/// Float targets, one per output: a 0/1 vector column (multilabel; values must lie in [0, 1]) or a float / float vector
/// column (regression; values must be finite). Output names are the vector's slot names, else "0", "1", ...
/// </summary>
internal sealed class VectorTargets : TargetReader
{
    private readonly bool _unitInterval;
    private readonly string[] _names;

    private VectorTargets(string column, string[] names, bool unitInterval) : base(column)
    {
        _names = names;
        _unitInterval = unitInterval;
    }

    public override int Outputs => _names.Length;

    public override int Columns => _names.Length;

    public override IReadOnlyList<string> OutputNames => _names;

    public override IReadOnlyList<string> WeightNames => _names;

    /// <summary>Targets of known output names (the ML.NET regression head knows them from the label's type).</summary>
    public static VectorTargets Create(string column, string[] names, bool unitInterval) => new(column, names, unitInterval);

    /// <summary>Learns the width and names from the training view.</summary>
    public static VectorTargets Fit(DataView train, string column, bool unitInterval)
    {
        var names = train.GetColumn<DataColumn>(column) switch
        {
            VectorColumn v => v.SlotNames?.ToArray() ?? Enumerable.Range(0, v.Width).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            ScalarColumn<float> when !unitInterval => [column],
            var other => throw new ArgumentException(
                $"Column '{column}' is {other.TypeName}; the {(unitInterval ? "multilabel task needs a 0/1 vector column" : "regression task needs a float or float vector column")}."),
        };
        return new VectorTargets(column, names, unitInterval);
    }

    public override float[] Read(DataView view, string role)
    {
        var (values, width) = view.GetColumn<DataColumn>(Column) switch
        {
            VectorColumn v => (v.Values.ToArray(), v.Width),
            ScalarColumn<float> s => (s.Values.ToArray(), 1),
            var other => throw new ArgumentException($"The {role} data, column '{Column}' is {other.TypeName}, expected {(Columns == 1 ? "a float" : "a vector")} column."),
        };
        if (width != Columns)
            throw new ArgumentException($"The {role} data, column '{Column}' has {width} values per row but the training data has {Columns}.");
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!float.IsFinite(v)) throw Bad(role, i / width, $"value {v} is not a finite number");
            if (_unitInterval && v is < 0 or > 1) throw Bad(role, i / width, $"label value {v} lies outside [0, 1] (use 1 for present, 0 for absent)");
        }
        return values;
    }
}
