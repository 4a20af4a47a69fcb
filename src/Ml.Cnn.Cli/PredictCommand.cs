using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
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
            var ml = new MLContext(1);
            var (chain, cnn, trainingSchema) = SavedModel.Load(ml, r.GetValue(model)!, CommonOptions.ParseDevice(r.GetValue(device)!));
            using var _ = cnn;
            var path = r.GetValue(input)!;
            var (shape, pixels) = IdxReader.ReadImages(path);
            if (shape != cnn.InputShape)
                throw new ArgumentException($"{path} holds {shape} images but the model expects {cnn.InputShape}.");
            var scored = chain.Transform(ImageRows.Images(ml, cnn.FeatureColumnName, shape, pixels));
            var scores = Scores.Read(scored, DefaultColumnNames.Score);
            if (cnn.Task == CnnTask.Regression && scores is { IsVector: true, SlotNames: null }
                && trainingSchema.GetColumnOrNull(DefaultColumnNames.Label) is { } label && ClassLabels.SlotNames(label) is { Length: > 0 } targets)
                scores = scores with { SlotNames = targets };
            var (header, rows) = Rows(cnn.Task, scored, scores);
            stdout.WriteLine("Index\t" + header);
            for (var i = 0; i < rows.Length; i++) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i}\t{rows[i]}"));
            if (r.GetValue(json))
            {
                var vector = scores.IsVector && cnn.Task != CnnTask.Embedding;
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    Task = TaskData.Name(cnn.Task),
                    Columns = header.Split('\t'),
                    Rows = rows.Select(x => x.Split('\t')),
                    ScoreNames = vector ? scores.SlotNames : null,
                    Scores = vector ? scores.Rows : null,
                }));
            }
            return 0;
        }));
        return command;
    }

    private static (string Header, string[] Rows) Rows(CnnTask task, IDataView scored, Scores scores)
    {
        switch (task)
        {
            case CnnTask.Multiclass:
            {
                var labels = Column<ReadOnlyMemory<char>>(scored, DefaultColumnNames.PredictedLabel);
                return ("PredictedLabel\tProbability", [.. scores.Rows.Select((row, i) => $"{labels[i]}\t{F(row.Max())}")]);
            }
            case CnnTask.Binary:
            {
                var labels = Column<bool>(scored, DefaultColumnNames.PredictedLabel);
                var p = Column<float>(scored, DefaultColumnNames.Probability);
                return ("PredictedLabel\tProbability", [.. labels.Select((label, i) => $"{label}\t{F(p[i])}")]);
            }
            case CnnTask.Multilabel:
            {
                var names = scores.SlotNames!;
                return ("PredictedLabels\t" + string.Join('\t', names), [.. scores.Rows.Select(row =>
                {
                    var present = string.Join(',', names.Where((_, j) => MultilabelDecision.IsPresent(row[j])));
                    return $"{present}\t{string.Join('\t', row.Select(F))}";
                })]);
            }
            default:
            {
                var name = task == CnnTask.Embedding ? DefaultColumnNames.Embedding : DefaultColumnNames.Score;
                var width = scores.Rows.FirstOrDefault()?.Length ?? 0;
                var header = !scores.IsVector ? name
                    : task != CnnTask.Embedding && scores.SlotNames is { } slots ? string.Join('\t', slots)
                    : string.Join('\t', Enumerable.Range(0, width).Select(j => $"{name}{j}"));
                return (header, [.. scores.Rows.Select(row => string.Join('\t', row.Select(F)))]);
            }
        }
    }

    /// <summary>Every row's value of a scalar column.</summary>
    private static List<T> Column<T>(IDataView data, string name)
    {
        var values = new List<T>();
        using var cursor = data.GetRowCursor([data.Schema[name]]);
        var getter = cursor.GetGetter<T>(data.Schema[name]);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }
        return values;
    }

    private static string F(float v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
