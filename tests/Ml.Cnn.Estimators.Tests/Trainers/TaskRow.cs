using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// A Fashion-MNIST row for the multilabel and embedding workouts: pixel values as ExtractPixels gives them, the class as
/// text, the multilabel tags {footwear, upper-body, warm} (<see cref="TaskData"/>) as Booleans and as 0/1 floats, and
/// the regression targets.
/// </summary>
public sealed class TaskRow
{
    [VectorType(1, 28, 28)]
    public float[] Pixels { get; set; } = [];

    public string Label { get; set; } = "";

    public bool IsFootwear { get; set; }

    [VectorType(3)]
    public bool[] Tags { get; set; } = [];

    [VectorType(3)]
    public float[] TagValues { get; set; } = [];

    /// <summary>The regression targets {brightness, coverage} (<see cref="TaskData.Targets"/>).</summary>
    [VectorType(2)]
    public float[] Targets { get; set; } = [];

    /// <summary>The task rows of Fashion-MNIST images.</summary>
    public static TaskRow[] Of(FashionRow[] rows) => [.. rows.Select(row =>
    {
        var tags = TaskData.Tags(row.Label);
        return new TaskRow
        {
            Pixels = row.Pixels(), Label = row.Label, IsFootwear = tags[0], Tags = tags, TagValues = [.. tags.Select(t => t ? 1f : 0f)],
            Targets = TaskData.Targets(row.Image),
        };
    })];

    /// <summary>An ML.NET view of the rows whose tag and target columns carry their names as slot names.</summary>
    public static IDataView Load(MLContext ml, TaskRow[] rows)
    {
        var schema = SchemaDefinition.Create(typeof(TaskRow));
        var names = new VBuffer<ReadOnlyMemory<char>>(3, TaskData.LabelNames.Select(n => n.AsMemory()).ToArray());
        foreach (var column in new[] { nameof(Tags), nameof(TagValues) })
            schema[column].AddAnnotation(MlNet.MlNetNames.SlotNames, names, new VectorDataViewType(TextDataViewType.Instance, 3));
        var targets = new VBuffer<ReadOnlyMemory<char>>(2, TaskData.TargetNames.Select(n => n.AsMemory()).ToArray());
        schema[nameof(Targets)].AddAnnotation(MlNet.MlNetNames.SlotNames, targets, new VectorDataViewType(TextDataViewType.Instance, 2));
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Small, quick training options on the CPU.</summary>
    public static CnnTrainerOptions Small(string label) => new()
    {
        LabelColumnName = label, ImageColumnName = nameof(Pixels), Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64,
        Device = ComputeDevice.Cpu,
    };
}
