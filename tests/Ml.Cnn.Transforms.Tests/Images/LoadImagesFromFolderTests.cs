using Microsoft.ML;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>How <c>ml.Data.LoadImagesFromFolder</c> walks a class-per-subfolder tree, checks the files and reports what it did.</summary>
public class LoadImagesFromFolderTests
{
    private static readonly ImageShape Rgb2x3 = new(3, 2, 3);

    private static ImageFileDataView Load(string folder, ImageLoadOptions? options = null) =>
        new MLContext(1).Data.LoadImagesFromFolder(folder, options);

    private static string[] Labels(IDataView view) => TestImages.Text(view, "Label");

    private static string[] Paths(IDataView view) => TestImages.Text(view, ImageFileDataView.PathColumnName);

    [ImageCodecFact]
    public void ClassesAreTheSubfolderNamesInOrdinalOrder()
    {
        using var root = new TempFolder();
        foreach (var name in new[] { "2", "10", "1", "b", "B", "a" })
            BmpFile.WriteSolid(Path.Combine(root.Path, name, "x.bmp"), 2, 2, (1, 2, 3));

        var view = Load(root.Path);

        // Ordinal order: "1" < "10" < "2" (text, not numbers), upper case before lower case.
        string[] expected = ["1", "10", "2", "B", "a", "b"];
        Assert.Equal(expected, Labels(view));
        Assert.Equal(expected, view.Summary.Classes);
    }

