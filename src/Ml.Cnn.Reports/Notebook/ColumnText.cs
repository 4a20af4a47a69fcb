using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Heads;

namespace Ml.Cnn.Notebook;

/// <summary>
/// Reads a label-like column of the current row as text: a key as its key value (as the heads name keys: <see cref="KeyValueSet"/>,
/// the key number without values, "?" for a missing key), text, a Boolean, or a number.
/// </summary>
internal static class ColumnText
{
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
                IReadOnlyList<string> values = key.Count is > 0 and <= 1_000_000 ? KeyValueSet.Of(column, (int)key.Count).Texts : [];
                return () =>
                {
                    uint k = 0;
                    keyGetter(ref k);
                    return k == 0 ? "?" : k <= values.Count ? values[(int)k - 1] : k.ToString(CultureInfo.InvariantCulture);
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
}
