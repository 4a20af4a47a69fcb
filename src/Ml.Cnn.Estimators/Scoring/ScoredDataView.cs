using Microsoft.ML;
using Ml.Cnn.Features;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Scoring;

/// <summary>The output of <see cref="CnnTransformer.Transform"/>: the input's columns, then the task's score columns, computed lazily.</summary>
internal sealed class ScoredDataView : IDataView
{
    private readonly CnnTransformer _transformer;
    private readonly IDataView _input;
    private readonly ImageFeatureColumn _feature;

    public ScoredDataView(CnnTransformer transformer, IDataView input)
    {
        _transformer = transformer;
        _input = input;
        _feature = ImageFeatureColumn.Inspect(input.Schema, transformer.FeatureColumnName);
        Schema = transformer.GetOutputSchema(input.Schema);
    }

    /// <summary>False: rows are scored in the input's order, a batch ahead.</summary>
    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var inputCount = _input.Schema.Count;
        var main = _input.GetRowCursor(needed.Where(i => i < inputCount).Select(i => _input.Schema[i]));
        var batch = needed.Any(i => i >= inputCount) ? new ScoringBatch(_transformer, _input, _feature) : null;
        return new MappedCursor(main, new ScoringColumns(Schema, main, needed, _transformer, () => batch!.OutputsAt(main.Position), batch));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
