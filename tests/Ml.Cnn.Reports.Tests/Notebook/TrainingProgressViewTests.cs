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

        Assert.Equal(1, view.EpochsDone);
        Assert.Contains("<span style=\"width:75.0%\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"num\">1</td><td class=\"num\">0.5000</td><td class=\"num\">0.6000</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("acc", html.Split("<table")[0], StringComparison.Ordinal);
    }
}
