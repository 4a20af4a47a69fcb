using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>
/// Trains a binary CNN classifier: Fit on a view with Image and a bool Label column returns a <see cref="CnnBinaryModel"/>
/// that adds Score, Probability and PredictedLabel. Losses: binary cross-entropy (default), sigmoid focal, binary hinge.
/// </summary>
public sealed class CnnBinaryTrainer : CnnTrainer<CnnBinaryModel>
{
    /// <summary>Creates the trainer; options are validated here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="contextSeed">The seed used when <see cref="CnnTrainerOptions.Seed"/> is null.</param>
    public CnnBinaryTrainer(CnnTrainerOptions options, int contextSeed) : base(options, contextSeed)
    {
    }

    /// <inheritdoc />
    public override CnnTask Task => CnnTask.Binary;

    private protected override Loss DefaultLoss => Loss.BinaryCrossEntropy();

    private protected override TargetReader CreateTargets(DataView train) => new BinaryTargets(Options.LabelColumnName);
}
