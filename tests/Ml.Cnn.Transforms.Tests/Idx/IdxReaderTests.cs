using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Idx;

public class IdxReaderTests
{
    [Fact]
    public void ReadImages_RoundTripsShapeAndPixels()
    {
        using var folder = new TempFolder();
        var pixels = IdxFiles.Ramp(3 * 4 * 5);
        var path = IdxFiles.WriteImages(folder.File("images-idx3-ubyte"), 3, 4, 5, pixels);

        var (shape, read) = IdxReader.ReadImages(path);

        Assert.Equal(new ImageShape(1, 4, 5), shape);
        Assert.Equal(pixels, read);
    }

    [Fact]
    public void ReadLabels_RoundTripsLabels()
    {
        using var folder = new TempFolder();
        byte[] labels = [3, 0, 9, 9, 1];
        var path = IdxFiles.WriteLabels(folder.File("labels-idx1-ubyte"), labels);
        Assert.Equal(labels, IdxReader.ReadLabels(path, classCount: 10));
    }

    [Fact]
    public void Read_GzipFileEqualsTheRawFile()
    {
        using var folder = new TempFolder();
        var pixels = IdxFiles.Ramp(7 * 6 * 6);
        var raw = IdxFiles.WriteImages(folder.File("a-idx3-ubyte"), 7, 6, 6, pixels);
        var gz = IdxFiles.WriteImages(folder.File("a-idx3-ubyte.gz"), 7, 6, 6, pixels, gzip: true);
        Assert.NotEqual(File.ReadAllBytes(raw), File.ReadAllBytes(gz));

        var (rawDims, rawValues) = IdxReader.Read(raw, 3);
        var (gzDims, gzValues) = IdxReader.Read(gz, 3);

        Assert.Equal([7, 6, 6], rawDims);
        Assert.Equal(rawDims, gzDims);
        Assert.Equal(pixels, gzValues);
        Assert.Equal(rawValues, gzValues);
    }

