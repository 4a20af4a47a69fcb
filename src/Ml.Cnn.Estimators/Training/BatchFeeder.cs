namespace Ml.Cnn.Training;

/// <summary>
/// Prepares batches on a thread of its own while the current step runs: a bounded hand-off of filled batches and a pool
/// of free buffers, so memory stays flat and nothing is allocated per batch. The set decides the order and fills them.
/// The hand-offs block instead of awaiting or spinning (<see cref="HandOff{T}"/>).
/// </summary>
internal sealed class BatchFeeder
{
    private readonly TrainingSet _data;
    private readonly int _batchSize;
    private readonly HandOff<Batch> _free = new(int.MaxValue);
    private long _fillTicks;

    public BatchFeeder(TrainingSet data, int batchSize, int prefetch, bool balanced)
    {
        _data = data;
        _batchSize = Math.Min(batchSize, data.Count);
        Balanced = balanced;
        for (var i = 0; i < prefetch + 1; i++)
            _free.Add(new Batch(_batchSize, data.Shape, data.TargetColumns, data.Weighted), CancellationToken.None);
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
    public HandOff<Batch> Start(Random random, CancellationToken cancellation)
    {
        var filled = new HandOff<Batch>(Prefetch);
        var number = 0;
        long began = 0;
        // The set's producer completes synchronously with these hand-offs, so it runs entirely on this thread.
        var producer = new Thread(() =>
        {
            try
            {
                _data.ProduceEpochAsync(random, Balanced, _batchSize,
                    token =>
                    {
                        // The pool is never completed: the take returns a batch or throws on cancellation.
                        _free.TryTake(out var batch, token);
                        began = System.Diagnostics.Stopwatch.GetTimestamp();
                        return new ValueTask<Batch>(batch!);
                    },
                    (batch, token) =>
                    {
                        Interlocked.Add(ref _fillTicks, System.Diagnostics.Stopwatch.GetTimestamp() - began);
                        batch.Number = ++number;
                        filled.Add(batch, token);
                        return ValueTask.CompletedTask;
                    },
                    cancellation).GetAwaiter().GetResult();
                filled.Complete(null);
            }
            catch (Exception e)
            {
                filled.Complete(e);
            }
        }) { IsBackground = true, Name = "mlcnn batches" };
        producer.Start();
        return filled;
    }

    /// <summary>Gives a consumed batch back to the pool.</summary>
    public void Release(Batch batch) => _free.Add(batch, CancellationToken.None);
}
