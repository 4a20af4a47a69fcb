using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Features;
using Ml.Cnn.MlNet;

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

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var single = new SingleRowScore(_transformer, _feature, input);
        return new MappedRow(input, new ScoringColumns(OutputSchema, input, activeColumns.Select(c => c.Index).ToHashSet(), _transformer, single.Outputs));
    }

    /// <summary>The network outputs of an input row's image, predicted once per row.</summary>
    private sealed class SingleRowScore(CnnTransformer transformer, ImageFeatureColumn feature, DataViewRow input)
    {
        private ImageFeatureReader? _reader;
        private long _scored = -1;
        private float[] _outputs = [];

        public float[] Outputs()
        {
            if (_scored == input.Position) return _outputs;
            _reader ??= new ImageFeatureReader(input, feature);
            var pixels = new byte[transformer.InputShape.Size];
            _reader.ReadPixels(transformer.InputShape, transformer.Resize, pixels);
            _outputs = transformer.Predict(pixels, 1);
            _scored = input.Position;
            return _outputs;
        }
    }
}
