using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Heads;

/// <summary>
/// Embeddings: a key label (rows of one key belong together; the triplet loss pulls them close) and
/// <see cref="CnnTrainerOptions.EmbeddingDimension"/> outputs; the model adds <c>Score</c>, the L2-normalized embedding
/// (a Single vector of unit length).
/// </summary>
/// <param name="dimension">Values per embedding.</param>
/// <param name="classes">The label's key count (the classes the triplet loss tells apart).</param>
internal sealed class EmbeddingHead(int dimension, int classes) : TaskHead
{
    /// <summary>The score column kind of embedding models (ML.NET has none).</summary>
    public const string ScoreColumnKind = "Embedding";

    /// <summary>The label's key count.</summary>
    public int Classes { get; } = classes;

    public override CnnTask Task => CnnTask.Embedding;

    public override Loss DefaultLoss => Loss.TripletMargin();

    public override OutputHead Activation => OutputHead.L2Normalize;

    public override int Outputs { get; } = dimension;

    public override IReadOnlyList<string> OutputColumns { get; } = [DefaultColumnNames.Score];

    public override string LabelKind => "a key column";

    public static EmbeddingHead ForLabel(DataViewSchema.Column label, int dimension)
    {
        if (label.Type is not KeyDataViewType key) throw Mismatch(CnnTask.Embedding, label.Name, ImageFeatureColumn.Describe(label.Type));
        if (key.Count < 2 || key.Count > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(label), $"Label column '{label.Name}' is a key with {key.Count} values; the embedding CNN needs 2 to 1,000,000 " +
                "labels, so that every row has rows of another label to be pushed away from.");
        return new EmbeddingHead(dimension, (int)key.Count);
    }

    public override ILabelReader CreateLabelReader(DataViewRow row, DataViewSchema.Column label) => new KeyLabelReader(row, label, Classes);

    /// <summary>Targets are class indices (key 1 is class 0), as the multiclass head's.</summary>
    public override TargetReader CreateTargets(string labelColumn) =>
        new ClassTargets(labelColumn, new LabelKeyMap(Enumerable.Range(0, Classes).Select(KeyLabelReader.Index)), Outputs);

    public override IEnumerable<SchemaShape.Column> OutputShapes() =>
        [MlNet.SchemaShapes.Column(DefaultColumnNames.Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false)];

    public override void AddOutputColumns(DataViewSchema.Builder builder)
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        AddScoreKind(annotations, ScoreColumnKind, MlNet.MlNetNames.Score);
        builder.AddColumn(DefaultColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single, Outputs), annotations.ToAnnotations());
    }

    public override Delegate Getter(int index, Func<float[]> outputs) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
    {
        var embedding = outputs();
        var editor = VBufferEditor.Create(ref value, embedding.Length);
        embedding.CopyTo(editor.Values);
        value = editor.Commit();
    });

    protected override void WriteState(BinaryWriter writer)
    {
        writer.Write(Outputs);
        writer.Write(Classes);
    }

    public static EmbeddingHead ReadState(BinaryReader reader)
    {
        var dimension = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (dimension < 1 || classes < 2) throw new InvalidDataException($"The model records an embedding of {dimension} values over {classes} labels; the model file is damaged.");
        return new EmbeddingHead(dimension, classes);
    }
}
