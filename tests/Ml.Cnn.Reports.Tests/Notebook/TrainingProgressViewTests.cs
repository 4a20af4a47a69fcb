using Ml.Cnn.Estimators.Tests.Reports;
using Ml.Cnn.Notebook;
using Ml.Cnn.Training;

namespace Ml.Cnn.Reports.Tests.Notebook;

/// <summary>The live display's state: the running batch, the progress over all epochs, a row per finished epoch.</summary>
public class TrainingProgressViewTests
{
    [Fact]
    public void It_shows_the_batch_in_progress_and_the_share_of_all_epochs_done()
    {
        var view = new TrainingProgressView();
        Assert.Contains("Starting", view.ToHtml(), StringComparison.Ordinal);

        view.OnBatch(new BatchCompletedEventArgs(1, 4, 5, 10, 0.51234, 0.75, 0.001));
        var html = view.ToHtml();
        Assert.Contains("Epoch 1/4 \u00b7 batch 5/10 \u00b7 loss 0.5123 \u00b7 acc 0.7500", html, StringComparison.Ordinal);
        Assert.Contains("<span style=\"width:12.5%\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_epoch_becomes_a_row_and_moves_the_bar()
    {
        var view = new TrainingProgressView();
        view.OnBatch(new BatchCompletedEventArgs(1, 2, 10, 10, 0.5, null, 0.001));
        view.OnEpoch(new EpochCompletedEventArgs(new EpochMetrics(1, 0.5, null, 0.6, null, 0.001, 1.5, 640), 2));
        view.OnBatch(new BatchCompletedEventArgs(2, 2, 5, 10, 0.4, null, 0.001));

        var html = view.ToHtml();

        Assert.Contains("<span style=\"width:75.0%\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"num\">1</td><td class=\"num\">0.5000</td><td class=\"num\">0.6000</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("acc", html.Split("<table")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_resumed_fit_counts_its_progress_from_the_epoch_it_resumed_at()
    {
        var view = new TrainingProgressView();
        view.OnEpoch(new EpochCompletedEventArgs(new EpochMetrics(3, 0.5, null, null, null, 0.001, 1, 64), 4));
        Assert.Contains("3/4 epochs done", view.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("<span style=\"width:75.0%\">", view.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_end_of_the_fit_says_how_it_ended()
    {
        static TrainingProgressView Trained(int epochs)
        {
            var view = new TrainingProgressView();
            for (var i = 1; i <= epochs; i++) view.OnEpoch(new EpochCompletedEventArgs(new EpochMetrics(i, 0.5, null, 0.5, null, 0.001, 1, 64), 10));
            return view;
        }
        var history = ReportData.Full();
        var done = Trained(3);
        done.OnFitEnded(new FitEndedEventArgs(history, null));
        Assert.Contains("Done: 3 epochs", done.ToHtml(), StringComparison.Ordinal);

        var early = Trained(3);
        var stopped = ReportData.Full();
        stopped.StopReason = TrainingStopReason.EarlyStopped;
        stopped.RestoredEpoch = 2;
        early.OnFitEnded(new FitEndedEventArgs(stopped, null));
        Assert.Contains("Stopped early after epoch 3; the model holds the weights of epoch 2", early.ToHtml(), StringComparison.Ordinal);

        var failed = Trained(2);
        failed.OnFitEnded(new FitEndedEventArgs(null, new InvalidOperationException("disk <full>")));
        Assert.Contains("Failed after epoch 2: disk &lt;full&gt;", failed.ToHtml(), StringComparison.Ordinal);
    }
}
