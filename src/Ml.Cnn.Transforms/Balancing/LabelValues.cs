using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>Reads a label column as text: text columns as they are, bool columns as <c>false</c> / <c>true</c>.</summary>
internal static class LabelValues
{
    /// <summary>The labels of a column, one per row (null where a text label is missing).</summary>
    /// <param name="data">The data.</param>
    /// <param name="column">The label column.</param>
    /// <param name="user">Who reads the labels, for messages (e.g. "ClassWeights").</param>
    public static IReadOnlyList<string?> Read(DataView data, string column, string user)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasColumn(column))
            throw new ArgumentException($"{user}: the data has no label column '{column}'. Columns: {string.Join(", ", data.Columns.Select(c => c.Name))}.");
        return data.GetColumn<DataColumn>(column) switch
        {
            ScalarColumn<string> text => text.Values,
            ScalarColumn<bool> flags => flags.Values.Select(v => v ? "true" : "false").ToArray(),
            var other => throw new ArgumentException(
                $"{user}: label column '{column}' is {other.TypeName}; it needs text (or bool) labels."),
        };
    }
}
