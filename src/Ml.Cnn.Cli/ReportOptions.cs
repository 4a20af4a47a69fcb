using System.CommandLine;
using System.Globalization;
using Ml.Cnn.Reports;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>The report flags of <c>mlcnn train</c>: --report (HTML), --history (CSV or JSON), --curves (SVG).</summary>
internal sealed class ReportOptions
{
    public Option<string?> Report { get; } = new("--report") { Description = "Write a self-contained HTML report (curves, confusion matrix, per-class metrics, summary, options)." };

    public Option<string?> History { get; } = new("--history") { Description = "Write the per-epoch history as CSV (or JSON when the name ends in .json)." };

    public Option<string?> Curves { get; } = new("--curves") { Description = "Write the training curves as a standalone SVG file." };

    public IEnumerable<Option> All => [Report, History, Curves];

    /// <summary>Writes the files the flags ask for and names them on stderr.</summary>
    public void Write(ParseResult r, CnnTransformer model, TaskEvaluation evaluation, CnnTrainerOptions options, TextWriter stderr)
    {
        var history = model.History ?? new TrainingHistory();
        if (r.GetValue(History) is { } historyPath)
        {
            if (historyPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) HistoryExport.SaveJson(history, historyPath);
            else HistoryExport.SaveCsv(history, historyPath);
            stderr.WriteLine($"mlcnn: history written to {historyPath}");
        }
        if (r.GetValue(Curves) is { } curvesPath)
        {
            SvgChart.SaveCurves(history, curvesPath);
            stderr.WriteLine($"mlcnn: curves written to {curvesPath}");
        }
        if (r.GetValue(Report) is not { } reportPath) return;
        var title = $"MlCnn {TaskData.Name(model.Task)} model ({options.Architecture.Name})";
        var settings = Settings(r, options, history);
        var content = evaluation.Multiclass is { } multiclass
            ? TrainingReportContent.FromMulticlass(title, model.Summary(), settings, history, multiclass, evaluation.Confusion!.Labels)
            : new TrainingReportContent(title, model.Summary(), settings, history, evaluation.Scalars);
        TrainingReport.Save(content, reportPath);
        stderr.WriteLine($"mlcnn: report written to {reportPath}");
    }

    /// <summary>The options used: every flag given on the command line, then the resolved trainer settings.</summary>
    private static KeyValuePair<string, string>[] Settings(ParseResult r, CnnTrainerOptions o, TrainingHistory history)
    {
        var given = r.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(x => !x.Implicit)
            .Select(x => new KeyValuePair<string, string>(x.Option.Name, string.Join(" ", x.Tokens.Select(t => t.Value))));
        KeyValuePair<string, string>[] resolved =
        [
            new("Loss", o.Loss?.ToString() ?? "(task default)"),
            new("Optimizer", o.Optimizer.ToString()),
            new("LearningRate", o.LearningRate.ToString("G", CultureInfo.InvariantCulture)),
            new("Schedule", o.Schedule.Name),
            new("Epochs", o.Epochs.ToString(CultureInfo.InvariantCulture)),
            new("BatchSize", o.BatchSize.ToString(CultureInfo.InvariantCulture)),
            new("Precision", TrainFlags.PrecisionName(history.Precision)),
        ];
        return given.Concat(resolved).ToArray();
    }
}
