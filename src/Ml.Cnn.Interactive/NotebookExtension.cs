using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Notebook;
using Ml.Cnn.Reports;
using Ml.Cnn.Scoring;
using Ml.Cnn.Sweeps;
using Ml.Cnn.Trainers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Interactive;

/// <summary>
/// The .NET Interactive kernel extension of MlCnn. The kernel runs <see cref="Load"/> itself when a notebook adds the
/// package (<c>#r "nuget: Ml.Cnn.Interactive"</c>, through the package's <c>interactive-extensions/dotnet/extension.dib</c>);
/// a host that loads the assembly another way calls it once.
/// </summary>
public static class NotebookExtension
{
    private static readonly Lock Gate = new();
    private static bool _following;

    /// <summary>
    /// Registers the HTML formatters (training history, model summary of a <see cref="CnnTransformer"/>, ML.NET's
    /// multiclass, binary and regression metrics, sweep results, a <see cref="TrainingReportContent"/> as the whole report, <see cref="PngImage"/>, <see cref="PredictionGrid"/>,
    /// <see cref="BarChart"/>, <see cref="TrainingProgressView"/>) and starts the live progress display of every CNN
    /// <c>Fit</c> run from a notebook cell. Calling it again registers the formatters again (after a formatter reset)
    /// and keeps one progress display per fit.
    /// </summary>
    public static void Load()
    {
        Html<TrainingHistory>(NotebookHtml.History);
        Html<CnnTransformer>(model => NotebookHtml.Summary(model.Summary()));
        Html<MulticlassClassificationMetrics>(metrics => NotebookHtml.Multiclass(metrics));
        Html<BinaryClassificationMetrics>(NotebookHtml.Binary);
        Html<RegressionMetrics>(NotebookHtml.Regression);
        Html<SweepResult>(NotebookHtml.Sweep);
        Html<TrainingReportContent>(NotebookHtml.Report);
        Html<PngImage>(NotebookHtml.Image);
        Html<PredictionGrid>(grid => grid.ToHtml());
        Html<BarChart>(chart => chart.ToHtml());
        Html<TrainingProgressView>(view => view.ToHtml());
        lock (Gate)
        {
            if (_following) return;
            CnnTrainer.FitStarting += NotebookProgress.OnFitStarting;
            CnnTrainer.FitEnded += NotebookProgress.OnFitEnded;
            _following = true;
        }
    }

    private static void Html<T>(Func<T, string> html)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType);
    }
}
