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
/// data set's images. Rows can be restricted by row id (the validation split). As one rank of several it reads the images
/// of its own share only (<see cref="EpochOrder"/>).
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
        // shuffle pool (each batch drawn at random from the pooled rows), as do the copies of balanced sampling. Every rank
        // draws the same global batches (BatchSize × World rows) and reads the images of its share only.
        var pooled = balanced || !_data.CanShuffle;
        int? seed = _data.CanShuffle ? random.Next() : null;
        var (rank, world) = Shard;
        var global = batchSize * world;
        var copies = balanced ? new BalancedCopies(_classes, random) : null;
        if (pooled && world > 1)
        {
            await ProduceDrawnShareAsync(seed, copies, global, random, take, emit, cancellation).ConfigureAwait(false);
            return;
        }
        // In order, a rank knows its rows as they come; the others are skipped without reading their images.
        using var rows = new RowReader(this, Open(Columns(), seed));
        var stream = rows.Rows(position => EpochOrder.InOrderShareNeeds(position, Count, rank, world));
        var batches = EpochOrder.GlobalBatches(stream, copies is null ? null : row => copies.For(row!.Target[0]), pooled, global, PoolRows, random);
        foreach (var share in EpochOrder.Shares(batches, rank, world))
            await Emit(share!, take, emit, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// A rank's share of a pooled epoch: the draws are made first on the labels alone (the draws one process with the global batch makes), which
    /// tells the rank the stream positions of its rows; a second read of the stream then reads the images of those rows
    /// only, each held from its read until its last use.
    /// </summary>
    private async Task ProduceDrawnShareAsync(int? seed, BalancedCopies? copies, int global, Random random, Func<CancellationToken, ValueTask<Batch>> take,
        Func<Batch, CancellationToken, ValueTask> emit, CancellationToken cancellation)
    {
        var (rank, world) = Shard;
        List<List<Labelled>> shares;
        using (var labels = new RowReader(this, Open([_label], seed), images: false))
        {
            var batches = EpochOrder.GlobalBatches(labels.Labels(), copies is null ? null : row => copies.For(row.Label), pooled: true, global, PoolRows, random);
            shares = [.. EpochOrder.Shares(batches, rank, world)];
            cancellation.ThrowIfCancellationRequested();
        }
        var needed = new Dictionary<long, (float Label, int Uses)>();
        foreach (var row in shares.SelectMany(s => s))
            needed[row.Position] = (row.Label, needed.GetValueOrDefault(row.Position).Uses + 1);
        var held = new Dictionary<long, PendingRow>();
        using var rows = new RowReader(this, Open(Columns(), seed));
        var position = -1L;
        foreach (var share in shares)
        {
            var last = share.Max(r => r.Position);
            while (position < last)
            {
                cancellation.ThrowIfCancellationRequested();
                if (!rows.MoveNext()) throw Reordered($"it ended after {position + 1} rows");
                position++;
                if (!needed.TryGetValue(position, out var want)) continue;
                var row = rows.Read();
                if (!row.Target[0].Equals(want.Label)) throw Reordered($"row {position} had label {want.Label}, now {row.Target[0]}");
                held[position] = row;
            }
            var batch = share.Select(r => held[r.Position]).ToList();
            foreach (var row in share)
            {
                var (label, uses) = needed[row.Position];
                needed[row.Position] = (label, uses - 1);
                if (uses == 1) held.Remove(row.Position);
            }
            await Emit(batch, take, emit, cancellation).ConfigureAwait(false);
        }
    }

    private InvalidOperationException Reordered(string what) => new(
        $"The {_role} data gave its rows in another order on a second read ({what}). Data-parallel training with balanced sampling, or " +
        "on data that cannot shuffle itself, reads the data twice per epoch and needs the same order both times; cache the data " +
        "(mlContext.Data.Cache) or load it from a file.");

    // One cursor on this thread: GetRowCursor of a transformed view may read through parallel cursors that ML.NET merges on
    // helper threads, which spin (sched_yield) while they wait and so preempt the training step's OpenMP threads
    // (bench/README.md, "Preemption"). A set of one cursor is the same rows in the same order without them.
    private DataViewRowCursor Open(IEnumerable<DataViewSchema.Column> columns, int? seed)
    {
        var set = _data.GetRowCursorSet(columns, 1, seed is { } s ? new Random(s) : null);
        if (set.Length == 1) return set[0];
        foreach (var cursor in set) cursor.Dispose();
        return seed is { } again ? _data.GetRowCursor(columns, new Random(again)) : _data.GetRowCursor(columns);
    }

    public override void ReadInOrder(int chunk, ChunkReader read)
    {
        var (rank, world) = Shard;
        using var rows = new RowReader(this, _data.GetRowCursor(Columns()));
        using var share = rows.Rows(position => position % world == rank).Where(row => row is not null).GetEnumerator();
        var pixels = new byte[chunk * Shape.Size];
        var targets = new float[chunk * TargetColumns];
        var weights = new float[Weighted ? chunk : 0];
        var batch = new List<PendingRow>(chunk);
        while (true)
        {
            batch.Clear();
            while (batch.Count < chunk && share.MoveNext()) batch.Add(share.Current!);
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

    /// <summary>A row's stream position (among the kept rows) and class, for drawing an epoch on labels alone.</summary>
    private readonly record struct Labelled(long Position, float Label);

    /// <summary>Reads the kept rows of a cursor; with <c>images</c> false the cursor needs only the label column.</summary>
    private sealed class RowReader(CursorTrainingSet set, DataViewRowCursor cursor, bool images = true) : IDisposable
    {
        private readonly ImageFeatureReader? _image = images ? new(cursor, set._feature) : null;
        private readonly ILabelReader _label = set._head.CreateLabelReader(cursor, set._label);
        private readonly ValueGetter<float>? _weight = images && set._weight is { } w ? cursor.GetGetter<float>(w) : null;
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

        /// <summary>The kept rows in stream order: read where <paramref name="wanted"/> says so of their position, else null (nothing read).</summary>
        public IEnumerable<PendingRow?> Rows(Func<long, bool> wanted)
        {
            for (var position = 0L; MoveNext(); position++) yield return wanted(position) ? Read() : null;
        }

        /// <summary>The kept rows' positions and classes in stream order.</summary>
        public IEnumerable<Labelled> Labels()
        {
            for (var position = 0L; MoveNext(); position++) yield return new Labelled(position, ReadTarget()[0]);
        }

        public PendingRow Read()
        {
            var image = _image ?? throw new InvalidOperationException("This reader reads labels only.");
            var target = ReadTarget();
            var weight = 1f;
            _weight?.Invoke(ref weight);
            if (set._feature.Kind == ImageFeatureKind.EncodedBytes) return new PendingRow(image.ReadEncoded(), null, target, weight, image.Row);
            var pixels = new byte[set.Shape.Size];
            image.ReadPixels(set.Shape, set._resize, pixels);
            return new PendingRow(null, pixels, target, weight, image.Row);
        }

        private float[] ReadTarget()
        {
            var target = new float[set.TargetColumns];
            _label.WriteTarget(target);
            return target;
        }

        public void Dispose() => cursor.Dispose();
    }
}
