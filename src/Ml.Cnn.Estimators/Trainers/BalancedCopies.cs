namespace Ml.Cnn.Trainers;

/// <summary>
/// How many copies of each streamed row a class-balanced epoch takes: every class yields as many rows as the largest class
/// has, each row floor(largest / size) copies plus one for a random selection of exactly (largest mod size) rows of its
/// class (selection sampling over the rows as they come), so the epoch length is exact.
/// </summary>
internal sealed class BalancedCopies(IReadOnlyDictionary<float, int> sizes, Random random)
{
    private readonly int _largest = sizes.Values.Max();
    private readonly Dictionary<float, (int Seen, int Extras)> _state = sizes.ToDictionary(s => s.Key, _ => (0, 0));

    /// <summary>The copies of the next row of class <paramref name="label"/>.</summary>
    public int For(float label)
    {
        var size = sizes[label];
        var (seen, extras) = _state[label];
        var needed = _largest % size - extras;
        var extra = needed > 0 && random.Next(size - seen) < needed;
        _state[label] = (seen + 1, extras + (extra ? 1 : 0));
        return _largest / size + (extra ? 1 : 0);
    }
}
