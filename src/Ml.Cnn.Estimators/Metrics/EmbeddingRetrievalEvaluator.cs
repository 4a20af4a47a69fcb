using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;

namespace Ml.Cnn.Metrics;

/// <summary>
/// Computes <see cref="EmbeddingMetrics"/> from ML.NET data (what <c>mlContext.Embeddings().Evaluate</c> calls): reads the
/// label (key or text) and embedding columns with one cursor, then searches nearest neighbours exactly.
/// </summary>
internal static class EmbeddingRetrievalEvaluator
{
    /// <summary>Evaluates <paramref name="data"/>; a missing or mistyped column, a missing label or a non-finite value throw naming the column.</summary>
    public static EmbeddingMetrics Evaluate(IDataView data, string labelColumnName, string scoreColumnName, IReadOnlyList<int>? k)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ks = NearestNeighbourRecall.CheckK(k);
        var schema = data.Schema;
        var label = Find(schema, labelColumnName, "label");
        if (label.Type is not KeyDataViewType && label.Type is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(data), $"Schema mismatch for label column '{labelColumnName}': expected Key or String, " +
                $"got {ImageFeatureColumn.Describe(label.Type)}. Rows of one label value belong together; map other types with mlContext.Transforms.Conversion.MapValueToKey.");
        var score = Find(schema, scoreColumnName, "score");
        if (score.Type is not VectorDataViewType { Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(data), $"Schema mismatch for score column '{scoreColumnName}': expected a known-size vector of Single " +
                $"(an embedding), got {ImageFeatureColumn.Describe(score.Type)}. Evaluate the output of mlContext.Embeddings().Trainers.Cnn.");
        var ids = new List<int>();
        var embeddings = new List<float>();
        using (var cursor = data.GetRowCursor([label, score]))
        {
            var readLabel = LabelReader(cursor, label);
            var readScore = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                ids.Add(readLabel());
                readScore(ref buffer);
                embeddings.AddRange(buffer.DenseValues());
            }
        }
        return NearestNeighbourRecall.Compute([.. ids], [.. embeddings], vector.Size, ks, labelColumnName, scoreColumnName);
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string role) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException("data",
            $"The {role} column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");

    /// <summary>Numbers the current row's label 0, 1, ... in order of first appearance; a missing label throws naming the row.</summary>
    private static Func<int> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        Func<string?> read;
        if (label.Type is KeyDataViewType)
        {
            var key = KeyLabelReader.KeyReader(cursor, label);
            read = () => key() is var k and > 0 ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        else
        {
            var text = cursor.GetGetter<ReadOnlyMemory<char>>(label);
            ReadOnlyMemory<char> value = default;
            read = () =>
            {
                text(ref value);
                return value.IsEmpty ? null : value.ToString();
            };
        }
        return () =>
        {
            var value = read() ?? throw new ArgumentException($"Column '{label.Name}', row {cursor.Position}: the label is missing. " +
                "Remove rows without a label before evaluating.");
            if (!idOf.TryGetValue(value, out var id)) id = idOf[value] = idOf.Count;
            return id;
        };
    }
}
