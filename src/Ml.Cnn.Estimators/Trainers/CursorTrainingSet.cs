using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;
using Ml.Cnn.Training;

namespace Ml.Cnn.Trainers;

/// <summary>
/// Training rows streamed from ML.NET data: every epoch opens a cursor over the image, label and weight columns, in a
/// seeded random order (the data's own shuffling when it can, else a shuffle pool of <see cref="PoolRows"/> rows), and
/// fills batches as it reads, decoding encoded images in parallel. Memory holds a few batches and the pool, never the
/// data set. Rows can be restricted by row id (the validation split).
/// </summary>
internal sealed class CursorTrainingSet : TrainingSet
{
    /// <summary>Rows the shuffle pool holds when the data cannot shuffle itself (as ML.NET's ShuffleRows default, 1,000).</summary>
    public const int PoolRows = 1024;

    private readonly IDataView _data;
    private readonly ImageFeatureColumn _feature;
    private readonly TaskHead _head;
    private readonly DataViewSchema.Column _label;
    private readonly DataViewSchema.Column? _weight;
    private readonly Func<DataViewRowId, bool>? _keep;
    private readonly ResizeMode _resize;
    private readonly string _role;
    private readonly Dictionary<float, int> _classes = [];

    public CursorTrainingSet(IDataView data, string role, ImageFeatureColumn feature, ImageShape shape, ResizeMode resize,
        TaskHead head, int targetColumns, string labelColumn, string? weightColumn, Func<DataViewRowId, bool>? keep,
        IReadOnlyList<IBatchAugmenter> augmenters)
    {
        _data = data;
        _role = role;
        _feature = feature;
        _head = head;
        _resize = resize;
        _keep = keep;
        Shape = shape;
        TargetColumns = targetColumns;
        Augmenters = augmenters;
        _label = data.Schema.GetColumnOrNull(labelColumn) ?? throw new ArgumentOutOfRangeException(nameof(labelColumn),
            $"The {role} data has no label column '{labelColumn}'.");
        if (weightColumn is not null)
        {
            _weight = data.Schema.GetColumnOrNull(weightColumn) ?? throw new ArgumentOutOfRangeException(nameof(weightColumn),
                $"The {role} data has no example-weight column '{weightColumn}'. Columns: {string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
            if (_weight.Value.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(weightColumn),
                    $"Schema mismatch for example-weight column '{weightColumn}': expected Single, got {ImageFeatureColumn.Describe(_weight.Value.Type)}.");
        }
        Count = CountRows();
        if (Count == 0) throw new ArgumentException($"The {role} data has no rows.");
    }

    public override ImageShape Shape { get; }

    public override int TargetColumns { get; }

    public override bool Weighted => _weight is not null;

    public override int Count { get; }

    public override IReadOnlyList<IBatchAugmenter> Augmenters { get; }

    public override IReadOnlyDictionary<float, int> ClassSizes() => _classes;

    public override async Task ProduceEpochAsync(Random random, bool balanced, int batchSize, Func<CancellationToken, ValueTask<Batch>> take,
        Func<Batch, CancellationToken, ValueTask> emit, CancellationToken cancellation)
    {
        // Data that shuffles itself is read in a seeded random order and batched as it comes; other data goes through a
        // shuffle pool (each batch drawn at random from the pooled rows), as do the copies of balanced sampling.
        // Every rank reads the same order and batches it by the global batch (BatchSize × World), then keeps its shard.
        var pooled = balanced || !_data.CanShuffle;
        var global = batchSize * Shard.World;
        using var rows = new RowReader(this, _data.CanShuffle ? _data.GetRowCursor(Columns(), new Random(random.Next())) : _data.GetRowCursor(Columns()));
        var limit = pooled ? Math.Max(PoolRows, global * 4) : global;
        var pending = new List<PendingRow>(limit + global);
        var copies = balanced ? new BalancedCopies(_classes, random) : null;
        List<PendingRow>? first = null;
        while (rows.MoveNext())
        {
            var row = rows.Read();
            var count = copies?.For(row.Target[0]) ?? 1;
            for (var i = 0; i < count; i++) pending.Add(row);
            while (pending.Count >= limit)
                await Emit(Mine(Take(pending, global, pooled ? random : null), ref first), take, emit, cancellation).ConfigureAwait(false);
        }
        if (pooled) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending));
        while (pending.Count > 0)
            await Emit(Mine(Take(pending, Math.Min(global, pending.Count), null), ref first), take, emit, cancellation).ConfigureAwait(false);
    }

    /// <summary>This rank's rows of a global batch: positions Rank, Rank + World, ...; a batch of fewer than a multiple of World rows (the epoch's last) is padded with the epoch's first rows.</summary>
    private List<PendingRow> Mine(List<PendingRow> batch, ref List<PendingRow>? first)
    {
        var (rank, world) = Shard;
        if (world == 1) return batch;
        first ??= batch.GetRange(0, Math.Min(world - 1, batch.Count));
        var padded = (batch.Count + world - 1) / world * world;
        for (var i = 0; batch.Count < padded; i++) batch.Add(first[i % first.Count]);
        var mine = new List<PendingRow>(padded / world);
        for (var i = rank; i < batch.Count; i += world) mine.Add(batch[i]);
        return mine;
    }

    public override void ReadInOrder(int chunk, ChunkReader read)
    {
        using var rows = new RowReader(this, _data.GetRowCursor(Columns()));
        var pixels = new byte[chunk * Shape.Size];
        var targets = new float[chunk * TargetColumns];
        var weights = new float[Weighted ? chunk : 0];
        var batch = new List<PendingRow>(chunk);
        while (true)
        {
            batch.Clear();
            while (batch.Count < chunk && rows.MoveNext()) batch.Add(rows.Read());
            if (batch.Count == 0) return;
            Copy(batch, pixels, targets, weights);
            read(pixels.AsSpan(0, batch.Count * Shape.Size), batch.Count, targets.AsSpan(0, batch.Count * TargetColumns),
                weights.AsSpan(0, Weighted ? batch.Count : 0));
        }
    }

    private List<DataViewSchema.Column> Columns()
    {
        var columns = new List<DataViewSchema.Column> { _data.Schema[_feature.Name], _label };
        if (_weight is { } weight) columns.Add(weight);
        return columns;
    }

    private int CountRows()
    {
        var columns = new List<DataViewSchema.Column> { _label };
        if (_weight is { } weight) columns.Add(weight);
        using var cursor = _data.GetRowCursor(columns);
        var labels = _head.CreateLabelReader(cursor, _label);
        var weights = _weight is { } w ? cursor.GetGetter<float>(w) : null;
        var id = cursor.GetIdGetter();
        var target = new float[TargetColumns];
        var count = 0;
        DataViewRowId rowId = default;
        while (cursor.MoveNext())
        {
            if (_keep is not null)
            {
                id(ref rowId);
                if (!_keep(rowId)) continue;
            }
            labels.WriteTarget(target);
            if (weights is not null)
            {
                var value = 0f;
                weights(ref value);
                if (!float.IsFinite(value) || value < 0)
                    throw new InvalidDataException($"The {_role} data, column '{_weight!.Value.Name}', row {cursor.Position}: weight {value} must be finite and >= 0.");
            }
            _classes[target[0]] = _classes.GetValueOrDefault(target[0]) + 1;
            count++;
        }
        return count;
    }

    private static List<PendingRow> Take(List<PendingRow> pending, int count, Random? random)
    {
        if (random is null)
        {
            var first = pending.GetRange(0, count);
            pending.RemoveRange(0, count);
            return first;
        }
        var taken = new List<PendingRow>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(pending.Count);
            taken.Add(pending[pick]);
            pending[pick] = pending[^1];
            pending.RemoveAt(pending.Count - 1);
        }
        return taken;
    }

    private async Task Emit(List<PendingRow> rows, Func<CancellationToken, ValueTask<Batch>> take, Func<Batch, CancellationToken, ValueTask> emit,
        CancellationToken cancellation)
    {
        var batch = await take(cancellation).ConfigureAwait(false);
        batch.Count = rows.Count;
        Copy(rows, batch.Pixels, batch.Targets, batch.Weights);
        await emit(batch, cancellation).ConfigureAwait(false);
    }

    /// <summary>Writes rows into batch buffers; encoded images (every row of such a set) are decoded in parallel straight into them.</summary>
    private void Copy(List<PendingRow> rows, byte[] pixels, float[] targets, float[] weights)
    {
        var size = Shape.Size;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            row.Pixels?.CopyTo(pixels, i * size);
            row.Target.CopyTo(targets, i * TargetColumns);
            if (weights.Length > 0) weights[i] = row.Weight;
        }
        if (_feature.Kind == ImageFeatureKind.EncodedBytes)
            ImageFeatureReader.DecodeAll(rows.Select(r => r.Encoded!).ToArray(), rows.Select(r => r.Row).ToArray(), _feature.Name, Shape, _resize,
                pixels.AsMemory(0, rows.Count * size));
    }

    /// <summary>One row read from the cursor: its encoded file or decoded pixels, targets and weight.</summary>
    private sealed record PendingRow(byte[]? Encoded, byte[]? Pixels, float[] Target, float Weight, long Row);

    /// <summary>Reads the kept rows of a cursor.</summary>
    private sealed class RowReader(CursorTrainingSet set, DataViewRowCursor cursor) : IDisposable
    {
        private readonly ImageFeatureReader _image = new(cursor, set._feature);
        private readonly ILabelReader _label = set._head.CreateLabelReader(cursor, set._label);
        private readonly ValueGetter<float>? _weight = set._weight is { } w ? cursor.GetGetter<float>(w) : null;
        private readonly ValueGetter<DataViewRowId> _id = cursor.GetIdGetter();
        private DataViewRowId _rowId;

        public bool MoveNext()
        {
            while (cursor.MoveNext())
            {
                if (set._keep is null) return true;
                _id(ref _rowId);
                if (set._keep(_rowId)) return true;
            }
            return false;
        }

        public PendingRow Read()
        {
            var target = new float[set.TargetColumns];
            _label.WriteTarget(target);
            var weight = 1f;
            _weight?.Invoke(ref weight);
            if (set._feature.Kind == ImageFeatureKind.EncodedBytes) return new PendingRow(_image.ReadEncoded(), null, target, weight, _image.Row);
            var pixels = new byte[set.Shape.Size];
            _image.ReadPixels(set.Shape, set._resize, pixels);
            return new PendingRow(null, pixels, target, weight, _image.Row);
        }

        public void Dispose() => cursor.Dispose();
    }
}
