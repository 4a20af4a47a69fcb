using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>
/// Trains a CNN regressor (image to one or more numbers): Fit on a view with Image and a float (or float vector) Label column
/// returns a <see cref="CnnRegressionModel"/> that adds Score. Losses: mean squared error (default), mean absolute error,
/// Huber, smooth L1.
/// </summary>
public sealed class CnnRegressionTrainer : CnnTrainer<CnnRegressionModel>
{
    /// <summary>Creates the trainer; options are validated here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="contextSeed">The seed used when <see cref="CnnTrainerOptions.Seed"/> is null.</param>
    public CnnRegressionTrainer(CnnTrainerOptions options, int contextSeed) : base(options, contextSeed)
    {
    }

    /// <inheritdoc />
    public override CnnTask Task => CnnTask.Regression;

    private protected override Loss DefaultLoss => Loss.MeanSquaredError();

    private protected override TargetReader CreateTargets(DataView train) => VectorTargets.Fit(train, Options.LabelColumnName, unitInterval: false);
}
