using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Legacy;

/// <summary>Image-file loading on <see cref="DataCatalog"/>: class folders and tables of paths, decoded batch by batch.</summary>
public static class DataCatalogImageExtensions
{
    /// <summary>
    /// Loads a class-per-subfolder tree (as Keras' flow_from_directory): <c>DIR/cat/1.png</c>, <c>DIR/dog/a/2.jpg</c>, ...
    /// Class names are the immediate subfolders' names in ordinal order ("1" &lt; "10" &lt; "2" &lt; "B" &lt; "a"); images
    /// are found below each class folder (recursively unless <see cref="ImageLoadOptions.Recursive"/> is false), ordered by
    /// their relative paths; files with other extensions are ignored and counted; hidden files and folders are not visited;
    /// symbolic links to folders are followed except into a folder already inside, another class folder or a folder
    /// already read (counted in <see cref="ImageLoadSummary.LinksSkipped"/>). Each file's header is checked now (every
    /// file is decoded once with <see cref="ImageLoadOptions.SkipUnreadable"/>); pixels are decoded when a batch is read.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="directory">The root folder.</param>
    /// <param name="options">Loading options; null uses the defaults.</param>
    /// <returns>A view with an <see cref="ImageFileColumn"/> (Image) and a text column (Label); see <see cref="ImageFileColumn.Summary"/>.</returns>
    /// <exception cref="ArgumentException">No class subfolders, no images, a class folder without images, or an unreadable file.</exception>
    public static DataView LoadImagesFromFolder(this DataCatalog catalog, string directory, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new ImageLoadOptions();
        options.Validate();
        return Build(ImageFileListing.Folder(directory, options), options);
    }

    /// <summary>
    /// Loads a TSV/CSV table listing image paths and labels, one image per row. The separator is a tab when the first line
    /// has one, else a comma, else a semicolon; cells may be quoted. The first row is a header when it names a path column
    /// (<c>path</c>, <c>image</c>, <c>file</c> or <c>filename</c>) or a label column (<c>label</c>, <c>class</c> or
    /// <c>target</c>), ignoring case, and its path cell is not an existing file; the named columns are used, otherwise
    /// the first column is the path and the second the label. Relative paths are relative to the table's folder. Blank
    /// lines are ignored; a quoted cell without its closing quote is a row error; rows with extra cells and files listed
    /// again with another label are kept and reported in <see cref="ImageLoadSummary.Warnings"/>. Each file's header is
    /// checked now (every file is decoded once with <see cref="ImageLoadOptions.SkipUnreadable"/>); pixels are decoded
    /// when a batch is read.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">The table file.</param>
    /// <param name="options">Loading options (<see cref="ImageLoadOptions.Recursive"/> and <see cref="ImageLoadOptions.Extensions"/> do not apply); null uses the defaults.</param>
    /// <returns>A view with an <see cref="ImageFileColumn"/> (Image) and a text column (Label), rows in table order.</returns>
    /// <exception cref="ArgumentException">A row with a missing file or an empty label (naming its 1-based line), or an unreadable file.</exception>
    public static DataView LoadImagesFromTable(this DataCatalog catalog, string path, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ImageLoadOptions();
        options.Validate();
        return Build(ImageFileListing.Table(path, options), options);
    }

    private static DataView Build(ImageFileListing found, ImageLoadOptions options)
    {
        var shape = new ImageShape((int)options.ColorMode, options.Height ?? found.FirstHeight, options.Width ?? found.FirstWidth);
        var column = new ImageFileColumn(options.ImageColumnName, found.Paths, shape, options.Resize, found.Summary, options.SkipUnreadable);
        return new DataView([column, new ScalarColumn<string>(options.LabelColumnName, [.. found.Labels])]);
    }
}
