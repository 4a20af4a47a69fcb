using Ml.Cnn.Legacy;
using System.Threading.Channels;

namespace Ml.Cnn.Training;

/// <summary>
/// Prepares batches on a background task while the current step runs: a bounded channel of filled batches and a
/// pool of free buffers, so memory stays flat and nothing is allocated per batch.
/// </summary>
internal sealed class BatchFeeder
{
    private readonly TrainingData _data;
    private readonly int _batchSize;
    private readonly Channel<Batch> _free;
    private long _fillTicks;

    public BatchFeeder(TrainingData data, int batchSize, int prefetch)
    {
        _data = data;
        _batchSize = Math.Min(batchSize, data.Count);
        _free = Channel.CreateUnbounded<Batch>();
        for (var i = 0; i < prefetch + 1; i++)
            _free.Writer.TryWrite(new Batch(_batchSize, data.Images.Shape, data.TargetColumns, data.Weights is not null));
        Prefetch = prefetch;
    }

    public int Prefetch { get; }

    /// <summary>Seconds the producer has spent reading, decoding and copying batches (its own work, not waiting).</summary>
    public double FillSeconds => (double)Interlocked.Read(ref _fillTicks) / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Images per full batch (the batch size, or the row count when smaller).</summary>
    public int BatchSize => _batchSize;

    /// <summary>Batches per epoch.</summary>
    public int Batches => (_data.Count + _batchSize - 1) / _batchSize;

    /// <summary>Streams the batches of one epoch in the order of <paramref name="order"/>; return each batch with <see cref="Release"/>.</summary>
    public ChannelReader<Batch> Start(int[] order, CancellationToken cancellation)
    {
        var filled = Channel.CreateBounded<Batch>(new BoundedChannelOptions(Prefetch) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            try
            {
                var number = 0;
                for (var start = 0; start < order.Length; start += _batchSize)
                {
                    var batch = await _free.Reader.ReadAsync(cancellation).ConfigureAwait(false);
                    var began = System.Diagnostics.Stopwatch.GetTimestamp();
                    Fill(batch, order.AsSpan(start, Math.Min(_batchSize, order.Length - start)));
                    Interlocked.Add(ref _fillTicks, System.Diagnostics.Stopwatch.GetTimestamp() - began);
                    batch.Number = ++number;
                    await filled.Writer.WriteAsync(batch, cancellation).ConfigureAwait(false);
                }
                filled.Writer.Complete();
            }
            catch (Exception e)
            {
                filled.Writer.Complete(e);
            }
        }, cancellation);
        return filled.Reader;
    }

    /// <summary>Gives a consumed batch back to the pool.</summary>
    public void Release(Batch batch) => _free.Writer.TryWrite(batch);

    private void Fill(Batch batch, ReadOnlySpan<int> rows)
    {
        batch.Count = rows.Length;
        _data.Images.CopyRows(rows, batch.Pixels);
        var columns = _data.TargetColumns;
        for (var i = 0; i < rows.Length; i++)
        {
            _data.Targets.AsSpan(rows[i] * columns, columns).CopyTo(batch.Targets.AsSpan(i * columns, columns));
            if (_data.Weights is { } w) batch.Weights[i] = w[rows[i]];
        }
    }
}
