using Ml.Cnn.Legacy;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ml.Cnn.Model;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn predict</c>: the prediction of a saved model of any task for every image in an IDX image file.</summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model("The model file.");
        var input = new Option<string>("--input") { Description = "An IDX image file (raw or .gz), e.g. t10k-images-idx3-ubyte.", Required = true };
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var command = new Command("predict", "Predict every image in an IDX image file (one tab-separated row per image).") { model, input, device, json };
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            using var loaded = CnnModel.Load(r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            var path = r.GetValue(input)!;
            var (shape, pixels) = IdxReader.ReadImages(path);
            if (shape != loaded.Metadata.Input)
                throw new ArgumentException($"{path} holds {shape} images but the model expects {loaded.Metadata.Input}.");
            var scored = loaded.Transform(new DataView([new ImageColumn(loaded.Metadata.ImageColumnName, shape, pixels)]));
            var (header, rows) = Rows(loaded, scored);
            stdout.WriteLine("Index\t" + header);
            for (var i = 0; i < rows.Length; i++) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i}\t{rows[i]}"));
            if (r.GetValue(json))
            {
                var vector = scored.HasColumn(DefaultColumnNames.Score) ? scored.GetColumn<DataColumn>(DefaultColumnNames.Score) as VectorColumn : null;
                var scores = vector is null ? null : Enumerable.Range(0, vector.RowCount).Select(i => vector.GetRow(i).ToArray()).ToArray();
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    Task = TaskData.Name(loaded.Task),
                    Columns = header.Split('\t'),
                    Rows = rows.Select(x => x.Split('\t')),
                    ScoreNames = vector?.SlotNames,
                    Scores = scores,
                }));
            }
            return 0;
        }));
        return command;
    }

    private static (string Header, string[] Rows) Rows(CnnModel model, DataView scored)
    {
        var n = scored.RowCount;
        switch (model.Task)
        {
            case CnnTask.Multiclass:
            {
                var labels = scored.GetColumn<ScalarColumn<string>>(DefaultColumnNames.PredictedLabel).Values;
                var score = scored.GetColumn<VectorColumn>(DefaultColumnNames.Score);
                return ("PredictedLabel\tProbability", Enumerable.Range(0, n).Select(i => $"{labels[i]}\t{F(score.GetRow(i).ToArray().Max())}").ToArray());
            }
            case CnnTask.Binary:
            {
                var labels = scored.GetColumn<ScalarColumn<bool>>(DefaultColumnNames.PredictedLabel).Values;
                var p = scored.GetColumn<ScalarColumn<float>>(DefaultColumnNames.Probability).Values;
                return ("PredictedLabel\tProbability", Enumerable.Range(0, n).Select(i => $"{labels[i]}\t{F(p[i])}").ToArray());
            }
            case CnnTask.Multilabel:
            {
                var score = scored.GetColumn<VectorColumn>(DefaultColumnNames.Score);
                var names = score.SlotNames!;
                return ("PredictedLabels\t" + string.Join('\t', names), Enumerable.Range(0, n).Select(i =>
                {
                    var row = score.GetRow(i).ToArray();
                    var present = string.Join(',', names.Where((_, j) => MultilabelDecision.IsPresent(row[j])));
                    return $"{present}\t{string.Join('\t', row.Select(F))}";
                }).ToArray());
            }
            default:
            {
                var name = model.Task == CnnTask.Embedding ? DefaultColumnNames.Embedding : DefaultColumnNames.Score;
                var column = scored.GetColumn<DataColumn>(name);
                var (width, values) = column is VectorColumn v ? (v.Width, v.Values.ToArray()) : (1, ((ScalarColumn<float>)column).Values.ToArray());
                var header = column is VectorColumn { SlotNames: { } slots } ? string.Join('\t', slots) : string.Join('\t', Enumerable.Range(0, width).Select(j => $"{name}{j}"));
                if (width == 1 && column is ScalarColumn<float>) header = name;
                return (header, Enumerable.Range(0, n).Select(i => string.Join('\t', values.Skip(i * width).Take(width).Select(F))).ToArray());
            }
        }
    }

    private static string F(float v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
