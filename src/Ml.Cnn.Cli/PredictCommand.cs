using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ml.Cnn.Model;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn predict</c>: the predicted label and probabilities of every image in an IDX image file.</summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model("The model file.");
        var input = new Option<string>("--input") { Description = "An IDX image file (raw or .gz), e.g. t10k-images-idx3-ubyte.", Required = true };
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var command = new Command("predict", "Predict the label of every image in an IDX image file.") { model, input, device, json };
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            using var loaded = CnnMulticlassModel.Load(r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            var path = r.GetValue(input)!;
            var (shape, pixels) = IdxReader.ReadImages(path);
            if (shape != loaded.Metadata.Input)
                throw new ArgumentException($"{path} holds {shape} images but the model expects {loaded.Metadata.Input}.");
            var predictions = loaded.PredictBatch(pixels, pixels.Length / shape.Size);
            stdout.WriteLine("Index\tPredictedLabel\tProbability");
            for (var i = 0; i < predictions.Count; i++)
            {
                var p = predictions[i];
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i}\t{p.PredictedLabel}\t{p.Score.Max():F4}"));
            }
            if (r.GetValue(json))
                stdout.WriteLine(JsonSerializer.Serialize(new { Labels = loaded.Labels, Predictions = predictions }));
            return 0;
        }));
        return command;
    }
}
