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
/// that is replaced in place after every epoch and at most twice a second between batches, not a scroll of lines.
/// </summary>
internal static class NotebookProgress
{
    private const long RedrawMilliseconds = 500;
    private static readonly ConditionalWeakTable<CnnTrainer, Follower> Followers = [];

    /// <summary>Starts a display for the fit that is starting, when it runs inside a notebook cell.</summary>
    public static void OnFitStarting(object? sender, EventArgs e)
    {
        if (sender is not CnnTrainer trainer || KernelInvocationContext.Current is not { } context) return;
        Followers.GetValue(trainer, t => new Follower(t)).Start(context);
    }

    /// <summary>The display of one trainer's fits; a new fit of the trainer starts a new display.</summary>
    private sealed class Follower
    {
        private readonly Stopwatch _sinceDraw = new();
        private TrainingProgressView? _view;
        private DisplayedValue? _display;

        public Follower(CnnTrainer trainer)
        {
            trainer.BatchCompleted += (_, e) => Show(view => view.OnBatch(e), force: false);
            trainer.EpochCompleted += (_, e) => Show(view => view.OnEpoch(e), force: true);
        }

        public void Start(KernelInvocationContext context)
        {
            _view = new TrainingProgressView();
            _display = context.Display(_view, HtmlFormatter.MimeType);
            _sinceDraw.Restart();
        }

        private void Show(Action<TrainingProgressView> take, bool force)
        {
            if (_view is null || _display is null) return;
            take(_view);
            if (!force && _sinceDraw.ElapsedMilliseconds < RedrawMilliseconds) return;
            _display.Update(_view);
            _sinceDraw.Restart();
        }
    }
}
