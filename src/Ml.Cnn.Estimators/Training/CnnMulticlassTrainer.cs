using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>
/// Trains a CNN image classifier: Fit on a view with Image and Label (text) columns returns a <see cref="CnnMulticlassModel"/>
/// that adds Score (softmax per class) and PredictedLabel. Losses: cross-entropy (default), focal, hinge.
/// </summary>
public sealed class CnnMulticlassTrainer : CnnTrainer<CnnMulticlassModel>
{
    /// <summary>Creates the trainer; options are validated here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="contextSeed">The seed used when <see cref="CnnTrainerOptions.Seed"/> is null.</param>
    public CnnMulticlassTrainer(CnnTrainerOptions options, int contextSeed) : base(options, contextSeed)
    {
    }

    /// <inheritdoc />
    public override CnnTask Task => CnnTask.Multiclass;

    private protected override Loss DefaultLoss => Loss.CrossEntropy();

    private protected override TargetReader CreateTargets(DataView train) => ClassTargets.Fit(train, Options.LabelColumnName, null);
}
