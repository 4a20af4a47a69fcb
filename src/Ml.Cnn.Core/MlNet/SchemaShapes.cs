using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.MlNet;

/// <summary>
/// Builds ML.NET's <see cref="SchemaShape"/> columns, whose constructor ML.NET keeps internal, for estimators'
/// <c>GetOutputSchema</c>.
/// </summary>
public static class SchemaShapes
{
    /// <summary>A column shape.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="kind">Scalar, fixed-size vector or variable-size vector.</param>
    /// <param name="itemType">The item type (for key columns, the key type).</param>
    /// <param name="isKey">Whether the column holds keys.</param>
    /// <param name="annotations">The annotation columns it carries (e.g. slot names, key values), or none.</param>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey,
        IEnumerable<SchemaShape.Column>? annotations = null)
    {
        MlNetInternals.EnsureAvailable();
        return new SchemaShape.Column(name, kind, itemType, isKey, annotations is null ? null : new SchemaShape([.. annotations]));
    }

    /// <summary>The annotation shape of slot names (a text vector), as ML.NET's trainers declare it on Score.</summary>
    public static SchemaShape.Column SlotNames() =>
        Column(MlNetNames.SlotNames, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, isKey: false);

    /// <summary>The annotation shape of key values of the given item type, as ML.NET declares it on key columns.</summary>
    /// <param name="itemType">The key values' item type (usually text).</param>
    public static SchemaShape.Column KeyValues(PrimitiveDataViewType itemType) =>
        Column(MlNetNames.KeyValues, SchemaShape.Column.VectorKind.Vector, itemType, isKey: false);

    /// <summary>The column of that name, or null.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="name">The column name.</param>
    public static SchemaShape.Column? Find(SchemaShape shape, string name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.TryFindColumn(name, out var column) ? column : null;
    }

    /// <summary>
    /// The shape of a schema, as ML.NET's pipelines pass it to <c>GetOutputSchema</c> (ML.NET keeps <c>SchemaShape.Create</c>
    /// internal), e.g. for workout tests: <c>estimator.GetOutputSchema(SchemaShapes.Of(data.Schema))</c>.
    /// </summary>
    /// <param name="schema">The schema (its hidden columns are left out).</param>
    public static SchemaShape Of(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        MlNetInternals.EnsureAvailable();
        return SchemaShape.Create(schema);
    }

    /// <summary><paramref name="input"/> with <paramref name="columns"/> added, replacing input columns of the same names.</summary>
    /// <param name="input">The input shape.</param>
    /// <param name="columns">The new columns.</param>
    public static SchemaShape With(SchemaShape input, params SchemaShape.Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = input.ToDictionary(c => c.Name);
        foreach (var column in columns) result[column.Name] = column;
        return new SchemaShape(result.Values);
    }
}
