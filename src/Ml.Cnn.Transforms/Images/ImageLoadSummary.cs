using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>What a load of image files did: images kept, files ignored or skipped, and the classes found.</summary>
public sealed class ImageLoadSummary
{
    internal ImageLoadSummary(int imagesLoaded, int nonImageFilesIgnored, IReadOnlyList<string> skippedFiles, IReadOnlyList<string> classes)
    {
        ImagesLoaded = imagesLoaded;
        NonImageFilesIgnored = nonImageFilesIgnored;
        SkippedFiles = skippedFiles;
        Classes = classes;
    }

    /// <summary>Number of images (rows) loaded.</summary>
    public int ImagesLoaded { get; }

    /// <summary>Files in class folders whose extension is not in <see cref="ImageLoadOptions.Extensions"/> (0 for tables).</summary>
    public int NonImageFilesIgnored { get; }

    /// <summary>
    /// Files and table rows skipped because of <see cref="ImageLoadOptions.SkipUnreadable"/>: missing or unreadable files,
    /// and table rows without a label.
    /// </summary>
    public int UnreadableSkipped => SkippedFiles.Count;

    /// <summary>What was skipped, in load order: the file's path, and for tables the row (e.g. <c>labels.csv row 7: cat/x.png</c>).</summary>
    public IReadOnlyList<string> SkippedFiles { get; }

    /// <summary>The distinct labels of the loaded images in ordinal order (for folders: the class folder names).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>One line, e.g. <c>120 images, 3 classes; 2 non-image files ignored; 1 unreadable skipped</c>.</summary>
    public override string ToString() =>
        $"{ImagesLoaded} images, {Classes.Count} classes; {NonImageFilesIgnored} non-image files ignored; {UnreadableSkipped} unreadable skipped";
}
