using Ml.Cnn.Legacy;
using System.Text.Json;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Adds a float column with each row's class weight (rows whose label is null or empty get 1). Fitted by
/// <see cref="ClassWeightsEstimator"/>; <see cref="Weights"/> can also be given to a trainer's ClassWeights option.
/// </summary>
public sealed class ClassWeightsTransformer : ITransformer
{
    private const string Format = "mlcnn-class-weights";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Dictionary<string, float> _weights;

    internal ClassWeightsTransformer(Dictionary<string, float> weights, string labelColumnName, string outputColumnName, ClassWeightingMethod method)
    {
        _weights = weights;
        LabelColumnName = labelColumnName;
        OutputColumnName = outputColumnName;
        Method = method;
    }

    /// <summary>The weight of each label value seen at Fit (and, for <see cref="ClassWeightingMethod.Given"/>, each label given).</summary>
    public IReadOnlyDictionary<string, float> Weights => _weights;

    /// <summary>The label column read.</summary>
    public string LabelColumnName { get; }

    /// <summary>The float column added.</summary>
    public string OutputColumnName { get; }

    /// <summary>How the weights were computed.</summary>
    public ClassWeightingMethod Method { get; }

    /// <summary>A new view with the weight column added (or replaced).</summary>
    /// <param name="input">Data with the label column.</param>
    /// <exception cref="ArgumentException">A label that was not seen at Fit (naming the row and the label).</exception>
    public DataView Transform(DataView input)
    {
        var labels = LabelValues.Read(input, LabelColumnName, "ClassWeights");
        var weights = new float[labels.Count];
        for (var row = 0; row < weights.Length; row++)
        {
            var label = labels[row];
            if (string.IsNullOrEmpty(label)) weights[row] = 1f;
            else if (!_weights.TryGetValue(label, out weights[row]))
                throw new ArgumentException(
                    $"ClassWeights: row {row} has label '{label}', which was not seen when the weights were fitted (known: " +
                    $"{string.Join(", ", _weights.Keys.Order(StringComparer.Ordinal))}). Fit the class weights again on data that holds every label.");
        }
        return input.WithColumn(new ScalarColumn<float>(OutputColumnName, weights));
    }

    /// <summary>Saves the transformer as JSON, through a temporary file renamed over <paramref name="path"/> (a crash leaves any old file intact).</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var file = new ClassWeightsFile(Format, 1, LabelColumnName, OutputColumnName, Method.ToString(),
            new SortedDictionary<string, float>(_weights, StringComparer.Ordinal));
        AtomicFile.Write(full, "class weights", stream => JsonSerializer.Serialize(stream, file, Json));
    }

    /// <summary>Loads a transformer written by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The file is not a class-weights file, or holds invalid weights.</exception>
    public static ClassWeightsTransformer Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Class-weights file '{path}' does not exist.", path);
        ClassWeightsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ClassWeightsFile>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a class-weights file (invalid JSON: {e.Message}).", e);
        }
        if (file is not { Format: Format, Version: 1, Weights: not null } ||
            string.IsNullOrWhiteSpace(file.LabelColumnName) || string.IsNullOrWhiteSpace(file.OutputColumnName) ||
            !Enum.TryParse<ClassWeightingMethod>(file.Method, out var method) || !Enum.IsDefined(method))
            throw new InvalidDataException($"'{path}' is not a class-weights file written by ClassWeightsTransformer.Save (format {Format}, version 1).");
        foreach (var (label, weight) in file.Weights)
            if (!float.IsFinite(weight) || weight < 0)
                throw new InvalidDataException($"'{path}': the weight of '{label}' is {weight}; weights must be finite and >= 0.");
        return new ClassWeightsTransformer(new Dictionary<string, float>(file.Weights, StringComparer.Ordinal),
            file.LabelColumnName, file.OutputColumnName, method);
    }
}
