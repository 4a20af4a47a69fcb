using System.Collections;
using System.Text.Json;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// The parameters a sweep draws, in order (a conditional parameter follows its parent). Built in C#
/// (<c>new SearchSpace().LogUniform("learning-rate", 1e-4, 0.1).Choice("optimizer", "adam", "sgd")</c>) or read from JSON
/// (<see cref="Parse"/>).
/// </summary>
public sealed class SearchSpace : IReadOnlyList<ParameterRange>
{
    private readonly List<ParameterRange> _ranges = [];

    /// <inheritdoc/>
    public ParameterRange this[int index] => _ranges[index];

    /// <inheritdoc/>
    public int Count => _ranges.Count;

    /// <summary>Adds a range after checking it, its name (unique) and its condition (a choice declared before it, with values it has).</summary>
    /// <param name="range">The range.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentException">The range, its name or its condition is unusable; the message names the parameter.</exception>
    public SearchSpace Add(ParameterRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (string.IsNullOrWhiteSpace(range.Name)) throw new ArgumentException("A parameter needs a name.");
        if (Find(range.Name) is not null) throw new ArgumentException($"Parameter '{range.Name}' is declared twice.");
        range.Validate();
        if (range.When is { } when)
        {
            if (Find(when.Parent) is not ChoiceRange parent)
                throw new ArgumentException($"Parameter '{range.Name}': its condition names '{when.Parent}', which must be a choice declared before it.");
            foreach (var value in when.Values)
                if (parent.IndexOf(value) < 0)
                    throw new ArgumentException($"Parameter '{range.Name}': its condition's value {ParameterValues.Format(value)} is not a choice of '{when.Parent}'.");
        }
        _ranges.Add(range);
        return this;
    }

    /// <summary>Adds a uniform real range.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">The largest value.</param>
    /// <param name="when">Sample only under this condition (default: always).</param>
    public SearchSpace Uniform(string name, double low, double high, ParameterCondition? when = null) => Add(new UniformRange(name, low, high) { When = when });

    /// <summary>Adds a log-uniform real range.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The smallest value (greater than 0).</param>
    /// <param name="high">The largest value.</param>
    /// <param name="when">Sample only under this condition (default: always).</param>
    public SearchSpace LogUniform(string name, double low, double high, ParameterCondition? when = null) => Add(new LogUniformRange(name, low, high) { When = when });

    /// <summary>Adds an integer range.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">The largest value.</param>
    /// <param name="log">Spread the logarithm evenly (default false).</param>
    /// <param name="when">Sample only under this condition (default: always).</param>
    public SearchSpace Integer(string name, int low, int high, bool log = false, ParameterCondition? when = null) =>
        Add(new IntegerRange(name, low, high, log) { When = when });

    /// <summary>Adds a choice among values (text, numbers, Booleans).</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="values">The values.</param>
    public SearchSpace Choice(string name, params object[] values) => Add(new ChoiceRange(name, values));

    /// <summary>The range of a parameter, or null.</summary>
    /// <param name="name">The parameter's name.</param>
    public ParameterRange? Find(string name) => _ranges.FirstOrDefault(r => r.Name == name);

