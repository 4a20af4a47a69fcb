using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>
/// Trains a multilabel CNN classifier: Fit on a view with Image and a Label vector column (1 = label present, slot names =
/// label names) returns a <see cref="CnnMultilabelModel"/> that adds Score and PredictedLabels. Losses: binary
/// cross-entropy per label (default), sigmoid focal, binary hinge.
/// </summary>
public sealed class CnnMultilabelTrainer : CnnTrainer<CnnMultilabelModel>
{
    /// <summary>Creates the trainer; options are validated here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="contextSeed">The seed used when <see cref="CnnTrainerOptions.Seed"/> is null.</param>
    public CnnMultilabelTrainer(CnnTrainerOptions options, int contextSeed) : base(options, contextSeed)
    {
    }

    /// <inheritdoc />
    public override CnnTask Task => CnnTask.Multilabel;

    private protected override Loss DefaultLoss => Loss.BinaryCrossEntropy();

    private protected override TargetReader CreateTargets(DataView train) => VectorTargets.Fit(train, Options.LabelColumnName, unitInterval: true);
}
