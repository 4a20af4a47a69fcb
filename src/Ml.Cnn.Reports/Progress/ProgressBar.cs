using System.Diagnostics;
using Spectre.Console;
using Ml.Cnn.Training;

namespace Ml.Cnn.Progress;

/// <summary>
/// A Keras-like progress display for a trainer, one line away: <c>ProgressBar.Attach(trainer, Console.Error)</c>.
/// On a terminal it redraws one bar per epoch (<c>Epoch 2/5 [=====>....] 1200/1875 - 12s - loss: 0.41 - acc: 0.86</c>)
/// with Spectre.Console and ends each epoch with its validation results; when the writer is not a terminal it prints
/// one plain line per epoch, so logs stay readable.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private readonly IAnsiConsole _console;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = new();
    private long _lastDraw;

    private ProgressBar(TextWriter writer, bool? interactive)
    {
        _writer = writer;
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        _interactive = interactive ?? (_console.Profile.Capabilities.Interactive && _console.Profile.Capabilities.Ansi);
    }

    /// <summary>Subscribes a progress display to the events of the ML.NET CNN trainer (e.g. <c>mlContext.MulticlassClassification.Trainers.Cnn()</c>).</summary>
    /// <param name="trainer">The trainer.</param>
    /// <param name="writer">Where to draw (usually <see cref="Console.Error"/>).</param>
    /// <param name="interactive">Force the redrawn bar (true) or plain lines (false); null detects the terminal.</param>
    public static ProgressBar Attach(Trainers.CnnTrainer trainer, TextWriter writer, bool? interactive = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(writer);
        var bar = new ProgressBar(writer, interactive);
        trainer.BatchCompleted += (_, e) => bar.OnBatch(e);
        trainer.EpochCompleted += (_, e) => bar.OnEpoch(e);
        return bar;
    }

    /// <summary>The bar text of a batch event (no markup), e.g. <c>Epoch 1/5 [====>.....] 10/20 - 3s - loss: 0.5000</c>.</summary>
    /// <param name="e">The event.</param>
    /// <param name="seconds">Seconds since the epoch started.</param>
    public static string Line(BatchCompletedEventArgs e, double seconds)
    {
        ArgumentNullException.ThrowIfNull(e);
        var done = (int)Math.Round((double)Width * e.Batch / e.Batches);
        var bar = done >= Width ? new string('=', Width) : new string('=', done) + ">" + new string('.', Width - done - 1);
        var line = FormattableString.Invariant($"Epoch {e.Epoch}/{e.Epochs} [{bar}] {e.Batch}/{e.Batches} - {seconds:F0}s - loss: {e.Loss:F4}");
        if (e.Accuracy is { } a) line += FormattableString.Invariant($" - acc: {a:F4}");
        return line;
    }

    private void OnBatch(BatchCompletedEventArgs e)
    {
        if (e.Batch == 1)
        {
            _clock.Restart();
            _lastDraw = -1000;
        }
        if (!_interactive) return;
        var now = _clock.ElapsedMilliseconds;
        if (e.Batch != e.Batches && now - _lastDraw < 100) return;
        _lastDraw = now;
        _writer.Write("\r" + Line(e, _clock.Elapsed.TotalSeconds));
    }

    private void OnEpoch(EpochCompletedEventArgs e)
    {
        var m = e.Metrics;
        if (_interactive)
        {
            var extra = m.ValidationLoss is { } vl ? FormattableString.Invariant($" - val_loss: {vl:F4}") : "";
            if (m.ValidationAccuracy is { } va) extra += FormattableString.Invariant($" - val_acc: {va:F4}");
            _console.MarkupLine(Markup.Escape(extra) + FormattableString.Invariant($" [grey]({m.ImagesPerSecond:F0} img/s)[/]"));
        }
        else
        {
            _writer.WriteLine(m.ToProgressLine(e.Epochs));
        }
    }
}
