using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Cli;

/// <summary>
/// The class labels of a text label column and their keys: classes are ordered numerically when every label is an integer
/// written canonically (so IDX labels 0..9 get keys in that order), otherwise ordinally (folder names alphabetically).
/// </summary>
internal static class ClassLabels
{
    /// <summary>The distinct labels of a text column, in class order (a cursor over that column alone: no image is read).</summary>
    public static string[] Read(IDataView data, string column = DefaultColumnNames.Label)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        using (var cursor = data.GetRowCursor([data.Schema[column]]))
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema[column]);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                distinct.Add(value.ToString());
            }
        }
        var classes = distinct.ToList();
        var numeric = classes.All(IsCanonicalInteger);
        classes.Sort(numeric
            ? (a, b) => long.Parse(a, CultureInfo.InvariantCulture).CompareTo(long.Parse(b, CultureInfo.InvariantCulture))
            : StringComparer.Ordinal.Compare);
        return [.. classes];
    }

    /// <summary>ML.NET's <c>MapValueToKey</c> on the label column with keys 1..K in the order of <paramref name="classes"/>.</summary>
    public static IEstimator<ITransformer> ToKeys(MLContext ml, IReadOnlyList<string> classes) =>
        ml.Transforms.Conversion.MapValueToKey(DefaultColumnNames.Label,
            keyData: ml.Data.LoadFromEnumerable(classes.Select(c => new ClassRow { Label = c })));

    /// <summary>
    /// The data with its text labels mapped to the keys of a model's classes; a label the model does not know is an error
    /// naming it, the source and the model's classes.
    /// </summary>
    public static IDataView Keyed(MLContext ml, IDataView data, IReadOnlyList<string> classes, string where)
    {
        var unknown = Read(data).Except(classes, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"The labels of {where} hold {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))}{(unknown.Length > 5 ? ", ..." : "")}, " +
                $"which the model does not know; it was trained on {string.Join(", ", classes)}. Evaluate on data with the model's classes.");
        return ToKeys(ml, classes).Fit(data).Transform(data);
    }

    /// <summary>The slot names of a vector column (a multiclass model's <c>Score</c>: its classes; a targets vector: the target names); empty when it has none.</summary>
    public static string[] SlotNames(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is null) return [];
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    private static bool IsCanonicalInteger(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) &&
        n.ToString(CultureInfo.InvariantCulture) == value;

    /// <summary>One class label: the rows of <c>MapValueToKey</c>'s key data.</summary>
    private sealed class ClassRow
    {
        public string Label { get; set; } = "";
    }
}
