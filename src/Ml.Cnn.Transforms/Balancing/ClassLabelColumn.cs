using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>
/// The label column of <see cref="ClassWeightingEstimator"/> and of the stratified split: which kinds it accepts (messages in
/// ML.NET's words, naming the column, its type and the accepted kinds), the class names of key labels, and the per-row getters.
/// </summary>
internal static class ClassLabelColumn
{
    private const string Accepted = "a key, Text or Boolean scalar";
    private const string KeyValuesKind = "KeyValues"; // ML.NET's annotation of a key column's values (AnnotationUtils.Kinds is internal)
    private const string Component = "ClassWeights";
    private const string ConvertHint = "Map other label types to a key with MapValueToKey (or convert them to Text or Boolean).";

    /// <summary>The label kind of a column shape, checked as <c>GetOutputSchema</c> does.</summary>
    /// <param name="input">The input shape.</param>
    /// <param name="name">The label column name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type.</exception>
    public static ClassLabelKind Check(SchemaShape input, string name)
    {
        var found = input.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).FirstOrDefault();
        if (found is not { } column) throw Missing(name, input.Select(c => c.Name));
        var kind = column.Kind != SchemaShape.Column.VectorKind.Scalar ? null : column.IsKey ? ClassLabelKind.Key : KindOf(column.ItemType);
        return kind ?? throw Mismatch(name, Accepted, Describe(column), ConvertHint);
    }

    /// <summary>The label column of a schema and its kind.</summary>
    /// <param name="schema">The input schema.</param>
    /// <param name="name">The label column name.</param>
    /// <param name="component">Who reads the labels, for messages.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type.</exception>
    public static (DataViewSchema.Column Column, ClassLabelKind Kind) Check(DataViewSchema schema, string name, string component = Component)
    {
        var column = schema.GetColumnOrNull(name) ?? throw Missing(name, schema.Where(c => !c.IsHidden).Select(c => c.Name), component);
        return (column, KindOf(column.Type) ?? throw Mismatch(name, Accepted, $"{column.Type}", ConvertHint, component));
    }

    /// <summary>The label column of a schema, checked against the kind (and key count) the weights were fitted on.</summary>
    /// <param name="schema">The input schema.</param>
    /// <param name="name">The label column name.</param>
    /// <param name="map">The fitted weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type than at Fit.</exception>
    public static DataViewSchema.Column Check(DataViewSchema schema, string name, ClassWeightMap map)
    {
        var (column, kind) = Check(schema, name);
        var keyCount = column.Type is KeyDataViewType key ? key.Count : 0;
        if (kind != map.Kind || keyCount != map.KeyCount)
        {
            var expected = map.Kind == ClassLabelKind.Key ? $"a key of {map.KeyCount} values" : map.Kind.ToString();
            throw Mismatch(name, $"{expected} (as when the weights were fitted)", $"{column.Type}",
                "Give the label column the type it had at Fit, or fit the class weights again on data of this type.");
        }
        return column;
    }

    /// <summary>The class name of each key number of a key column: its key value, or the number when it has none.</summary>
    /// <param name="column">The key column.</param>
    public static Func<ulong, string> KeyNames(DataViewSchema.Column column)
    {
        static string Number(ulong key) => key.ToString(CultureInfo.InvariantCulture);
        var annotation = column.Annotations.Schema.GetColumnOrNull(KeyValuesKind);
        if (annotation?.Type is not VectorDataViewType vector) return Number;
        var read = typeof(ClassLabelColumn).GetMethod(nameof(KeyValues), BindingFlags.NonPublic | BindingFlags.Static)!;
        var values = (string[])read.MakeGenericMethod(vector.ItemType.RawType).Invoke(null, [column])!;
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Length) return Number;
        return key => key >= 1 && key <= (ulong)values.Length ? values[key - 1] : Number(key);
    }

    /// <summary>A getter of each row's key number (0 = missing), whatever the key's integer type.</summary>
    /// <param name="row">The row or cursor.</param>
    /// <param name="column">The key column.</param>
    public static Func<ulong> KeyGetter(DataViewRow row, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(uint)) return Widen<uint>(row, column, v => v);
        if (raw == typeof(ulong)) return Widen<ulong>(row, column, v => v);
        if (raw == typeof(ushort)) return Widen<ushort>(row, column, v => v);
        if (raw == typeof(byte)) return Widen<byte>(row, column, v => v);
        throw new ArgumentOutOfRangeException(nameof(column), $"Key column '{column.Name}' stores {raw.Name}; ML.NET keys are Byte, UInt16, UInt32 or UInt64.");
    }

    /// <summary>A getter of each row's class weight.</summary>
    /// <param name="row">The input row or cursor, with the label column active.</param>
    /// <param name="column">The label column.</param>
    /// <param name="map">The fitted weights.</param>
    public static ValueGetter<float> WeightGetter(DataViewRow row, DataViewSchema.Column column, ClassWeightMap map)
    {
        switch (map.Kind)
        {
            case ClassLabelKind.Key:
                var key = KeyGetter(row, column);
                return (ref float weight) => weight = map.OfKey(key());
            case ClassLabelKind.Text:
                var text = row.GetGetter<ReadOnlyMemory<char>>(column);
                ReadOnlyMemory<char> label = default;
                return (ref float weight) =>
                {
                    text(ref label);
                    weight = map.OfText(label.Span);
                };
            default:
                var flag = row.GetGetter<bool>(column);
                var value = false;
                return (ref float weight) =>
                {
                    flag(ref value);
                    weight = map.OfBoolean(value);
                };
        }
    }

    private static ClassLabelKind? KindOf(DataViewType type) => type switch
    {
        KeyDataViewType => ClassLabelKind.Key,
        TextDataViewType => ClassLabelKind.Text,
        BooleanDataViewType => ClassLabelKind.Boolean,
        _ => null,
    };

    private static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => column.IsKey ? $"Key<{column.ItemType.RawType.Name}>" : $"{column.ItemType}",
        SchemaShape.Column.VectorKind.Vector => $"Vector<{column.ItemType}>",
        _ => $"VarVector<{column.ItemType}>",
    };

    private static Func<ulong> Widen<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> widen)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return widen(value);
        };
    }

    private static string[] KeyValues<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        return [.. values.DenseValues().Select(v => v switch
        {
            ReadOnlyMemory<char> text => text.ToString(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => $"{v}",
        })];
    }

    private static ArgumentOutOfRangeException Missing(string name, IEnumerable<string> columns, string component = Component) =>
        new("inputSchema", $"Could not find label column '{name}' for {component}; the input has the columns " +
            $"{string.Join(", ", columns.Select(c => $"'{c}'"))}. Set labelColumnName to the column that holds the labels.");

    private static ArgumentOutOfRangeException Mismatch(string name, string expected, string actual, string hint, string component = Component) =>
        new("inputSchema", $"Schema mismatch for label column '{name}' of {component}: expected {expected}, got {actual}. {hint}");
}
