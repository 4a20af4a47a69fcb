using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Heads;

/// <summary>
/// Regression: a Single label (the model adds a Single <c>Score</c>, as ML.NET's regression trainers) or a known-size
/// vector of Single (a vector <c>Score</c> of the same size, one output per target).
/// </summary>
internal sealed class RegressionHead(int outputs, bool vector) : TaskHead
{
    public override CnnTask Task => CnnTask.Regression;

    public override Loss DefaultLoss => Loss.MeanSquaredError();

    public override OutputHead Activation => OutputHead.Identity;

    public override int Outputs { get; } = outputs;

    /// <summary>True when the label (and so Score) is a vector.</summary>
    public bool Vector { get; } = vector;

    public override IReadOnlyList<string> OutputColumns { get; } = [DefaultColumnNames.Score];

    public override string LabelKind => "a Single column or a known-size vector of Single";

    public static RegressionHead ForLabel(DataViewSchema.Column label) => label.Type switch
    {
        var t when t == NumberDataViewType.Single => new RegressionHead(1, false),
        VectorDataViewType { Size: > 0 } v when v.ItemType == NumberDataViewType.Single => new RegressionHead(v.Size, true),
        var other => throw Mismatch(CnnTask.Regression, label.Name, ImageFeatureColumn.Describe(other)),
    };

    public override ILabelReader CreateLabelReader(DataViewRow row, DataViewSchema.Column label) => new Reader(row, label, this);

    public override TargetReader CreateTargets(string labelColumn) =>
        new VectorTargets(labelColumn, Vector ? Enumerable.Range(0, Outputs).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray() : [labelColumn]);

    public override IEnumerable<SchemaShape.Column> OutputShapes() =>
    [
        MlNet.SchemaShapes.Column(DefaultColumnNames.Score, Vector ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.Scalar,
            NumberDataViewType.Single, false),
    ];

    public override void AddOutputColumns(DataViewSchema.Builder builder)
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        AddScoreKind(annotations, MlNet.MlNetNames.Regression, MlNet.MlNetNames.Score);
        builder.AddColumn(DefaultColumnNames.Score, Vector ? new VectorDataViewType(NumberDataViewType.Single, Outputs) : NumberDataViewType.Single,
            annotations.ToAnnotations());
    }

    public override Delegate Getter(int index, Func<float[]> outputs) => Vector
        ? VectorGetter(outputs)
        : (ValueGetter<float>)((ref float value) => value = outputs()[0]);

    protected override void WriteState(BinaryWriter writer)
    {
        writer.Write(Outputs);
        writer.Write(Vector);
    }

    public static RegressionHead ReadState(BinaryReader reader)
    {
        var outputs = reader.ReadInt32();
        if (outputs < 1) throw new InvalidDataException($"The model records {outputs} regression outputs; the model file is damaged.");
        return new RegressionHead(outputs, reader.ReadBoolean());
    }

    private sealed class Reader(DataViewRow row, DataViewSchema.Column label, RegressionHead head) : ILabelReader
    {
        private readonly ValueGetter<float>? _scalar = head.Vector ? null : row.GetGetter<float>(label);
        private readonly ValueGetter<VBuffer<float>>? _vector = head.Vector ? row.GetGetter<VBuffer<float>>(label) : null;
        private VBuffer<float> _buffer;

        public void WriteTarget(Span<float> destination)
        {
            if (_scalar is not null)
            {
                var value = 0f;
                _scalar(ref value);
                Check(value);
                destination[0] = value;
                return;
            }
            _vector!(ref _buffer);
            var i = 0;
            foreach (var value in _buffer.DenseValues())
            {
                Check(value);
                destination[i++] = value;
            }
        }

        private void Check(float value)
        {
            if (!float.IsFinite(value))
                throw new InvalidDataException($"Label column '{label.Name}', row {row.Position}: the target {value} is not a finite number. Remove or fix that row.");
        }
    }
}