    /// <inheritdoc/>
    public IEnumerator<ParameterRange> GetEnumerator() => _ranges.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Reads a space from JSON: an object mapping each name to one of <c>{"uniform": [low, high]}</c>,
    /// <c>{"loguniform": [low, high]}</c>, <c>{"int": [low, high]}</c>, <c>{"logint": [low, high]}</c>,
    /// <c>{"choice": [v1, v2, ...]}</c>, each optionally with <c>"when": {"parent": [values]}</c>.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where it came from (a file name), for error messages.</param>
    /// <exception cref="FormatException">The JSON or a range is malformed; the message names the source and the key.</exception>
    public static SearchSpace Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source}: expected a JSON object mapping parameter names to ranges, e.g. {{\"learning-rate\": {{\"loguniform\": [1e-4, 0.1]}}}}.");
            var space = new SearchSpace();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                try
                {
                    space.Add(ParseRange(property.Name, property.Value));
                }
                catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
                {
                    var message = e.Message.StartsWith($"Parameter '{property.Name}': ", StringComparison.Ordinal)
                        ? e.Message[$"Parameter '{property.Name}': ".Length..]
                        : e.Message;
                    throw new FormatException($"{source}: key '{property.Name}': {message}", e);
                }
            }
            if (space.Count == 0) throw new FormatException($"{source}: the space has no parameters.");
            return space;
        }
    }

    /// <summary>The space as the JSON <see cref="Parse"/> reads: how a study records its space.</summary>
    public string ToJson()
    {
        var root = new Dictionary<string, object>();
        foreach (var range in _ranges)
        {
            var entry = new Dictionary<string, object>();
            switch (range)
            {
                case ChoiceRange c: entry["choice"] = c.Values; break;
                case IntegerRange i: entry[i.Log ? "logint" : "int"] = new[] { i.Low, i.High }; break;
                case LogUniformRange l: entry["loguniform"] = new[] { l.Low, l.High }; break;
                case UniformRange u: entry["uniform"] = new[] { u.Low, u.High }; break;
            }
            if (range.When is { } when) entry["when"] = new Dictionary<string, object> { [when.Parent] = when.Values };
            root[range.Name] = entry;
        }
        return JsonSerializer.Serialize(root);
    }

    private static ParameterRange ParseRange(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new FormatException("expected an object such as {\"uniform\": [0, 1]} or {\"choice\": [\"a\", \"b\"]}.");
        ParameterRange? range = null;
        ParameterCondition? when = null;
        foreach (var p in value.EnumerateObject())
        {
            if (p.Name == "when")
            {
                when = ParseCondition(p.Value);
                continue;
            }
            if (range is not null) throw new FormatException($"gives two kinds of range ('{p.Name}' after another); give one of uniform, loguniform, int, logint, choice.");
            range = p.Name switch
            {
                "uniform" => Bounds(p.Value, (lo, hi) => new UniformRange(name, lo, hi)),
                "loguniform" => Bounds(p.Value, (lo, hi) => new LogUniformRange(name, lo, hi)),
                "int" => Bounds(p.Value, (lo, hi) => new IntegerRange(name, Whole(lo), Whole(hi))),
                "logint" => Bounds(p.Value, (lo, hi) => new IntegerRange(name, Whole(lo), Whole(hi), log: true)),
                "choice" => new ChoiceRange(name, Array(p.Value, "choice").Select(ParameterValues.FromJson).ToArray()),
                _ => throw new FormatException($"unknown range kind '{p.Name}'; use uniform, loguniform, int, logint or choice (and optionally when)."),
            };
        }
        return (range ?? throw new FormatException("has no range; give one of uniform, loguniform, int, logint, choice.")) with { When = when };
    }

    private static ParameterCondition ParseCondition(JsonElement value)
    {
        var parents = value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().ToArray() : [];
        if (parents.Length != 1) throw new FormatException("\"when\" must be an object with one parent, e.g. {\"optimizer\": [\"sgd\"]}.");
        return new ParameterCondition(parents[0].Name, Array(parents[0].Value, "when").Select(ParameterValues.FromJson).ToArray());
    }

    private static NumericRange Bounds(JsonElement value, Func<double, double, NumericRange> make)
    {
        var items = Array(value, "range");
        if (items.Length != 2 || items.Any(i => i.ValueKind != JsonValueKind.Number)) throw new FormatException("expected two numbers [low, high].");
        return make(items[0].GetDouble(), items[1].GetDouble());
    }

    private static JsonElement[] Array(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw new FormatException($"the {what} must be a JSON array.");

    private static int Whole(double value) =>
        value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue ? (int)value : throw new FormatException($"an integer range needs whole bounds (got {value}).");
}
