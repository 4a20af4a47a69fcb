using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Heads;

/// <summary>
/// Multiclass: a key label with K values; the model adds <c>Score</c> (softmax probabilities, K slots named by the key
/// values) and <c>PredictedLabel</c> (a key with the label's key values), as ML.NET's multiclass trainers do.
/// </summary>
internal sealed class MulticlassHead(KeyValueSet keys) : TaskHead
{
    public KeyValueSet Keys { get; } = keys;

    public override CnnTask Task => CnnTask.Multiclass;

    public override Loss DefaultLoss => Loss.CrossEntropy();

    public override OutputHead Activation => OutputHead.Softmax;

    public override int Outputs => Keys.Texts.Count;

    public override IReadOnlyList<string> OutputColumns { get; } = [DefaultColumnNames.Score, DefaultColumnNames.PredictedLabel];

    public override string LabelKind => "a key column";

    public static MulticlassHead ForLabel(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType key) throw Mismatch(CnnTask.Multiclass, label.Name, ImageFeatureColumn.Describe(label.Type));
        if (key.Count < 2 || key.Count > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(label), $"Label column '{label.Name}' is a key with {key.Count} values; the multiclass CNN needs 2 to 1,000,000 classes.");
        return new MulticlassHead(KeyValueSet.Of(label, (int)key.Count));
    }

    public override ILabelReader CreateLabelReader(DataViewRow row, DataViewSchema.Column label) => new KeyLabelReader(row, label, Outputs);

    /// <summary>Labels are collected as the class index in text ("0" for key 1), so the key map keeps ML.NET's key order.</summary>
    public override TargetReader CreateTargets(string labelColumn) =>
        new ClassTargets(labelColumn, new LabelKeyMap(Enumerable.Range(0, Outputs).Select(KeyLabelReader.Index)), Outputs);

    public override IEnumerable<SchemaShape.Column> OutputShapes() =>
    [
        MlNet.SchemaShapes.Column(DefaultColumnNames.Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, [MlNet.SchemaShapes.SlotNames()]),
        MlNet.SchemaShapes.Column(DefaultColumnNames.PredictedLabel, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true,
            [MlNet.SchemaShapes.KeyValues(TextDataViewType.Instance)]),
    ];

    public override void AddOutputColumns(DataViewSchema.Builder builder)
    {
        var score = new DataViewSchema.Annotations.Builder();
        Keys.AddSlotNames(score);
        AddScoreKind(score, MlNet.MlNetNames.MulticlassClassification, MlNet.MlNetNames.Score);
        builder.AddColumn(DefaultColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single, Outputs), score.ToAnnotations());
        var predicted = new DataViewSchema.Annotations.Builder();
        Keys.AddKeyValues(predicted);
        AddScoreKind(predicted, MlNet.MlNetNames.MulticlassClassification, MlNet.MlNetNames.PredictedLabel);
        builder.AddColumn(DefaultColumnNames.PredictedLabel, new KeyDataViewType(typeof(uint), Outputs), predicted.ToAnnotations());
    }

    public override Delegate Getter(int index, Func<float[]> outputs) => index == 0
        ? VectorGetter(outputs)
        : (ValueGetter<uint>)((ref uint value) => value = (uint)Prediction.ArgMax(outputs()) + 1);

    protected override void WriteState(BinaryWriter writer) => Keys.Write(writer);

    public static MulticlassHead ReadState(BinaryReader reader) => new(KeyValueSet.Read(reader));
}
