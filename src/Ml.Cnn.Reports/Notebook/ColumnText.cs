using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Notebook;

/// <summary>Reads a label-like column of the current row as text: a key as its key value, text, a Boolean, or a number.</summary>
internal static class ColumnText
{
    private const string AnnotationKind = "KeyValues"; // ML.NET's annotation of a key column's values

    /// <summary>A getter of the column's value as text.</summary>
    /// <param name="row">The row or cursor, with the column active.</param>
    /// <param name="column">The column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is a vector or of another type.</exception>
    public static Func<string> Getter(DataViewRow row, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case KeyDataViewType key when key.RawType == typeof(uint):
                var keyGetter = row.GetGetter<uint>(column);
                var values = KeyValues(column);
                return () =>
                {
                    uint k = 0;
                    keyGetter(ref k);
                    return k == 0 ? "?" : k <= values.Length ? values[k - 1] : (k - 1).ToString(CultureInfo.InvariantCulture);
                };
            case TextDataViewType:
                var textGetter = row.GetGetter<ReadOnlyMemory<char>>(column);
                return () =>
                {
                    ReadOnlyMemory<char> text = default;
                    textGetter(ref text);
                    return text.ToString();
                };
            case BooleanDataViewType:
                var boolGetter = row.GetGetter<bool>(column);
                return () =>
                {
                    var b = false;
                    boolGetter(ref b);
                    return b ? "true" : "false";
                };
            case NumberDataViewType number when number.RawType == typeof(float):
                var floatGetter = row.GetGetter<float>(column);
                return () =>
                {
                    var f = 0f;
                    floatGetter(ref f);
                    return f.ToString("G4", CultureInfo.InvariantCulture);
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(column),
                    $"Column '{column.Name}' is {column.Type}; a label shown under an image must be a key (UInt32, as MapValueToKey makes), text, Boolean or Single column.");
        }
    }

    /// <summary>A key column's values as text, in key order (text, numbers or Booleans, as MapValueToKey keeps them); empty without.</summary>
    private static string[] KeyValues(DataViewSchema.Column column)
    {
        var type = column.Annotations.Schema.GetColumnOrNull(AnnotationKind)?.Type;
        return (type as VectorDataViewType)?.ItemType.RawType switch
        {
            { } t when t == typeof(ReadOnlyMemory<char>) => Read<ReadOnlyMemory<char>>(column, v => v.ToString()),
            { } t when t == typeof(float) => Read<float>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            { } t when t == typeof(double) => Read<double>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            { } t when t == typeof(int) => Read<int>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            { } t when t == typeof(uint) => Read<uint>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            { } t when t == typeof(long) => Read<long>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            { } t when t == typeof(ulong) => Read<ulong>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            { } t when t == typeof(bool) => Read<bool>(column, v => v ? "true" : "false"),
            _ => [],
        };
    }

    private static string[] Read<T>(DataViewSchema.Column column, Func<T, string> text)
    {
        var values = default(VBuffer<T>);
        column.Annotations.GetValue(AnnotationKind, ref values);
        return values.DenseValues().Select(text).ToArray();
    }
}
