namespace Ml.Cnn.Transforms;

/// <summary>
/// Finds the images of a class-per-subfolder tree (as Keras' flow_from_directory): each immediate subfolder is a class
/// named after it (classes in ordinal order), its images are found below it (recursively by default) in ordinal order of
/// their relative paths. Hidden files and folders (names starting with a dot) are not visited. Symbolic links to folders
/// are followed unless they lead into a folder already inside or already read (<see cref="FolderWalker"/>).
/// </summary>
internal static class ImageFolderSource
{
    /// <summary>The images of each class, in class order, the number of files ignored for their extension, and of links not followed.</summary>
    /// <param name="directory">The root folder.</param>
    /// <param name="options">Validated options.</param>
    public static (List<ImageCandidate> Candidates, string[] Classes, int NonImageFiles, int LinksSkipped) Scan(string directory, ImageLoadOptions options)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Image folder '{directory}' does not exist.");
        var enumeration = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false };
        var classFolders = Directory.GetDirectories(directory, "*", enumeration).Order(StringComparer.Ordinal).ToArray();
        if (classFolders.Length == 0)
        {
            var loose = Directory.GetFiles(directory, "*", enumeration).Length;
            throw new ArgumentException(
                $"Image folder '{directory}' has no class subfolders (it holds {loose} files directly). Put each class's images " +
                "in a subfolder named after the class, e.g. DIR/cat/1.png and DIR/dog/2.png.", nameof(directory));
        }
        var extensions = options.ExtensionSet();
        // A link into the root or into another class folder would read images twice or under another class's label.
        var offLimits = classFolders.Select(PathStatus.Of).Append(PathStatus.Of(directory)).ToArray();
        var candidates = new List<ImageCandidate>();
        var classes = new string[classFolders.Length];
        var nonImage = 0;
        var linksSkipped = 0;
        for (var c = 0; c < classFolders.Length; c++)
        {
            var folder = classFolders[c];
            classes[c] = Path.GetFileName(folder);
            var origin = $"class folder '{classes[c]}'";
            var (files, skipped) = FolderWalker.List(folder, options.Recursive, offLimits);
            linksSkipped += skipped;
            foreach (var file in files
                         .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f)))
                         .OrderBy(f => f.Relative, StringComparer.Ordinal))
            {
                if (extensions.Contains(Path.GetExtension(file.Full))) candidates.Add(new ImageCandidate(file.Full, classes[c], origin));
                else nonImage++;
            }
        }
        return (candidates, classes, nonImage, linksSkipped);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the folder when no image, or no image of some class, is left.</summary>
    /// <param name="directory">The root folder.</param>
    /// <param name="classes">The class names in order.</param>
    /// <param name="readable">The images kept.</param>
    /// <param name="options">Validated options.</param>
    public static void RequireImages(string directory, string[] classes, List<ImageCandidate> readable, ImageLoadOptions options)
    {
        var extensions = string.Join(" ", options.ExtensionSet().Order(StringComparer.Ordinal));
        var where = options.Recursive ? "in or below" : "directly in";
        if (readable.Count == 0)
            throw new ArgumentException(
                $"Image folder '{directory}' holds no readable images ({extensions}) {where} its class subfolders " +
                $"({string.Join(", ", classes)}).", nameof(directory));
        var counts = readable.CountBy(r => r.Label, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        foreach (var name in classes)
            if (!counts.ContainsKey(name))
                throw new ArgumentException(
                    $"Class folder '{Path.Combine(directory, name)}' holds no readable images ({extensions}) {where} it. Add images " +
                    "or remove the folder.", nameof(directory));
    }
}
