using Microsoft.ML;
using Ml.Cnn.Transforms;

namespace Ml.Cnn;

/// <summary>
/// Image files on ML.NET's <see cref="DataOperationsCatalog"/>: <c>mlContext.Data.LoadImagesFromFolder(...)</c> (a
/// class-per-subfolder tree) and <c>mlContext.Data.LoadImagesFromTable(...)</c> (a TSV/CSV of paths and labels).
/// </summary>
public static class ImageFilesCatalogExtensions
{
    /// <summary>
    /// Loads a class-per-subfolder tree (as Keras' flow_from_directory): <c>DIR/cat/1.png</c>, <c>DIR/dog/a/2.jpg</c>, …
    /// Class names are the immediate subfolders' names in ordinal order ("1" &lt; "10" &lt; "2" &lt; "B" &lt; "a"); images
    /// are found below each class folder (recursively unless <see cref="ImageLoadOptions.Recursive"/> is false), ordered by
    /// their relative paths; files with other extensions are ignored and counted; hidden files and folders are not visited;
    /// symbolic links to folders are followed except into a folder already inside, another class folder or a folder
    /// already read (counted in <see cref="ImageLoadSummary.LinksSkipped"/>). Each file's header is checked now (every
    /// file is decoded once with <see cref="ImageLoadOptions.SkipUnreadable"/>). Columns: <c>ImagePath</c>, <c>Label</c>
    /// (the class folder's name) and <c>Image</c> (the file's bytes, read when a cursor asks for them); see
    /// <see cref="ImageFileDataView"/>.
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="folder">The root folder.</param>
    /// <param name="options">
    /// Loading options; null uses the defaults. The image column holds the encoded files: the trainer's options decide the
    /// decoded size and channels.
    /// </param>
    /// <exception cref="ArgumentException">No class subfolders, no images, a class folder without images, or an unreadable file (named).</exception>
    public static ImageFileDataView LoadImagesFromFolder(this DataOperationsCatalog catalog, string folder, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = Checked(options);
        return new ImageFileDataView(ImageFileListing.Folder(folder, options), options);
    }

    /// <summary>
    /// Loads a TSV/CSV table listing image paths and labels, one image per row. The separator is a tab when the first line
    /// has one, else a comma, else a semicolon; cells may be quoted. The first row is a header when it names a path column
    /// (<c>path</c>, <c>image</c>, <c>file</c> or <c>filename</c>) or a label column (<c>label</c>, <c>class</c> or
    /// <c>target</c>), ignoring case, and its path cell is not an existing file; the named columns are used, otherwise
    /// the first column is the path and the second the label. Relative paths are relative to the table's folder. Blank
    /// lines are ignored; a quoted cell without its closing quote is a row error; rows with extra cells and files listed
    /// again with another label are kept and reported in <see cref="ImageLoadSummary.Warnings"/>. Each file's header is
    /// checked now (every file is decoded once with <see cref="ImageLoadOptions.SkipUnreadable"/>). Columns:
    /// <c>ImagePath</c>, <c>Label</c> and <c>Image</c> (the file's bytes, read when a cursor asks for them), rows in table
    /// order; see <see cref="ImageFileDataView"/>.
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="path">The table file.</param>
    /// <param name="options">
    /// Loading options; null uses the defaults. <see cref="ImageLoadOptions.Recursive"/> and
    /// <see cref="ImageLoadOptions.Extensions"/> do not apply.
    /// </param>
    /// <exception cref="ArgumentException">A row with a missing file or an empty label (naming its line), or an unreadable file (named).</exception>
    public static ImageFileDataView LoadImagesFromTable(this DataOperationsCatalog catalog, string path, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = Checked(options);
        return new ImageFileDataView(ImageFileListing.Table(path, options), options);
    }

    private static ImageLoadOptions Checked(ImageLoadOptions? options)
    {
        options ??= new ImageLoadOptions();
        options.Validate();
        ImageFileDataView.CheckNames(options);
        return options;
    }
}
