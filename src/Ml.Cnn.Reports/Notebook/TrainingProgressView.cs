using System.Diagnostics;
using System.Globalization;
using Ml.Cnn.Reports;
using Ml.Cnn.Training;

namespace Ml.Cnn.Notebook;

/// <summary>
/// The state of a live training display, fed by a trainer's events: the epoch and batch in progress with its running
/// loss and accuracy, a progress bar, one table row per finished epoch, and how the fit ended. A notebook shows
/// <see cref="ToHtml"/> in one output that it replaces as training goes (the Ml.Cnn.Interactive extension does this for
/// every <c>Fit</c>). Not thread-safe: feed it from one thread at a time.
/// </summary>
public sealed class TrainingProgressView
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<EpochCompletedEventArgs> _epochs = [];
    private BatchCompletedEventArgs? _batch;
    private string? _ending;

    /// <summary>Takes a batch's running values.</summary>
    /// <param name="e">The trainer's <c>BatchCompleted</c> event.</param>
    public void OnBatch(BatchCompletedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _batch = e;
    }

    /// <summary>Takes a finished epoch's metrics.</summary>
    /// <param name="e">The trainer's <c>EpochCompleted</c> event.</param>
    public void OnEpoch(EpochCompletedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _epochs.Add(e);
        _batch = null;
    }

    /// <summary>Takes how the fit ended: the status line then says so (completed, stopped early, cancelled or failed).</summary>
    /// <param name="e">The trainer's <c>FitEnded</c> event.</param>
    public void OnFitEnded(FitEndedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _clock.Stop();
        _batch = null;
        var last = _epochs.LastOrDefault()?.Metrics.Epoch;
        _ending = (e.Error, e.History) switch
        {
            ({ } error, _) => $"Failed{(last is { } l ? FormattableString.Invariant($" after epoch {l}") : "")}: {error.Message}",
            (_, { StopReason: TrainingStopReason.EarlyStopped } h) => FormattableString.Invariant($"Stopped early after epoch {last}") +
                (h.RestoredEpoch is { } restored ? FormattableString.Invariant($"; the model holds the weights of epoch {restored}") : ""),
            (_, { StopReason: TrainingStopReason.Cancelled }) => FormattableString.Invariant($"Cancelled after epoch {last ?? 0}"),
            _ => FormattableString.Invariant($"Done: {_epochs.Count} epochs"),
        };
    }

    /// <summary>The display: status line, progress bar over all epochs, and the table of finished epochs.</summary>
    public string ToHtml()
    {
        var sb = NotebookHtml.Open();
        var epochs = _batch?.Epochs ?? _epochs.LastOrDefault()?.Epochs ?? 0;
        // Epoch numbers count from the start of training, also when it resumed from a checkpoint.
        var done = _batch is { } b ? b.Epoch - 1 + (double)b.Batch / Math.Max(1, b.Batches) : _epochs.LastOrDefault()?.Metrics.Epoch ?? 0;
        var share = epochs > 0 ? Math.Clamp(done / epochs, 0, 1) : 0;
        string status;
        if (_ending is { } ending) status = ending;
        else if (_batch is { } batch)
        {
            status = FormattableString.Invariant($"Epoch {batch.Epoch}/{batch.Epochs} \u00b7 batch {batch.Batch}/{batch.Batches} \u00b7 loss {batch.Loss:F4}");
            if (batch.Accuracy is { } a) status += FormattableString.Invariant($" \u00b7 acc {a:F4}");
        }
        else status = _epochs.Count == 0 ? "Starting\u2026" : FormattableString.Invariant($"{done:F0}/{epochs} epochs done");
        status += FormattableString.Invariant($" \u00b7 {_clock.Elapsed.TotalSeconds:F0} s");
        sb.Append("<div class=\"status\">").Append(Markup.Escape(status)).Append("</div>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"progress\"><span style=\"width:{share * 100:F1}%\"></span></div>\n");
        if (_epochs.Count > 0) TrainingReport.WriteHistory(sb, _epochs.Select(e => e.Metrics).ToArray());
        return NotebookHtml.Close(sb);
    }
}
