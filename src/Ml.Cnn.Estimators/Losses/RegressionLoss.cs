using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>
/// A regression loss: mean squared error, mean absolute error, Huber (delta) or smooth L1 (beta), as PyTorch defines them;
/// created by <see cref="Loss.MeanSquaredError"/>, <see cref="Loss.MeanAbsoluteError"/>, <see cref="Loss.Huber"/>, <see cref="Loss.SmoothL1"/>.
/// </summary>
public sealed class RegressionLoss : Loss
{
    private readonly string _kind;
    private readonly string? _parameterName;

    internal RegressionLoss(string name, string kind, string? parameterName, double parameter)
    {
        Name = name;
        _kind = kind;
        _parameterName = parameterName;
        if (parameterName is not null)
            Parameter = Require(parameter, parameterName, parameter > 0 && double.IsFinite(parameter), "must be a finite number > 0");
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Huber's delta or smooth L1's beta; 0 for MSE and MAE.</summary>
    public double Parameter { get; }

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Regression];

    internal override string ToSpec() => Line(_kind);

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() =>
        _parameterName is null ? [] : [new(_parameterName, Parameter)];
}
