using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Heads;

/// <summary>
/// What one task adds to the shared trainer and model: the label column it accepts, how labels become training targets,
/// the default loss, the output activation, and the columns the model adds (ML.NET's names, types and annotations).
/// </summary>
internal abstract class TaskHead
{
    /// <summary>The task.</summary>
    public abstract CnnTask Task { get; }

    /// <summary>The loss used when the options name none.</summary>
    public abstract Loss DefaultLoss { get; }

    /// <summary>The activation the network's outputs go through when the model scores.</summary>
    public abstract OutputHead Activation { get; }

    /// <summary>The network's outputs.</summary>
    public abstract int Outputs { get; }

    /// <summary>The columns the model adds, in order.</summary>
    public abstract IReadOnlyList<string> OutputColumns { get; }

    /// <summary>What the label column must be, for messages (e.g. "a key column").</summary>
    public abstract string LabelKind { get; }

    /// <summary>
    /// The head for a task and the training data's label column (<see cref="CnnTrainerOptions.LabelColumnName"/>; embeddings
    /// also take <see cref="CnnTrainerOptions.EmbeddingDimension"/>); a wrong label type is refused with ML.NET's kind of message.
    /// </summary>
    public static TaskHead ForLabel(CnnTask task, DataViewSchema schema, CnnTrainerOptions options)
    {
        var labelColumn = options.LabelColumnName;
        var column = schema.GetColumnOrNull(labelColumn) ?? throw new ArgumentOutOfRangeException(nameof(options),
            $"The label column '{labelColumn}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        return task switch
        {
            CnnTask.Multiclass => MulticlassHead.ForLabel(column),
            CnnTask.Binary => BinaryHead.ForLabel(column),
            CnnTask.Multilabel => MultilabelHead.ForLabel(column),
            CnnTask.Regression => RegressionHead.ForLabel(column),
            CnnTask.Embedding => EmbeddingHead.ForLabel(column, options.EmbeddingDimension),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, "The CNN trains multiclass, binary, multilabel, regression and embedding models."),
        };
    }

    /// <summary>Checks the label column of an input shape (GetOutputSchema, before any data).</summary>
    public static void CheckLabel(CnnTask task, SchemaShape shape, string labelColumn)
    {
        var column = MlNet.SchemaShapes.Find(shape, labelColumn) ?? throw new ArgumentOutOfRangeException(nameof(labelColumn),
            $"The label column '{labelColumn}' is not in the data. Columns: {string.Join(", ", shape.Select(c => c.Name))}.");
        var ok = task switch
        {
            CnnTask.Multiclass or CnnTask.Embedding => column.IsKey && column.Kind == SchemaShape.Column.VectorKind.Scalar,
            CnnTask.Binary => column.ItemType == BooleanDataViewType.Instance && column.Kind == SchemaShape.Column.VectorKind.Scalar,
            CnnTask.Multilabel => !column.IsKey && column.Kind == SchemaShape.Column.VectorKind.Vector &&
                (column.ItemType == BooleanDataViewType.Instance || column.ItemType == NumberDataViewType.Single),
            _ => column.ItemType == NumberDataViewType.Single && column.Kind != SchemaShape.Column.VectorKind.VariableVector,
        };
        if (!ok) throw Mismatch(task, labelColumn, column.Kind == SchemaShape.Column.VectorKind.Scalar
            ? (column.IsKey ? "Key" : ImageFeatureColumn.Describe(column.ItemType))
            : $"Vector<{column.ItemType.RawType.Name}>");
    }

    /// <summary>ML.NET's kind of schema-mismatch message for a label column.</summary>
    protected static ArgumentOutOfRangeException Mismatch(CnnTask task, string column, string actual) => new(nameof(column), task switch
    {
        CnnTask.Multiclass => $"Schema mismatch for label column '{column}': expected Key, got {actual}. The multiclass CNN trainer needs a key label; " +
            $"add mlContext.Transforms.Conversion.MapValueToKey(\"{column}\") before it (and MapKeyToValue(\"PredictedLabel\") after it).",
        CnnTask.Binary => $"Schema mismatch for label column '{column}': expected Boolean, got {actual}. The binary CNN trainer needs a Boolean label; " +
            "map your labels to true/false (e.g. with a CustomMapping or Expression), or use the multiclass trainer.",
        CnnTask.Multilabel => $"Schema mismatch for label column '{column}': expected a known-size vector of Boolean or Single, got {actual}. The multilabel " +
            "CNN trainer needs one value per label (true or 1 = present), e.g. a bool[] property with [VectorType(n)], or Boolean columns joined with " +
            "mlContext.Transforms.Concatenate; the vector's slot names name the labels.",
        CnnTask.Embedding => $"Schema mismatch for label column '{column}': expected Key, got {actual}. The embedding CNN trainer needs a key label " +
            $"(rows of one key belong together); add mlContext.Transforms.Conversion.MapValueToKey(\"{column}\") before it.",
        _ => $"Schema mismatch for label column '{column}': expected Single or a known-size vector of Single, got {actual}. The regression CNN " +
            "trainer needs float targets; convert them with mlContext.Transforms.Conversion.ConvertType.",
    });

    /// <summary>Reads this task's label of a cursor's current row as training targets.</summary>
    public abstract ILabelReader CreateLabelReader(DataViewRow row, DataViewSchema.Column label);

    /// <summary>How the training loop turns the collected label column into targets.</summary>
    public abstract TargetReader CreateTargets(string labelColumn);

    /// <summary>The output column shapes (the estimator's GetOutputSchema).</summary>
    public abstract IEnumerable<SchemaShape.Column> OutputShapes();

    /// <summary>Adds the output columns with their annotations.</summary>
    public abstract void AddOutputColumns(DataViewSchema.Builder builder);

    /// <summary>A getter for output column <paramref name="index"/> that reads the current row's network outputs from <paramref name="outputs"/>.</summary>
    public abstract Delegate Getter(int index, Func<float[]> outputs);

    /// <summary>Writes the head (task and what it learned from the labels).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write((int)Task);
        WriteState(writer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static TaskHead Read(BinaryReader reader) => (CnnTask)reader.ReadInt32() switch
    {
        CnnTask.Multiclass => MulticlassHead.ReadState(reader),
        CnnTask.Binary => BinaryHead.ReadState(reader),
        CnnTask.Multilabel => MultilabelHead.ReadState(reader),
        CnnTask.Regression => RegressionHead.ReadState(reader),
        CnnTask.Embedding => EmbeddingHead.ReadState(reader),
        var task => throw new InvalidDataException($"The model records the unknown task {task}; the model file is damaged."),
    };

    /// <summary>Writes what the head learned from the labels.</summary>
    protected abstract void WriteState(BinaryWriter writer);

    /// <summary>A getter of a Single vector column holding the current row's outputs.</summary>
    protected static ValueGetter<VBuffer<float>> VectorGetter(Func<float[]> outputs) => (ref VBuffer<float> value) =>
    {
        var scores = outputs();
        var editor = VBufferEditor.Create(ref value, scores.Length);
        scores.CopyTo(editor.Values);
        value = editor.Commit();
    };

    /// <summary>The annotations ML.NET's trainers put on their score columns.</summary>
    protected static void AddScoreKind(DataViewSchema.Annotations.Builder builder, string columnKind, string valueKind)
    {
        builder.Add(MlNet.MlNetNames.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = columnKind.AsMemory());
        builder.Add(MlNet.MlNetNames.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = valueKind.AsMemory());
    }
}
