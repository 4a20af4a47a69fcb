namespace Ml.Cnn.Notebook;

/// <summary>
/// The style of notebook outputs: every rule is scoped under <c>.mlcnn</c>, because a notebook page holds the outputs of
/// every cell (and its own styles) in one document. Table rules repeat the class (<c>.mlcnn.mlcnn table td</c>) to outrank
/// JupyterLab's <c>:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td</c>, which right-aligns every cell.
/// </summary>
internal static class NotebookStyle
{
    /// <summary>The CSS of the <c>style</c> element each output carries.</summary>
    public const string Css = """
        .mlcnn { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2937; }
        .mlcnn h3 { font-size: 16px; margin: 10px 0 6px; font-weight: 600; }
        .mlcnn h4 { font-size: 14px; margin: 10px 0 6px; font-weight: 600; }
        .mlcnn .cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 8px; }
        .mlcnn .card { border: 1px solid #e5e7eb; border-radius: 8px; padding: 4px 12px; min-width: 110px; }
        .mlcnn .card .k { font-size: 11px; color: #6b7280; text-transform: uppercase; letter-spacing: 0.04em; }
        .mlcnn .card .v { font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .mlcnn table { border-collapse: collapse; font-size: 13px; margin: 4px 0; }
        .mlcnn.mlcnn table th, .mlcnn.mlcnn table td { padding: 3px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; }
        .mlcnn.mlcnn table th { font-size: 11px; color: #6b7280; text-transform: uppercase; letter-spacing: 0.04em; }
        .mlcnn.mlcnn table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .mlcnn .na { color: #9ca3af; }
        .mlcnn .empty { color: #6b7280; font-style: italic; }
        .mlcnn .barcell { width: 160px; }
        .mlcnn .bar { display: block; height: 8px; border-radius: 4px; background: #2563eb; opacity: 0.75; }
        .mlcnn .progress { width: 420px; height: 10px; border-radius: 5px; background: #e5e7eb; overflow: hidden; }
        .mlcnn .progress > span { display: block; height: 100%; background: #2563eb; }
        .mlcnn .status { font-variant-numeric: tabular-nums; margin: 4px 0; }
        .mlcnn .tiles { display: flex; flex-wrap: wrap; gap: 8px; }
        .mlcnn figure { margin: 0; text-align: center; font-size: 12px; }
        .mlcnn figure img { image-rendering: pixelated; border: 2px solid #e5e7eb; }
        .mlcnn figure.right img { border-color: #16a34a; }
        .mlcnn figure.wrong img { border-color: #dc2626; }
        .mlcnn figure.wrong figcaption { color: #dc2626; }
        .mlcnn pre { background: #f8fafc; padding: 8px 10px; border-radius: 6px; overflow-x: auto; }
        .mlcnn svg { max-width: 100%; height: auto; }
        """;
}
