using Microsoft.ML;
using Ml.Cnn.Features;

namespace Ml.Cnn.Scoring;

/// <summary>
/// Scores the rows of a cursor of its own that walks the data in step with the caller's cursor, up to
/// <see cref="Size"/> rows per native call, and keeps the outputs of the current window of rows.
/// </summary>
internal sealed class ScoringBatch : IDisposable
{
    public const int Size = 256;

    private readonly CnnTransformer _transformer;
    private readonly DataViewRowCursor _cursor;
    private readonly ImageFeatureReader _reader;
    private readonly byte[] _pixels;
    private readonly List<byte[]> _encoded = [];
    private readonly List<long> _rows = [];
    private float[][] _outputs = [];
    private long _start;
    private bool _done;

    public ScoringBatch(CnnTransformer transformer, IDataView input, ImageFeatureColumn feature)
    {
        _transformer = transformer;
        _cursor = input.GetRowCursor([input.Schema[feature.Name]]);
        _reader = new ImageFeatureReader(_cursor, feature);
        _pixels = new byte[Size * transformer.InputShape.Size];
    }

    /// <summary>The outputs of the row at <paramref name="position"/> (positions only move forward).</summary>
    public float[] OutputsAt(long position)
    {
        while (position >= _start + _outputs.Length)
        {
            if (_done) throw new InvalidOperationException($"Row {position} is past the end of the data the CNN scores.");
            Fill();
        }
        return _outputs[position - _start];
    }

    private void Fill()
    {
        _start += _outputs.Length;
        var shape = _transformer.InputShape;
        var count = 0;
        _encoded.Clear();
        _rows.Clear();
        while (count < Size && _cursor.MoveNext())
        {
            if (_reader.Column.Kind == ImageFeatureKind.EncodedBytes)
            {
                _encoded.Add(_reader.ReadEncoded());
                _rows.Add(_cursor.Position);
            }
            else
            {
                _reader.ReadPixels(shape, _transformer.Resize, _pixels.AsSpan(count * shape.Size, shape.Size));
            }
            count++;
        }
        if (count < Size) _done = true;
        if (_encoded.Count > 0) ImageFeatureReader.DecodeAll(_encoded, _rows, _reader.Column.Name, shape, _transformer.Resize, _pixels);
        var outputs = count == 0 ? [] : _transformer.Predict(_pixels.AsSpan(0, count * shape.Size), count);
        var width = _transformer.Head.Outputs;
        _outputs = new float[count][];
        for (var i = 0; i < count; i++) _outputs[i] = outputs.AsSpan(i * width, width).ToArray();
    }

    public void Dispose() => _cursor.Dispose();
}
