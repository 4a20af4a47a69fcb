using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>
/// The first pass of the ML.NET stratified split: one cursor over the label column alone (no image is read) collecting each
/// row's id and class name — a key's value (or its number), the text, or <c>false</c>/<c>true</c>; a missing label (key 0,
/// empty text) is the empty name, a class of its own.
/// </summary>
internal static class StratifiedLabels
{
    /// <summary>The name used in messages.</summary>
    public const string Component = "StratifiedTrainTestSplit";

    /// <summary>Each row's id and class name, in cursor order.</summary>
    /// <param name="data">The data.</param>
    /// <param name="labelColumnName">The label column: a key, Text or Boolean.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type (the message names it and the accepted kinds).</exception>
    public static (List<DataViewRowId> Ids, List<string> Labels) Read(IDataView data, string labelColumnName)
    {
        var (column, kind) = ClassLabelColumn.Check(data.Schema, labelColumnName, Component);
        using var cursor = data.GetRowCursor([column]);
        var id = cursor.GetIdGetter();
        var label = Getter(cursor, column, kind);
        var ids = new List<DataViewRowId>();
        var labels = new List<string>();
        DataViewRowId value = default;
        while (cursor.MoveNext())
        {
            id(ref value);
            ids.Add(value);
            labels.Add(label());
        }
        return (ids, labels);
    }

    private static Func<string> Getter(DataViewRowCursor cursor, DataViewSchema.Column column, ClassLabelKind kind)
    {
        switch (kind)
        {
            case ClassLabelKind.Key:
                var key = ClassLabelColumn.KeyGetter(cursor, column);
                var names = ClassLabelColumn.KeyNames(column);
                return () => key() is var number and > 0 ? names(number) : "";
            case ClassLabelKind.Text:
                var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                var interned = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
                ReadOnlyMemory<char> value = default;
                return () =>
                {
                    text(ref value);
                    if (interned.TryGetValue(value.Span, out var name)) return name;
                    name = value.ToString();
                    interned[name] = name;
                    return name;
                };
            default:
                var flag = cursor.GetGetter<bool>(column);
                var on = false;
                return () =>
                {
                    flag(ref on);
                    return on ? "true" : "false";
                };
        }
    }
}
