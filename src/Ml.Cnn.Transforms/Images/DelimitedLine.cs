using System.Text;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Splits one line of a TSV/CSV table into trimmed cells; a cell in double quotes may hold the separator ("" is a quote).
/// A quoted cell without its closing quote makes the line malformed (null), rather than swallowing the cells after it.
/// </summary>
internal static class DelimitedLine
{
    /// <summary>The separator of a table from its first line: tab if it has a tab, else comma, else semicolon.</summary>
    /// <param name="firstLine">The first non-empty line.</param>
    public static char DetectSeparator(string firstLine) =>
        firstLine.Contains('\t') ? '\t' : firstLine.Contains(',') ? ',' : ';';

    /// <summary>The cells of a line, or null when a quoted cell has no closing quote.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="separator">The separator.</param>
    public static List<string>? Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') cell.Append(line[++i]);
                else quoted = false;
            }
            else if (ch == '"' && cell.ToString().Trim().Length == 0)
            {
                cell.Clear();
                quoted = true;
            }
            else if (ch == separator)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else cell.Append(ch);
        }
        if (quoted) return null;
        cells.Add(cell.ToString().Trim());
        return cells;
    }
}
