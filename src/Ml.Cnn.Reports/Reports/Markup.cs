using System.Globalization;
using System.Text;

namespace Ml.Cnn.Reports;

/// <summary>Escaping and number formatting shared by the SVG and HTML writers.</summary>
internal static class Markup
{
    /// <summary>
    /// Escapes text for XML and HTML content and attribute values: &amp; &lt; &gt; &quot; &#39; become entities, and
    /// characters XML forbids (control characters, lone surrogates) become U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        sb.Append(c).Append(text[++i]);
                    else if (char.IsSurrogate(c) || (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
                        sb.Append('\uFFFD');
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number with <paramref name="format"/> in the invariant culture; null becomes <paramref name="missing"/>.</summary>
    public static string Number(double? value, string format, string missing = "") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : missing;

    /// <summary>Shortens text to <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "\u2026";
}
