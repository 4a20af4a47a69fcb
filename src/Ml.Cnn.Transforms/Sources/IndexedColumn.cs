using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Features;

namespace Ml.Cnn.Transforms;

/// <summary>
/// A column of an <see cref="IndexedDataView"/>: its name, its ML.NET type and how a row's value is read by row index. A value
/// is read only when a getter asks for it, so a cursor that does not ask for a column never computes it.
/// </summary>
internal sealed class IndexedColumn
{
    private readonly Delegate _read;

    private IndexedColumn(string name, DataViewType type, Delegate read)
    {
        Name = name;
        Type = type;
        _read = read;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The column's ML.NET type.</summary>
    public DataViewType Type { get; }

    /// <summary>A column whose values <paramref name="read"/> fills.</summary>
    /// <typeparam name="T">The raw type of <paramref name="type"/>.</typeparam>
    /// <param name="name">The column name.</param>
    /// <param name="type">The column type.</param>
    /// <param name="read">Reads a row's value.</param>
    public static IndexedColumn Create<T>(string name, DataViewType type, RowReader<T> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(read);
        if (type.RawType != typeof(T))
            throw new ArgumentException($"Column '{name}' of type {type} holds {type.RawType.Name} values, not {typeof(T).Name}.", nameof(type));
        return new IndexedColumn(name, type, read);
    }

    /// <summary>A text column over one string per row.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The rows' values.</param>
    public static IndexedColumn Text(string name, IReadOnlyList<string> values) =>
        Create(name, TextDataViewType.Instance, (int row, ref ReadOnlyMemory<char> value) => value = values[row].AsMemory());

    /// <summary>A getter of this column's value in the row that <paramref name="row"/> gives.</summary>
    /// <typeparam name="TValue">The value type asked for; it must be the column's raw type.</typeparam>
    /// <param name="row">Gives the cursor's current row index (and throws when it is on none).</param>
    /// <exception cref="InvalidOperationException">The value type is not the column's.</exception>
    public ValueGetter<TValue> Getter<TValue>(Func<int> row)
    {
        if (_read is not RowReader<TValue> read)
            throw new InvalidOperationException(
                $"Column '{Name}' is {ImageFeatureColumn.Describe(Type)}; ask for a getter of {Describe(Type.RawType)}, not {Describe(typeof(TValue))}.");
        return (ref TValue value) => read(row(), ref value);
    }

    private static string Describe(System.Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;
}
