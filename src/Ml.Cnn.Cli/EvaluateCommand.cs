using System.CommandLine;
using Ml.Cnn.Metrics;
using Ml.Cnn.Model;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn evaluate</c>: metrics of a saved model on DIR/t10k-*.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model("The model file to evaluate.");
        var data = CommonOptions.Data();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var command = new Command("evaluate", "Report metrics of a saved model on DIR/t10k-*.") { model, data, device, json };
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            using var loaded = CnnMulticlassModel.Load(r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            var test = IdxDataset.Load(r.GetValue(data)!, "t10k");
            var metrics = MulticlassEvaluator.Evaluate(loaded.Transform(test));
            MetricsReport.Write(stdout, metrics, history: null, r.GetValue(json));
            return 0;
        }));
        return command;
    }
}
