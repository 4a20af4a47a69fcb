using System.Collections;
using System.Text.Json;

namespace Ml.Cnn.Sweeps;

/// <summary>The values one trial takes, by parameter name, in the space's order (inactive conditional parameters are absent).</summary>
public sealed class TrialParameters : IReadOnlyDictionary<string, object>
{
    private readonly List<KeyValuePair<string, object>> _values;

    /// <summary>Wraps values in the order given.</summary>
    /// <param name="values">Name and value (double, int, string or bool) pairs.</param>
    public TrialParameters(IEnumerable<KeyValuePair<string, object>> values) => _values = [.. values];

    /// <inheritdoc/>
    public object this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The trial has no parameter '{key}'.");

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _values.Select(kv => kv.Key);

    /// <inheritdoc/>
    public IEnumerable<object> Values => _values.Select(kv => kv.Value);

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object value)
    {
        foreach (var kv in _values)
            if (kv.Key == key)
            {
                value = kv.Value;
                return true;
            }
        value = null!;
        return false;
    }

    /// <summary>
    /// A value converted to <typeparamref name="T"/> (e.g. an int choice read as double), or <paramref name="fallback"/>
    /// when absent (an inactive conditional parameter): <c>p.Get&lt;double?&gt;("momentum", null)</c>.
    /// </summary>
    /// <typeparam name="T">double, float, int, string or bool, or their nullable forms.</typeparam>
    /// <param name="key">The parameter name.</param>
    /// <param name="fallback">The value when the trial does not have the parameter.</param>
    public T Get<T>(string key, T fallback) => TryGetValue(key, out var value)
        ? (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture)
        : fallback;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values as one JSON object, in order (how storage keeps them).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _values)
            {
                writer.WritePropertyName(key);
                switch (value)
                {
                    case string s: writer.WriteStringValue(s); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case int i: writer.WriteNumberValue(i); break;
                    default: writer.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads values written by <see cref="ToJson"/>, typed by the space's ranges (a parameter the space lacks keeps its JSON type).</summary>
    /// <param name="json">The JSON object.</param>
    /// <param name="space">The study's space.</param>
    public static TrialParameters FromJson(string json, SearchSpace space)
    {
        using var document = JsonDocument.Parse(json);
        return new TrialParameters(document.RootElement.EnumerateObject().Select(p =>
        {
            var value = ParameterValues.FromJson(p.Value);
            return new KeyValuePair<string, object>(p.Name, space.Find(p.Name) is { } range ? range.Normalize(value) : value);
        }));
    }

    /// <summary>The values as <c>name=value</c> pairs joined by spaces (progress lines).</summary>
    public override string ToString() => string.Join(" ", _values.Select(kv =>
        $"{kv.Key}={(kv.Value is double d ? d.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : ParameterValues.Format(kv.Value))}"));
}
