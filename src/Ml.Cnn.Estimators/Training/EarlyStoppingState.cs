using Ml.Cnn.Engine;
using Ml.Cnn.Model;

namespace Ml.Cnn.Training;

/// <summary>Early stopping's bookkeeping across epochs: the best value, its epoch and weights, and epochs since.</summary>
internal sealed class EarlyStoppingState(EarlyStopping? rule)
{
    public double? Best { get; private set; }

    public int BestEpoch { get; private set; }

    public int Wait { get; private set; }

    public WeightSnapshot? BestWeights { get; private set; }

    /// <summary>Records an epoch; true when this epoch is a new best.</summary>
    public bool Update(EpochMetrics metrics, Network network)
    {
        if (rule is null) return false;
        var value = metrics.Value(rule.Monitor) ?? throw new InvalidOperationException(
            $"EarlyStopping monitors '{rule.Monitor}', which epoch {metrics.Epoch} does not have. Use TrainLoss, TrainAccuracy, " +
            $"ValidationLoss, ValidationAccuracy or a validation metric ({string.Join(", ", metrics.ValidationMetrics.Keys)}); validation values need validation data.");
        if (rule.Improves(value, Best))
        {
            Best = value;
            BestEpoch = metrics.Epoch;
            Wait = 0;
            if (rule.RestoreBestWeights) BestWeights = WeightSnapshot.Capture(network);
            return true;
        }
        Wait++;
        return false;
    }

    /// <summary>True when patience is exhausted.</summary>
    public bool ShouldStop => rule is not null && Wait > 0 && Wait >= rule.Patience;

    /// <summary>Puts the best weights back when they are not the last epoch's; returns the restored epoch or null.</summary>
    public int? RestoreBest(Network network, int lastEpoch)
    {
        if (BestWeights is null || BestEpoch == lastEpoch) return null;
        BestWeights.Restore(network);
        return BestEpoch;
    }

    public void Restore(double? best, int bestEpoch, int wait, WeightSnapshot? weights)
    {
        Best = best;
        BestEpoch = bestEpoch;
        Wait = wait;
        BestWeights = weights;
    }
}
