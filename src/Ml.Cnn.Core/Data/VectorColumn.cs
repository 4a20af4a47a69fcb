using Ml.Cnn.Legacy;
namespace Ml.Cnn;

/// <summary>A column with a fixed-length float vector per row, such as <c>Score</c>; slots may carry names.</summary>
public sealed class VectorColumn : DataColumn
{
    private readonly float[] _values;

    /// <summary>Creates a vector column over a buffer (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="width">Values per row.</param>
    /// <param name="values">Row-major values; length must be a multiple of <paramref name="width"/>.</param>
    /// <param name="slotNames">Optional names of the slots (for Score: the class label of each slot).</param>
    public VectorColumn(string name, int width, float[] values, IReadOnlyList<string>? slotNames = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "Vector width must be positive.");
        if (values.Length % width != 0)
            throw new ArgumentException($"Vector column '{name}': {values.Length} values is not a multiple of width {width}.");
        if (slotNames is not null && slotNames.Count != width)
            throw new ArgumentException($"Vector column '{name}': {slotNames.Count} slot names for width {width}.");
        Width = width;
        _values = values;
        SlotNames = slotNames;
    }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    /// <summary>Slot names, or null.</summary>
    public IReadOnlyList<string>? SlotNames { get; }

    /// <summary>All values, row after row.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <inheritdoc />
    public override int RowCount => _values.Length / Width;

    /// <inheritdoc />
    public override string TypeName => $"Vector<Single, {Width}>";

    /// <summary>The vector of one row.</summary>
    /// <param name="row">Row index.</param>
    public ReadOnlySpan<float> GetRow(int row) => _values.AsSpan(row * Width, Width);

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows)
    {
        var copy = new float[rows.Count * Width];
        for (var i = 0; i < rows.Count; i++) GetRow(rows[i]).CopyTo(copy.AsSpan(i * Width, Width));
        return new VectorColumn(Name, Width, copy, SlotNames);
    }
}
