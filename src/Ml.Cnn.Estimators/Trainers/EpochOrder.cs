using System.Runtime.InteropServices;

namespace Ml.Cnn.Trainers;

/// <summary>
/// How an epoch's streamed rows become batches: global batches (BatchSize × World rows) in the stream's order, or drawn at
/// random from a shuffle pool, and each rank's share of every global batch (PyTorch's DistributedSampler interleaving).
/// Generic over the row so the same draws can be made on labels alone (to learn which rows a rank needs before it reads any
/// image) and on full rows.
/// </summary>
internal static class EpochOrder
{
    /// <summary>
    /// The global batches of <paramref name="rows"/>, yielded as the stream is read: in order, or (<paramref name="pooled"/>)
    /// each drawn at random from a pool of <paramref name="poolRows"/> or four global batches, whichever is more; the pool's
    /// rest is shuffled and batched at the end. <paramref name="copies"/> gives how many copies of a row enter (balanced sampling).
    /// </summary>
    public static IEnumerable<List<T>> GlobalBatches<T>(IEnumerable<T> rows, Func<T, int>? copies, bool pooled, int global, int poolRows, Random random)
    {
        var limit = pooled ? Math.Max(poolRows, global * 4) : global;
        var pending = new List<T>(limit + global);
        foreach (var row in rows)
        {
            var count = copies?.Invoke(row) ?? 1;
            for (var i = 0; i < count; i++) pending.Add(row);
            while (pending.Count >= limit) yield return Take(pending, global, pooled ? random : null);
        }
        if (pooled) random.Shuffle(CollectionsMarshal.AsSpan(pending));
        while (pending.Count > 0) yield return Take(pending, Math.Min(global, pending.Count), null);
    }

    /// <summary>
    /// Rank <paramref name="rank"/>'s share of each global batch: positions rank, rank + world, ...; a batch of fewer than a
    /// multiple of <paramref name="world"/> rows (the epoch's last) is padded with the epoch's first rows.
    /// </summary>
    public static IEnumerable<List<T>> Shares<T>(IEnumerable<List<T>> batches, int rank, int world)
    {
        List<T>? first = null;
        foreach (var batch in batches)
        {
            if (world == 1)
            {
                yield return batch;
                continue;
            }
            first ??= batch.GetRange(0, Math.Min(world - 1, batch.Count));
            var padded = (batch.Count + world - 1) / world * world;
            for (var i = 0; batch.Count < padded; i++) batch.Add(first[i % first.Count]);
            var mine = new List<T>(padded / world);
            for (var i = rank; i < batch.Count; i += world) mine.Add(batch[i]);
            yield return mine;
        }
    }

    /// <summary>
    /// Whether the row at stream position <paramref name="position"/> of an in-order epoch of <paramref name="rows"/> rows is in
    /// rank <paramref name="rank"/>'s share: its own positions, and the first world − 1 rows when they pad the last batch.
    /// </summary>
    public static bool InOrderShareNeeds(long position, long rows, int rank, int world) =>
        position % world == rank || (rows % world != 0 && position < world - 1);

    private static List<T> Take<T>(List<T> pending, int count, Random? random)
    {
        if (random is null)
        {
            var first = pending.GetRange(0, count);
            pending.RemoveRange(0, count);
            return first;
        }
        var taken = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(pending.Count);
            taken.Add(pending[pick]);
            pending[pick] = pending[^1];
            pending.RemoveAt(pending.Count - 1);
        }
        return taken;
    }
}
