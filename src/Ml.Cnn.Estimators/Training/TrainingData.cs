using Ml.Cnn.Legacy;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>The columns a trainer reads from a view held in memory, checked once: images, float targets and optional weights.</summary>
internal sealed class TrainingData : TrainingSet
{
    private TrainingData(ImageColumn images, float[] targets, int targetColumns, float[]? weights, IReadOnlyList<IBatchAugmenter> augmenters)
    {
        Augmenters = augmenters;
        Images = images;
        Targets = targets;
        TargetColumns = targetColumns;
        Weights = weights;
    }

    public ImageColumn Images { get; }

    /// <summary>[rows × TargetColumns], row-major.</summary>
    public float[] Targets { get; }

    public override int TargetColumns { get; }

    public float[]? Weights { get; }

    public override ImageShape Shape => Images.Shape;

    public override bool Weighted => Weights is not null;

    public override IReadOnlyList<IBatchAugmenter> Augmenters { get; }

    public override int Count => Images.RowCount;

    /// <summary>Reads and checks the columns; targets come from <paramref name="targets"/> (a bad value names the row).</summary>
    public static TrainingData From(DataView view, CnnTrainerOptions options, TargetReader targets, string role)
    {
        if (view.RowCount == 0) throw new ArgumentException($"The {role} data has no rows.");
        var images = view.GetColumn<ImageColumn>(options.ImageColumnName);
        var values = targets.Read(view, role);
        float[]? weights = null;
        if (options.ExampleWeightColumnName is { } weightColumn)
        {
            weights = view.GetColumn<ScalarColumn<float>>(weightColumn).Values.ToArray();
            for (var i = 0; i < weights.Length; i++)
                if (!float.IsFinite(weights[i]) || weights[i] < 0)
                    throw new ArgumentException($"The {role} data, column '{weightColumn}', row {i}: weight {weights[i]} must be finite and >= 0.");
        }
        return new TrainingData(images, values, targets.Columns, weights, view.Augmenters);
    }

    public override IReadOnlyDictionary<float, int> ClassSizes() =>
        Enumerable.Range(0, Count).GroupBy(i => Targets[i * TargetColumns]).ToDictionary(g => g.Key, g => g.Count());

    public override async Task ProduceEpochAsync(Random random, bool balanced, int batchSize, Func<CancellationToken, ValueTask<Batch>> take,
        Func<Batch, CancellationToken, ValueTask> emit, CancellationToken cancellation)
    {
        var order = Order(random, balanced);
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = await take(cancellation).ConfigureAwait(false);
            Fill(batch, order.AsSpan(start, Math.Min(batchSize, order.Length - start)));
            await emit(batch, cancellation).ConfigureAwait(false);
        }
    }

    public override void ReadInOrder(int chunk, ChunkReader read)
    {
        var buffer = new byte[chunk * Shape.Size];
        var rows = new int[chunk];
        for (var start = 0; start < Count; start += chunk)
        {
            var n = Math.Min(chunk, Count - start);
            for (var i = 0; i < n; i++) rows[i] = start + i;
            Images.CopyRows(rows.AsSpan(0, n), buffer);
            read(buffer.AsSpan(0, n * Shape.Size), n, Targets.AsSpan(start * TargetColumns, n * TargetColumns),
                Weights is null ? [] : Weights.AsSpan(start, n));
        }
    }

    /// <summary>
    /// The rows of one epoch: a shuffle of all rows, or with balanced sampling as many rows of every class as the largest
    /// class has (drawn with replacement, then shuffled).
    /// </summary>
    private int[] Order(Random random, bool balanced)
    {
        int[] order;
        if (!balanced)
        {
            order = Enumerable.Range(0, Count).ToArray();
        }
        else
        {
            var byClass = Enumerable.Range(0, Count).GroupBy(i => Targets[i * TargetColumns]).Select(g => g.ToArray()).ToArray();
            var largest = byClass.Max(g => g.Length);
            order = byClass.SelectMany(g => Enumerable.Range(0, largest).Select(_ => g[random.Next(g.Length)])).ToArray();
        }
        random.Shuffle(order);
        return order;
    }

    private void Fill(Batch batch, ReadOnlySpan<int> rows)
    {
        batch.Count = rows.Length;
        Images.CopyRows(rows, batch.Pixels);
        var columns = TargetColumns;
        for (var i = 0; i < rows.Length; i++)
        {
            Targets.AsSpan(rows[i] * columns, columns).CopyTo(batch.Targets.AsSpan(i * columns, columns));
            if (Weights is { } w) batch.Weights[i] = w[rows[i]];
        }
    }
}
