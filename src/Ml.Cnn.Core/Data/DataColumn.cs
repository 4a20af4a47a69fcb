using Ml.Cnn.Legacy;
namespace Ml.Cnn;

/// <summary>One named column of a <see cref="DataView"/>: a value per row.</summary>
public abstract class DataColumn
{
    /// <summary>Creates a column.</summary>
    /// <param name="name">The column name, e.g. <c>Image</c> or <c>Label</c>.</param>
    protected DataColumn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public abstract int RowCount { get; }

    /// <summary>A short description of the column type for schemas and error messages, e.g. <c>Image 1x28x28</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>A new column of the same type holding the given rows, in that order.</summary>
    /// <param name="rows">Row indices into this column.</param>
    public abstract DataColumn Select(IReadOnlyList<int> rows);
}
