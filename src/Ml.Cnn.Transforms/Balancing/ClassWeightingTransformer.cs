using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Adds a Single column with each row's class weight, fitted by <see cref="ClassWeightingEstimator"/>; rows whose label is
/// missing (key 0, empty text) or was not seen at Fit weigh 1, so scoring data with other labels never fails. A column of
/// the output name already in the input is hidden, as ML.NET does. Saved in ML.NET's model zip; usable by
/// PredictionEngine.
/// </summary>
public sealed class ClassWeightingTransformer : ITransformer, ICnnComponent<ClassWeightingTransformer>
{
    private const int PayloadVersion = 1;
    private readonly ClassWeightMap _map;

    internal ClassWeightingTransformer(string labelColumnName, string outputColumnName, ClassWeightingMethod method, ClassWeightMap map)
    {
        LabelColumnName = labelColumnName;
        OutputColumnName = outputColumnName;
        Method = method;
        _map = map;
    }

    /// <summary>The label column read.</summary>
    public string LabelColumnName { get; }

    /// <summary>The Single column added.</summary>
    public string OutputColumnName { get; }

    /// <summary>How the weights were computed.</summary>
    public ClassWeightingMethod Method { get; }

    /// <summary>The kind of label column the weights were fitted on (Transform requires the same).</summary>
    public ClassLabelKind LabelKind => _map.Kind;

    /// <summary>
    /// The weight of each class present at Fit (and, with <see cref="ClassWeightingMethod.Given"/>, of each class given), by
    /// class name (see <see cref="ClassLabelKind"/>).
    /// </summary>
    public IReadOnlyDictionary<string, float> Weights => _map.ByName;

    /// <summary>Always true: the weight of a row depends on that row only.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema with the Single weight column added.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing or of another type than at Fit.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <summary>A mapper of single rows, as PredictionEngine uses.</summary>
    /// <param name="inputSchema">The schema of the rows to map.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing or of another type than at Fit.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ClassWeightingRowMapper(Bind(inputSchema));

    /// <summary>The input with the weight column added; weights are computed as cursors move.</summary>
    /// <param name="input">Data with the label column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing or of another type than at Fit.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ClassWeightingDataView(input, Bind(input.Schema));
    }

    /// <summary>Saves the transformer into ML.NET's model (called by <c>mlContext.Model.Save</c>).</summary>
    /// <param name="ctx">ML.NET's save context.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ComponentFile.Save(ctx, this);

    /// <summary>Writes the payload: its version, the column names, the method and the weight of each class.</summary>
    /// <param name="writer">The payload writer.</param>
    void ICnnComponent.SavePayload(BinaryWriter writer)
    {
        writer.Write(PayloadVersion);
        writer.Write(LabelColumnName);
        writer.Write(OutputColumnName);
        writer.Write((int)Method);
        _map.Write(writer);
    }

    /// <summary>Rebuilds the transformer from its payload.</summary>
    /// <param name="environment">ML.NET's environment of the loading context.</param>
    /// <param name="reader">The payload reader.</param>
    static ClassWeightingTransformer ICnnComponent<ClassWeightingTransformer>.Load(IHostEnvironment environment, BinaryReader reader)
    {
        var version = reader.ReadInt32();
        if (version != PayloadVersion)
            throw new InvalidDataException($"The model holds ClassWeights in payload version {version}; this MlCnn reads version {PayloadVersion}. " +
                "Load the model with the MlCnn version that saved it.");
        var label = reader.ReadString();
        var output = reader.ReadString();
        var method = (ClassWeightingMethod)reader.ReadInt32();
        if (string.IsNullOrWhiteSpace(label) || string.IsNullOrWhiteSpace(output) || !Enum.IsDefined(method))
            throw new InvalidDataException($"The ClassWeights stored in this model are invalid (label column '{label}', output column '{output}', " +
                $"method {method}); the model file is damaged.");
        return new ClassWeightingTransformer(label, output, method, ClassWeightMap.Read(reader));
    }

    private ClassWeightingBinding Bind(DataViewSchema inputSchema) => new(inputSchema, LabelColumnName, OutputColumnName, _map);
}
