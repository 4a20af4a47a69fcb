namespace Ml.Cnn.Transforms;

/// <summary>
/// The image files a load found and checked, in row order: each file with its label, what the load did, and the size of the
/// first file.
/// </summary>
/// <param name="Paths">The image files, one per row.</param>
/// <param name="Labels">Each row's label.</param>
/// <param name="Summary">What the load did.</param>
/// <param name="FirstWidth">The width of the first image.</param>
/// <param name="FirstHeight">The height of the first image.</param>
internal sealed record ImageFileListing(IReadOnlyList<string> Paths, IReadOnlyList<string> Labels, ImageLoadSummary Summary,
    int FirstWidth, int FirstHeight)
{
    /// <summary>
    /// Finds the images of a class-per-subfolder tree (<see cref="ImageFolderSource"/>) and checks each file's header
    /// (<see cref="ImageHeaderCheck"/>).
    /// </summary>
    /// <param name="directory">The root folder.</param>
    /// <param name="options">Validated options.</param>
    /// <exception cref="ArgumentException">No class subfolders, no images, a class folder without images, or an unreadable file.</exception>
    public static ImageFileListing Folder(string directory, ImageLoadOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var (candidates, classes, nonImage, linksSkipped) = ImageFolderSource.Scan(directory, options);
        var skipped = new List<string>();
        var (readable, width, height) = candidates.Count == 0 ? ([], 0, 0) : ImageHeaderCheck.Run(candidates, options.SkipUnreadable, skipped);
        ImageFolderSource.RequireImages(directory, classes, readable, options);
        return Create(readable, width, height, nonImage, skipped, linksSkipped, []);
    }

    /// <summary>Reads a TSV/CSV table of paths and labels (<see cref="ImageTableSource"/>) and checks each file's header.</summary>
    /// <param name="path">The table file.</param>
    /// <param name="options">Validated options.</param>
    /// <exception cref="ArgumentException">A row with a missing file or an empty label (naming its line), or an unreadable file.</exception>
    public static ImageFileListing Table(string path, ImageLoadOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var skipped = new List<string>();
        var warnings = new List<string>();
        var candidates = ImageTableSource.Read(path, options, skipped, warnings);
        var (readable, width, height) = ImageHeaderCheck.Run(candidates, options.SkipUnreadable, skipped);
        if (readable.Count == 0)
            throw new ArgumentException($"Image table '{path}' lists no readable images ({skipped.Count} rows skipped).", nameof(path));
        return Create(readable, width, height, 0, skipped, 0, warnings);
    }

    private static ImageFileListing Create(List<ImageCandidate> images, int width, int height, int nonImage, List<string> skipped,
        int linksSkipped, List<string> warnings)
    {
        var labels = images.Select(i => i.Label).ToArray();
        var classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var summary = new ImageLoadSummary(images.Count, nonImage, skipped, classes, linksSkipped, warnings);
        return new ImageFileListing(images.Select(i => i.Path).ToArray(), labels, summary, width, height);
    }
}
