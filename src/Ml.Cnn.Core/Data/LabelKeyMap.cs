using System.Globalization;

namespace Ml.Cnn;

/// <summary>
/// Maps label values to keys 0..K-1 and back. Keys are ordered numerically when every value is an integer written
/// canonically (no sign "+", leading zeros or spaces), otherwise ordinally (so "0".."9" map to 0..9 and folder names
/// sort alphabetically; "1" and "01" are two classes, ordered as text).
/// </summary>
public sealed class LabelKeyMap
{
    private readonly Dictionary<string, int> _keys;

    /// <summary>Creates a map over the given distinct label values, in key order.</summary>
    /// <param name="values">Label values; key i is values[i].</param>
    public LabelKeyMap(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values.ToArray();
        _keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Values.Count; i++)
            if (!_keys.TryAdd(Values[i], i)) throw new ArgumentException($"Label value '{Values[i]}' appears twice.", nameof(values));
        if (Values.Count < 2) throw new ArgumentException($"Classification needs at least 2 classes; the labels hold {Values.Count}.", nameof(values));
    }

    /// <summary>The label values in key order.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Number of classes.</summary>
    public int Count => Values.Count;

    /// <summary>Builds the map from the distinct values of a label column.</summary>
    /// <param name="labels">Label values, with repeats.</param>
    public static LabelKeyMap FromLabels(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        var numeric = distinct.All(IsCanonicalInteger);
        distinct.Sort(numeric
            ? (a, b) => long.Parse(a, CultureInfo.InvariantCulture).CompareTo(long.Parse(b, CultureInfo.InvariantCulture))
            : StringComparer.Ordinal.Compare);
        return new LabelKeyMap(distinct);
    }

    private static bool IsCanonicalInteger(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) &&
        n.ToString(CultureInfo.InvariantCulture) == value;

    /// <summary>True and the key when the value is known.</summary>
    /// <param name="value">Label value.</param>
    /// <param name="key">Its key.</param>
    public bool TryGetKey(string value, out int key) => _keys.TryGetValue(value, out key);

    /// <summary>The keys of a label column; an unknown value raises an error naming the row.</summary>
    /// <param name="labels">Label values.</param>
    public long[] ToKeys(IReadOnlyList<string> labels)
    {
        var keys = new long[labels.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!_keys.TryGetValue(labels[i], out var k))
                throw new ArgumentException(
                    $"Row {i}: label '{labels[i]}' was not seen in training (known labels: {string.Join(", ", Values)}).");
            keys[i] = k;
        }
        return keys;
    }
}
