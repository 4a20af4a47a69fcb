using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Features;

namespace Ml.Cnn.Scoring;

/// <summary>Scores one row at a time (ML.NET's PredictionEngine and row-to-row chains).</summary>
internal sealed class ScoringMapper : IRowToRowMapper
{
    private readonly CnnTransformer _transformer;
    private readonly ImageFeatureColumn _feature;

    public ScoringMapper(CnnTransformer transformer, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _transformer = transformer;
        _feature = ImageFeatureColumn.Inspect(inputSchema, transformer.FeatureColumnName);
        InputSchema = inputSchema;
        OutputSchema = transformer.GetOutputSchema(inputSchema);
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var columns = dependingColumns.ToList();
        var needed = columns.Where(c => c.Index < InputSchema.Count).Select(c => InputSchema[c.Index]).ToList();
        if (columns.Any(c => c.Index >= InputSchema.Count) && needed.All(c => c.Name != _feature.Name))
            needed.Add(InputSchema[_feature.Name]);
        return needed;
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ScoredRow(this, input, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class ScoredRow(ScoringMapper mapper, DataViewRow input, HashSet<int> active) : DataViewRow
    {
        private ImageFeatureReader? _reader;
        private long _scored = -1;
        private float[] _outputs = [];

        public override DataViewSchema Schema => mapper.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var inputCount = mapper.InputSchema.Count;
            if (column.Index < inputCount) return input.GetGetter<TValue>(input.Schema[column.Index]);
            return mapper._transformer.Head.Getter(column.Index - inputCount, Score) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        private float[] Score()
        {
            if (_scored == input.Position) return _outputs;
            _reader ??= new ImageFeatureReader(input, mapper._feature);
            var transformer = mapper._transformer;
            var pixels = new byte[transformer.InputShape.Size];
            _reader.ReadPixels(transformer.InputShape, transformer.Resize, pixels);
            _outputs = transformer.Predict(pixels, 1);
            _scored = input.Position;
            return _outputs;
        }
    }
}
