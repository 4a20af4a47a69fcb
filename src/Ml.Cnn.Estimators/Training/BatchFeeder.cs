using System.Threading.Channels;

namespace Ml.Cnn.Training;

/// <summary>
/// Prepares batches on a background task while the current step runs: a bounded channel of filled batches and a
/// pool of free buffers, so memory stays flat and nothing is allocated per batch. The set decides the order and fills them.
/// </summary>
internal sealed class BatchFeeder
{
    private readonly TrainingSet _data;
    private readonly int _batchSize;
    private readonly Channel<Batch> _free;
    private long _fillTicks;

    public BatchFeeder(TrainingSet data, int batchSize, int prefetch, bool balanced)
    {
        _data = data;
        _batchSize = Math.Min(batchSize, data.Count);
        Balanced = balanced;
        _free = Channel.CreateUnbounded<Batch>();
        for (var i = 0; i < prefetch + 1; i++)
            _free.Writer.TryWrite(new Batch(_batchSize, data.Shape, data.TargetColumns, data.Weighted));
        Prefetch = prefetch;
    }

    public int Prefetch { get; }

    /// <summary>Whether epochs draw class-balanced rows.</summary>
    public bool Balanced { get; }

    /// <summary>Seconds the producer has spent reading, decoding and copying batches (its own work, not waiting).</summary>
    public double FillSeconds => (double)Interlocked.Read(ref _fillTicks) / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Images per full batch (the batch size, or the row count when smaller).</summary>
    public int BatchSize => _batchSize;

    /// <summary>Rows per epoch.</summary>
    public int EpochRows => _data.EpochRows(Balanced);

    /// <summary>Batches per epoch.</summary>
    public int Batches => (EpochRows + _batchSize - 1) / _batchSize;

    /// <summary>Streams the batches of one epoch in an order drawn from <paramref name="random"/>; return each batch with <see cref="Release"/>.</summary>
    public ChannelReader<Batch> Start(Random random, CancellationToken cancellation)
    {
        var filled = Channel.CreateBounded<Batch>(new BoundedChannelOptions(Prefetch) { SingleReader = true, SingleWriter = true });
        var number = 0;
        long began = 0;
        _ = Task.Run(async () =>
        {
            try
            {
                await _data.ProduceEpochAsync(random, Balanced, _batchSize,
                    async token =>
                    {
                        var batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
                        began = System.Diagnostics.Stopwatch.GetTimestamp();
                        return batch;
                    },
                    async (batch, token) =>
                    {
                        Interlocked.Add(ref _fillTicks, System.Diagnostics.Stopwatch.GetTimestamp() - began);
                        batch.Number = ++number;
                        await filled.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                    },
                    cancellation).ConfigureAwait(false);
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
}
