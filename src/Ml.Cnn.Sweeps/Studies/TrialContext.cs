namespace Ml.Cnn.Sweeps;

/// <summary>What a trial function gets: its parameters, seed, threads, and a way to report each epoch's metric.</summary>
public sealed class TrialContext
{
    private readonly Func<int, double, bool> _report;

    internal TrialContext(TrialRecord trial, int maxEpochs, int threads, Func<int, double, bool> report, CancellationToken cancellation)
    {
        Trial = trial;
        MaxEpochs = maxEpochs;
        Threads = threads;
        _report = report;
        Cancellation = cancellation;
    }

    /// <summary>The trial as claimed (number, parameters, seed).</summary>
    public TrialRecord Trial { get; }

    /// <summary>The trial's parameters.</summary>
    public TrialParameters Parameters => Trial.Parameters;

    /// <summary>The sweep's epoch cap.</summary>
    public int MaxEpochs { get; }

    /// <summary>libtorch threads to train with.</summary>
    public int Threads { get; }

    /// <summary>Cancelled when the sweep is cancelled: stop training and return.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Records the metric after <paramref name="epoch"/>; false when the pruner stops the trial there.</summary>
    /// <param name="epoch">The 1-based epoch just finished.</param>
    /// <param name="value">The validation metric.</param>
    public bool Report(int epoch, double value) => _report(epoch, value);
}
