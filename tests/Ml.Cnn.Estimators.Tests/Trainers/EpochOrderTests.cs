using Ml.Cnn.Trainers;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>The batching and sharing rules of an epoch: global batches, each rank's share, and what an in-order rank must read.</summary>
public sealed class EpochOrderTests
{
    [Fact]
    public void In_order_global_batches_are_consecutive_runs_of_the_stream()
    {
        var batches = EpochOrder.GlobalBatches(Enumerable.Range(0, 10), copies: null, pooled: false, global: 4, poolRows: 1024, new Random(1)).ToList();
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]], batches);
    }

    [Fact]
    public void Pooled_batches_take_every_copy_once_and_the_same_seed_draws_the_same_batches()
    {
        static List<List<int>> Draw(int seed) =>
            [.. EpochOrder.GlobalBatches(Enumerable.Range(0, 100), row => row % 3 == 0 ? 2 : 1, pooled: true, global: 8, poolRows: 16, new Random(seed))];
        var batches = Draw(5);
        var expected = Enumerable.Range(0, 100).SelectMany(row => Enumerable.Repeat(row, row % 3 == 0 ? 2 : 1)).Order();
        Assert.Equal(expected, batches.SelectMany(b => b).Order());
        Assert.All(batches.SkipLast(1), b => Assert.Equal(8, b.Count));
        Assert.Equal(batches, Draw(5));
        Assert.NotEqual(batches, Draw(6));
    }

    [Fact]
    public void Shares_interleave_each_global_batch_and_pad_the_last_with_the_epochs_first_rows()
    {
        List<List<int>> Batches() => [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10]];
        var ranks = Enumerable.Range(0, 3).Select(rank => EpochOrder.Shares(Batches(), rank, 3).ToList()).ToList();
        Assert.Equal([[0, 3], [6, 9]], ranks[0]);
        Assert.Equal([[1, 4], [7, 10]], ranks[1]);
        // 11 rows over 3 ranks: the last batch (5 rows) is padded with the epoch's first row.
        Assert.Equal([[2, 5], [8, 0]], ranks[2]);
        Assert.Equal(Batches(), EpochOrder.Shares(Batches(), 0, 1));
    }

    [Theory]
    [InlineData(11, 3)]
    [InlineData(12, 3)]
    [InlineData(7, 2)]
    public void An_in_order_rank_reads_the_rows_its_shares_hold_and_at_most_the_padding_rows_besides(int rows, int world)
    {
        for (var rank = 0; rank < world; rank++)
        {
            var r = rank;
            var batches = EpochOrder.GlobalBatches(Enumerable.Range(0, rows), null, pooled: false, global: 2 * world, poolRows: 1024, new Random(1));
            var used = EpochOrder.Shares(batches, r, world).SelectMany(s => s).ToHashSet();
            var read = Enumerable.Range(0, rows).Where(p => EpochOrder.InOrderShareNeeds(p, rows, r, world)).ToHashSet();
            Assert.Superset(used, read);
            var extra = read.Except(used).ToList();
            Assert.True(extra.All(p => p < world - 1) && (rows % world != 0 || extra.Count == 0),
                $"rank {r} of {world}, {rows} rows reads {string.Join(",", extra)} besides its own");
        }
    }
}
