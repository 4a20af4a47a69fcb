namespace Ml.Cnn.Training;

/// <summary>Raised when a CNN trainer's <c>Fit</c> ends, trained, stopped early, cancelled or failed (<c>CnnTrainer.FitEnded</c>).</summary>
/// <param name="history">The history of the fitted model, or null when the fit failed.</param>
/// <param name="error">Why the fit failed, or null.</param>
public sealed class FitEndedEventArgs(TrainingHistory? history, Exception? error) : EventArgs
{
    /// <summary>The history of the fitted model (its <see cref="TrainingHistory.StopReason"/> says how training ended), or null when the fit failed.</summary>
    public TrainingHistory? History { get; } = history;

    /// <summary>Why the fit failed (what <c>Fit</c> throws), or null.</summary>
    public Exception? Error { get; } = error;
}
