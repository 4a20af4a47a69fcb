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
/// Multilabel: a known-size vector label of Boolean, or of Single values in [0, 1] (1 = the label is present), one slot per
/// label; its slot names (else "0", "1", ...) name the labels. The model adds <c>Score</c> (each label's sigmoid
/// probability) and <c>PredictedLabel</c> (a Boolean vector, <see cref="MultilabelDecision.IsPresent"/> of each score),
/// both with the label names as slot names.
/// </summary>
internal sealed class MultilabelHead(IReadOnlyList<string> labelNames) : TaskHead
{
    /// <summary>The score column kind of multilabel classifiers (ML.NET has none).</summary>
    public const string ScoreColumnKind = "MultilabelClassification";

    /// <summary>The label names, in slot order.</summary>
    public IReadOnlyList<string> LabelNames { get; } = labelNames;

    public override CnnTask Task => CnnTask.Multilabel;

    public override Loss DefaultLoss => Loss.BinaryCrossEntropy();

    public override OutputHead Activation => OutputHead.Sigmoid;

    public override int Outputs => LabelNames.Count;

    public override IReadOnlyList<string> OutputColumns { get; } = [DefaultColumnNames.Score, DefaultColumnNames.PredictedLabel];

    public override string LabelKind => "a known-size vector of Boolean or of Single 0/1 values";

    /// <summary>True for the label types the head accepts: a known-size vector of Boolean or Single.</summary>
    public static bool Accepts(DataViewType type) =>
        type is VectorDataViewType { Size: > 0 } v && (v.ItemType == BooleanDataViewType.Instance || v.ItemType == NumberDataViewType.Single);

    public static MultilabelHead ForLabel(DataViewSchema.Column label)
    {
        if (!Accepts(label.Type)) throw Mismatch(CnnTask.Multilabel, label.Name, ImageFeatureColumn.Describe(label.Type));
        var size = ((VectorDataViewType)label.Type).Size;
        return new MultilabelHead(SlotNames(label) ?? Enumerable.Range(0, size).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    public override ILabelReader CreateLabelReader(DataViewRow row, DataViewSchema.Column label) => new Reader(row, label, this);

    public override TargetReader CreateTargets(string labelColumn) => new VectorTargets(labelColumn, [.. LabelNames]);

    public override IEnumerable<SchemaShape.Column> OutputShapes() =>
    [
        MlNet.SchemaShapes.Column(DefaultColumnNames.Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, [MlNet.SchemaShapes.SlotNames()]),
        MlNet.SchemaShapes.Column(DefaultColumnNames.PredictedLabel, SchemaShape.Column.VectorKind.Vector, BooleanDataViewType.Instance, false,
            [MlNet.SchemaShapes.SlotNames()]),
    ];

    public override void AddOutputColumns(DataViewSchema.Builder builder)
    {
        builder.AddColumn(DefaultColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single, Outputs), Annotations(MlNet.MlNetNames.Score));
        builder.AddColumn(DefaultColumnNames.PredictedLabel, new VectorDataViewType(BooleanDataViewType.Instance, Outputs), Annotations(MlNet.MlNetNames.PredictedLabel));
    }

    public override Delegate Getter(int index, Func<float[]> outputs) => index == 0
        ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            var scores = outputs();
            var editor = VBufferEditor.Create(ref value, scores.Length);
            scores.CopyTo(editor.Values);
            value = editor.Commit();
        })
        : (ValueGetter<VBuffer<bool>>)((ref VBuffer<bool> value) =>
        {
            var scores = outputs();
            var editor = VBufferEditor.Create(ref value, scores.Length);
            for (var i = 0; i < scores.Length; i++) editor.Values[i] = MultilabelDecision.IsPresent(scores[i]);
            value = editor.Commit();
        });

    protected override void WriteState(BinaryWriter writer)
    {
        writer.Write(LabelNames.Count);
        foreach (var name in LabelNames) writer.Write(name);
    }

    public static MultilabelHead ReadState(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 1 || count > 1_000_000) throw new InvalidDataException($"The model records {count} multilabel labels; the model file is damaged.");
        var names = new string[count];
        for (var i = 0; i < count; i++) names[i] = reader.ReadString();
        return new MultilabelHead(names);
    }

    /// <summary>The text slot names of a vector column, or null when it has none (or not one per slot).</summary>
    public static string[]? SlotNames(DataViewSchema.Column column)
    {
        if (column.Type is not VectorDataViewType { Size: > 0 } vector
            || column.Annotations.Schema.GetColumnOrNull(MlNet.MlNetNames.SlotNames) is not { Type: VectorDataViewType { ItemType: TextDataViewType } }) return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.Length == vector.Size ? names.DenseValues().Select(n => n.ToString()).ToArray() : null;
    }

    private DataViewSchema.Annotations Annotations(string valueKind)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        var names = new VBuffer<ReadOnlyMemory<char>>(Outputs, LabelNames.Select(n => n.AsMemory()).ToArray());
        builder.Add(MlNet.MlNetNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, Outputs),
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        AddScoreKind(builder, ScoreColumnKind, valueKind);
        return builder.ToAnnotations();
    }

    /// <summary>Reads a Boolean or Single label vector as 0/1 (or [0, 1]) targets; a value outside [0, 1] names its row and slot.</summary>
    private sealed class Reader(DataViewRow row, DataViewSchema.Column label, MultilabelHead head) : ILabelReader
    {
        private readonly ValueGetter<VBuffer<bool>>? _booleans =
            ((VectorDataViewType)label.Type).ItemType == BooleanDataViewType.Instance ? row.GetGetter<VBuffer<bool>>(label) : null;
        private readonly ValueGetter<VBuffer<float>>? _singles =
            ((VectorDataViewType)label.Type).ItemType == BooleanDataViewType.Instance ? null : row.GetGetter<VBuffer<float>>(label);
        private VBuffer<bool> _booleanBuffer;
        private VBuffer<float> _singleBuffer;

        public void WriteTarget(Span<float> destination)
        {
            var slot = 0;
            if (_booleans is not null)
            {
                _booleans(ref _booleanBuffer);
                foreach (var present in _booleanBuffer.DenseValues()) destination[slot++] = present ? 1f : 0f;
                return;
            }
            _singles!(ref _singleBuffer);
            foreach (var value in _singleBuffer.DenseValues())
            {
                if (!(value is >= 0 and <= 1))
                    throw new InvalidDataException(FormattableString.Invariant(
                        $"Label column '{label.Name}', row {row.Position}, slot {slot} ('{head.LabelNames[slot]}'): the value {value} lies outside [0, 1]. ") +
                        "Use 1 for a present label and 0 for an absent one.");
                destination[slot++] = value;
            }
        }
    }
}
