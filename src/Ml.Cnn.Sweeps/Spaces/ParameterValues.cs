using System.Globalization;
using System.Text.Json;

namespace Ml.Cnn.Sweeps;

/// <summary>Comparing, formatting and reading parameter values (double, int, string, bool).</summary>
public static class ParameterValues
{
    /// <summary>Whether two values are the same: numbers by value (1 equals 1.0), text ordinally, Booleans as such.</summary>
    public static bool AreEqual(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (double or int, double or int) => Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture),
        _ => false,
    };

    /// <summary>A value as text: numbers invariant and round-trippable, Booleans lower-case, text as is.</summary>
    public static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };

    /// <summary>A JSON value as a parameter value: text, true/false, whole numbers as int, other numbers as double.</summary>
    /// <exception cref="FormatException">The element is an object, array or null.</exception>
    public static object FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt32(out var i) => i,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new FormatException($"expected text, a number or true/false, got {element.ValueKind.ToString().ToLowerInvariant()}"),
    };
}
