using Microsoft.ML;
using Ml.Cnn.Legacy;
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
    /// Files are found, ordered and checked (each file's header) exactly as by the legacy
    /// <see cref="DataCatalogImageExtensions.LoadImagesFromFolder"/>; see it for the rules. Columns: <c>ImagePath</c>,
    /// <c>Label</c> (the class folder's name) and <c>Image</c> (the file's bytes, read when a cursor asks for them); see
    /// <see cref="ImageFileDataView"/>.
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="folder">The root folder.</param>
    /// <param name="options">
    /// Loading options; null uses the defaults. <see cref="ImageLoadOptions.Width"/>, <see cref="ImageLoadOptions.Height"/>,
    /// <see cref="ImageLoadOptions.ColorMode"/> and <see cref="ImageLoadOptions.Resize"/> do not apply: the image column holds
    /// the encoded files, and the trainer's options decide the decoded size and channels.
    /// </param>
    /// <exception cref="ArgumentException">No class subfolders, no images, a class folder without images, or an unreadable file (named).</exception>
    public static ImageFileDataView LoadImagesFromFolder(this DataOperationsCatalog catalog, string folder, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = Checked(options);
        return new ImageFileDataView(new CnnContext(0).Data.LoadImagesFromFolder(folder, options), options);
    }

    /// <summary>
    /// Loads a TSV/CSV table listing image paths and labels, one image per row, parsed and checked (each file's header)
    /// exactly as by the legacy <see cref="DataCatalogImageExtensions.LoadImagesFromTable"/>; see it for the rules (separator,
    /// header, relative paths). Columns: <c>ImagePath</c>, <c>Label</c> and <c>Image</c> (the file's bytes, read when a cursor
    /// asks for them), rows in table order; see <see cref="ImageFileDataView"/>.
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="path">The table file.</param>
    /// <param name="options">
    /// Loading options; null uses the defaults. <see cref="ImageLoadOptions.Recursive"/>, <see cref="ImageLoadOptions.Extensions"/>,
    /// <see cref="ImageLoadOptions.Width"/>, <see cref="ImageLoadOptions.Height"/>, <see cref="ImageLoadOptions.ColorMode"/> and
    /// <see cref="ImageLoadOptions.Resize"/> do not apply.
    /// </param>
    /// <exception cref="ArgumentException">A row with a missing file or an empty label (naming its line), or an unreadable file (named).</exception>
    public static ImageFileDataView LoadImagesFromTable(this DataOperationsCatalog catalog, string path, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = Checked(options);
        return new ImageFileDataView(new CnnContext(0).Data.LoadImagesFromTable(path, options), options);
    }

    private static ImageLoadOptions Checked(ImageLoadOptions? options)
    {
        options ??= new ImageLoadOptions();
        options.Validate();
        ImageFileDataView.CheckNames(options);
        return options;
    }
}
