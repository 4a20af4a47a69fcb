using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>
/// ML.NET estimator behind <c>mlContext.Transforms.ClassWeights</c>: at Fit it counts the labels (a cursor over the label
/// column only) and computes one weight per class (see <see cref="ClassWeightingMethod"/>; k is the number of classes
/// present); its <see cref="ClassWeightingTransformer"/> adds a Single column with each row's class weight, for a
/// trainer's example-weight column. The label column is a key, Text or Boolean (see <see cref="ClassLabelKind"/>).
/// </summary>
public sealed class ClassWeightingEstimator : IEstimator<ClassWeightingTransformer>
{
    private const string Name = "ClassWeights";
    private const int LoggedClasses = 20;
    private readonly IHostEnvironment _environment;
    private readonly ClassWeightsOptions _options;

    /// <summary>Creates the estimator; the options are copied and validated now.</summary>
    /// <param name="environment">ML.NET's environment (for its log).</param>
    /// <param name="options">The options.</param>
    internal ClassWeightingEstimator(IHostEnvironment environment, ClassWeightsOptions options)
    {
        _environment = environment;
        _options = options.Copy();
        _options.Validate();
    }

    /// <summary>Counts the labels and computes the class weights.</summary>
    /// <param name="input">Training data with the label column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing, or not a key, Text or Boolean scalar.</exception>
    /// <exception cref="ArgumentException">The label column holds no label, or a given weight names no class of a key or Boolean label.</exception>
    public ClassWeightingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (column, kind) = ClassLabelColumn.Check(input.Schema, _options.LabelColumnName);
        var (present, rows) = kind switch
        {
            ClassLabelKind.Key => CountKeys(input, column),
            ClassLabelKind.Text => CountTexts(input, column),
            _ => CountBooleans(input, column),
        };
        if (present.Count == 0)
            throw new ArgumentException($"{Name}: label column '{column.Name}' holds no label ({rows} rows, all missing); there is nothing to weigh. " +
                "Fit on data with labels.", nameof(input));
        var weights = ClassWeightFormula.Compute(_options, [.. present.Select(c => c.Name)], [.. present.Select(c => c.Count)]);
        var classes = present.Select((c, i) => new WeightedClass(c.Name, c.Index, weights[i])).ToList();
        AddGivenClasses(classes, column, kind);
        classes.Sort((a, b) => kind == ClassLabelKind.Text ? string.CompareOrdinal(a.Name, b.Name) : a.Index.CompareTo(b.Index));
        var keyCount = column.Type is KeyDataViewType key ? key.Count : 0;
        var map = new ClassWeightMap(kind, keyCount, classes);
        MlNetEnvironment.Log(_environment, Name, Describe(map, rows));
        return new ClassWeightingTransformer(_options.LabelColumnName, _options.OutputColumnName, _options.Method, map);
    }

    /// <summary>The input shape with the Single weight column added (replacing a column of that name).</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing, or not a key, Text or Boolean scalar.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ClassLabelColumn.Check(inputSchema, _options.LabelColumnName);
        return SchemaShapes.With(inputSchema,
            SchemaShapes.Column(_options.OutputColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, isKey: false));
    }

    private static (List<(string Name, ulong Index, long Count)> Present, long Rows) CountKeys(IDataView input, DataViewSchema.Column column)
    {
        var keyCount = ((KeyDataViewType)column.Type).Count;
        var counts = new SortedDictionary<ulong, long>();
        long rows = 0;
        using (var cursor = input.GetRowCursor([column]))
        {
            var key = ClassLabelColumn.KeyGetter(cursor, column);
            for (; cursor.MoveNext(); rows++)
            {
                var value = key();
                if (value >= 1 && value <= keyCount) counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }
        var names = ClassLabelColumn.KeyNames(column);
        return ([.. counts.Select(c => (names(c.Key), c.Key, c.Value))], rows);
    }

    private static (List<(string Name, ulong Index, long Count)> Present, long Rows) CountTexts(IDataView input, DataViewSchema.Column column)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        long rows = 0;
        using (var cursor = input.GetRowCursor([column]))
        {
            var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> label = default;
            for (; cursor.MoveNext(); rows++)
            {
                text(ref label);
                if (!label.IsEmpty) CollectionsMarshal.GetValueRefOrAddDefault(lookup, label.Span, out _)++;
            }
        }
        return ([.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, 0UL, c.Value))], rows);
    }

    private static (List<(string Name, ulong Index, long Count)> Present, long Rows) CountBooleans(IDataView input, DataViewSchema.Column column)
    {
        var counts = new long[2];
        long rows = 0;
        using (var cursor = input.GetRowCursor([column]))
        {
            var flag = cursor.GetGetter<bool>(column);
            var value = false;
            for (; cursor.MoveNext(); rows++)
            {
                flag(ref value);
                counts[value ? 1 : 0]++;
            }
        }
        return ([.. Enumerable.Range(0, 2).Where(i => counts[i] > 0).Select(i => (BooleanName(i == 1), (ulong)i, counts[i]))], rows);
    }

    private void AddGivenClasses(List<WeightedClass> classes, DataViewSchema.Column column, ClassLabelKind kind)
    {
        if (_options.Given is not { } given) return;
        var present = classes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var all = kind switch
        {
            ClassLabelKind.Key => AllKeyNames(column),
            ClassLabelKind.Boolean => new Dictionary<string, ulong>(StringComparer.Ordinal) { [BooleanName(false)] = 0, [BooleanName(true)] = 1 },
            _ => null,
        };
        foreach (var (label, weight) in given.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (present.Contains(label)) continue;
            ulong index = 0;
            if (all is not null && !all.TryGetValue(label, out index))
                throw new ArgumentException($"ClassWeightsOptions.Given names the class '{label}', which label column '{column.Name}' ({column.Type}) " +
                    $"cannot hold; its classes are {string.Join(", ", all.Keys.Take(LoggedClasses).Select(k => $"'{k}'"))}" +
                    $"{(all.Count > LoggedClasses ? ", …" : "")}. Name the classes by their key values (or false / true).", nameof(ClassWeightsOptions.Given));
            classes.Add(new WeightedClass(label, index, weight));
        }
    }

    private static Dictionary<string, ulong> AllKeyNames(DataViewSchema.Column column)
    {
        var names = ClassLabelColumn.KeyNames(column);
        var all = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (ulong key = 1; key <= ((KeyDataViewType)column.Type).Count; key++) all[names(key)] = key;
        return all;
    }

    private static string BooleanName(bool value) => value ? "true" : "false";

    private string Describe(ClassWeightMap map, long rows)
    {
        var shown = map.Classes.Take(LoggedClasses).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Weight:G4}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Name} ({_options.Method}) from {rows} rows of '{_options.LabelColumnName}': {map.Classes.Count} classes weigh " +
            $"{string.Join(", ", shown)}{(map.Classes.Count > LoggedClasses ? ", …" : "")}.");
    }
}
