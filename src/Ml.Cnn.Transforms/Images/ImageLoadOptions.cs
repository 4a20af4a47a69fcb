using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// How <c>LoadImagesFromFolder</c> and <c>LoadImagesFromTable</c> find, check and decode image files. Images are decoded
/// batch by batch when a trainer or model reads them; only their paths and labels are held in memory.
/// </summary>
public sealed class ImageLoadOptions
{
    /// <summary>Name of the image column.</summary>
    /// <value>Default <c>Image</c>.</value>
    public string ImageColumnName { get; set; } = DefaultColumnNames.Image;

    /// <summary>Name of the label column (text: the class folder's name, or the table's label cell).</summary>
    /// <value>Default <c>Label</c>.</value>
    public string LabelColumnName { get; set; } = DefaultColumnNames.Label;

    /// <summary>
    /// False: a file that cannot be read (missing, an unsupported format, a corrupt header), or a table row without a
    /// label, stops the load with an error naming it. True: every file is decoded once at load, and files that fail
    /// (header or pixels) and such rows are skipped and counted in <see cref="ImageLoadSummary.UnreadableSkipped"/>.
    /// Either way a file that cannot be read or decoded later (changed since) stops the cursor or the batch with an error
    /// naming the file or the row. What decoding detects is listed on <see cref="Engine.ImageCodec"/>.
    /// </summary>
    /// <value>Default false.</value>
    public bool SkipUnreadable { get; set; }

    /// <summary>Whether <c>LoadImagesFromFolder</c> also takes images from folders below each class folder.</summary>
    /// <value>Default true.</value>
    public bool Recursive { get; set; } = true;

    /// <summary>
    /// File extensions <c>LoadImagesFromFolder</c> treats as images (compared ignoring case; a missing leading dot is
    /// added). Other files are ignored and counted. Tables name their files, so this does not apply to them.
    /// </summary>
    /// <value>Default <c>.png .jpg .jpeg .bmp .gif</c>.</value>
    public IReadOnlyCollection<string> Extensions { get; set; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(ImageColumnName), nameof(ImageColumnName), "must name a column");
        Require(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), "must name a column");
        Require(ImageColumnName != LabelColumnName, nameof(LabelColumnName), $"must differ from ImageColumnName (both '{ImageColumnName}')");
        Require(Extensions is { Count: > 0 }, nameof(Extensions), "must list at least one extension, e.g. .png");
        Require(Extensions.All(e => !string.IsNullOrWhiteSpace(e) && e.Trim('.').Length > 0), nameof(Extensions),
            $"must hold extensions such as .png (got '{string.Join("', '", Extensions)}')");
    }

    /// <summary>The extensions as a set, each with a leading dot, compared ignoring case.</summary>
    internal HashSet<string> ExtensionSet() =>
        new(Extensions.Select(e => "." + e.Trim().TrimStart('.')), StringComparer.OrdinalIgnoreCase);

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition) throw new ArgumentException($"ImageLoadOptions.{option} {problem}.", option);
    }
}
