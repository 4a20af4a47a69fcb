using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Heads;

/// <summary>
/// Binary: a Boolean label; the model adds <c>Score</c> (the logit, ML.NET's raw score), <c>Probability</c> (its sigmoid)
/// and <c>PredictedLabel</c> (Score &gt; 0), as ML.NET's calibrated binary trainers do.
/// </summary>
internal sealed class BinaryHead : TaskHead
{
    public override CnnTask Task => CnnTask.Binary;

    public override Loss DefaultLoss => Loss.BinaryCrossEntropy();

    public override OutputHead Activation => OutputHead.Identity;

    public override int Outputs => 1;

    public override IReadOnlyList<string> OutputColumns { get; } =
        [DefaultColumnNames.Score, DefaultColumnNames.Probability, DefaultColumnNames.PredictedLabel];

    public override string LabelKind => "a Boolean column";

    public static BinaryHead ForLabel(DataViewSchema.Column label) => label.Type == BooleanDataViewType.Instance
        ? new BinaryHead()
        : throw Mismatch(CnnTask.Binary, label.Name, ImageFeatureColumn.Describe(label.Type));

    public override ILabelReader CreateLabelReader(DataViewRow row, DataViewSchema.Column label) => new Reader(row.GetGetter<bool>(label));

    public override TargetReader CreateTargets(string labelColumn) => new BinaryTargets(labelColumn);

    public override IEnumerable<SchemaShape.Column> OutputShapes() =>
    [
        MlNet.SchemaShapes.Column(DefaultColumnNames.Score, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        MlNet.SchemaShapes.Column(DefaultColumnNames.Probability, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        MlNet.SchemaShapes.Column(DefaultColumnNames.PredictedLabel, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
    ];

    public override void AddOutputColumns(DataViewSchema.Builder builder)
    {
        var kind = MlNet.MlNetNames.BinaryClassification;
        builder.AddColumn(DefaultColumnNames.Score, NumberDataViewType.Single, Annotations(kind, MlNet.MlNetNames.Score));
        builder.AddColumn(DefaultColumnNames.Probability, NumberDataViewType.Single, Annotations(kind, MlNet.MlNetNames.Probability));
        builder.AddColumn(DefaultColumnNames.PredictedLabel, BooleanDataViewType.Instance, Annotations(kind, MlNet.MlNetNames.PredictedLabel));
    }

    public override Delegate Getter(int index, Func<float[]> outputs) => index switch
    {
        0 => (ValueGetter<float>)((ref float value) => value = outputs()[0]),
        1 => (ValueGetter<float>)((ref float value) => value = 1f / (1f + MathF.Exp(-outputs()[0]))),
        _ => (ValueGetter<bool>)((ref bool value) => value = outputs()[0] > 0),
    };

    protected override void WriteState(BinaryWriter writer)
    {
    }

    public static BinaryHead ReadState(BinaryReader reader) => new();

    private static DataViewSchema.Annotations Annotations(string columnKind, string valueKind)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        AddScoreKind(builder, columnKind, valueKind);
        return builder.ToAnnotations();
    }

    private sealed class Reader(ValueGetter<bool> getter) : ILabelReader
    {
        public void WriteTarget(Span<float> destination) => destination[0] = Read() ? 1f : 0f;

        private bool Read()
        {
            var value = false;
            getter(ref value);
            return value;
        }
    }
}
