using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Legacy;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// A Fashion-MNIST row for the multilabel and embedding workouts: pixel values as ExtractPixels gives them, the class as
/// text, and the multilabel tags {footwear, upper-body, warm} (<see cref="TaskData"/>) as Booleans and as 0/1 floats.
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

    /// <summary>The rows of a Fashion-MNIST view.</summary>
    public static TaskRow[] Of(DataView view)
    {
        var images = view.GetColumn<ImageColumn>("Image");
        var labels = view.GetColumn<ScalarColumn<string>>("Label").Values;
        var tags = TaskData.Multilabel(view).GetColumn<VectorColumn>("Label");
        return Enumerable.Range(0, view.RowCount).Select(i => new TaskRow
        {
            Pixels = images.GetImage(i).ToArray().Select(b => (float)b).ToArray(),
            Label = labels[i],
            IsFootwear = tags.GetRow(i)[0] > 0,
            Tags = tags.GetRow(i).ToArray().Select(v => v > 0).ToArray(),
            TagValues = tags.GetRow(i).ToArray(),
        }).ToArray();
    }

    /// <summary>An ML.NET view of the rows whose tag columns carry the tag names as slot names.</summary>
    public static IDataView Load(MLContext ml, TaskRow[] rows)
    {
        var schema = SchemaDefinition.Create(typeof(TaskRow));
        var names = new VBuffer<ReadOnlyMemory<char>>(3, TaskData.LabelNames.Select(n => n.AsMemory()).ToArray());
        foreach (var column in new[] { nameof(Tags), nameof(TagValues) })
            schema[column].AddAnnotation(MlNet.MlNetNames.SlotNames, names, new VectorDataViewType(TextDataViewType.Instance, 3));
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Small, quick training options on the CPU.</summary>
    public static CnnTrainerOptions Small(string label) => new()
    {
        LabelColumnName = label, ImageColumnName = nameof(Pixels), Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64,
        Device = ComputeDevice.Cpu,
    };
}
