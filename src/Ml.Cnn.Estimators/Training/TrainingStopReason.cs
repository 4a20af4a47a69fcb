namespace Ml.Cnn.Training;

/// <summary>Why training ended.</summary>
public enum TrainingStopReason
{
    /// <summary>Every planned epoch ran.</summary>
    Completed,

    /// <summary>Early stopping saw no improvement for its patience.</summary>
    EarlyStopped,

    /// <summary>The cancellation token was cancelled; training stopped after the current batch (or, cancelled between epochs, before the next).</summary>
    Cancelled,
}