    [ImageCodecFact]
    public void FindsImagesRecursivelyOrderedByRelativePath()
    {
        using var root = new TempFolder();
        var top = BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "x.bmp"), 2, 2, (9, 9, 9));
        var deep = BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "sub", "deeper", "y.bmp"), 2, 2, (8, 8, 8));
        BmpFile.WriteSolid(Path.Combine(root.Path, "dog", "d.bmp"), 2, 2, (7, 7, 7));

        var all = Load(root.Path);
        var flat = Load(root.Path, new ImageLoadOptions { Recursive = false });

        Assert.Equal([deep, top, Path.Combine(root.Path, "dog", "d.bmp")], Paths(all));
        Assert.Equal(["cat", "cat", "dog"], Labels(all));
        Assert.Equal([top, Path.Combine(root.Path, "dog", "d.bmp")], Paths(flat));
    }

    [ImageCodecFact]
    public void NonImageFilesAreIgnoredAndCountedAndExtensionsIgnoreCase()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "A.BMP"), 2, 2, (1, 1, 1));
        File.WriteAllText(Path.Combine(root.Path, "cat", "notes.txt"), "not an image");
        BmpFile.WriteSolid(Path.Combine(root.Path, "dog", "b.bmp"), 2, 2, (2, 2, 2));
        File.WriteAllText(Path.Combine(root.Path, "dog", "labels.csv"), "x");

        var summary = Load(root.Path).Summary;

        Assert.Equal(2, summary.ImagesLoaded);
        Assert.Equal(2, summary.NonImageFilesIgnored);
        Assert.Equal(0, summary.UnreadableSkipped);
        Assert.Equal("2 images, 2 classes; 2 non-image files ignored; 0 unreadable skipped", summary.ToString());
    }

    [ImageCodecFact]
    public void AClassFolderWithoutImagesIsAnErrorNamingIt()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "a.bmp"), 2, 2, (1, 1, 1));
        Directory.CreateDirectory(Path.Combine(root.Path, "dog"));
        File.WriteAllText(Path.Combine(root.Path, "dog", "readme.txt"), "empty");

        var e = Assert.Throws<ArgumentException>(() => Load(root.Path));

        Assert.Contains($"Class folder '{Path.Combine(root.Path, "dog")}' holds no readable images", e.Message);
    }

    [Fact]
    public void NoImagesAtAllIsAnErrorNamingTheFolder()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(Path.Combine(root.Path, "cat"));
        File.WriteAllText(Path.Combine(root.Path, "cat", "a.txt"), "x");

        var e = Assert.Throws<ArgumentException>(() => Load(root.Path));

        Assert.Contains($"Image folder '{root.Path}' holds no readable images", e.Message);
    }

    [Fact]
    public void AFolderWithoutClassSubfoldersIsAnErrorSayingWhatToDo()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.File("a.png"), "x");

        var e = Assert.Throws<ArgumentException>(() => Load(root.Path));

        Assert.Contains("has no class subfolders (it holds 1 files directly)", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Load(root.File("missing")));
    }

    [ImageCodecFact]
    public void DecodedPixelsEqualTheBmpPixels()
    {
        using var root = new TempFolder();
        var first = TestImages.Pattern(Rgb2x3, 1);
        var second = TestImages.Pattern(Rgb2x3, 2);
        BmpFile.Write(Path.Combine(root.Path, "a", "1.bmp"), Rgb2x3, first);
        BmpFile.Write(Path.Combine(root.Path, "b", "2.bmp"), Rgb2x3, second);

        var pixels = TestImages.Decode(Load(root.Path), Rgb2x3);

        Assert.Equal(first.Concat(second), pixels);
    }

    [ImageCodecFact]
    public void AnUnreadableFileIsAnErrorNamingItUnlessSkipped()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "good.bmp"), 2, 2, (1, 1, 1));
        var bad = Path.Combine(root.Path, "cat", "bad.png");
        File.WriteAllText(bad, "this is not a PNG");
        BmpFile.WriteSolid(Path.Combine(root.Path, "dog", "good.bmp"), 2, 2, (2, 2, 2));

        var e = Assert.Throws<ArgumentException>(() => Load(root.Path));
        var view = Load(root.Path, new ImageLoadOptions { SkipUnreadable = true });

        Assert.Contains($"Image file '{bad}' (class folder 'cat') is unreadable", e.Message);
        Assert.Contains("SkipUnreadable", e.Message);
        var summary = view.Summary;
        Assert.Equal(2, summary.ImagesLoaded);
        Assert.Equal(1, summary.UnreadableSkipped);
        Assert.StartsWith($"class folder 'cat': {bad} (not a PNG, JPEG, BMP or GIF image", Assert.Single(summary.SkippedFiles));
        Assert.Equal(["cat", "dog"], Labels(view));
    }

    [ImageCodecFact]
    public void AClassWhoseImagesAreAllSkippedIsAnError()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "good.bmp"), 2, 2, (1, 1, 1));
        Directory.CreateDirectory(Path.Combine(root.Path, "dog"));
        File.WriteAllBytes(Path.Combine(root.Path, "dog", "empty.jpg"), []);

        var e = Assert.Throws<ArgumentException>(() => Load(root.Path, new ImageLoadOptions { SkipUnreadable = true }));

        Assert.Contains($"Class folder '{Path.Combine(root.Path, "dog")}' holds no readable images", e.Message);
    }

    [ImageCodecFact]
    public void ALinkBackIntoTheTreeIsNotFollowed_AndCounted()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "3", "a.bmp"), 2, 2, (1, 1, 1));
        BmpFile.WriteSolid(Path.Combine(root.Path, "4", "b.bmp"), 2, 2, (2, 2, 2));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "3", "loop"), "..");
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "3", "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "3", "other"), Path.Combine(root.Path, "4"));

        var view = Load(root.Path);

        Assert.Equal(["3", "4"], Labels(view));
        Assert.Equal(3, view.Summary.LinksSkipped);
        Assert.Contains("3 symbolic links not followed", view.Summary.ToString());
    }

    [ImageCodecFact]
    public void ALinkToAFolderOutsideTheTreeIsFollowedOnce()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(outside.Path, "x.bmp"), 2, 2, (1, 1, 1));
        Directory.CreateDirectory(Path.Combine(root.Path, "cat"));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "cat", "more"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "cat", "again"), outside.Path);

        var view = Load(root.Path);

        Assert.Equal(["cat"], Labels(view));
        Assert.Equal(1, view.Summary.LinksSkipped);
    }

    [ImageCodecFact]
    public void AFileWhosePixelsDoNotDecodeIsSkippedAtLoadWithSkipUnreadable()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "good.bmp"), 2, 2, (1, 1, 1));
        BmpFile.WriteSolid(Path.Combine(root.Path, "dog", "good.bmp"), 2, 2, (2, 2, 2));
        var png = TestImages.WritePng(Path.Combine(root.Path, "dog", "bad.png"), new ImageShape(3, 8, 8), TestImages.Pattern(new ImageShape(3, 8, 8)));
        var bytes = File.ReadAllBytes(png);
        bytes[bytes.AsSpan().IndexOf("IDAT"u8) + 6] ^= 0x40; // the header stays valid; the pixel data does not
        File.WriteAllBytes(png, bytes);

        var strict = Load(root.Path);
        var skipping = Load(root.Path, new ImageLoadOptions { SkipUnreadable = true });

        Assert.Equal(3, strict.GetRowCount()); // only the header is checked: the damage shows when the image is decoded
        var e = Assert.Throws<InvalidDataException>(() => TestImages.Decode(strict, new ImageShape(3, 8, 8)));
        Assert.Contains("Image column 'Image', row 1: ", e.Message);
        Assert.Contains("Remove or replace that image", e.Message);
        Assert.Equal(2, skipping.GetRowCount());
        Assert.Contains("cannot decode the PNG image", Assert.Single(skipping.Summary.SkippedFiles));
    }

    [ImageCodecFact]
    public void AFileNameThatIsNotUtf8IsNamedAsSuch()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "a.bmp"), 2, 2, (1, 1, 1));
        BmpFile.WriteSolid(Path.Combine(root.Path, "dog", "b.bmp"), 2, 2, (2, 2, 2));
        Bash("cp dog/b.bmp dog/$'caf\\xe9.bmp'", root.Path); // a Latin-1 name, which .NET cannot spell

        var e = Record.Exception(() => Load(root.Path));
        Bash("rm dog/caf*.bmp", root.Path); // TempFolder cannot delete it either

        Assert.IsType<ArgumentException>(e);
        Assert.Contains("is not valid UTF-8", e.Message);
        Assert.Contains("rename it", e.Message);
    }

    private static void Bash(string command, string folder)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = folder })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