    [Fact]
    public void Read_GzipDetectionIsByContentNotByName()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.WriteLabels(folder.File("labels-without-gz-suffix"), [1, 2, 3], gzip: true);
        Assert.Equal(new byte[] { 1, 2, 3 }, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Read_MissingFileNamesIt()
    {
        using var folder = new TempFolder();
        var path = folder.File("absent-idx1-ubyte");
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Read_WrongMagicNamesTheFile()
    {
        using var folder = new TempFolder();
        var bytes = IdxFiles.Encode([2], [0, 1]);
        bytes[0] = 0x50; // e.g. a PNG or text file
        var path = IdxFiles.Write(folder.File("not-idx"), bytes);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("not-idx", e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Read_UnsupportedValueTypeNamesTheFile()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.Write(folder.File("floats-idx1"), IdxFiles.Encode([1], [0, 0, 0, 0], type: 0x0D));
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("floats-idx1", e.Message);
        Assert.Contains("0x0D", e.Message);
    }

    [Fact]
    public void Read_WrongRankNamesTheFileAndBothRanks()
    {
        using var folder = new TempFolder();
        var labels = IdxFiles.WriteLabels(folder.File("labels-idx1-ubyte"), [1, 2]);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(labels));
        Assert.Contains("labels-idx1-ubyte", e.Message);
        Assert.Contains("declares 1 dimensions", e.Message);
        Assert.Contains("must have 3", e.Message);
    }

    [Fact]
    public void Read_TruncatedValuesNameTheFileAndTheCounts()
    {
        using var folder = new TempFolder();
        var full = IdxFiles.Encode([2, 3, 3], IdxFiles.Ramp(18));
        var path = IdxFiles.Write(folder.File("short-idx3-ubyte"), full[..^5]);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("short-idx3-ubyte", e.Message);
        Assert.Contains("18 values", e.Message);
        Assert.Contains("holds 13", e.Message);
    }

    [Fact]
    public void Read_DataBeyondTheDeclaredValuesNamesTheFile()
    {
        using var folder = new TempFolder();
        var full = IdxFiles.Encode([2, 3, 3], IdxFiles.Ramp(18));
        var path = IdxFiles.Write(folder.File("long-idx3-ubyte"), [.. full, 1, 2, 3]);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("long-idx3-ubyte", e.Message);
        Assert.Contains("more data than the 18 values", e.Message);
    }

    [Fact]
    public void Read_TruncatedHeaderNamesTheFile()
    {
        using var folder = new TempFolder();
        var full = IdxFiles.Encode([2, 3, 3], IdxFiles.Ramp(18));
        var path = IdxFiles.Write(folder.File("header-idx3-ubyte"), full[..9]);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("header-idx3-ubyte", e.Message);
        Assert.Contains("dimension header", e.Message);
    }

    [Fact]
    public void Read_EmptyFileNamesIt()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.Write(folder.File("empty"), []);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Read_ZeroDimensionIsRejected()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.Write(folder.File("zero-idx3"), IdxFiles.Encode([0, 28, 28], []));
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("dimension 0 is 0", e.Message);
    }

    [Fact]
    public void ReadLabels_OutOfRangeNamesTheFileTheLabelAndTheRow()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.WriteLabels(folder.File("labels-idx1-ubyte"), [0, 9, 12, 3]);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path, classCount: 10));

        Assert.Contains("labels-idx1-ubyte", e.Message);
        Assert.Contains("label 12 at row 2", e.Message);
        Assert.Contains("0..9", e.Message);
    }

    [Fact]
    public void Read_CorruptGzipNamesTheFile()
    {
        using var folder = new TempFolder();
        var gz = IdxFiles.Gzip(IdxFiles.Encode([3, 4, 4], IdxFiles.Ramp(48)));
        gz[10] = 0xFF; // the first deflate block header: final block of the reserved (invalid) type 3
        var path = IdxFiles.Write(folder.File("corrupt-idx3-ubyte.gz"), gz);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("corrupt-idx3-ubyte.gz", e.Message);
        Assert.Contains("gzip", e.Message);
    }

    [Fact]
    public void Read_TruncatedGzipNamesTheFile()
    {
        using var folder = new TempFolder();
        var gz = IdxFiles.Gzip(IdxFiles.Encode([4, 8, 8], IdxFiles.Ramp(256)));
        var path = IdxFiles.Write(folder.File("cut-idx3-ubyte.gz"), gz[..(gz.Length / 2)]);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("cut-idx3-ubyte.gz", e.Message);
    }
    [Fact]
    public void Read_DamagedGzipSignatureIsNamedAsSuch()
    {
        using var folder = new TempFolder();
        var gz = IdxFiles.Gzip(IdxFiles.Encode([3, 4, 4], IdxFiles.Ramp(48)));
        gz[1] = 0x8c;
        var path = IdxFiles.Write(folder.File("magic-idx3-ubyte.gz"), gz);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("1f 8c instead of the signature 1f 8b: the gzip header is damaged", e.Message);
        Assert.DoesNotContain("dimensions", e.Message);
    }

    [Fact]
    public void Read_AGzNameWithoutTheGzipSignatureIsNamedAsSuch()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.Write(folder.File("raw-idx3-ubyte.gz"), IdxFiles.Encode([3, 4, 4], IdxFiles.Ramp(48)));

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("is named .gz but starts with 00 00, not the gzip signature", e.Message);
    }

    [Fact]
    public void Read_GzipCrcErrorSaysCrcNotCompressionMethod()
    {
        using var folder = new TempFolder();
        var gz = IdxFiles.Gzip(IdxFiles.Encode([3, 4, 4], IdxFiles.Ramp(48)));
        gz[^8] ^= 0xFF; // the CRC-32 in the gzip trailer
        var path = IdxFiles.Write(folder.File("crc-idx3-ubyte.gz"), gz);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("CRC-32 check failed", e.Message);
        Assert.DoesNotContain("compression method", e.Message);
    }

    [Fact]
    public void Read_ACountOf0xFFFFFFFFIsADamagedHeader()
    {
        using var folder = new TempFolder();
        var bytes = IdxFiles.Encode([3, 4, 4], IdxFiles.Ramp(48));
        bytes.AsSpan(4, 4).Fill(0xFF);
        var path = IdxFiles.Write(folder.File("count-idx3-ubyte"), bytes);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("dimension 0 is 4294967295 (0xFFFFFFFF), more than any IDX file holds: the header is damaged", e.Message);
    }

    [Fact]
    public void Read_AHugeDeclaredCountIsTruncationBeforeAnyLargeAllocation()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.Write(folder.File("huge-idx3-ubyte"), IdxFiles.Encode([1_000_000, 28, 28], IdxFiles.Ramp(784)));

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated: the header declares 784000000 values but the file holds 784", e.Message);
    }

    [Fact]
    public void Read_AHugeDeclaredCountInGzipIsTruncation()
    {
        using var folder = new TempFolder();
        var path = IdxFiles.Write(folder.File("huge-idx3-ubyte.gz"), IdxFiles.Encode([1_000_000, 28, 28], IdxFiles.Ramp(784)), gzip: true);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated: the header declares 784000000 values but the file holds 784", e.Message);
    }

    [Fact]
    public void LabelWarning_NamesValuesFarFromTheOthersAndTheClassCount()
    {
        var labels = Enumerable.Range(0, 100).Select(i => (byte)(i % 10)).Concat(new byte[] { 200, 255, 255 }).ToArray();

        var warning = IdxReader.LabelWarning(labels);

        Assert.NotNull(warning);
        Assert.Contains("12 distinct values", warning);
        Assert.Contains("200 (1 rows), 255 (2 rows) lie far from the others (0..9)", warning);
        Assert.Contains("the model gets 12 classes", warning);
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, false)]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, false)]
    [InlineData(new byte[] { 0, 1 }, false)]
    [InlineData(new byte[] { 0, 2, 4 }, true)]
    [InlineData(new byte[] { 5 }, true)]
    public void LabelWarning_OnlyForSparseOrFarValues(byte[] labels, bool warns) =>
        Assert.Equal(warns, IdxReader.LabelWarning(labels) is not null);
    [Fact]
    public void Read_GzipWithBytesCutAnywhereIsRefusedOrGivesTheOriginal()
    {
        using var folder = new TempFolder();
        var values = new byte[64];
        new Random(5).NextBytes(values); // incompressible: deflate stores the bytes as they are, so cuts can shift the trailer into the data
        var raw = IdxFiles.Encode([1, 8, 8], values);
        var gz = IdxFiles.Gzip(raw);
        var path = folder.File("cut-idx3-ubyte.gz");
        for (var at = 0; at < gz.Length; at++)
        for (var length = 1; length <= 8 && at + length <= gz.Length; length++)
        {
            File.WriteAllBytes(path, [.. gz[..at], .. gz[(at + length)..]]);
            try
            {
                var (dims, read) = IdxReader.Read(path, 3);
                Assert.Equal(raw, IdxFiles.Encode(dims, read));
            }
            catch (IdxFormatException)
            {
            }
        }
    }
}
