using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using System.CommandLine;
using Ml.Cnn.Model;

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
            using var loaded = CnnModel.Load(r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            var test = DataSource.LoadTest(r.GetValue(data)!, new CnnContext(1), loaded.Task, loaded.Metadata.Input, images, r, (d, s) => labels.Load(r, d, s, loaded.Task),
                r.GetValue(labels.Positive));
            LoadWarnings.Write(test, loaded.Metadata.ImageColumnName, DefaultColumnNames.Label, stderr);
            var scored = LoadWarnings.WithoutUndecodable(test, loaded.Transform(test), loaded.Metadata.ImageColumnName);
            MetricsReport.Write(stdout, loaded, scored, history: null, r.GetValue(json));
            LoadWarnings.WriteSkipped(test, loaded.Metadata.ImageColumnName, stderr);
            return 0;
        }));
        return command;
    }
}
