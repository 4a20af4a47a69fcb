using Ml.Cnn.Reports;
using Ml.Cnn.Sweeps;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class SweepReportTests
{
    private static TrialRecord Trial(int number, TrialState state, double? value, double[] epochs, string optimizer, string? message = null) =>
        new(number + 1, number, state, new TrialParameters([new("lr", 0.001 * (number + 1)), new("optimizer", optimizer)]), 1, value, epochs,
            "host:1:0", new DateTime(2026, 12, 3, 7, 0, number, DateTimeKind.Utc), new DateTime(2026, 12, 3, 7, 1, number, DateTimeKind.Utc), null, message);

    private static SweepResult Result(params TrialRecord[] trials) => new("study <1>", "MicroAccuracy", maximize: true, trials);

    [Fact]
    public void The_page_shows_the_best_trial_its_options_the_test_metrics_both_charts_and_every_trial()
    {
        var html = SweepReport.Html(Result(
                Trial(0, TrialState.Complete, 0.7, [0.5, 0.6, 0.7], "adam"),
                Trial(1, TrialState.Pruned, 0.3, [0.3], "sgd"),
                Trial(2, TrialState.Complete, 0.8, [0.6, 0.7, 0.8], "<script>"),
                Trial(3, TrialState.Failed, null, [], "adam", "out of memory & more")),
            [new("MicroAccuracy", 0.79), new("LogLoss", 0.6)]);
        Assert.Contains("<title>Sweep study &lt;1&gt;</title>", html);
        Assert.Contains("3 finished trials (2 complete, 1 pruned), 1 failed", html);
        Assert.Contains("Trial 2: MicroAccuracy 0.8000 after 3 epochs.", html);
        Assert.Contains("<td>optimizer</td><td>&lt;script&gt;</td>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<td>MicroAccuracy</td><td>0.7900</td>", html);
        Assert.Contains("out of memory &amp; more", html);
        Assert.Equal(2, html.Split("<svg").Length - 1);
        // Finished trials are points: complete ones filled, the pruned one hollow, the best in orange.
        Assert.Equal(3, html.Split("<circle class=\"trial ").Length - 1);
        Assert.Contains("<circle class=\"trial trial-pruned\"", html);
        Assert.Matches("<circle class=\"trial trial-pruned\"[^>]*fill=\"#ffffff\"", html);
        Assert.Matches("<circle class=\"trial trial-complete\"[^>]*fill=\"#ea580c\"[^>]*><title>trial 2 ", html);
        // One curve per trial that reported epochs; the best drawn last (on top) and thicker.
        Assert.Equal(3, html.Split("<polyline class=\"trial-curve").Length - 1);
        Assert.EndsWith("<title>trial 2</title></polyline></svg>", html[..(html.IndexOf("</figure>\n</section>", StringComparison.Ordinal))].TrimEnd());
        Assert.Equal(2 + 2 + 4, html.Split("<tr><td>").Length - 1);
    }

    [Fact]
    public void A_study_without_a_complete_trial_says_so_and_draws_empty_charts()
    {
        var html = SweepReport.Html(Result(Trial(0, TrialState.Failed, null, [], "adam", "boom")));
        Assert.Contains("No trial completed.", html);
        Assert.Equal(2, html.Split("no finished trials").Length - 1);
    }
}
