using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>
/// Trains an embedding CNN: Fit on a view with Image and Label (text: rows of the same label should lie close) returns a
/// <see cref="CnnEmbeddingModel"/> that adds Embedding (<see cref="CnnTrainerOptions.EmbeddingDimension"/> values of unit
/// length). Loss: triplet margin with batch-hard mining (default); use batches that hold several rows per label.
/// </summary>
public sealed class CnnEmbeddingTrainer : CnnTrainer<CnnEmbeddingModel>
{
    /// <summary>Creates the trainer; options are validated here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="contextSeed">The seed used when <see cref="CnnTrainerOptions.Seed"/> is null.</param>
    public CnnEmbeddingTrainer(CnnTrainerOptions options, int contextSeed) : base(options, contextSeed)
    {
    }

    /// <inheritdoc />
    public override CnnTask Task => CnnTask.Embedding;

    private protected override Loss DefaultLoss => Loss.TripletMargin();

    private protected override TargetReader CreateTargets(DataView train) =>
        ClassTargets.Fit(train, Options.LabelColumnName, Options.EmbeddingDimension);
}
