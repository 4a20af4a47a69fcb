using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Ml.Cnn.Notebook;
using Ml.Cnn.Trainers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Interactive;

/// <summary>
/// Live progress in a notebook: each <c>Fit</c> started from a cell gets one display (a <see cref="TrainingProgressView"/>)
/// that is replaced in place after every epoch, at most twice a second between batches, and once more when the fit ends,
/// not a scroll of lines. A fit outside a cell (no kernel context) shows nothing. The display never stops training: if
/// the kernel refuses an update, that fit's display stops updating.
/// </summary>
internal static class NotebookProgress
{
    private const long RedrawMilliseconds = 500;

    // Fits on several threads (a sweep's workers) publish through the cell's one context: one at a time.
    private static readonly Lock Publishing = new();
    private static readonly ConditionalWeakTable<CnnTrainer, Follower> Followers = [];

    /// <summary>Starts a display for the fit that is starting, when it runs inside a notebook cell.</summary>
    /// <param name="sender">The trainer.</param>
    /// <param name="e">Nothing.</param>
    public static void OnFitStarting(object? sender, EventArgs e)
    {
        if (sender is CnnTrainer trainer) Followers.GetValue(trainer, t => new Follower(t)).Start(KernelInvocationContext.Current);
    }

    /// <summary>Shows how the fit ended and lets the display go.</summary>
    /// <param name="sender">The trainer.</param>
    /// <param name="e">How the fit ended.</param>
    public static void OnFitEnded(object? sender, FitEndedEventArgs e)
    {
        if (sender is CnnTrainer trainer && Followers.TryGetValue(trainer, out var follower)) follower.End(e);
    }

    /// <summary>The display of one trainer's current fit; each fit of the trainer starts a new one.</summary>
    private sealed class Follower
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _sinceDraw = new();
        private TrainingProgressView? _view;
        private DisplayedValue? _display;

        /// <summary>Follows <paramref name="trainer"/>'s batch and epoch events for as long as it lives.</summary>
        public Follower(CnnTrainer trainer)
        {
            trainer.BatchCompleted += (_, e) => Show(view => view.OnBatch(e), force: false);
            trainer.EpochCompleted += (_, e) => Show(view => view.OnEpoch(e), force: true);
        }

        /// <summary>Starts a display in <paramref name="context"/>'s cell, or none without a context.</summary>
        public void Start(KernelInvocationContext? context)
        {
            lock (_gate)
            {
                (_view, _display) = (null, null);
                if (context is null) return;
                var view = new TrainingProgressView();
                _display = Publish(() => context.Display(view, HtmlFormatter.MimeType));
                _view = _display is null ? null : view;
                _sinceDraw.Restart();
            }
        }

        /// <summary>Draws the end of the fit and forgets the display.</summary>
        public void End(FitEndedEventArgs e) => Show(view => view.OnFitEnded(e), force: true, last: true);

        private void Show(Action<TrainingProgressView> take, bool force, bool last = false)
        {
            lock (_gate)
            {
                if (_view is not { } view || _display is not { } display) return;
                take(view);
                if (force || _sinceDraw.ElapsedMilliseconds >= RedrawMilliseconds)
                {
                    if (Publish(() => { display.Update(view); return display; }) is null) last = true;
                    _sinceDraw.Restart();
                }
                if (last) (_view, _display) = (null, null);
            }
        }

        private static DisplayedValue? Publish(Func<DisplayedValue> publish)
        {
            try
            {
                lock (Publishing) return publish();
            }
            catch (Exception)
            {
                // A display the kernel refuses (its cell gone, a disposed kernel) must not end the training.
                return null;
            }
        }
    }
}
