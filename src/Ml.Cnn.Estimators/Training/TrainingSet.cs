namespace Ml.Cnn.Training;

/// <summary>
/// The rows a training loop reads, streamed from an ML.NET cursor every epoch (Trainers/CursorTrainingSet). The set fills
/// batch buffers itself, in the epoch's order, so the loop never needs random access.
/// </summary>
internal abstract class TrainingSet
{
    /// <summary>The shape every image has in a batch.</summary>
    public abstract ImageShape Shape { get; }

    /// <summary>Target values per row.</summary>
    public abstract int TargetColumns { get; }

    /// <summary>Whether rows carry example weights.</summary>
    public abstract bool Weighted { get; }

    /// <summary>Rows in the set.</summary>
    public abstract int Count { get; }

    /// <summary>Augmentations applied to training batches only.</summary>
    public abstract IReadOnlyList<IBatchAugmenter> Augmenters { get; }

    /// <summary>True when an augmenter mixes images, so class targets must become one-hot.</summary>
    public bool MixesTargets => Augmenters.Any(a => a.MixesTargets);

    /// <summary>
    /// This process's share of every epoch in data-parallel training, as PyTorch's DistributedSampler: of each run of
    /// BatchSize × World rows in the epoch's order, the rows at positions Rank, Rank + World, ...; the epoch's last run
    /// padded to a multiple of World with the epoch's first rows, so every rank takes as many steps. (0, 1): every row.
    /// </summary>
    public (int Rank, int World) Shard { get; set; } = (0, 1);

    /// <summary>Rows per epoch of this shard: all rows, or with balanced sampling the class count times the largest class, divided among the ranks (rounded up).</summary>
    public int EpochRows(bool balanced)
    {
        var rows = balanced && ClassSizes() is { Count: > 0 } sizes ? sizes.Count * sizes.Values.Max() : Count;
        return (rows + Shard.World - 1) / Shard.World;
    }

    /// <summary>Rows per class (the class is the first target value); used by balanced sampling.</summary>
    public abstract IReadOnlyDictionary<float, int> ClassSizes();

    /// <summary>
    /// Fills the batches of one epoch, in an order drawn from <paramref name="random"/> (with <paramref name="balanced"/>,
    /// as many rows of every class as the largest class has), taking free buffers from <paramref name="take"/> and handing
    /// each filled one to <paramref name="emit"/>.
    /// </summary>
    public abstract Task ProduceEpochAsync(Random random, bool balanced, int batchSize, Func<CancellationToken, ValueTask<Batch>> take,
        Func<Batch, CancellationToken, ValueTask> emit, CancellationToken cancellation);

    /// <summary>
    /// Reads the rows of this <see cref="Shard"/> (positions Rank, Rank + World, ... of storage order; every row when alone) once
    /// in storage order, <paramref name="chunk"/> rows at a time (validation, pixel statistics).
    /// </summary>
    public abstract void ReadInOrder(int chunk, ChunkReader read);

    /// <summary>Receives consecutive rows: pixels, targets [rows × TargetColumns] and weights (empty without weights).</summary>
    public delegate void ChunkReader(ReadOnlySpan<byte> pixels, int rows, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights);
}
