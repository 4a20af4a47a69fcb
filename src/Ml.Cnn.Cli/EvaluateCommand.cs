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
        var command = new Command("evaluate", "Report metrics of a saved model on DIR/t10k-*.") { model, data, device, json, labels.Positive, labels.TestTargets };
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            using var loaded = CnnModel.Load(r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            var test = labels.Load(r, r.GetValue(data)!, "t10k", loaded.Task);
            MetricsReport.Write(stdout, loaded, loaded.Transform(test), history: null, r.GetValue(json));
            return 0;
        }));
        return command;
    }
}
