namespace Ml.Cnn.Training.Targets;

/// <summary>
/// Turns a task's label column into the float targets the native loss reads ([rows × Columns], row-major), with what was
/// learned from the training data (label keys, label names) fixed at Fit.
/// </summary>
internal abstract class TargetReader(string column)
{
    /// <summary>The label column.</summary>
    public string Column { get; } = column;

    /// <summary>The network's outputs.</summary>
    public abstract int Outputs { get; }

    /// <summary>Target values per row.</summary>
    public abstract int Columns { get; }

    /// <summary>Output names stored in the model (slot names of Score).</summary>
    public abstract IReadOnlyList<string> OutputNames { get; }

    /// <summary>What <see cref="CnnTrainerOptions.ClassWeights"/> keys name, in class-weight order.</summary>
    public abstract IReadOnlyList<string> WeightNames { get; }

    /// <summary>The class-weight vector in <see cref="WeightNames"/> order (missing keys weigh 1), or empty without weights.</summary>
    public float[] ClassWeights(IReadOnlyDictionary<string, float>? weights)
    {
        if (weights is null) return [];
        var names = WeightNames;
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++) byName[names[i]] = i;
        var vector = Enumerable.Repeat(1f, names.Count).ToArray();
        foreach (var (key, weight) in weights)
        {
            if (!byName.TryGetValue(key, out var index))
                throw new ArgumentException($"ClassWeights names '{key}', which the training data does not have. Known: {string.Join(", ", names)}.");
            vector[index] = weight;
        }
        return vector;
    }
}
