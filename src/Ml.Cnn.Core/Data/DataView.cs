using Ml.Cnn.Legacy;
namespace Ml.Cnn;

/// <summary>
/// An immutable table of named columns with equal row counts (the counterpart of ML.NET's IDataView, held in memory).
/// Transformers return new views that share the columns they do not change.
/// </summary>
public sealed class DataView
{
    private readonly Dictionary<string, DataColumn> _byName;

    /// <summary>Creates a view from columns; all must have the same number of rows and distinct names.</summary>
    /// <param name="columns">The columns, in schema order.</param>
    public DataView(IEnumerable<DataColumn> columns) : this(columns, [])
    {
    }

    private DataView(IEnumerable<DataColumn> columns, IReadOnlyList<IBatchAugmenter> augmenters)
    {
        Augmenters = augmenters;
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToArray();
        if (Columns.Count == 0) throw new ArgumentException("A data view needs at least one column.", nameof(columns));
        _byName = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (var c in Columns)
        {
            if (!_byName.TryAdd(c.Name, c)) throw new ArgumentException($"Duplicate column name '{c.Name}'.", nameof(columns));
            if (c.RowCount != Columns[0].RowCount)
                throw new ArgumentException(
                    $"Column '{c.Name}' has {c.RowCount} rows but column '{Columns[0].Name}' has {Columns[0].RowCount}.",
                    nameof(columns));
        }
    }

    /// <summary>Training-time augmentations attached by augmentation transformers, in the order they apply (see <see cref="IBatchAugmenter"/>).</summary>
    public IReadOnlyList<IBatchAugmenter> Augmenters { get; }

    /// <summary>A new view with the same columns and <paramref name="augmenter"/> appended to <see cref="Augmenters"/>.</summary>
    /// <param name="augmenter">The augmenter.</param>
    public DataView WithAugmenter(IBatchAugmenter augmenter)
    {
        ArgumentNullException.ThrowIfNull(augmenter);
        return new DataView(Columns, [.. Augmenters, augmenter]);
    }

    /// <summary>The columns in schema order.</summary>
    public IReadOnlyList<DataColumn> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Columns[0].RowCount;

    /// <summary>The schema: column names and types, one per line.</summary>
    public string Schema => string.Join(Environment.NewLine, Columns.Select(c => $"{c.Name}: {c.TypeName}"));

    /// <summary>True when a column of that name exists.</summary>
    /// <param name="name">Column name.</param>
    public bool HasColumn(string name) => _byName.ContainsKey(name);

    /// <summary>The column of that name and type, or an <see cref="ArgumentException"/> naming what exists.</summary>
    /// <typeparam name="TColumn">Expected column class.</typeparam>
    /// <param name="name">Column name.</param>
    public TColumn GetColumn<TColumn>(string name) where TColumn : DataColumn
    {
        if (!_byName.TryGetValue(name, out var column))
            throw new ArgumentException(
                $"The data has no column '{name}'. Columns: {string.Join(", ", _byName.Keys)}.", nameof(name));
        return column as TColumn ?? throw new ArgumentException(
            $"Column '{name}' is {column.TypeName}, expected {typeof(TColumn).Name}.", nameof(name));
    }

    /// <summary>A new view with the column added, or replacing the column of the same name.</summary>
    /// <param name="column">The column to add.</param>
    public DataView WithColumn(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var list = Columns.Where(c => c.Name != column.Name).ToList();
        list.Add(column);
        return new DataView(list, Augmenters);
    }

    /// <summary>A new view holding the given rows of every column, in that order.</summary>
    /// <param name="rows">Row indices.</param>
    public DataView Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
            if ((uint)r >= (uint)RowCount) throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index outside 0..{RowCount - 1}.");
        return new DataView(Columns.Select(c => c.Select(rows)), Augmenters);
    }

    /// <summary>The first <paramref name="count"/> rows (all rows when fewer).</summary>
    /// <param name="count">Number of rows to keep.</param>
    public DataView Take(int count) => Select(Enumerable.Range(0, Math.Min(Math.Max(count, 0), RowCount)).ToArray());
}
