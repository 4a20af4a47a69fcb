using Ml.Cnn.Heads;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Trainers;

/// <summary>The training loop driven by a task head: its task, default loss and targets.</summary>
internal sealed class HeadTrainer(CnnTrainerOptions options, int seed, TaskHead head) : CnnTrainer<CnnModel>(options, seed)
{
    public override CnnTask Task => head.Task;

    private protected override Loss DefaultLoss => head.DefaultLoss;

    private protected override TargetReader CreateTargets(DataView train) => head.CreateTargets(Options.LabelColumnName);
}
