using Ml.Cnn.Legacy;
namespace Ml.Cnn;

/// <summary>A column with one scalar value per row: labels (string), weights (float), predicted labels.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ScalarColumn<T> : DataColumn
{
    private readonly T[] _values;

    /// <summary>Creates a scalar column over an array (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="values">One value per row.</param>
    public ScalarColumn(string name, T[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>The values, one per row.</summary>
    public IReadOnlyList<T> Values => _values;

    /// <inheritdoc />
    public override int RowCount => _values.Length;

    /// <inheritdoc />
    public override string TypeName => typeof(T).Name;

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows)
    {
        var copy = new T[rows.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = _values[rows[i]];
        return new ScalarColumn<T>(Name, copy);
    }
}
