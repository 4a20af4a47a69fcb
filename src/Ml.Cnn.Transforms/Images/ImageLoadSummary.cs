namespace Ml.Cnn.Transforms;

/// <summary>
/// What a load of image files did: images kept, files ignored or skipped, symbolic links not followed, warnings about the
/// listing, the classes found, and files that failed to decode later, while batches were read.
/// </summary>
public sealed class ImageLoadSummary
{

    internal ImageLoadSummary(int imagesLoaded, int nonImageFilesIgnored, IReadOnlyList<string> skippedFiles, IReadOnlyList<string> classes,
        int linksSkipped = 0, IReadOnlyList<string>? warnings = null)
    {
        ImagesLoaded = imagesLoaded;
        NonImageFilesIgnored = nonImageFilesIgnored;
        SkippedFiles = skippedFiles;
        Classes = classes;
        LinksSkipped = linksSkipped;
        Warnings = warnings ?? [];
    }

    /// <summary>Number of images (rows) loaded.</summary>
    public int ImagesLoaded { get; }

    /// <summary>Files in class folders whose extension is not in <see cref="ImageLoadOptions.Extensions"/> (0 for tables).</summary>
    public int NonImageFilesIgnored { get; }

    /// <summary>
    /// Files and table rows skipped because of <see cref="ImageLoadOptions.SkipUnreadable"/>: missing or unreadable files,
    /// files whose pixels do not decode, and table rows without a label.
    /// </summary>
    public int UnreadableSkipped => SkippedFiles.Count;

    /// <summary>What was skipped, in load order: the file's path, and for tables the row (e.g. <c>labels.csv row 7: cat/x.png</c>).</summary>
    public IReadOnlyList<string> SkippedFiles { get; }

    /// <summary>The distinct labels of the loaded images in ordinal order (for folders: the class folder names).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>
    /// Symbolic links to folders that the folder walk did not follow because they lead into a folder it was already inside
    /// (a cycle, such as <c>cat/loop -&gt; ..</c>) or had already read (0 for tables).
    /// </summary>
    public int LinksSkipped { get; }

    /// <summary>
    /// Problems in the listing that did not stop the load, one sentence each naming the file and row: table rows with more
    /// cells than the header, files listed twice with different labels.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>One line, e.g. <c>120 images, 3 classes; 2 non-image files ignored; 1 unreadable skipped</c>.</summary>
    public override string ToString() =>
        $"{ImagesLoaded} images, {Classes.Count} classes; {NonImageFilesIgnored} non-image files ignored; {UnreadableSkipped} unreadable skipped" +
        (LinksSkipped > 0 ? $"; {LinksSkipped} symbolic links not followed (cycles or folders already read)" : "");
}
