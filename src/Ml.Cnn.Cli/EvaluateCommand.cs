using System.CommandLine;
using Microsoft.ML;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn evaluate</c>: the task's metrics of a saved model on DIR/t10k-*.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model("The model file to evaluate.");
        var data = CommonOptions.Data();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var labels = new TaskLabelOptions();
        var images = new ImageOptions();
        var command = new Command("evaluate", "Report metrics of a saved model on DIR/t10k-*, DIR/test/, an image folder or a table.")
        {
            model, data, device, json, labels.Positive, labels.TestTargets, images.ColorMode, images.ImageSize, images.SkipUnreadable,
        };
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            var ml = new MLContext(1);
            var (_, cnn, _) = SavedModel.Load(ml, r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            using var _ = cnn;
            var directory = r.GetValue(data)!;
            var (test, files, labelWarning) = DataSource.LoadTest(ml, directory, cnn.Task, () => images.Loading(r),
                (d, s) => labels.Load(r, ml, d, s, cnn.Task), r.GetValue(labels.Positive));
            LoadWarnings.Write(files, labelWarning, stderr);
            var evaluation = ImageFailures.NamingFiles(files, () => TaskEvaluation.Evaluate(ml, cnn.Task, cnn.Transform(Labeled(ml, cnn, test, directory))));
            MetricsReport.Write(stdout, evaluation, history: null, r.GetValue(json));
            LoadWarnings.WriteSkipped(files, stderr);
            return 0;
        }));
        return command;
    }

    /// <summary>Multiclass test labels mapped to the model's keys (a label it does not know is an error); other tasks' labels as they are.</summary>
    public static IDataView Labeled(MLContext ml, Scoring.CnnTransformer cnn, IDataView test, string where) => cnn.Task == CnnTask.Multiclass
        ? ClassLabels.Keyed(ml, test, ClassLabels.SlotNames(cnn.GetOutputSchema(test.Schema)[DefaultColumnNames.Score]), where)
        : test;
}
