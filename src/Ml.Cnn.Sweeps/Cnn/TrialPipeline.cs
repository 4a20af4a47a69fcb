using Microsoft.ML;
using Ml.Cnn.Trainers;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// One trial's pipeline: the CNN trainer, the estimators that prepare its training data only (augmentation, class weights:
/// fitted on and applied to the training part, not saved) and those after it (e.g. MapKeyToValue: saved after the CNN).
/// </summary>
/// <param name="Trainer">The trial's CNN trainer (a new one per trial).</param>
/// <param name="TrainingTransforms">Fitted on the training part and applied to it alone before the trainer, or null.</param>
/// <param name="Suffix">Fitted on the CNN's output and saved after it in the model, or null.</param>
public sealed record TrialPipeline(CnnTrainer Trainer, IEstimator<ITransformer>? TrainingTransforms = null, IEstimator<ITransformer>? Suffix = null);
