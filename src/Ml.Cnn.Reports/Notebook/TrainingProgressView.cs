using System.Diagnostics;
using System.Globalization;
using Ml.Cnn.Reports;
using Ml.Cnn.Training;

namespace Ml.Cnn.Notebook;

/// <summary>
/// The state of a live training display, fed by a trainer's events: the epoch and batch in progress with its running
/// loss and accuracy, a progress bar, and one table row per finished epoch. A notebook shows <see cref="ToHtml"/> in one
/// output that it replaces as training goes (the Ml.Cnn.Interactive extension does this for every <c>Fit</c>).
/// </summary>
public sealed class TrainingProgressView
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<EpochCompletedEventArgs> _epochs = [];
    private BatchCompletedEventArgs? _batch;

    /// <summary>Finished epochs so far.</summary>
    public int EpochsDone => _epochs.Count;

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

    /// <summary>The display: status line, progress bar over all epochs, and the table of finished epochs.</summary>
    public string ToHtml()
    {
        var sb = NotebookHtml.Open();
        var epochs = _batch?.Epochs ?? _epochs.LastOrDefault()?.Epochs ?? 0;
        var done = _epochs.Count + (_batch is { } b ? (double)b.Batch / Math.Max(1, b.Batches) : 0);
        var share = epochs > 0 ? Math.Clamp(done / epochs, 0, 1) : 0;
        string status;
        if (_batch is { } batch)
        {
            status = FormattableString.Invariant($"Epoch {batch.Epoch}/{batch.Epochs} \u00b7 batch {batch.Batch}/{batch.Batches} \u00b7 loss {batch.Loss:F4}");
            if (batch.Accuracy is { } a) status += FormattableString.Invariant($" \u00b7 acc {a:F4}");
        }
        else status = _epochs.Count == 0 ? "Starting\u2026" : FormattableString.Invariant($"{_epochs.Count}/{epochs} epochs done");
        status += FormattableString.Invariant($" \u00b7 {_clock.Elapsed.TotalSeconds:F0} s");
        sb.Append("<div class=\"status\">").Append(Markup.Escape(status)).Append("</div>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"progress\"><span style=\"width:{share * 100:F1}%\"></span></div>\n");
        if (_epochs.Count > 0) TrainingReport.WriteHistory(sb, _epochs.Select(e => e.Metrics).ToArray());
        return NotebookHtml.Close(sb);
    }
}
