namespace Ml.Cnn.Reports;

/// <summary>The inline style sheet of <see cref="TrainingReport"/>: system fonts only, light colors, print-friendly.</summary>
internal static class ReportStyle
{
    /// <summary>The CSS for the report's <c>style</c> element.</summary>
    public const string Css = """
        :root { --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f5f6f8; --card: #ffffff; --accent: #2563eb; color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1080px; margin: 0 auto; padding: 32px 20px 40px; }
        h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; font-weight: 650; letter-spacing: -0.015em; overflow-wrap: anywhere; }
        h2 { font-size: 17px; margin: 0 0 14px; font-weight: 600; }
        .meta { color: var(--muted); margin: 0 0 18px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px; min-width: 150px; }
        .card .k { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
        .card .v { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
        section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; margin-top: 20px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        table.pairs { width: auto; min-width: 50%; }
        th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
        th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        tbody tr:hover { background: #eef2ff; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
        .na { color: #9ca3af; }
        .empty { color: var(--muted); font-style: italic; margin: 0; }
        .barcell { width: 30%; }
        .bar { display: block; height: 8px; border-radius: 4px; background: var(--accent); opacity: 0.75; }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 8px; }
        svg { max-width: 100%; height: auto; }
        pre { margin: 0; background: #0f172a; color: #e2e8f0; padding: 16px 18px; border-radius: 8px; overflow-x: auto;
          font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
        footer { color: var(--muted); font-size: 12px; margin-top: 24px; text-align: center; }
        @media print { body { background: #ffffff; } main { padding: 0; } section { break-inside: avoid; } tbody tr:hover { background: none; } }
        """;
}
